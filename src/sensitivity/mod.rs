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
        /// PROMETHEE: each criterion's own net flow (alternatives × criteria), computed once.
        flows: Option<DMatrix<f64>>,
    },
}

impl<'m> Engine<'m> {
    /// The engine for `opts` on the model's (midpoint) scores. Fails when the normalisation
    /// cannot take the data, which does not depend on the weights.
    pub(crate) fn new(model: &'m Model, opts: &Options) -> Result<Engine<'m>, NormalizeError> {
        let x = model.scores.mid();
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
        let flows = (opts.method == Method::Promethee).then(|| {
            let dirs: Vec<_> = criteria.iter().map(|c| c.column.direction).collect();
            let prefs: Vec<_> = criteria.iter().map(|c| c.preference).collect();
            crate::methods::promethee::criterion_flows(x, &dirs, &prefs)
        });
        Ok(Engine::General {
            x,
            criteria,
            opts: *opts,
            flows,
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
            Engine::General {
                x, criteria, opts, ..
            } => Ok(evaluate(x, criteria, w, opts)?.scores),
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

/// The scores as one criterion's weight `t` moves, the others keeping their proportions
/// ([`Weights::with_weight`]).
pub(crate) enum Along<'e> {
    /// TOPSIS, in O(n) per weight. With `w_k(t) = (1 − t) u_k` for `k ≠ j`, and the ideal and
    /// anti-ideal of a column `w_k` times the column's largest and smallest normalised value,
    /// `d⁺ᵢ(t)² = (1 − t)² P⁺ᵢ + t² (r_ij − r⁺_j)²` with `P⁺ᵢ = Σ_{k≠j} u_k² (r_ik − r⁺_k)²`, and
    /// the same for `d⁻`: the other criteria are summed once per criterion, not at every weight.
    Topsis {
        plus: Vec<f64>,
        minus: Vec<f64>,
        own_plus: Vec<f64>,
        own_minus: Vec<f64>,
    },
    /// Scores linear in the weights (PROMETHEE's net flow φ = Σₖ wₖ φₖ): `(1 − t) a + t b`,
    /// with `a` the other criteria's flows weighted by `u_k` and `b` criterion j's own.
    Linear { rest: Vec<f64>, own: Vec<f64> },
    /// VIKOR: `S(t) = (1 − t) S' + t dⱼ` and `R(t) = max((1 − t) R', t dⱼ)`, with `S'` and `R'`
    /// the sum and maximum of the other criteria's regrets weighted by `u_k`, and Q from them.
    Vikor {
        s: Vec<f64>,
        r: Vec<f64>,
        own: Vec<f64>,
        v: f64,
    },
    /// WPM: `Πₖ r_ikʷᵏ` as `exp((1 − t) Σ_{k≠j} u_k ln r_ik + t ln r_ij)` (0 when a factor's
    /// value is 0 under a positive weight); `own` holds `ln r_ij` (−∞ for 0).
    Wpm {
        log_rest: Vec<f64>,
        zero_rest: Vec<bool>,
        own: Vec<f64>,
    },
    /// Any other method: the engine at each weight vector.
    Full {
        engine: &'e Engine<'e>,
        weights: Weights,
        j: usize,
    },
}

impl Along<'_> {
    /// The scores at weight `t` of the criterion.
    pub(crate) fn scores(&self, t: f64) -> Result<Vec<f64>, NormalizeError> {
        match self {
            Along::Topsis {
                plus,
                minus,
                own_plus,
                own_minus,
            } => {
                let (c, t2) = ((1.0 - t) * (1.0 - t), t * t);
                Ok((0..plus.len())
                    .map(|i| {
                        let p = (c * plus[i] + t2 * own_plus[i]).sqrt();
                        let m = (c * minus[i] + t2 * own_minus[i]).sqrt();
                        if p + m == 0.0 { 1.0 } else { m / (p + m) }
                    })
                    .collect())
            }
            Along::Linear { rest, own } => Ok(rest
                .iter()
                .zip(own)
                .map(|(a, b)| (1.0 - t) * a + t * b)
                .collect()),
            Along::Vikor { s, r, own, v } => {
                let s: Vec<f64> = s
                    .iter()
                    .zip(own)
                    .map(|(a, d)| (1.0 - t) * a + t * d)
                    .collect();
                let r: Vec<f64> = r
                    .iter()
                    .zip(own)
                    .map(|(a, d)| ((1.0 - t) * a).max(t * d))
                    .collect();
                Ok(crate::methods::vikor::q_index(&s, &r, *v))
            }
            Along::Wpm {
                log_rest,
                zero_rest,
                own,
            } => Ok((0..own.len())
                .map(|i| {
                    // A factor with weight 0 is 1, a zero value under a positive weight 0.
                    let rest_zero = t < 1.0 && zero_rest[i];
                    let own_zero = t > 0.0 && own[i] == f64::NEG_INFINITY;
                    if rest_zero || own_zero {
                        return 0.0;
                    }
                    let rest = if t == 1.0 {
                        0.0
                    } else {
                        (1.0 - t) * log_rest[i]
                    };
                    let mine = if t == 0.0 { 0.0 } else { t * own[i] };
                    (rest + mine).exp()
                })
                .collect()),
            Along::Full { engine, weights, j } => {
                engine.scores(weights.with_weight(*j, t).as_slice())
            }
        }
    }
}

impl<'m> Engine<'m> {
    /// The scores along criterion `j`'s weight from `weights`.
    pub(crate) fn along<'e>(&'e self, weights: &Weights, j: usize) -> Along<'e> {
        if let Engine::Normalised {
            r,
            method: Method::Topsis,
        } = self
        {
            let (n, m) = r.shape();
            let w = weights.as_slice();
            let rest = 1.0 - w[j];
            let col = |k: usize| &r.as_slice()[k * n..(k + 1) * n];
            let ends = |k: usize| {
                let c = col(k);
                let first = c.first().copied().unwrap_or(0.0);
                (
                    c.iter().fold(first, |a, &b| a.max(b)),
                    c.iter().fold(first, |a, &b| a.min(b)),
                )
            };
            let mut plus = vec![0.0; n];
            let mut minus = vec![0.0; n];
            for k in (0..m).filter(|&k| k != j) {
                let u = if rest > 0.0 {
                    w[k] / rest
                } else {
                    1.0 / (m - 1) as f64
                };
                let u2 = u * u;
                let (hi, lo) = ends(k);
                for ((p, q), &x) in plus.iter_mut().zip(minus.iter_mut()).zip(col(k)) {
                    *p += u2 * (x - hi) * (x - hi);
                    *q += u2 * (x - lo) * (x - lo);
                }
            }
            let (hi, lo) = ends(j);
            return Along::Topsis {
                plus,
                minus,
                own_plus: col(j).iter().map(|&x| (x - hi) * (x - hi)).collect(),
                own_minus: col(j).iter().map(|&x| (x - lo) * (x - lo)).collect(),
            };
        }
        let m = weights.len();
        let w = weights.as_slice();
        let rest = 1.0 - w[j];
        // The other criteria's weights with criterion j at 0, as `with_weight` shares them.
        let u = |k: usize| {
            if rest > 0.0 {
                w[k] / rest
            } else {
                1.0 / (m - 1) as f64
            }
        };
        match self {
            Engine::Normalised {
                r,
                method: Method::Wpm,
            } => {
                let n = r.nrows();
                let col = |k: usize| &r.as_slice()[k * n..(k + 1) * n];
                let mut log_rest = vec![0.0; n];
                let mut zero_rest = vec![false; n];
                for k in (0..m).filter(|&k| k != j && u(k) > 0.0) {
                    let uk = u(k);
                    for ((l, z), &x) in log_rest.iter_mut().zip(zero_rest.iter_mut()).zip(col(k)) {
                        if x == 0.0 {
                            *z = true;
                        } else {
                            *l += uk * x.ln();
                        }
                    }
                }
                Along::Wpm {
                    log_rest,
                    zero_rest,
                    own: col(j).iter().map(|&x| x.ln()).collect(),
                }
            }
            Engine::General {
                x, criteria, opts, ..
            } if opts.method == Method::Vikor => {
                let dirs: Vec<_> = criteria.iter().map(|c| c.column.direction).collect();
                let d = crate::methods::vikor::regrets(x, &dirs, &vec![1.0; m]);
                let n = x.nrows();
                let mut s = vec![0.0; n];
                let mut r = vec![0.0f64; n];
                for k in (0..m).filter(|&k| k != j) {
                    let uk = u(k);
                    for (i, &dik) in d.column(k).iter().enumerate() {
                        s[i] += uk * dik;
                        r[i] = r[i].max(uk * dik);
                    }
                }
                Along::Vikor {
                    s,
                    r,
                    own: d.column(j).iter().copied().collect(),
                    v: opts.vikor_v,
                }
            }
            Engine::General { flows: Some(f), .. } => {
                let n = f.nrows();
                let mut rest = vec![0.0; n];
                for k in (0..m).filter(|&k| k != j) {
                    let uk = u(k);
                    for (a, &phi) in rest.iter_mut().zip(f.column(k).iter()) {
                        *a += uk * phi;
                    }
                }
                Along::Linear {
                    rest,
                    own: f.column(j).iter().copied().collect(),
                }
            }
            _ => Along::Full {
                engine: self,
                weights: weights.clone(),
                j,
            },
        }
    }
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
            participants: None,
            tree: None,
            smaa: Default::default(),
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
        let want = evaluate(model.scores.mid(), &criteria, w, &opts).unwrap();
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
                let want = evaluate(model.scores.mid(), &criteria, w.as_slice(), &opts).unwrap();
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
