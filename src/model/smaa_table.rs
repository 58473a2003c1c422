//! `[smaa]` in the model: the weight constraints a workshop agreed on, kept with the model so
//! that every SMAA run (and the report) respects them.
//!
//! ```toml
//! [smaa]
//! constraints = ["equity >= 2 * uncertainty", "equity + cost <= 0.6"]
//! weight_order = ["effectiveness", "equity"]          # w_effectiveness ≥ w_equity
//! weight_bounds = { cost = [0.1, 0.4] }               # 0.1 ≤ w_cost ≤ 0.4
//! ```
//!
//! The keys mirror `smaa`'s `--weight-constraint`, `--weight-order` and `--weight-bounds`; the
//! command line adds its constraints to these (all of them hold at once).

use serde::Serialize;
use toml::Spanned;

use super::common::Source;
use super::constraint::{Names, WeightConstraint, parse};
pub use super::error::smaa_table::SmaaTableProblem;
use super::error::{ModelError, Problem};
use super::raw::RawSmaa;

/// The validated `[smaa]` table (empty when the model has none).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SmaaSettings {
    pub constraints: Vec<WeightConstraint>,
    /// Criteria (indices) from most to least important.
    pub weight_order: Vec<usize>,
    /// `(lo, hi)` per criterion, when the table gives any bound.
    pub weight_bounds: Option<Vec<(f64, f64)>>,
}

impl SmaaSettings {
    /// Whether the table constrains anything.
    pub fn is_empty(&self) -> bool {
        self.constraints.is_empty() && self.weight_order.len() < 2 && self.weight_bounds.is_none()
    }
}

/// Validates `[smaa]` against the criteria (and the groups of the value tree).
pub(crate) fn build(
    src: &Source<'_>,
    raw: Option<Spanned<RawSmaa>>,
    names: &Names,
) -> Result<SmaaSettings, ModelError> {
    let Some(raw) = raw else {
        return Ok(SmaaSettings::default());
    };
    let raw = raw.into_inner();
    let criterion = |id: &Spanned<String>| {
        names
            .criteria
            .iter()
            .position(|c| c == id.get_ref())
            .ok_or_else(|| {
                src.error(
                    id.span(),
                    Problem::UnknownCriterion {
                        found: id.get_ref().clone(),
                        known: names.criteria.clone(),
                    },
                )
            })
    };
    let mut out = SmaaSettings::default();
    for s in raw.constraints.iter().flatten() {
        let c = parse(s.get_ref(), names).map_err(|e| {
            src.error(
                inside(src.text, s, e.at.clone()),
                Problem::Smaa(SmaaTableProblem::Statement(e.problem)),
            )
        })?;
        out.constraints.push(c);
    }
    for id in raw.weight_order.iter().flatten() {
        let j = criterion(id)?;
        if out.weight_order.contains(&j) {
            return Err(src.error(
                id.span(),
                Problem::Smaa(SmaaTableProblem::RepeatedInOrder {
                    id: id.get_ref().clone(),
                }),
            ));
        }
        out.weight_order.push(j);
    }
    if let Some(bounds) = raw.weight_bounds {
        let mut b = vec![(0.0, 1.0); names.criteria.len()];
        for (id, v) in &bounds {
            let j = criterion(id)?;
            let bad = || {
                src.error(
                    v.span(),
                    Problem::Smaa(SmaaTableProblem::BadBounds {
                        id: id.get_ref().clone(),
                    }),
                )
            };
            let [lo, hi] = v.get_ref().as_slice() else {
                return Err(bad());
            };
            let (lo, hi) = (*lo.get_ref(), *hi.get_ref());
            if !(0.0..=1.0).contains(&lo) || !(lo..=1.0).contains(&hi) {
                return Err(bad());
            }
            b[j] = (lo, hi);
        }
        out.weight_bounds = Some(b);
    }
    Ok(out)
}

/// The byte range in the file of `at`, a range of the string `s`: exact when the string is
/// written without escapes (`"…"` or `'…'`), else the whole string.
fn inside(text: &str, s: &Spanned<String>, at: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let span = s.span();
    let written = text.get(span.clone()).unwrap_or("");
    let plain = written.len() == s.get_ref().len() + 2
        && (written.starts_with('"') || written.starts_with('\''))
        && &written[1..written.len() - 1] == s.get_ref();
    if plain {
        let start = span.start + 1;
        if at.is_empty() {
            // The end of the statement: point at the closing quote.
            return start + at.start..start + at.start + 1;
        }
        start + at.start..start + at.end
    } else {
        span
    }
}
