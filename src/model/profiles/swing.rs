//! `swing = { id = points, … }`: swing weights. Every criterion is named; points are finite and
//! ≥ 0, and the most important swing has exactly 100 (the reference every other swing is judged
//! against). Each criterion's swing runs from its worst to its best score: the ends of its
//! scale or range in its direction, the worst and best points of its value function, or, for a
//! numeric criterion without a range, the worst and best observed scores.

use toml::Spanned;

use super::Ctx;
pub use crate::model::error::swing::SwingProblem;
use crate::model::error::{ModelError, Problem};
use crate::model::raw::SpannedMap;
use crate::model::{Criterion, Direction};
use crate::weights::swing::Swing;
use crate::weights::{Origin, Weights};

/// The weights and the swings of a swing profile.
pub(crate) fn build(
    ctx: &Ctx<'_>,
    points: &Spanned<SpannedMap<f64>>,
) -> Result<(Weights, Origin), ModelError> {
    let (weights, _) = ctx.direct(points)?;
    let mut raw = vec![0.0; ctx.criteria.len()];
    let mut largest: Option<(f64, std::ops::Range<usize>)> = None;
    for (key, v) in points.get_ref() {
        let j = ctx.criterion(key)?;
        raw[j] = *v.get_ref();
        if largest.as_ref().is_none_or(|(l, _)| raw[j] > *l) {
            largest = Some((raw[j], v.span()));
        }
    }
    if let Some((l, span)) = largest
        && l != 100.0
    {
        return Err(ctx.src.error(
            span,
            Problem::Swing(SwingProblem::NoHundred {
                profile: ctx.profile.clone(),
                largest: l,
            }),
        ));
    }
    let swings = ctx
        .criteria
        .iter()
        .zip(raw)
        .map(|(c, points)| {
            let (worst, best) = ends(c);
            Swing {
                criterion: c.id.clone(),
                name: c.name.clone(),
                points,
                worst,
                best,
            }
        })
        .collect();
    Ok((weights, Origin::Swing { swings }))
}

/// The worst and the best score of a criterion, as written.
fn ends(c: &Criterion) -> (String, String) {
    if let Some(f) = &c.value {
        let (w, b) = f.worst_best();
        return (num(w), num(b));
    }
    let (lo, hi) = match (&c.scale, c.range) {
        (Some(s), _) => (s.levels[0].clone(), s.levels[s.levels.len() - 1].clone()),
        (None, Some((lo, hi))) => (num(lo), num(hi)),
        (None, None) => {
            return ("the worst observed".into(), "the best observed".into());
        }
    };
    match c.direction {
        Direction::Benefit => (lo, hi),
        Direction::Cost => (hi, lo),
    }
}

/// A number as written in a model: no trailing zeros.
fn num(v: f64) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
