//! `value = [[x, v], …]` on a numeric criterion: a piecewise-linear value function, checked
//! point by point.
//!
//! Choices (written in the README too):
//! - the function may rise, fall, or rise then fall (a target value); its values run from 0
//!   (the worst) to 1 (the best), so it fixes which end is worst, and `scale` normalisation
//!   reads a score's value off it whatever `direction` says;
//! - `direction` is still required: the methods and normalisations that do not use the value
//!   function (minmax, vector, TOPSIS, VIKOR, PROMETHEE) need it. A function that only rises
//!   must come with `direction = "benefit"`, one that only falls with `"cost"`, so the two never
//!   disagree; a peaked one may come with either;
//! - the first and last `x` are the criterion's range, so `range` is not given beside `value`,
//!   and a score outside them is refused (not clamped): the function says nothing there.

use std::fmt;

use super::Direction;
use super::common::Source;
use super::error::{ModelError, Problem};
use super::raw::{RawCriterion, RawPoints};
use crate::vocabulary::ValueFunction;

/// What can be wrong with a value function, or with a score on it.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueProblem {
    OnScale {
        criterion: String,
    },
    WithRange {
        criterion: String,
    },
    TooFew {
        criterion: String,
        found: usize,
    },
    NotAPoint {
        criterion: String,
        found: usize,
    },
    NotFinite {
        criterion: String,
        value: f64,
    },
    NotIncreasing {
        criterion: String,
        previous: f64,
        x: f64,
    },
    OutsideUnit {
        criterion: String,
        v: f64,
    },
    NoEnds {
        criterion: String,
        lowest: f64,
        highest: f64,
    },
    Direction {
        criterion: String,
        direction: &'static str,
        rises: bool,
    },
    OutsideDomain {
        criterion: String,
        value: f64,
        lo: f64,
        hi: f64,
    },
}

impl fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueProblem::OnScale { criterion } => write!(
                f,
                "criterion `{criterion}` is on a scale, and `value` is for numeric criteria"
            ),
            ValueProblem::WithRange { criterion } => {
                write!(f, "criterion `{criterion}` has both `value` and `range`")
            }
            ValueProblem::TooFew { criterion, found } => write!(
                f,
                "the value function of `{criterion}` has {found} point{}; it needs at least 2",
                if *found == 1 { "" } else { "s" }
            ),
            ValueProblem::NotAPoint { criterion, found } => write!(
                f,
                "a point of the value function of `{criterion}` has {found} number{}; a point is [x, v]",
                if *found == 1 { "" } else { "s" }
            ),
            ValueProblem::NotFinite { criterion, value } => write!(
                f,
                "the value function of `{criterion}` has {value}, which is not a finite number"
            ),
            ValueProblem::NotIncreasing {
                criterion,
                previous,
                x,
            } => write!(
                f,
                "the x of the value function of `{criterion}` do not increase: {previous} then {x}"
            ),
            ValueProblem::OutsideUnit { criterion, v } => write!(
                f,
                "the value {v} in the value function of `{criterion}` is outside [0, 1]"
            ),
            ValueProblem::NoEnds {
                criterion,
                lowest,
                highest,
            } => write!(
                f,
                "the values of the function of `{criterion}` run from {lowest} to {highest}, not from 0 to 1"
            ),
            ValueProblem::Direction {
                criterion,
                direction,
                rises,
            } => write!(
                f,
                "the value function of `{criterion}` only {}, but its direction is \"{direction}\"",
                if *rises { "rises" } else { "falls" }
            ),
            ValueProblem::OutsideDomain {
                criterion,
                value,
                lo,
                hi,
            } => write!(
                f,
                "score {value} of `{criterion}` is outside its value function's points, {lo} to {hi}"
            ),
        }
    }
}

impl ValueProblem {
    /// What would be valid, and the key that fixes it.
    pub fn help(&self) -> String {
        match self {
            ValueProblem::OnScale { .. } => "give the levels their numbers with `values = [...]` in the scale, or remove `scale` and score in numbers".into(),
            ValueProblem::WithRange { .. } => "the value function's first and last x are the range: remove `range`".into(),
            ValueProblem::TooFew { .. } => "give the worst and the best point at least, e.g. `value = [[0, 0], [20, 0.8], [100, 1]]`".into(),
            ValueProblem::NotAPoint { .. } => "write each point as [score, value], e.g. [20, 0.8]".into(),
            ValueProblem::NotFinite { .. } => "use finite numbers for the points".into(),
            ValueProblem::NotIncreasing { .. } => "list the points from the lowest score to the highest, each x above the one before".into(),
            ValueProblem::OutsideUnit { .. } => "a value is from 0 (the worst) to 1 (the best)".into(),
            ValueProblem::NoEnds { .. } => "give the worst point the value 0 and the best the value 1: the weight of the criterion is the worth of that swing".into(),
            ValueProblem::Direction { rises: true, .. } => "a function that only rises means more is better: write `direction = \"benefit\"`, or reverse the values".into(),
            ValueProblem::Direction { .. } => "a function that only falls means less is better: write `direction = \"cost\"`, or reverse the values".into(),
            ValueProblem::OutsideDomain { lo, hi, .. } => format!("use a score from {lo} to {hi}, or extend the value function with a point beyond it"),
        }
    }

    /// A short label under the caret.
    pub fn label(&self) -> String {
        match self {
            ValueProblem::Direction { .. } => "this direction".into(),
            ValueProblem::OutsideDomain { .. } => "outside the function".into(),
            _ => "here".into(),
        }
    }
}

/// The value function of criterion `c`, checked; `None` without `value`.
pub(crate) fn build(
    src: &Source<'_>,
    c: &RawCriterion,
) -> Result<Option<ValueFunction>, ModelError> {
    let Some(raw) = &c.value else {
        return Ok(None);
    };
    let criterion = || c.id.get_ref().clone();
    let err = |span, p| src.error(span, Problem::Value(p));
    if c.scale.is_some() {
        return Err(err(
            raw.span(),
            ValueProblem::OnScale {
                criterion: criterion(),
            },
        ));
    }
    if let Some(r) = &c.range {
        return Err(err(
            r.span(),
            ValueProblem::WithRange {
                criterion: criterion(),
            },
        ));
    }
    let points = points(src, raw, c)?;
    let (lowest, highest) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.1), hi.max(p.1))
        });
    if lowest != 0.0 || highest != 1.0 {
        return Err(err(
            raw.span(),
            ValueProblem::NoEnds {
                criterion: criterion(),
                lowest,
                highest,
            },
        ));
    }
    let f = ValueFunction::new(points);
    let direction = match c.direction.get_ref() {
        super::raw::RawDirection::Benefit => Direction::Benefit,
        super::raw::RawDirection::Cost => Direction::Cost,
    };
    let conflict = match (f.trend(), direction) {
        (1, Direction::Cost) => Some((true, "cost")),
        (-1, Direction::Benefit) => Some((false, "benefit")),
        _ => None,
    };
    if let Some((rises, direction)) = conflict {
        return Err(err(
            c.direction.span(),
            ValueProblem::Direction {
                criterion: criterion(),
                direction,
                rises,
            },
        ));
    }
    Ok(Some(f))
}

/// The points, each a finite `[x, v]` with `v` in [0, 1] and `x` above the one before.
fn points(
    src: &Source<'_>,
    raw: &RawPoints,
    c: &RawCriterion,
) -> Result<Vec<(f64, f64)>, ModelError> {
    let criterion = || c.id.get_ref().clone();
    let err = |span, p| src.error(span, Problem::Value(p));
    let list = raw.get_ref();
    if list.len() < 2 {
        return Err(err(
            raw.span(),
            ValueProblem::TooFew {
                criterion: criterion(),
                found: list.len(),
            },
        ));
    }
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(list.len());
    for p in list {
        let pair = p.get_ref();
        if pair.len() != 2 {
            return Err(err(
                p.span(),
                ValueProblem::NotAPoint {
                    criterion: criterion(),
                    found: pair.len(),
                },
            ));
        }
        for n in pair {
            if !n.get_ref().is_finite() {
                return Err(err(
                    n.span(),
                    ValueProblem::NotFinite {
                        criterion: criterion(),
                        value: *n.get_ref(),
                    },
                ));
            }
        }
        let (x, v) = (*pair[0].get_ref(), *pair[1].get_ref());
        if let Some(&(previous, _)) = out.last()
            && x <= previous
        {
            return Err(err(
                pair[0].span(),
                ValueProblem::NotIncreasing {
                    criterion: criterion(),
                    previous,
                    x,
                },
            ));
        }
        if !(0.0..=1.0).contains(&v) {
            return Err(err(
                pair[1].span(),
                ValueProblem::OutsideUnit {
                    criterion: criterion(),
                    v,
                },
            ));
        }
        out.push((x, v));
    }
    Ok(out)
}
