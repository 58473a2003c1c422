//! Dominance on the raw scores: `b` dominates `a` when `b` is at least as good as `a` on every
//! criterion, in the criterion's direction, and strictly better on at least one. Two
//! alternatives with equal scores everywhere are "equal" (weak dominance both ways).
//!
//! Every normalisation is strictly increasing in a benefit score and strictly decreasing in a
//! cost score, and every PROMETHEE preference function is non-decreasing in the difference, so
//! an alternative that is dominated scores no higher than its dominator under every method
//! with every weighting: it can never be strictly first (it can tie when the criteria it loses
//! on weigh nothing). Uncertain scores are compared at their midpoints.

use serde::Serialize;

use crate::model::Model;

/// One dominance relation between two alternatives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dominance {
    /// The alternative that is dominated (id).
    pub dominated: String,
    /// The alternative that dominates it (id).
    pub by: String,
    /// Whether `by` is strictly better somewhere (`false`: the two are equal everywhere).
    pub strict: bool,
    /// The criteria (ids) on which `by` is strictly better.
    pub better_on: Vec<String>,
}

/// Every dominance relation of the model, dominated alternatives in the model's order, then
/// their dominators in the model's order. Equal pairs are listed both ways.
pub fn dominance(model: &Model) -> Vec<Dominance> {
    let x = model.scores.mid();
    let (n, m) = x.shape();
    let sign: Vec<f64> = model.criteria.iter().map(|c| c.direction.sign()).collect();
    let mut out = Vec::new();
    for a in 0..n {
        for b in (0..n).filter(|&b| b != a) {
            let mut better_on = Vec::new();
            let mut worse = false;
            for j in 0..m {
                let (ya, yb) = (sign[j] * x[(a, j)], sign[j] * x[(b, j)]);
                if yb > ya {
                    better_on.push(model.criteria[j].id.clone());
                } else if yb < ya {
                    worse = true;
                    break;
                }
            }
            if !worse {
                out.push(Dominance {
                    dominated: model.alternatives[a].id.clone(),
                    by: model.alternatives[b].id.clone(),
                    strict: !better_on.is_empty(),
                    better_on,
                });
            }
        }
    }
    out
}
