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

use super::Direction;
use super::common::Source;
pub use super::error::value::ValueProblem;
use super::error::{ModelError, Problem};
use super::raw::{RawCriterion, RawPoints};
use crate::vocabulary::ValueFunction;

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
