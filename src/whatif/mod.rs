//! What would it take? For every alternative: can it come first at all, the smallest change of
//! the weights that makes it tie for first, and the fewest changes of scores that do.
//!
//! # Can it win at all?
//!
//! WSM and PROMETHEE II score linearly in the weights, `s_i(w) = Σ_j C_ij w_j` (see
//! [`scorer`]), so "is there an admissible `w` at which `a` is strictly first?" is the linear
//! program `max t` subject to `s_a(w) − s_b(w) ≥ t` for every `b ≠ a`, `Σ w = 1`, `w ≥ 0`
//! and the `--weight-bounds` / `--weight-order` constraints ([`lp::best_margin`]). With `t*`
//! its optimum and a tolerance of 1e-9 times the largest |C_ij|: `t* > tol`, *potentially
//! optimal*; `|t*| ≤ tol`, able at best to *tie* for first; `t* < −tol`, *never first*. An
//! alternative first at the current weights is *first*. A dominated alternative
//! ([`dominance`]) scores no more than its dominator at every `w`, so `t* ≤ 0`: it is never
//! reported potentially optimal.
//!
//! # The smallest weight change
//!
//! For an alternative `a` that is not first, [`lp::least_change`] minimises `Σ_j |w_j − w0_j|`
//! (split into `e_j ≥ ±(w_j − w0_j)`) subject to `s_a(w) ≥ s_b(w)` for every `b`, and the
//! same constraints; `points = Σ_j |w_j − w0_j| / 2 · 100`, the weight moved from some
//! criteria to others. For the current winner it is the least change that lets some `b`
//! catch it: the minimum over `b` of the same programme with the one constraint
//! `s_b(w) ≥ s_a(w)`. At that minimum no third alternative is strictly above both (else it
//! would have caught the winner sooner on the way), so the winner ties for first with `b` and
//! any further move puts `b` ahead. Each answer is polished to an exact tie (see
//! [`lp::polish`]) and verified by scoring the model again at the returned weights with the
//! method itself: `verified_gap` is the best competitor's score minus the alternative's.
//!
//! TOPSIS, VIKOR and WPM are not linear in the weights: [`search`] answers by a stated search
//! and the result says so (`how`).
//!
//! # The smallest score change
//!
//! See [`levels`]: the fewest level steps on criteria with a scale (the alternative's own
//! scores; anyone's), the least change of each numeric score alone, and the one-level table.
//!
//! Uncertain scores count as their midpoints throughout (`midpoints` in the result).

pub mod dominance;
pub mod levels;
pub mod lp;
pub(crate) mod scorer;
pub mod search;

use indexmap::IndexMap;
use serde::Serialize;

pub use dominance::{Dominance, dominance};
pub use levels::{LevelSteps, NumericChange, OneLevel, ScoreChange, StepSearch};
pub use lp::{Constraints, LpError};
pub use search::SearchInfo;

use crate::methods::{Method, Options};
use crate::model::Model;
use crate::normalize::{Normalization, NormalizeError};
use crate::weights::Weights;
use scorer::{Scorer, caught, ties_for_first};

/// Why the analysis cannot run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WhatIfError {
    #[error(transparent)]
    Normalize(#[from] NormalizeError),
    #[error(transparent)]
    Lp(#[from] LpError),
    #[error(
        "whatif answers every question for every alternative, with one linear programme or search per alternative and a table of every score moved one level; {n} alternatives are more than the {max} it takes at once. Ask about one with --for ALT, or shortlist the first {max} of `pmatrix rank`"
    )]
    TooManyAlternatives { n: usize, max: usize },
}

/// The most alternatives asked about at once (without `--for`).
pub const MAX_ALTERNATIVES: usize = 200;

/// Whether, and how, an alternative can come first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// First (or tied for first) at the current weights.
    First,
    /// Strictly first at some admissible weights.
    PotentiallyOptimal,
    /// At best tied for first.
    TieAtBest,
    /// Behind some alternative at every admissible weights (for a search: at every weight
    /// vector tried).
    NeverFirst,
}

/// How the weight questions were answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "how", rename_all = "kebab-case")]
pub enum How {
    /// A linear programme (WSM, PROMETHEE II).
    ExactLp,
    /// A search over the weights (TOPSIS, VIKOR, WPM).
    Search(SearchInfo),
}

/// The smallest weight change that reaches the goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightChange {
    /// Total weight moved, in percentage points (half the L1 distance, times 100).
    pub points: f64,
    /// The normalised weights that do it.
    pub weights: IndexMap<String, f64>,
    /// The alternatives it then ties with for first (ids).
    pub ties_with: Vec<String>,
    /// Scored again at `weights` with the method itself: the best competitor's score minus
    /// this alternative's, in the method's direction (0 for an exact tie).
    pub verified_gap: f64,
}

/// The answers for one alternative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlternativeWhatIf {
    pub id: String,
    pub name: String,
    pub status: Status,
    /// The most the alternative can lead all the others by, over the admissible weights
    /// (`t*`, in score units; for a search, the most found). Positive: it can be strictly
    /// first.
    pub margin: f64,
    /// Weights at which that margin is reached (for a potentially optimal alternative:
    /// weights at which it is strictly first).
    pub margin_weights: IndexMap<String, f64>,
    /// The alternatives that dominate it strictly (ids).
    pub dominated_by: Vec<String>,
    /// The alternatives with equal scores everywhere (ids).
    pub equal_to: Vec<String>,
    /// For an alternative not first: the least change that makes it tie for first. For one
    /// that is first: the least change that lets another catch it. `null` when no admissible
    /// weights do it.
    pub weight_change: Option<WeightChange>,
    /// The same goal reached by level steps; `null` when no criterion has a scale.
    pub level_steps: Option<LevelSteps>,
    /// The same goal reached by moving one numeric score alone, per numeric criterion.
    pub numeric_changes: Vec<NumericChange>,
}

/// The whole analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIf {
    pub title: String,
    pub method: Method,
    pub normalization: Option<Normalization>,
    #[serde(flatten)]
    pub how: How,
    /// The current weights.
    pub weights: IndexMap<String, f64>,
    /// The alternative first at the current weights; `null` when several tie.
    pub winner: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tied_first: Vec<String>,
    /// `--weight-bounds`, as given (criterion id → [lo, hi]).
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub weight_bounds: IndexMap<String, [f64; 2]>,
    /// `--weight-order`, most important first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub weight_order: Vec<String>,
    /// Whether the current weights meet the constraints.
    pub weights_admissible: bool,
    /// Whether some score is an interval (counted at its midpoint).
    pub midpoints: bool,
    /// The changed score matrices the level search may evaluate in this run, in all
    /// (see [`levels::MAX_WORK`]); used only by methods without the additive shortcut.
    pub level_search_budget: usize,
    /// What was assumed (midpoints, the minmax fallback, weights normalised from points), as
    /// in `rank`'s JSON.
    pub notes: Vec<crate::assumption::Note>,
    pub alternatives: Vec<AlternativeWhatIf>,
    pub one_level: Vec<OneLevel>,
}

/// Runs every question for every alternative (or only for `only`, an index), with the
/// current weights `weights` and the weight constraints `cons`.
pub fn whatif(
    model: &Model,
    weights: &Weights,
    opts: &Options,
    cons: &Constraints,
    only: Option<usize>,
) -> Result<WhatIf, WhatIfError> {
    let n = model.alternatives.len();
    if only.is_none() && n > MAX_ALTERNATIVES {
        return Err(WhatIfError::TooManyAlternatives {
            n,
            max: MAX_ALTERNATIVES,
        });
    }
    let scorer = Scorer::new(model, opts)?;
    let w0 = weights.as_slice();
    let m = model.criteria.len();
    let order = scorer.order();
    let base = scorer.scores(w0);
    let ranks = crate::ranking::ranks(&base, order);
    let first: Vec<usize> = (0..n).filter(|&i| ranks[i] == 1).collect();
    let dom = dominance(model);
    let ids = |v: Vec<usize>| -> Vec<String> {
        v.into_iter()
            .map(|i| model.alternatives[i].id.clone())
            .collect()
    };
    let rows: Vec<usize> = match only {
        Some(i) => vec![i],
        None => (0..n).collect(),
    };
    let budget = levels::budget(n * m, 2 * rows.len());
    let weight_map = |w: &[f64]| -> IndexMap<String, f64> {
        model
            .criteria
            .iter()
            .zip(w)
            .map(|(c, &x)| (c.id.clone(), x))
            .collect()
    };
    let (how, answers) = match &scorer.linear {
        Some(c) => (
            How::ExactLp,
            exact::answers(model, &scorer, c, w0, cons, &rows, &first)?,
        ),
        None => {
            // Refuse constraints no weights meet, as the linear programmes do.
            lp::best_margin(&[], m, cons)?;
            let cands = search::candidates(&scorer, w0, cons);
            let answers = rows
                .iter()
                .map(|&a| searched(&scorer, &cands, w0, cons, a, first.contains(&a)))
                .collect();
            (How::Search(cands.info), answers)
        }
    };
    let alternatives = rows
        .iter()
        .zip(answers)
        .map(|(&a, (margin, margin_at, found))| {
            let is_first = first.contains(&a);
            let id = &model.alternatives[a].id;
            let dominated_by: Vec<String> = dom
                .iter()
                .filter(|d| &d.dominated == id && d.strict)
                .map(|d| d.by.clone())
                .collect();
            let equal_to = dom
                .iter()
                .filter(|d| &d.dominated == id && !d.strict)
                .map(|d| d.by.clone())
                .collect();
            let tol = tolerance(&scorer);
            let status = if is_first {
                Status::First
            } else if margin > tol && dominated_by.is_empty() {
                Status::PotentiallyOptimal
            } else if margin >= -tol {
                Status::TieAtBest
            } else {
                Status::NeverFirst
            };
            let weight_change = found.map(|w| {
                let s = scorer.scores(&w);
                let verified_gap = (0..n)
                    .filter(|&b| b != a)
                    .map(|b| scorer.lead(s[b], s[a]))
                    .fold(f64::NEG_INFINITY, f64::max);
                let scale = crate::ranking::magnitude(&s);
                let ties_with = (0..n)
                    .filter(|&b| b != a && crate::ranking::tied(s[b], s[a], scale.max(1e-300)))
                    .collect();
                WeightChange {
                    points: lp::l1(&w, w0) / 2.0 * 100.0,
                    weights: weight_map(&w),
                    ties_with: ids(ties_with),
                    verified_gap,
                }
            });
            AlternativeWhatIf {
                id: id.clone(),
                name: model.alternatives[a].name.clone(),
                status,
                margin,
                margin_weights: weight_map(&margin_at),
                dominated_by,
                equal_to,
                weight_change,
                level_steps: levels::has_levels(model)
                    .then(|| levels::level_steps(model, &scorer, w0, a, is_first, budget)),
                numeric_changes: levels::numeric_changes(model, &scorer, w0, a, is_first),
            }
        })
        .collect();
    Ok(WhatIf {
        title: model.title.clone(),
        method: opts.method,
        normalization: opts.effective_normalization(),
        how,
        weights: weight_map(w0),
        winner: (first.len() == 1).then(|| model.alternatives[first[0]].id.clone()),
        tied_first: if first.len() > 1 {
            ids(first.clone())
        } else {
            Vec::new()
        },
        weight_bounds: cons
            .bounds
            .iter()
            .enumerate()
            .filter(|&(_, &(lo, hi))| lo > 0.0 || hi < 1.0)
            .map(|(j, &(lo, hi))| (model.criteria[j].id.clone(), [lo, hi]))
            .collect(),
        weight_order: cons
            .order
            .iter()
            .map(|&j| model.criteria[j].id.clone())
            .collect(),
        weights_admissible: cons.admits(w0, 1e-9),
        midpoints: model.scores.is_uncertain(),
        level_search_budget: levels::states(n * m),
        notes: crate::assumption::deterministic(model, opts),
        alternatives,
        one_level: levels::one_level(model, &scorer, w0, &rows),
    })
}

/// 1e-9 of the largest score magnitude (at least 1e-15).
fn tolerance(scorer: &Scorer) -> f64 {
    let c = match &scorer.linear {
        Some(c) => c.iter().fold(0.0f64, |m, v| m.max(v.abs())),
        None => 1.0,
    };
    1e-9 * c.max(1e-6)
}

/// The search's answers for alternative `a`: the best lead found, and the nearest weights
/// that reach the goal.
fn searched(
    scorer: &Scorer,
    cands: &search::Candidates,
    w0: &[f64],
    cons: &Constraints,
    a: usize,
    is_first: bool,
) -> (f64, Vec<f64>, Option<Vec<f64>>) {
    let order = scorer.order();
    let (margin, at) = cands
        .scores
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let lead = (0..s.len())
                .filter(|&b| b != a)
                .map(|b| scorer.lead(s[a], s[b]))
                .fold(f64::INFINITY, f64::min);
            (lead, k)
        })
        .filter(|(lead, _)| !lead.is_nan())
        .fold(
            (f64::NEG_INFINITY, 0),
            |best, x| if x.0 > best.0 { x } else { best },
        );
    let margin = if margin.is_finite() { margin } else { 0.0 };
    let at = cands.weights[at].clone();
    let goal = |s: &[f64]| {
        s.iter().all(|v| v.is_finite())
            && if is_first {
                caught(s, a, order)
            } else {
                ties_for_first(s, a, order)
            }
    };
    (margin, at, search::nearest(scorer, cands, w0, cons, &goal))
}

mod exact {
    //! The linear programmes for every alternative asked about.

    use nalgebra::DMatrix;

    use super::lp::{self, Constraints};
    use super::scorer::Scorer;
    use super::{WhatIfError, tolerance};
    use crate::model::Model;

    type Answer = (f64, Vec<f64>, Option<Vec<f64>>);

    fn diffs(c: &DMatrix<f64>, a: usize, against: &[usize]) -> Vec<Vec<f64>> {
        against
            .iter()
            .map(|&b| (0..c.ncols()).map(|j| c[(a, j)] - c[(b, j)]).collect())
            .collect()
    }

    pub(super) fn answers(
        model: &Model,
        scorer: &Scorer,
        c: &DMatrix<f64>,
        w0: &[f64],
        cons: &Constraints,
        rows: &[usize],
        first: &[usize],
    ) -> Result<Vec<Answer>, WhatIfError> {
        let n = model.alternatives.len();
        let m = model.criteria.len();
        let tol = tolerance(scorer);
        let mut out = Vec::with_capacity(rows.len());
        for &a in rows {
            let others: Vec<usize> = (0..n).filter(|&b| b != a).collect();
            let d = diffs(c, a, &others);
            let best = lp::best_margin(&d, m, cons)?;
            let change = if first.contains(&a) {
                // The least change that lets some b catch a: b's programme against a alone.
                let mut nearest: Option<(f64, Vec<f64>)> = None;
                for &b in &others {
                    let db = diffs(c, b, &[a]);
                    let w = match lp::least_change(&db, w0, cons) {
                        Ok(o) => o.weights,
                        Err(lp::LpError::Infeasible) => continue,
                        Err(e) => return Err(e.into()),
                    };
                    let inner = lp::best_margin(&db, m, cons)?;
                    let w = if inner.value > tol {
                        lp::polish(&db, &w, &inner.weights)
                    } else {
                        w
                    };
                    let dist = lp::l1(&w, w0);
                    if nearest.as_ref().is_none_or(|(b, _)| dist < *b - 1e-12) {
                        nearest = Some((dist, w));
                    }
                }
                nearest.map(|(_, w)| w)
            } else {
                match lp::least_change(&d, w0, cons) {
                    Ok(o) if best.value > tol => Some(lp::polish(&d, &o.weights, &best.weights)),
                    Ok(o) => Some(o.weights),
                    Err(lp::LpError::Infeasible) => None,
                    Err(e) => return Err(e.into()),
                }
            };
            out.push((best.value, best.weights, change));
        }
        Ok(out)
    }
}
