//! Reading one score: a number, a level name, or an uncertain `[low, high]` pair of either.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::common::{ScoreRows, Source, alternative, check_id};
use super::error::{ModelError, Problem, Quantity};
use super::raw::RawAlternative;
use super::{Alternative, Criterion, Scores};

/// One end of a score, before it is checked against its criterion.
pub(crate) enum Cell<'a> {
    Number(f64),
    Level(&'a str),
    Other(&'static str),
}

/// The numeric value of one end of a score on criterion `c`.
pub(crate) fn value(cell: Cell<'_>, c: &Criterion) -> Result<f64, Problem> {
    match (cell, &c.scale) {
        (Cell::Level(name), Some(scale)) => {
            // Level names are kept cleaned of control characters; so is what is matched.
            let found = if super::text::needs_cleaning(name) {
                scale.value_of(&super::text::clean(name))
            } else {
                scale.value_of(name)
            };
            found.ok_or_else(|| Problem::UnknownLevel {
                found: name.to_string(),
                criterion: c.id.clone(),
                scale: scale.name.clone(),
                levels: scale.levels.clone(),
            })
        }
        (Cell::Number(x), None) => {
            let what = || format!("the score on `{}`", c.id);
            if !x.is_finite() {
                return Err(Problem::NotFinite {
                    what: what(),
                    value: x,
                    kind: Quantity::Score,
                });
            }
            if x < 0.0 {
                return Err(Problem::Negative {
                    what: what(),
                    value: x,
                    kind: Quantity::Score,
                });
            }
            if let Some(f) = &c.value
                && !(f.domain().0..=f.domain().1).contains(&x)
            {
                let (lo, hi) = f.domain();
                return Err(Problem::Value(super::ValueProblem::OutsideDomain {
                    criterion: c.id.clone(),
                    value: x,
                    lo,
                    hi,
                }));
            }
            if let Some((lo, hi)) = c.range
                && !(lo..=hi).contains(&x)
            {
                return Err(Problem::OutOfRange {
                    criterion: c.id.clone(),
                    value: x,
                    lo,
                    hi,
                });
            }
            Ok(x)
        }
        (cell, scale) => {
            let level_with_value = match (&cell, scale) {
                (Cell::Number(x), Some(s)) => s.level_of(*x).map(str::to_string),
                _ => None,
            };
            let found = match cell {
                Cell::Number(x) => format!("the number {x}"),
                Cell::Level(s) => format!("the text {:?}", super::error::clip(s, 60)),
                Cell::Other(kind) => format!("a {kind}"),
            };
            Err(Problem::WrongScoreType {
                found,
                criterion: c.id.clone(),
                scale: scale.as_ref().map(|s| s.name.clone()),
                levels: scale.as_ref().map_or_else(Vec::new, |s| s.levels.clone()),
                level_with_value,
            })
        }
    }
}

/// Orders two ends, refusing a reversed interval.
pub(crate) fn interval(
    lo: f64,
    hi: f64,
    show: impl Fn(usize) -> String,
) -> Result<(f64, f64), Problem> {
    if lo > hi {
        Err(Problem::Reversed {
            lo: show(0),
            hi: show(1),
        })
    } else {
        Ok((lo, hi))
    }
}

fn cell(v: &toml::Value) -> Cell<'_> {
    match v {
        toml::Value::Integer(i) => Cell::Number(*i as f64),
        toml::Value::Float(f) => Cell::Number(*f),
        toml::Value::String(s) => Cell::Level(s),
        toml::Value::Boolean(_) => Cell::Other("boolean"),
        toml::Value::Datetime(_) => Cell::Other("date"),
        toml::Value::Array(_) => Cell::Other("nested array"),
        toml::Value::Table(_) => Cell::Other("table"),
    }
}

fn score(v: &toml::Value, c: &Criterion) -> Result<(f64, f64), Problem> {
    match v {
        toml::Value::Array(ends) if ends.len() == 2 => {
            let lo = value(cell(&ends[0]), c)?;
            let hi = value(cell(&ends[1]), c)?;
            interval(lo, hi, |k| ends[k].to_string())
        }
        toml::Value::Array(ends) => Err(Problem::NotAPair {
            what: "an uncertain score",
            found: ends.len(),
        }),
        v => value(cell(v), c).map(|x| (x, x)),
    }
}

/// Alternatives and their scores from `[[alternatives]]` tables.
pub(crate) fn from_toml(
    src: &Source<'_>,
    raw: &[Spanned<RawAlternative>],
    criteria: &[Criterion],
) -> Result<(Vec<Alternative>, Scores), ModelError> {
    let mut seen = HashMap::new();
    let mut alternatives = Vec::with_capacity(raw.len());
    let mut rows = ScoreRows::new(criteria.len());
    // Criterion ids to indices once, so that matching scores to criteria is linear.
    let index: HashMap<&str, usize> = criteria
        .iter()
        .enumerate()
        .map(|(j, c)| (c.id.as_str(), j))
        .collect();
    let mut given: Vec<Option<&Spanned<toml::Value>>> = vec![None; criteria.len()];
    for a in raw {
        let span: Range<usize> = a.span();
        let a = a.get_ref();
        check_id(src, &a.id, "alternative", &mut seen)?;
        let id = a.id.get_ref();
        let Some(scores) = &a.scores else {
            let template: Vec<String> = criteria
                .iter()
                .map(|c| format!("{} = {}", c.id, example(c)))
                .collect();
            return Err(src.error(
                span,
                Problem::MissingScores {
                    alternative: id.clone(),
                    template: template.join(", "),
                },
            ));
        };
        given.iter_mut().for_each(|g| *g = None);
        for (key, v) in scores.get_ref() {
            if let Some(&j) = index.get(key.get_ref().as_str()) {
                given[j].get_or_insert(v);
            } else {
                return Err(src.error(
                    key.span(),
                    Problem::UnknownCriterion {
                        found: key.get_ref().clone(),
                        known: criteria.iter().map(|c| c.id.clone()).collect(),
                    },
                ));
            }
        }
        let mut row = Vec::with_capacity(criteria.len());
        for (c, v) in criteria.iter().zip(&given) {
            let Some(v) = *v else {
                return Err(src.error(
                    scores.span(),
                    Problem::MissingScore {
                        alternative: id.clone(),
                        criterion: c.id.clone(),
                        example: example(c),
                    },
                ));
            };
            row.push(score(v.get_ref(), c).map_err(|p| src.error(v.span(), p))?);
        }
        rows.push(&row);
        alternatives.push(alternative(
            id.clone(),
            a.name.clone(),
            a.description.clone(),
        ));
    }
    Ok((alternatives, rows.finish()))
}

/// An example score for a criterion: its top level, or a number in its range.
fn example(c: &Criterion) -> String {
    match (&c.scale, c.range) {
        (Some(s), _) => format!("{:?}", s.levels[s.levels.len() - 1]),
        (None, Some((lo, hi))) => format!("{}", super::midpoint(lo, hi)),
        (None, None) => "10".to_string(),
    }
}
