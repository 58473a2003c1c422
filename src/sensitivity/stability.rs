//! Stability intervals: how far one weight can move before the winner, or the ranking, changes.
//!
//! For each criterion `j` with current weight `t₀`, the other weights keeping their proportions:
//!
//! - `winner_interval`: the weights `t` of `j` for which the current winner stays first;
//! - `ranking_interval`: the weights for which the whole ranking stays as it is.
//!
//! WSM, exactly: with `s_i(t) = a_i + b_i t` (see the [module above](super)), alternative `p`
//! stays at or ahead of `q` while `d(t) = (a_p − a_q) + (b_p − b_q) t ≥ 0`, a half-line in `t`.
//! The winner interval is the intersection over every other alternative `q` of these half-lines
//! (with `p` the winner), and the ranking interval the intersection over every pair adjacent in
//! the current ranking (order is transitive, so adjacent pairs suffice). Each end strictly
//! inside `(0, 1)` is a weight where two scores tie.
//!
//! Other methods: the ranking is evaluated on a grid of step 1/200 outwards from `t₀` until the
//! winner (or the ranking) differs, and the end is then found by bisection to 1e-9. A change
//! that comes and goes between two grid points can be missed.
//!
//! Ties: the ranking breaks a tie by the model's order, so when two alternatives tie for first
//! at the current weights the winner is the first of them in the model, and its interval ends at
//! the current weight on the side where the other pulls ahead (an end equal to `weight`).
//!
//! The critical criterion is the one whose weight needs the smallest absolute change to
//! change the winner: the nearest interval end that is a real change (not 0 or 1 without a
//! change). Ties go to the first criterion in the model's order, and to the lower end.

use rayon::prelude::*;
use serde::Serialize;

use super::{Engine, SensitivityError, WEIGHT_TOLERANCE, bisect, crossing};
use crate::methods::{Method, Options, ScoreOrder};
use crate::model::Model;
use crate::normalize::Normalization;
use crate::weights::Weights;

/// Stability of the winner and the ranking under changes of one weight at a time.
#[derive(Debug, Clone, Serialize)]
pub struct Stability {
    pub method: Method,
    pub normalization: Option<Normalization>,
    /// Criteria for which `scale` normalisation used the observed minimum and maximum.
    pub minmax_fallback: Vec<String>,
    /// The current winner's id; `None` when several alternatives tie for first.
    pub winner: Option<String>,
    /// The winner's name; `None` when several tie.
    pub winner_name: Option<String>,
    /// The ids of the alternatives ranked first now: the winner, or all that tie. With a tie
    /// the intervals are those of the first of them in the model's order.
    pub tied_first: Vec<String>,
    pub criteria: Vec<CriterionStability>,
    pub critical: Option<Critical>,
    /// With a value tree: how far each group's share of its parent can move.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<super::groups::GroupStability>,
    /// What was assumed.
    pub notes: Vec<crate::assumption::Note>,
}

/// The intervals of one criterion's weight.
#[derive(Debug, Clone, Serialize)]
pub struct CriterionStability {
    pub id: String,
    pub name: String,
    /// The criterion's current weight.
    pub weight: f64,
    pub winner_interval: [f64; 2],
    pub ranking_interval: [f64; 2],
    /// Who wins just below the winner interval, if the winner changes there.
    pub winner_below: Option<String>,
    /// Who wins just above the winner interval, if the winner changes there.
    pub winner_above: Option<String>,
}

/// The smallest change of a single weight that changes the winner.
#[derive(Debug, Clone, Serialize)]
pub struct Critical {
    pub criterion: String,
    /// The weight at which the winner changes.
    pub weight: f64,
    pub new_winner: String,
}

/// One end of an interval: its weight, and the alternative that takes over beyond it (`None`
/// when nothing changes there, at 0 or 1).
#[derive(Debug, Clone, Copy, PartialEq)]
struct End {
    t: f64,
    by: Option<usize>,
}

/// Stability intervals of every criterion's weight, and the critical criterion.
pub fn stability(
    model: &Model,
    weights: &Weights,
    opts: &Options,
) -> Result<Stability, SensitivityError> {
    let engine = Engine::new(model, opts)?;
    let current = engine.ranking(weights.as_slice())?;
    let winner = current[0];
    let id = |i: usize| model.alternatives[i].id.clone();
    // Each criterion's intervals are independent: search them in parallel, then go through
    // them in order, so the result does not depend on the thread count.
    let intervals = (0..model.criteria.len())
        .into_par_iter()
        .map(|j| intervals(&engine, &current, weights, j))
        .collect::<Result<Vec<_>, _>>()?;
    let mut criteria = Vec::new();
    let mut best: Option<(f64, usize, End)> = None;
    for (j, (win, rank)) in intervals.into_iter().enumerate() {
        let t0 = weights.as_slice()[j];
        for end in [win.0, win.1] {
            let d = (end.t - t0).abs();
            if end.by.is_some() && best.is_none_or(|(bd, _, _)| d < bd - 1e-12) {
                best = Some((d, j, end));
            }
        }
        criteria.push(CriterionStability {
            id: model.criteria[j].id.clone(),
            name: model.criteria[j].name.clone(),
            weight: t0,
            winner_interval: [win.0.t, win.1.t],
            ranking_interval: [rank.0.t, rank.1.t],
            winner_below: win.0.by.map(id),
            winner_above: win.1.by.map(id),
        });
    }
    let critical = best.map(|(_, j, end)| Critical {
        criterion: model.criteria[j].id.clone(),
        weight: end.t,
        new_winner: end.by.map(id).unwrap_or_default(),
    });
    let scores = engine.scores(weights.as_slice())?;
    let ranks = crate::ranking::ranks(&scores, engine.order());
    let tied_first: Vec<String> = (0..ranks.len())
        .filter(|&i| ranks[i] == 1)
        .map(id)
        .collect();
    let alone = tied_first.len() == 1;
    Ok(Stability {
        method: opts.method,
        normalization: opts.effective_normalization(),
        minmax_fallback: crate::sensitivity::minmax_fallback(model, opts),
        winner: alone.then(|| id(winner)),
        winner_name: alone.then(|| model.alternatives[winner].name.clone()),
        tied_first,
        criteria,
        critical,
        groups: super::groups::group_stability(model, weights, opts)?,
        notes: crate::assumption::deterministic(model, opts),
    })
}

/// The two ends of an interval of one criterion's weight.
type Interval = (End, End);

/// The intervals of criterion `j`'s weight that keep the winner, and the whole ranking.
fn intervals(
    engine: &Engine<'_>,
    current: &[usize],
    weights: &Weights,
    j: usize,
) -> Result<(Interval, Interval), SensitivityError> {
    let winner = current[0];
    let t0 = weights.as_slice()[j];
    if weights.len() == 1 {
        let whole = (End { t: 0.0, by: None }, End { t: 1.0, by: None });
        return Ok((whole, whole));
    }
    if let Some(lines) = engine.lines(weights, j) {
        let others = (0..lines.len())
            .filter(|&q| q != winner)
            .map(|q| (winner, q));
        let adjacent = current.windows(2).map(|p| (p[0], p[1]));
        return Ok((
            linear_interval(&lines, others, t0),
            linear_interval(&lines, adjacent, t0),
        ));
    }
    let order = engine.order();
    let along = engine.along(weights, j);
    let at = |t: f64| along.scores(t);
    // Both tests read the scores in O(n) instead of sorting them.
    let keeps_winner = |s: &[f64]| first_of(s, order) == winner;
    let keeps_ranking = |s: &[f64]| ranks_as(s, order, current);
    Ok((
        (
            search(&at, t0, -1.0, order, keeps_winner)?,
            search(&at, t0, 1.0, order, keeps_winner)?,
        ),
        (
            search(&at, t0, -1.0, order, keeps_ranking)?,
            search(&at, t0, 1.0, order, keeps_ranking)?,
        ),
    ))
}

/// WSM: the interval around `t0` in which every pair `(p, q)` keeps `s_p(t) ≥ s_q(t)`.
fn linear_interval(
    lines: &[(f64, f64)],
    pairs: impl Iterator<Item = (usize, usize)>,
    t0: f64,
) -> (End, End) {
    let mut lo = End { t: 0.0, by: None };
    let mut hi = End { t: 1.0, by: None };
    for (p, q) in pairs {
        let slope = lines[p].1 - lines[q].1;
        let Some(root) = crossing(lines[p], lines[q]) else {
            continue; // parallel: the order never changes
        };
        if slope > 0.0 && root > lo.t {
            // `q` is ahead below `root`.
            lo = End {
                t: root.min(t0),
                by: Some(q),
            };
        } else if slope < 0.0 && root < hi.t {
            hi = End {
                t: root.max(t0),
                by: Some(q),
            };
        }
    }
    (lo, hi)
}

/// Other methods: from `t0` in direction `dir` on a grid of 1/200, then bisection to 1e-9, the
/// last weight at which `keeps` holds.
fn search<E>(
    at: &impl Fn(f64) -> Result<Vec<f64>, E>,
    t0: f64,
    dir: f64,
    order: ScoreOrder,
    keeps: impl Fn(&[f64]) -> bool,
) -> Result<End, E> {
    const GRID: f64 = 1.0 / 200.0;
    let limit = if dir < 0.0 { 0.0 } else { 1.0 };
    let mut good = t0;
    loop {
        if good == limit {
            return Ok(End { t: limit, by: None });
        }
        let next = if dir < 0.0 {
            (good - GRID).max(0.0)
        } else {
            (good + GRID).min(1.0)
        };
        let ranking = at(next)?;
        if !keeps(&ranking) {
            let (inside, outside) = bisect(good, next, WEIGHT_TOLERANCE, |t| Ok(keeps(&at(t)?)))?;
            if (limit - inside).abs() <= 2.0 * WEIGHT_TOLERANCE {
                // Only a tie at 0 or 1 itself, broken by the model's order: no change.
                return Ok(End { t: limit, by: None });
            }
            let beyond = at(outside)?;
            return Ok(End {
                t: inside,
                by: Some(first_of(&beyond, order)),
            });
        }
        good = next;
    }
}

/// The first alternative of the ranking of `s`, as [`crate::ranking::order_best_first`] puts
/// it (the lowest index among those tied with the best score), in O(n).
fn first_of(s: &[f64], order: ScoreOrder) -> usize {
    let best = s
        .iter()
        .copied()
        .reduce(|a, b| if order.better(b, a) { b } else { a })
        .unwrap_or(0.0);
    let scale = crate::ranking::magnitude(s);
    s.iter()
        .position(|&x| crate::ranking::tied(best, x, scale))
        .unwrap_or(0)
}

/// Whether the ranking of `s` is `current`: in O(n) when each alternative is ahead of the next
/// by more than the tie tolerance (or clearly behind it), by a full ranking when two tie.
fn ranks_as(s: &[f64], order: ScoreOrder, current: &[usize]) -> bool {
    let scale = crate::ranking::magnitude(s);
    for p in current.windows(2) {
        let (a, b) = (s[p[0]], s[p[1]]);
        if crate::ranking::tied(a, b, scale) {
            return super::order_best_first(s, order) == current;
        }
        if !order.better(a, b) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::fixtures;
    use super::*;

    #[test]
    fn the_linear_checks_agree_with_a_full_ranking() {
        let d = ScoreOrder::Descending;
        let cases: [&[f64]; 5] = [
            &[0.2, 0.9, 0.5],
            &[0.9, 0.9, 0.5],
            &[0.5, 0.3 + 1e-17, 0.3],
            &[0.0, 0.0, 0.0],
            &[0.1, 0.2, 0.3],
        ];
        for s in cases {
            for order in [d, ScoreOrder::Ascending] {
                let full = crate::ranking::order_best_first(s, order);
                assert_eq!(first_of(s, order), full[0], "{s:?}");
                assert!(ranks_as(s, order, &full), "{s:?}");
                let mut other = full.clone();
                other.swap(0, 1);
                assert_eq!(ranks_as(s, order, &other), other == full, "{s:?}");
            }
        }
    }
    use crate::ranking::order_best_first;
    use approx::assert_relative_eq;

    /// Hand-derived WSM case (scale normalisation on 0–10). N = [[1, 0], [0, 0.5]], weights
    /// (0.5, 0.5): s0 = 0.5, s1 = 0.25, so a0 wins. With c0 at t: s0 = t, s1 = 0.5 (1 − t);
    /// they tie at t = 1/3, so a0 wins for t in [1/3, 1]. With c1 at t: s0 = 1 − t,
    /// s1 = 0.5 t; tie at t = 2/3: a0 wins for t in [0, 2/3]. The critical change is c0 down to
    /// 1/3, or c1 up to 2/3: the same weight vector, so the first criterion is named.
    #[test]
    fn hand_derived_wsm_intervals() {
        let model = fixtures::model(2, &[10.0, 0.0, 0.0, 5.0], &[0.5, 0.5], &[]);
        let st = stability(&model, &model.weights, &Options::new(Method::Wsm)).unwrap();
        assert_eq!(st.winner.as_deref(), Some("a0"));
        let [lo, hi] = st.criteria[0].winner_interval;
        assert_relative_eq!(lo, 1.0 / 3.0, epsilon = 1e-15);
        assert_relative_eq!(hi, 1.0);
        let [lo, hi] = st.criteria[1].winner_interval;
        assert_relative_eq!(lo, 0.0);
        assert_relative_eq!(hi, 2.0 / 3.0, epsilon = 1e-15);
        assert_eq!(
            st.criteria[0].ranking_interval,
            st.criteria[0].winner_interval
        );
        assert_eq!(st.criteria[0].winner_below.as_deref(), Some("a1"));
        assert_eq!(st.criteria[0].winner_above, None);
        let c = st.critical.unwrap();
        assert_eq!((c.criterion.as_str(), c.new_winner.as_str()), ("c0", "a1"));
        assert_relative_eq!(c.weight, 1.0 / 3.0, epsilon = 1e-15);
    }

    /// Every interval end strictly inside (0, 1) is a tie: just inside, the winner (ranking)
    /// is the current one; just outside, it is not.
    #[test]
    fn interval_ends_are_ties_for_every_method() {
        let model = fixtures::small();
        for method in Method::ALL {
            let opts = Options::new(method);
            let engine = Engine::new(&model, &opts).unwrap();
            let current = engine.ranking(model.weights.as_slice()).unwrap();
            let st = stability(&model, &model.weights, &opts).unwrap();
            let mut checked = 0;
            for (j, c) in st.criteria.iter().enumerate() {
                let rank_at = |t: f64| {
                    let s = engine
                        .scores(model.weights.with_weight(j, t).as_slice())
                        .unwrap();
                    order_best_first(&s, engine.order())
                };
                for (interval, whole) in [(c.winner_interval, false), (c.ranking_interval, true)] {
                    let same = |r: Vec<usize>| {
                        if whole {
                            r == current
                        } else {
                            r[0] == current[0]
                        }
                    };
                    assert!(interval[0] <= c.weight && c.weight <= interval[1]);
                    for (end, out) in [(interval[0], -1e-7), (interval[1], 1e-7)] {
                        if end <= 0.0 || end >= 1.0 {
                            continue;
                        }
                        assert!(same(rank_at(end - out)), "{method} c{j} inside {end}");
                        assert!(!same(rank_at(end + out)), "{method} c{j} outside {end}");
                        checked += 1;
                    }
                }
            }
            assert!(
                checked >= 2,
                "{method}: only {checked} interval ends inside (0, 1)"
            );
        }
    }

    #[test]
    fn no_single_weight_can_dethrone_a_dominating_winner() {
        let model = fixtures::model(2, &[9.0, 9.0, 1.0, 1.0], &[0.5, 0.5], &[]);
        let st = stability(&model, &model.weights, &Options::new(Method::Wsm)).unwrap();
        assert!(st.critical.is_none());
        assert_eq!(st.criteria[0].winner_interval, [0.0, 1.0]);
        let json = serde_json::to_value(&st).unwrap();
        assert!(json["critical"].is_null());
    }

    /// a0 and a1 tie at the current weights: no winner is named, both are tied first; the
    /// intervals are a0's (first in the model's order), ending at the current weight on the
    /// side where a1 pulls ahead.
    #[test]
    fn a_tie_for_first_gives_an_end_at_the_current_weight() {
        let model = fixtures::model(2, &[10.0, 0.0, 0.0, 10.0], &[0.5, 0.5], &[]);
        let st = stability(&model, &model.weights, &Options::new(Method::Wsm)).unwrap();
        assert_eq!(st.winner, None);
        assert_eq!(st.winner_name, None);
        assert_eq!(st.tied_first, ["a0", "a1"]);
        let json = serde_json::to_value(&st).unwrap();
        assert!(json["winner"].is_null());
        assert_eq!(json["tied_first"], serde_json::json!(["a0", "a1"]));
        assert_relative_eq!(st.criteria[0].winner_interval[0], 0.5);
        assert_relative_eq!(st.criteria[0].winner_interval[1], 1.0);
        assert_relative_eq!(st.critical.unwrap().weight, 0.5);
    }
}
