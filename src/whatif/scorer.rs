//! Scores as a function of the weights (and of the score matrix), for every method.
//!
//! WSM (under any normalisation, which does not depend on the weights) and PROMETHEE II are
//! linear in the weights: `s_i(w) = Σ_j C_ij w_j`. For WSM `C` is the normalised matrix; for
//! PROMETHEE, `φ(a) = Σ_j w_j φ_j(a)` with `φ_j(a) = (Σ_b P_j(a, b) − Σ_b P_j(b, a)) / (n − 1)`
//! the criterion's own net flow ([`crate::methods::promethee::criterion_flows`]), since
//! `π(a, b) = Σ_j w_j P_j(a, b)` and the flows average π. TOPSIS, VIKOR and WPM are not linear
//! and are evaluated afresh at each weight vector.

use nalgebra::DMatrix;

use crate::methods::{CriterionInfo, Method, Options, ScoreOrder, evaluate, promethee};
use crate::model::Model;
use crate::normalize::{Normalization, NormalizeError, normalize};

/// The scores of every alternative at given weights.
pub(crate) struct Scorer<'m> {
    pub x: &'m DMatrix<f64>,
    pub criteria: Vec<CriterionInfo>,
    pub opts: Options,
    /// `C` for the methods linear in the weights.
    pub linear: Option<DMatrix<f64>>,
}

impl<'m> Scorer<'m> {
    pub fn new(model: &'m Model, opts: &Options) -> Result<Scorer<'m>, NormalizeError> {
        let x = model.scores.mid();
        let criteria: Vec<CriterionInfo> = model.criteria.iter().map(Into::into).collect();
        // Refuses data the normalisation cannot take, whatever the weights.
        evaluate(x, &criteria, model.weights.as_slice(), opts)?;
        let linear = linear_coefficients(x, &criteria, opts)?;
        Ok(Scorer {
            x,
            criteria,
            opts: *opts,
            linear,
        })
    }

    pub fn order(&self) -> ScoreOrder {
        self.opts.method.score_order()
    }

    /// The scores at weights `w`, as the method computes them.
    pub fn scores(&self, w: &[f64]) -> Vec<f64> {
        self.scores_of(self.x, w)
    }

    /// The scores of another matrix of the same shape (changed scores) at weights `w`.
    pub fn scores_of(&self, x: &DMatrix<f64>, w: &[f64]) -> Vec<f64> {
        // The data passed validation with this normalisation; a changed level stays inside
        // its scale, so only a numeric change could fail, and that path checks first.
        evaluate(x, &self.criteria, w, &self.opts)
            .map(|e| e.scores)
            .unwrap_or_else(|_| vec![f64::NAN; x.nrows()])
    }

    /// `s_a − s_b` turned so that positive favours `a`, for every method.
    pub fn lead(&self, sa: f64, sb: f64) -> f64 {
        match self.order() {
            ScoreOrder::Descending => sa - sb,
            ScoreOrder::Ascending => sb - sa,
        }
    }
}

/// `C` for WSM and PROMETHEE; `None` for the other methods.
pub(crate) fn linear_coefficients(
    x: &DMatrix<f64>,
    criteria: &[CriterionInfo],
    opts: &Options,
) -> Result<Option<DMatrix<f64>>, NormalizeError> {
    Ok(match opts.method {
        Method::Wsm => {
            let columns: Vec<_> = criteria.iter().map(|c| c.column.clone()).collect();
            let norm = opts
                .effective_normalization()
                .unwrap_or(Normalization::Scale);
            Some(normalize(x, &columns, norm)?.matrix)
        }
        Method::Promethee => {
            let dirs: Vec<_> = criteria.iter().map(|c| c.column.direction).collect();
            let prefs: Vec<_> = criteria.iter().map(|c| c.preference).collect();
            Some(promethee::criterion_flows(x, &dirs, &prefs))
        }
        _ => None,
    })
}

/// Whether alternative `a` is first or tied for first in `scores`, to the ranking's tolerance.
pub(crate) fn ties_for_first(scores: &[f64], a: usize, order: ScoreOrder) -> bool {
    let scale = crate::ranking::magnitude(scores);
    scores.iter().enumerate().all(|(b, &sb)| {
        b == a || !order.better(sb, scores[a]) || crate::ranking::tied(sb, scores[a], scale)
    })
}

/// Whether some alternative other than `a` scores as well as `a` or better.
pub(crate) fn caught(scores: &[f64], a: usize, order: ScoreOrder) -> bool {
    let scale = crate::ranking::magnitude(scores);
    scores.iter().enumerate().any(|(b, &sb)| {
        b != a && (order.better(sb, scores[a]) || crate::ranking::tied(sb, scores[a], scale))
    })
}
