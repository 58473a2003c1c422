//! How sure is the answer? One-at-a-time weight sensitivity.
//!
//! Both analyses move one criterion's weight `t` from 0 to 1 while the other weights keep their
//! proportions ([`Weights::with_weight`]): with current weights `w`, criterion `j` at `t` gives
//! `w_k(t) = w_k (1 − t) / (1 − w_j)` for `k ≠ j`.
//!
//! - [`sweep`]: the ranking at evenly spaced weights and where it changes;
//! - [`stability`]: the interval of each weight inside which the winner (and the whole ranking)
//!   stays, and the smallest single change of weight that changes the winner.
//!
//! Under WSM the normalised matrix `N` does not depend on the weights, so every score is linear
//! in `t`: `s_i(t) = a_i + b_i t` with `a_i = Σ_{k≠j} w_k N_ik / (1 − w_j)` and
//! `b_i = N_ij − a_i`. Two alternatives tie where their lines cross, at
//! `t = (a_q − a_p) / (b_p − b_q)`, which gives the exact change points. The other methods are
//! evaluated at each weight and their change points found by bisection to 1e-9.

pub mod groups;
pub mod stability;
pub mod sweep;

use std::sync::Arc;

use nalgebra::DMatrix;
use serde::{Serialize, Serializer};

use crate::linear::LinearScorer;
use crate::methods::{CriterionInfo, Method, Options, ScoreOrder, evaluate};
use crate::model::Model;
use crate::normalize::{Normalization, NormalizeError, normalize};
use crate::weights::Weights;

pub use stability::{Stability, stability};
pub use sweep::{Sweep, sweep};

/// Why a sensitivity analysis cannot run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SensitivityError {
    #[error(transparent)]
    Normalize(#[from] NormalizeError),
    #[error("a sweep needs at least 2 steps, got {0}")]
    TooFewSteps(usize),
    #[error(
        "a sweep lists the whole ranking at every step and every pair that swaps; {n} alternatives are more than the {max} it takes. Sweep a shortlist, such as the first {max} of `pmatrix rank`"
    )]
    TooManyAlternatives { n: usize, max: usize },
}

/// Scores of every alternative as a function of the weights.
pub(crate) enum Engine<'m> {
    /// WSM: `s = N·w`, with `N` normalised once.
    Linear(LinearScorer),
    /// WPM and TOPSIS: the matrix normalised once (normalisation does not depend on the
    /// weights), the method run on it at each weight vector.
    Normalised { r: DMatrix<f64>, method: Method },
    /// Any other method: [`evaluate`] at each weight vector.
    General {
        x: &'m DMatrix<f64>,
        criteria: Vec<CriterionInfo>,
        opts: Options,
    },
}

impl<'m> Engine<'m> {
    /// The engine for `opts` on the model's (midpoint) scores. Fails when the normalisation
    /// cannot take the data, which does not depend on the weights.
    pub(crate) fn new(model: &'m Model, opts: &Options) -> Result<Engine<'m>, NormalizeError> {
        let x = &model.scores.mid;
        if opts.method == Method::Wsm {
            let norm = opts
                .effective_normalization()
                .unwrap_or(Normalization::Scale);
            let nm = normalize(x, &model.columns(), norm)?.matrix;
            return Ok(Engine::Linear(LinearScorer::new(&nm)));
        }
        let criteria: Vec<CriterionInfo> = model.criteria.iter().map(Into::into).collect();
        evaluate(x, &criteria, model.weights.as_slice(), opts)?;
        if matches!(opts.method, Method::Wpm | Method::Topsis)
            && let Some(norm) = opts.effective_normalization()
        {
            // The same normalisation `evaluate` applies, done once; it succeeded just above.
            let r = normalize(x, &model.columns(), norm)?.matrix;
            return Ok(Engine::Normalised {
                r,
                method: opts.method,
            });
        }
        Ok(Engine::General {
            x,
            criteria,
            opts: *opts,
        })
    }

    /// Whether a higher or a lower score is better.
    pub(crate) fn order(&self) -> ScoreOrder {
        match self {
            Engine::Linear(_) | Engine::Normalised { .. } => ScoreOrder::Descending,
            Engine::General { opts, .. } => opts.method.score_order(),
        }
    }

    /// The scores at weights `w` (summing to 1).
    pub(crate) fn scores(&self, w: &[f64]) -> Result<Vec<f64>, NormalizeError> {
        match self {
            Engine::Linear(scorer) => Ok(scorer.scores(w)),
            Engine::Normalised { r, method } => Ok(match method {
                Method::Wpm => crate::methods::wpm::wpm(r.clone(), w).0,
                _ => crate::methods::topsis::topsis(r.clone(), w).closeness,
            }),
            Engine::General { x, criteria, opts } => Ok(evaluate(x, criteria, w, opts)?.scores),
        }
    }

    /// The ranking (indices, best first, ties in model order) at weights `w`.
    pub(crate) fn ranking(&self, w: &[f64]) -> Result<Vec<usize>, NormalizeError> {
        Ok(order_best_first(&self.scores(w)?, self.order()))
    }
}

/// [`crate::ranking::order_best_first`] with one sort when no two scores tie (the usual case).
pub(crate) fn order_best_first(scores: &[f64], order: ScoreOrder) -> Vec<usize> {
    // Sorting (score, index) pairs keeps the comparisons on contiguous data.
    let mut keyed: Vec<(f64, usize)> = scores.iter().copied().zip(0..).collect();
    match order {
        ScoreOrder::Descending => {
            keyed.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)))
        }
        ScoreOrder::Ascending => {
            keyed.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
        }
    }
    let scale = crate::ranking::magnitude(scores);
    if keyed
        .windows(2)
        .any(|p| crate::ranking::tied(p[0].0, p[1].0, scale))
    {
        return crate::ranking::order_best_first(scores, order);
    }
    keyed.into_iter().map(|(_, i)| i).collect()
}

impl Engine<'_> {
    /// For WSM, the lines `s_i(t) = a_i + b_i t` of criterion `j`'s weight; `None` otherwise.
    pub(crate) fn lines(&self, weights: &Weights, j: usize) -> Option<Vec<(f64, f64)>> {
        let Engine::Linear(scorer) = self else {
            return None;
        };
        let a = scorer.scores(weights.with_weight(j, 0.0).as_slice());
        Some(
            a.into_iter()
                .enumerate()
                .map(|(i, a)| (a, scorer.value(i, j) - a))
                .collect(),
        )
    }
}

pub use crate::assumption::fallback_criteria as minmax_fallback;

/// Where two lines `a_p + b_p t` and `a_q + b_q t` cross; `None` when they are parallel.
pub(crate) fn crossing((ap, bp): (f64, f64), (aq, bq): (f64, f64)) -> Option<f64> {
    let slope = bp - bq;
    (slope != 0.0)
        .then(|| (aq - ap) / slope)
        .filter(|t| t.is_finite())
}

/// The ids of the alternatives, shared by every ranking and score map of one result.
pub type Ids = Arc<[String]>;

/// The ids of a model's alternatives, in the model's order.
pub(crate) fn ids(model: &Model) -> Ids {
    model.alternatives.iter().map(|a| a.id.clone()).collect()
}

/// A ranking: alternative indices best first; serialised as their ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    ids: Ids,
    order: Vec<usize>,
}

impl Ranking {
    pub(crate) fn new(ids: &Ids, order: Vec<usize>) -> Ranking {
        Ranking {
            ids: ids.clone(),
            order,
        }
    }

    /// The alternatives' indices, best first.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// The alternatives' ids, best first.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(|&i| self.ids[i].as_str())
    }
}

impl Serialize for Ranking {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.ids())
    }
}

/// Two alternatives (indices); serialised as their ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    ids: Ids,
    pair: [usize; 2],
}

impl Pair {
    pub(crate) fn new(ids: &Ids, pair: [usize; 2]) -> Pair {
        Pair {
            ids: ids.clone(),
            pair,
        }
    }

    /// The two indices.
    pub fn order(&self) -> &[usize] {
        &self.pair
    }

    /// The two ids.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.pair.iter().map(|&i| self.ids[i].as_str())
    }
}

impl Serialize for Pair {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.ids())
    }
}

/// Scores in the model's order; serialised as `{id: score}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreMap {
    pub(crate) ids: Ids,
    values: Vec<f64>,
}

impl ScoreMap {
    pub(crate) fn new(ids: &Ids, values: Vec<f64>) -> ScoreMap {
        ScoreMap {
            ids: ids.clone(),
            values,
        }
    }

    /// The scores, in the model's order of alternatives.
    pub fn values(&self) -> &[f64] {
        &self.values
    }
}

impl Serialize for ScoreMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.ids.iter().zip(&self.values))
    }
}

/// Bisection on `[lo, hi]` where `inside(lo)` holds and `inside(hi)` does not, until the
/// bracket is at most `tol` wide. Returns the final bracket.
pub(crate) fn bisect<E>(
    mut lo: f64,
    mut hi: f64,
    tol: f64,
    mut inside: impl FnMut(f64) -> Result<bool, E>,
) -> Result<(f64, f64), E> {
    while (hi - lo).abs() > tol {
        let mid = 0.5 * (lo + hi);
        if inside(mid)? {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok((lo, hi))
}

/// Tolerance of the numerical searches on a weight.
pub const WEIGHT_TOLERANCE: f64 = 1e-9;

#[cfg(test)]
pub(crate) mod fixtures {
    use nalgebra::DMatrix;

    use crate::model::{Alternative, Criterion, Direction, Model, Preference, Scores};
    use crate::weights::Weights;

    /// A model from a row-major matrix; criteria `c0…` (benefit unless listed in `cost`),
    /// alternatives `a0…`, each criterion with the range `[0, 10]`.
    pub fn model(rows: usize, values: &[f64], weights: &[f64], cost: &[usize]) -> Model {
        let m = weights.len();
        let criteria = (0..m)
            .map(|j| Criterion {
                id: format!("c{j}"),
                name: format!("Criterion {j}"),
                description: None,
                direction: if cost.contains(&j) {
                    Direction::Cost
                } else {
                    Direction::Benefit
                },
                scale: None,
                range: Some((0.0, 10.0)),
                preference: Preference::Usual,
                value: None,
            })
            .collect();
        let alternatives = (0..rows)
            .map(|i| Alternative {
                id: format!("a{i}"),
                name: format!("Alternative {i}"),
                description: None,
            })
            .collect();
        Model {
            title: "test".into(),
            description: None,
            source: None,
            method: None,
            criteria,
            alternatives,
            scores: Scores::exact(DMatrix::from_row_slice(rows, m, values)),
            weights: Weights::normalized(weights).unwrap(),
            profiles: Vec::new(),
            tree: None,
        }
    }

    /// Four alternatives on three criteria, scored 0–10.
    pub fn small() -> Model {
        model(
            4,
            &[
                8.0, 3.0, 5.0, //
                4.0, 9.0, 2.0, //
                6.0, 6.0, 6.0, //
                2.0, 4.0, 9.0,
            ],
            &[0.5, 0.3, 0.2],
            &[],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn linear_engine_matches_evaluate() {
        let model = fixtures::small();
        let opts = Options::new(Method::Wsm);
        let engine = Engine::new(&model, &opts).unwrap();
        let w = model.weights.as_slice();
        let criteria: Vec<CriterionInfo> = model.criteria.iter().map(Into::into).collect();
        let want = evaluate(&model.scores.mid, &criteria, w, &opts).unwrap();
        assert_eq!(engine.scores(w).unwrap(), want.scores);
        let lines = engine.lines(&model.weights, 1).unwrap();
        for t in [0.0, 0.25, 0.7, 1.0] {
            let s = engine.scores(model.weights.with_weight(1, t).as_slice());
            for (i, (a, b)) in lines.iter().enumerate() {
                assert_relative_eq!(a + b * t, s.as_ref().unwrap()[i], epsilon = 1e-12);
            }
        }
    }

    /// WPM and TOPSIS normalise once; their scores equal `evaluate`'s bit for bit.
    #[test]
    fn normalised_engine_matches_evaluate() {
        let model = fixtures::small();
        let criteria: Vec<CriterionInfo> = model.criteria.iter().map(Into::into).collect();
        for method in [Method::Wpm, Method::Topsis] {
            let opts = Options::new(method);
            let engine = Engine::new(&model, &opts).unwrap();
            assert!(matches!(engine, Engine::Normalised { .. }));
            for t in [0.0, 0.3, 1.0] {
                let w = model.weights.with_weight(2, t);
                let want = evaluate(&model.scores.mid, &criteria, w.as_slice(), &opts).unwrap();
                assert_eq!(
                    engine.scores(w.as_slice()).unwrap(),
                    want.scores,
                    "{method}"
                );
            }
        }
    }

    #[test]
    fn crossing_of_two_lines() {
        assert_relative_eq!(crossing((0.0, 1.0), (0.5, 0.0)).unwrap(), 0.5);
        assert_eq!(crossing((0.0, 1.0), (0.5, 1.0)), None);
    }
}
