//! The score questions: the fewest level steps that make an alternative tie for first (or, for
//! the winner, that make another alternative catch it), the least change of a numeric score,
//! and DEXi's one-level table.
//!
//! A *level step* moves one score on a criterion with a scale to the next level up or down.
//! An uncertain score counts as its midpoint; when that lies between two levels, the first
//! step goes to the nearest level above or below it.
//!
//! # Exact, by addition, for WSM with `scale` normalisation
//!
//! Against the scale's fixed ends a score's normalised value depends on that score alone, so a
//! change of cell (i, j) from v to v' changes only `s_i`, by `w_j (r(v') − r(v))`. For a
//! non-winner `a` behind the best score by `G = max_b s_b − s_a`:
//!
//! - own scores: each step worth having moves a score of `a` to a better level. `g_a(t)`, the
//!   most `a` can gain with `t` steps, is a knapsack over its cells (a dynamic programme over
//!   cells and steps); the answer is the least `t` with `g_a(t) ≥ G`.
//! - anyone's: `a` gains `g_a(t)` and every `b` still above it drops by at least
//!   `s_b − s_a − g_a(t)` with its own worsening steps (`ℓ_b(u)`, the same knapsack); the
//!   answer is `min_t [t + Σ_b u_b(t)]`, each `u_b` the least `u` with
//!   `ℓ_b(u) ≥ s_b − s_a − g_a(t)`. Nothing else helps: raising others or lowering `a` only
//!   widens the gap.
//! - for the winner, the mirror: it drops by `ℓ_a(t)` with its own steps, and (anyone's) one
//!   competitor `b` rises by `g_b(u)`, minimised over `t` and `b`.
//!
//! # Exact, by search, for the other methods
//!
//! Their scores depend on the whole matrix (TOPSIS's and WSM's other normalisations use the
//! column, PROMETHEE compares pairs), so the search tries every combination of level changes
//! (up or down, on the cells in question) with 1 step in total, then 2, …, evaluating the
//! method on each changed matrix, and stops at the first total that reaches the goal: that
//! total is the least. The run may evaluate [`MAX_WORK`] score cells in all (16 million: a
//! changed matrix of n × m scores costs n · m), shared equally between the questions (two per
//! alternative); a question that runs out reports the total up to which it searched.

use nalgebra::DMatrix;
use serde::Serialize;

use super::scorer::{Scorer, caught, ties_for_first};
use crate::methods::Method;
use crate::model::{Direction, Model};
use crate::normalize::Normalization;

/// The most score cells the exact search may evaluate in one run: a changed matrix of n × m
/// cells costs n · m, so a 20 × 8 model gets 100 000 changed matrices and the seed over a
/// million.
pub const MAX_WORK: usize = 16_000_000;

/// The changed matrices the whole run may evaluate on a model of `cells` scores.
pub fn states(cells: usize) -> usize {
    MAX_WORK / cells.max(1)
}

/// Each of `questions` questions' equal share of [`states`].
pub fn budget(cells: usize, questions: usize) -> usize {
    states(cells) / questions.max(1)
}

/// One score moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreChange {
    pub alternative: String,
    pub criterion: String,
    /// The score as written (a level name, or "low..high").
    pub from: String,
    pub to: String,
    /// Levels moved: positive up the scale, negative down.
    pub steps: i64,
}

/// The outcome of one level search.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum StepSearch {
    /// The least number of steps, and one set of changes that takes it.
    Found {
        steps: usize,
        changes: Vec<ScoreChange>,
    },
    /// No change of level on these scores reaches the goal.
    Impossible,
    /// The search stopped at its budget of tries: no total up to `up_to` steps reaches the goal.
    Limit { up_to: usize, states: usize },
}

impl StepSearch {
    pub fn steps(&self) -> Option<usize> {
        match self {
            StepSearch::Found { steps, .. } => Some(*steps),
            _ => None,
        }
    }
}

/// The level questions for one alternative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelSteps {
    /// The fewest steps of its own scores.
    pub own: Option<usize>,
    /// The fewest steps of anyone's scores.
    pub any: Option<usize>,
    pub own_search: StepSearch,
    pub any_search: StepSearch,
    /// "exact-additive" (WSM, scale normalisation) or "exact-search".
    pub how: &'static str,
}

/// The least change of one numeric score, alone, that reaches the goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumericChange {
    pub criterion: String,
    pub from: f64,
    /// The new score; `None` when no value inside the interval reaches the goal.
    pub to: Option<f64>,
    /// `to − from`, in the criterion's units.
    pub change: Option<f64>,
    /// `|change|` as a share of the interval's width.
    pub share_of_range: Option<f64>,
    /// Where the score may move: "range" (the criterion's) or "observed" (the column's
    /// lowest and highest scores, for a criterion without a range).
    pub interval: &'static str,
    /// "exact" (WSM, scale normalisation, with a range) or "search" (a scan of 200 steps
    /// refined by bisection to 1e-12 of the interval).
    pub how: &'static str,
}

/// One row of the one-level table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OneLevel {
    pub alternative: String,
    pub criterion: String,
    /// "up" or "down" the scale.
    pub direction: &'static str,
    pub from: String,
    pub to: String,
    pub changes_winner: bool,
    pub changes_ranking: bool,
    /// The alternatives first after the change (ids).
    pub first: Vec<String>,
}

/// A cell that can move: the levels below and above its value, nearest first.
#[derive(Debug, Clone)]
struct Cell {
    i: usize,
    j: usize,
    down: Vec<f64>,
    up: Vec<f64>,
}

fn cells_of(model: &Model, rows: &[usize]) -> Vec<Cell> {
    let x = model.scores.mid();
    let mut out = Vec::new();
    for &i in rows {
        for (j, c) in model.criteria.iter().enumerate() {
            let Some(scale) = &c.scale else { continue };
            let v = x[(i, j)];
            let mut down: Vec<f64> = scale.values.iter().copied().filter(|&s| s < v).collect();
            down.reverse();
            let up: Vec<f64> = scale.values.iter().copied().filter(|&s| s > v).collect();
            out.push(Cell { i, j, down, up });
        }
    }
    out
}

/// Whether the model has a criterion on a scale.
pub(crate) fn has_levels(model: &Model) -> bool {
    model.criteria.iter().any(|c| c.scale.is_some())
}

fn shown(model: &Model, j: usize, v: f64) -> String {
    match &model.criteria[j].scale {
        Some(s) => s.level_of(v).map_or_else(|| v.to_string(), str::to_string),
        None => v.to_string(),
    }
}

fn change(model: &Model, cell: &Cell, delta: i64) -> ScoreChange {
    let to = if delta > 0 {
        cell.up[delta as usize - 1]
    } else {
        cell.down[(-delta) as usize - 1]
    };
    ScoreChange {
        alternative: model.alternatives[cell.i].id.clone(),
        criterion: model.criteria[cell.j].id.clone(),
        from: crate::present::explain::shown_value(model, cell.i, cell.j),
        to: shown(model, cell.j, to),
        steps: delta,
    }
}

/// Whether changes of a qualitative cell move only its own alternative's score, additively.
fn additive(scorer: &Scorer) -> bool {
    scorer.opts.method == Method::Wsm
        && scorer.opts.effective_normalization() == Some(Normalization::Scale)
}

/// The level questions for alternative `a`; `winner` says which goal: tie for first (false) or
/// let another alternative catch it (true).
pub(crate) fn level_steps(
    model: &Model,
    scorer: &Scorer,
    w: &[f64],
    a: usize,
    winner: bool,
    budget: usize,
) -> LevelSteps {
    let n = model.alternatives.len();
    let (own_search, any_search, how) = if additive(scorer) {
        let add = Additive::new(model, scorer, w);
        let (own, any) = if winner {
            add.winner(a)
        } else {
            add.challenger(a)
        };
        (own, any, "exact-additive")
    } else {
        let goal = |s: &[f64]| {
            if winner {
                caught(s, a, scorer.order())
            } else {
                ties_for_first(s, a, scorer.order())
            }
        };
        let own = search(model, scorer, w, &cells_of(model, &[a]), &goal, budget);
        let all: Vec<usize> = (0..n).collect();
        let any = search(model, scorer, w, &cells_of(model, &all), &goal, budget);
        (own, any, "exact-search")
    };
    LevelSteps {
        own: own_search.steps(),
        any: any_search.steps(),
        own_search,
        any_search,
        how,
    }
}

/// Every combination of level changes on `cells` with 1, 2, … steps in total.
fn search(
    model: &Model,
    scorer: &Scorer,
    w: &[f64],
    cells: &[Cell],
    goal: &dyn Fn(&[f64]) -> bool,
    budget: usize,
) -> StepSearch {
    let most: usize = cells.iter().map(|c| c.up.len().max(c.down.len())).sum();
    let mut x = model.scores.mid().clone();
    let mut delta = vec![0i64; cells.len()];
    let mut states = 0;
    for k in 1..=most {
        let mut found = false;
        enumerate(
            &mut Walk {
                cells,
                scorer,
                w,
                goal,
                x: &mut x,
                delta: &mut delta,
                states: &mut states,
                budget,
                found: &mut found,
            },
            0,
            k,
        );
        if found {
            let changes = cells
                .iter()
                .zip(&delta)
                .filter(|(_, d)| **d != 0)
                .map(|(c, &d)| change(model, c, d))
                .collect();
            return StepSearch::Found { steps: k, changes };
        }
        if states >= budget {
            return StepSearch::Limit {
                up_to: k - 1,
                states,
            };
        }
    }
    StepSearch::Impossible
}

struct Walk<'a> {
    cells: &'a [Cell],
    scorer: &'a Scorer<'a>,
    w: &'a [f64],
    goal: &'a dyn Fn(&[f64]) -> bool,
    x: &'a mut DMatrix<f64>,
    delta: &'a mut Vec<i64>,
    states: &'a mut usize,
    budget: usize,
    found: &'a mut bool,
}

/// Assigns the remaining `k` steps to cells `c..`; evaluates each complete assignment. Leaves
/// `delta` and `x` at the first assignment that meets the goal.
fn enumerate(walk: &mut Walk, c: usize, k: usize) {
    if *walk.found || *walk.states >= walk.budget {
        return;
    }
    if k == 0 {
        *walk.states += 1;
        let s = walk.scorer.scores_of(walk.x, walk.w);
        if s.iter().all(|v| v.is_finite()) && (walk.goal)(&s) {
            *walk.found = true;
        }
        return;
    }
    if c == walk.cells.len() {
        return;
    }
    let cell = &walk.cells[c];
    let original = walk.x[(cell.i, cell.j)];
    // Leave this cell alone only if the later cells can still take k steps.
    let later: usize = walk.cells[c + 1..]
        .iter()
        .map(|c| c.up.len().max(c.down.len()))
        .sum();
    if later >= k {
        enumerate(walk, c + 1, k);
        if *walk.found {
            return;
        }
    }
    for step in 1..=k {
        for (sign, levels) in [(1i64, &cell.up), (-1i64, &cell.down)] {
            if step > levels.len() {
                continue;
            }
            walk.x[(cell.i, cell.j)] = levels[step - 1];
            walk.delta[c] = sign * step as i64;
            enumerate(walk, c + 1, k - step);
            if *walk.found {
                return;
            }
            walk.delta[c] = 0;
            walk.x[(cell.i, cell.j)] = original;
        }
    }
}

/// A cell with the score gained by each better level (nearest first) and lost by each worse.
type Priced = (Cell, Vec<f64>, Vec<f64>);

/// The best plan for anyone's scores: total steps, the target's own steps, and the steps of
/// each competitor that must drop.
type Plan = (usize, usize, Vec<(usize, usize)>);

/// The additive case: per-cell score changes `w_j (r(v') − r(v))`.
struct Additive<'a> {
    model: &'a Model,
    scores: Vec<f64>,
    /// For each alternative, its cells with the score gained by each better level (nearest
    /// first) and lost by each worse level.
    cells: Vec<Vec<Priced>>,
    tol: f64,
}

/// The best total over cells with `t` steps, for every t, and the steps per cell that give it.
struct Knapsack {
    /// The best total with at most t steps (non-decreasing).
    best: Vec<f64>,
    /// The best total with exactly t steps.
    exact: Vec<f64>,
    /// `choice[c][t]`: the steps on cell c in the best way to spend exactly t on cells 0..=c.
    choice: Vec<Vec<usize>>,
}

impl Knapsack {
    /// `values[c][k − 1]`: what `k` steps on cell c give.
    fn new(values: &[&Vec<f64>]) -> Knapsack {
        let total: usize = values.iter().map(|v| v.len()).sum();
        let mut exact = vec![f64::NEG_INFINITY; total + 1];
        exact[0] = 0.0;
        let mut choice = Vec::with_capacity(values.len());
        let mut reach = 0;
        for v in values {
            let mut next = vec![f64::NEG_INFINITY; total + 1];
            let mut pick = vec![0usize; total + 1];
            for t in 0..=reach {
                if exact[t] == f64::NEG_INFINITY {
                    continue;
                }
                for k in 0..=v.len() {
                    let gain = exact[t] + if k == 0 { 0.0 } else { v[k - 1] };
                    if gain > next[t + k] {
                        next[t + k] = gain;
                        pick[t + k] = k;
                    }
                }
            }
            reach += v.len();
            exact = next;
            choice.push(pick);
        }
        let mut best = exact.clone();
        for t in 1..best.len() {
            if best[t] < best[t - 1] {
                best[t] = best[t - 1];
            }
        }
        Knapsack {
            best,
            exact,
            choice,
        }
    }

    /// The least t with best(t) ≥ need − tol.
    fn least(&self, need: f64, tol: f64) -> Option<usize> {
        if need <= tol {
            return Some(0);
        }
        self.best.iter().position(|&b| b >= need - tol)
    }

    /// The steps per cell of a way to reach best(t) with at most t steps.
    fn steps(&self, t: usize) -> Vec<usize> {
        let mut out = vec![0; self.choice.len()];
        let Some(mut t) = self.exact.iter().position(|&e| e == self.best[t]) else {
            return out;
        };
        for c in (0..self.choice.len()).rev() {
            let k = self.choice[c][t];
            out[c] = k;
            t -= k;
        }
        out
    }
}

impl<'a> Additive<'a> {
    fn new(model: &'a Model, scorer: &Scorer, w: &[f64]) -> Additive<'a> {
        let scores = scorer.scores(w);
        let n = model.alternatives.len();
        let r = |j: usize, v: f64| -> f64 {
            let c = &model.criteria[j];
            let (lo, hi) = c.bounds().unwrap_or((0.0, 1.0));
            if hi == lo {
                1.0
            } else if c.direction == Direction::Benefit {
                (v - lo) / (hi - lo)
            } else {
                (hi - v) / (hi - lo)
            }
        };
        let x = model.scores.mid();
        let cells = (0..n)
            .map(|i| {
                cells_of(model, &[i])
                    .into_iter()
                    .map(|cell| {
                        let j = cell.j;
                        let now = r(j, x[(i, j)]);
                        let benefit = model.criteria[j].direction == Direction::Benefit;
                        let (better, worse) = if benefit {
                            (&cell.up, &cell.down)
                        } else {
                            (&cell.down, &cell.up)
                        };
                        let gain: Vec<f64> =
                            better.iter().map(|&v| w[j] * (r(j, v) - now)).collect();
                        let loss: Vec<f64> =
                            worse.iter().map(|&v| w[j] * (now - r(j, v))).collect();
                        (cell, gain, loss)
                    })
                    .collect()
            })
            .collect();
        let tol = crate::ranking::TIE_TOLERANCE * crate::ranking::magnitude(&scores).max(1.0);
        Additive {
            model,
            scores,
            cells,
            tol,
        }
    }

    fn gains(&self, i: usize) -> Vec<&Vec<f64>> {
        self.cells[i].iter().map(|c| &c.1).collect()
    }

    fn losses(&self, i: usize) -> Vec<&Vec<f64>> {
        self.cells[i].iter().map(|c| &c.2).collect()
    }

    /// The changes for `steps[c]` better (`better`) or worse levels on alternative i's cells.
    fn changes(&self, i: usize, steps: &[usize], better: bool) -> Vec<ScoreChange> {
        self.cells[i]
            .iter()
            .zip(steps)
            .filter(|(_, k)| **k > 0)
            .map(|((cell, _, _), &k)| {
                let benefit = self.model.criteria[cell.j].direction == Direction::Benefit;
                let up = benefit == better;
                change(self.model, cell, if up { k as i64 } else { -(k as i64) })
            })
            .collect()
    }

    fn best_other(&self, a: usize) -> f64 {
        self.scores
            .iter()
            .enumerate()
            .filter(|(b, _)| *b != a)
            .map(|(_, &s)| s)
            .fold(f64::NEG_INFINITY, f64::max)
    }

    /// Non-winner `a`: own, and anyone's, steps to tie for first.
    fn challenger(&self, a: usize) -> (StepSearch, StepSearch) {
        let n = self.scores.len();
        let ga = self.gains(a);
        let ka = Knapsack::new(&ga);
        let need = self.best_other(a) - self.scores[a];
        let own = match ka.least(need, self.tol) {
            Some(t) => StepSearch::Found {
                steps: t,
                changes: self.changes(a, &ka.steps(t), true),
            },
            None => StepSearch::Impossible,
        };
        let losses: Vec<_> = (0..n).map(|b| self.losses(b)).collect();
        let kb: Vec<Knapsack> = losses.iter().map(|l| Knapsack::new(l)).collect();
        let mut best: Option<Plan> = None;
        for t in 0..ka.best.len() {
            let sa = self.scores[a] + ka.best[t];
            let mut total = t;
            let mut each = Vec::new();
            let mut ok = true;
            for b in (0..n).filter(|&b| b != a) {
                match kb[b].least(self.scores[b] - sa, self.tol) {
                    Some(u) => {
                        total += u;
                        if u > 0 {
                            each.push((b, u));
                        }
                    }
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok && best.as_ref().is_none_or(|(s, _, _)| total < *s) {
                best = Some((total, t, each));
            }
        }
        let any = match best {
            None => StepSearch::Impossible,
            Some((steps, t, each)) => {
                let mut changes = self.changes(a, &ka.steps(t), true);
                for (b, u) in each {
                    changes.extend(self.changes(b, &kb[b].steps(u), false));
                }
                StepSearch::Found { steps, changes }
            }
        };
        (own, any)
    }

    /// The winner `a`: own, and anyone's, steps to let another alternative catch it.
    fn winner(&self, a: usize) -> (StepSearch, StepSearch) {
        let n = self.scores.len();
        let la = self.losses(a);
        let ka = Knapsack::new(&la);
        let lead = self.scores[a] - self.best_other(a);
        let own = match ka.least(lead, self.tol) {
            Some(t) => StepSearch::Found {
                steps: t,
                changes: self.changes(a, &ka.steps(t), false),
            },
            None => StepSearch::Impossible,
        };
        let mut best: Option<(usize, usize, usize, usize)> = None;
        for b in (0..n).filter(|&b| b != a) {
            let gb = self.gains(b);
            let kb = Knapsack::new(&gb);
            for t in 0..ka.best.len() {
                let sa = self.scores[a] - ka.best[t];
                if let Some(u) = kb.least(sa - self.scores[b], self.tol)
                    && best.is_none_or(|(s, ..)| t + u < s)
                {
                    best = Some((t + u, t, b, u));
                }
            }
        }
        let any = match best {
            None => StepSearch::Impossible,
            Some((steps, t, b, u)) => {
                let mut changes = self.changes(a, &ka.steps(t), false);
                let gb = self.gains(b);
                changes.extend(self.changes(b, &Knapsack::new(&gb).steps(u), true));
                StepSearch::Found { steps, changes }
            }
        };
        (own, any)
    }
}

/// The least change of each numeric score of `a`, alone, that reaches the goal.
pub(crate) fn numeric_changes(
    model: &Model,
    scorer: &Scorer,
    w: &[f64],
    a: usize,
    winner: bool,
) -> Vec<NumericChange> {
    let x = model.scores.mid();
    let scores = scorer.scores(w);
    let order = scorer.order();
    let goal = |s: &[f64]| {
        s.iter().all(|v| v.is_finite())
            && if winner {
                caught(s, a, order)
            } else {
                ties_for_first(s, a, order)
            }
    };
    let mut out = Vec::new();
    for (j, c) in model.criteria.iter().enumerate() {
        if c.scale.is_some() {
            continue;
        }
        let column: Vec<f64> = x.column(j).iter().copied().collect();
        let (interval, (lo, hi)) = match c.range {
            Some(r) => ("range", r),
            None => ("observed", crate::normalize::min_max(&column)),
        };
        let from = x[(a, j)];
        let better_up = c.direction == Direction::Benefit;
        // The end a score moves towards: better for a challenger, worse for the winner.
        let end = if better_up != winner { hi } else { lo };
        let width = hi - lo;
        let exact = additive(scorer) && c.range.is_some() && width > 0.0;
        let to = if exact {
            let best_other = scores
                .iter()
                .enumerate()
                .filter(|(b, _)| *b != a)
                .map(|(_, &s)| s)
                .fold(f64::NEG_INFINITY, f64::max);
            let need = (best_other - scores[a]).abs();
            if w[j] == 0.0 {
                (need == 0.0).then_some(from)
            } else {
                let units = need * width / w[j];
                let to = from + units * (end - from).signum();
                let inside = if end >= from { to <= end } else { to >= end };
                inside.then_some(to)
            }
        } else {
            scan(scorer, w, x, a, j, from, end, &goal)
        };
        let change = to.map(|t| t - from);
        out.push(NumericChange {
            criterion: c.id.clone(),
            from,
            to,
            change,
            share_of_range: change.map(|d| if width > 0.0 { d.abs() / width } else { 0.0 }),
            interval,
            how: if exact { "exact" } else { "search" },
        });
    }
    out
}

/// The nearest value between `from` and `end` at which the goal holds: a scan of 200 steps,
/// then bisection to 1e-12 of the interval.
#[allow(clippy::too_many_arguments)]
fn scan(
    scorer: &Scorer,
    w: &[f64],
    x: &DMatrix<f64>,
    a: usize,
    j: usize,
    from: f64,
    end: f64,
    goal: &dyn Fn(&[f64]) -> bool,
) -> Option<f64> {
    let mut y = x.clone();
    let mut at = |v: f64| {
        y[(a, j)] = v;
        goal(&scorer.scores_of(&y, w))
    };
    if at(from) {
        return Some(from);
    }
    let steps = 200;
    let mut prev = from;
    for k in 1..=steps {
        let v = from + (end - from) * k as f64 / steps as f64;
        if at(v) {
            let (mut lo, mut hi) = (prev, v);
            for _ in 0..48 {
                let mid = 0.5 * (lo + hi);
                if at(mid) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            return Some(hi);
        }
        prev = v;
    }
    None
}

/// DEXi's one-level table: every score on a scale moved one level up and one down (where the
/// scale has such a level), with whether that changes the winner or the ranking.
pub(crate) fn one_level(
    model: &Model,
    scorer: &Scorer,
    w: &[f64],
    rows: &[usize],
) -> Vec<OneLevel> {
    let order = scorer.order();
    let base = scorer.scores(w);
    let base_ranks = crate::ranking::ranks(&base, order);
    let firsts =
        |ranks: &[usize]| -> Vec<usize> { (0..ranks.len()).filter(|&i| ranks[i] == 1).collect() };
    let base_first = firsts(&base_ranks);
    let mut out = Vec::new();
    let mut y = model.scores.mid().clone();
    for cell in cells_of(model, rows) {
        let original = y[(cell.i, cell.j)];
        for (direction, level) in [("up", cell.up.first()), ("down", cell.down.first())] {
            let Some(&level) = level else { continue };
            y[(cell.i, cell.j)] = level;
            let s = scorer.scores_of(&y, w);
            y[(cell.i, cell.j)] = original;
            let ranks = crate::ranking::ranks(&s, order);
            let first = firsts(&ranks);
            out.push(OneLevel {
                alternative: model.alternatives[cell.i].id.clone(),
                criterion: model.criteria[cell.j].id.clone(),
                direction,
                from: crate::present::explain::shown_value(model, cell.i, cell.j),
                to: shown(model, cell.j, level),
                changes_winner: first != base_first,
                changes_ranking: ranks != base_ranks,
                first: first
                    .iter()
                    .map(|&i| model.alternatives[i].id.clone())
                    .collect(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knapsack_spends_steps_where_they_pay_most() {
        // Cell 0: 1 step gives 1, 2 steps give 3; cell 1: 1 step gives 2.
        let a = vec![1.0, 3.0];
        let b = vec![2.0];
        let k = Knapsack::new(&[&a, &b]);
        assert_eq!(k.best, vec![0.0, 2.0, 3.0, 5.0]);
        assert_eq!(k.least(2.5, 0.0), Some(2));
        // Two steps reach 3 either way (2 on cell 0, or 1 on each): the plan gives 3.
        let plan = k.steps(2);
        let got: f64 = [&a, &b]
            .iter()
            .zip(&plan)
            .map(|(v, &n)| if n == 0 { 0.0 } else { v[n - 1] })
            .sum();
        assert_eq!((plan.iter().sum::<usize>(), got), (2, 3.0));
        assert_eq!(k.least(5.0, 0.0), Some(3));
        assert_eq!(k.least(5.5, 0.0), None);
        assert_eq!(k.least(0.0, 0.0), Some(0));
        assert_eq!(k.steps(1), vec![0, 1]);
    }

    #[test]
    fn budget_is_shared_by_the_questions() {
        assert_eq!(states(160), 100_000);
        assert_eq!(budget(15, 6), MAX_WORK / 15 / 6);
        assert_eq!(budget(1_000_000, 4000), 0);
    }
}
