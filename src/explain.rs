//! `--explain`: what each criterion contributes to each alternative's score (the sentences
//! saying why the winner wins are written by the presentation layer).
//!
//! Each method's score is broken down per criterion in the way the method builds it:
//! WSM, the terms w·r that sum to the score; WPM, the factors r^w whose product is the score;
//! TOPSIS, the weighted normalised values w·r whose distances to the ideal make the score;
//! VIKOR, the weighted regrets w(f* − f)/(f* − f⁻) that sum to S (lower is better);
//! PROMETHEE, the per-criterion net flows w·φⱼ that sum to φ.

use nalgebra::DMatrix;

use crate::methods::{Details, Method};
use crate::model::Model;
use crate::normalize::normalize;
use crate::rank::Ranking;
use crate::weights::Weights;

/// A per-criterion breakdown of every alternative's score.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    /// Alternatives × criteria.
    pub values: DMatrix<f64>,
    /// Whether a larger value is better for the alternative.
    pub higher_is_better: bool,
    /// Whether values combine by product (WPM) rather than by sum.
    pub product: bool,
}

/// The breakdown of a ranking's scores.
pub fn breakdown(model: &Model, weights: &Weights, ranking: &Ranking) -> Breakdown {
    let w = weights.as_slice();
    let x = model.scores.mid();
    let (n, m) = x.shape();
    let dirs: Vec<_> = model.criteria.iter().map(|c| c.direction).collect();
    let weighted_normalised = || {
        let norm = ranking
            .evaluation
            .normalization
            .unwrap_or(crate::normalize::Normalization::Vector);
        // The evaluation already succeeded with this normalisation, so it cannot fail here.
        let r = normalize(x, &model.columns(), norm)
            .map(|n| n.matrix)
            .unwrap_or_else(|_| DMatrix::zeros(n, m));
        DMatrix::from_fn(n, m, |i, j| w[j] * r[(i, j)])
    };
    match (&ranking.evaluation.details, ranking.method) {
        (Details::Contributions(c), Method::Wsm) => Breakdown {
            values: c.clone(),
            higher_is_better: true,
            product: false,
        },
        (Details::Contributions(c), _) => Breakdown {
            values: c.clone(),
            higher_is_better: true,
            product: true,
        },
        (Details::Vikor(_), _) => Breakdown {
            values: crate::methods::vikor::regrets(x, &dirs, w),
            higher_is_better: false,
            product: false,
        },
        (Details::Promethee(_), _) => {
            let prefs: Vec<_> = model.criteria.iter().map(|c| c.preference).collect();
            let phi = crate::methods::promethee::criterion_flows(x, &dirs, &prefs);
            Breakdown {
                values: DMatrix::from_fn(n, m, |a, j| w[j] * phi[(a, j)]),
                higher_is_better: true,
                product: false,
            }
        }
        (Details::Topsis { .. }, _) => Breakdown {
            values: weighted_normalised(),
            higher_is_better: true,
            product: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::{Details, Options};

    /// Each additive breakdown adds up to what the method reports: WSM to the score, VIKOR's
    /// regrets to S, PROMETHEE's per-criterion flows to φ.
    #[test]
    fn breakdowns_add_up_to_the_method_values() {
        let model =
            crate::model::load("policies/kazakhstan-torture-prevention.toml".as_ref()).unwrap();
        for method in [Method::Wsm, Method::Vikor, Method::Promethee] {
            let r = crate::rank::rank(&model, &model.weights, None, &Options::new(method)).unwrap();
            let b = breakdown(&model, &model.weights, &r);
            let total: Vec<f64> = match &r.evaluation.details {
                Details::Vikor(v) => v.s.clone(),
                Details::Promethee(p) => p.phi.clone(),
                _ => r.evaluation.scores.clone(),
            };
            for (i, t) in total.iter().enumerate() {
                let sum: f64 = b.values.row(i).iter().sum();
                assert!(
                    (sum - t).abs() < 1e-12,
                    "{method}: row {i} sums to {sum}, not {t}"
                );
            }
        }
    }
}
