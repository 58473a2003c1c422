//! What the loader and its helpers (scores, profiles, the CSV reader, the file reader) share:
//! the file's text for pointing at places in it, the id and number checks, the score matrix
//! under construction and an alternative's defaults.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use nalgebra::DMatrix;
use toml::Spanned;

use super::error::{ModelError, Problem, Quantity};
use super::{Alternative, Scores, text};
use crate::diagnostic::Location;

/// A model file's text, for pointing at places in it.
pub(crate) struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

impl Source<'_> {
    /// An error at a byte range of the file.
    pub fn error(&self, span: Range<usize>, problem: Problem) -> ModelError {
        ModelError::at(Location::in_text(self.path, self.text, span), problem)
    }

    /// "line N" for a byte offset, to say where something was first given.
    pub fn line_of(&self, offset: usize) -> String {
        let offset = offset.min(self.text.len());
        let line = self.text.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        format!("line {line}")
    }

    /// An error about the file as a whole.
    pub fn whole(&self, problem: Problem) -> ModelError {
        ModelError::at(Location::whole_file(self.path), problem)
    }
}

/// Whether an id is made of `[a-z0-9_-]` only.
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// Checks an id's form and that it is new.
pub(crate) fn check_id(
    src: &Source<'_>,
    id: &Spanned<String>,
    kind: &'static str,
    seen: &mut HashMap<String, usize>,
) -> Result<(), ModelError> {
    if !valid_id(id.get_ref()) {
        return Err(src.error(
            id.span(),
            Problem::BadId {
                found: id.get_ref().clone(),
            },
        ));
    }
    if let Some(&first) = seen.get(id.get_ref()) {
        return Err(src.error(
            id.span(),
            Problem::Duplicate {
                kind,
                id: id.get_ref().clone(),
                first: src.line_of(first),
            },
        ));
    }
    seen.insert(id.get_ref().clone(), id.span().start);
    Ok(())
}

/// Checks that a number is finite (and, unless `allow_negative`, not negative).
pub(crate) fn check_number(
    src: &Source<'_>,
    v: &Spanned<f64>,
    kind: Quantity,
    what: impl Fn() -> String,
) -> Result<f64, ModelError> {
    let x = *v.get_ref();
    if !x.is_finite() {
        return Err(src.error(
            v.span(),
            Problem::NotFinite {
                what: what(),
                value: x,
                kind,
            },
        ));
    }
    if x < 0.0 {
        return Err(src.error(
            v.span(),
            Problem::Negative {
                what: what(),
                value: x,
                kind,
            },
        ));
    }
    Ok(x)
}

/// The score matrix, built a row at a time. The upper bounds are kept apart only once some
/// score is an interval, so a large exact matrix is stored once.
pub(crate) struct ScoreRows {
    m: usize,
    lower: Vec<f64>,
    upper: Option<Vec<f64>>,
}

impl ScoreRows {
    /// An empty matrix with `m` criteria.
    pub(crate) fn new(m: usize) -> ScoreRows {
        ScoreRows {
            m,
            lower: Vec::new(),
            upper: None,
        }
    }

    /// Appends one alternative's (low, high) pairs, one per criterion.
    pub(crate) fn push(&mut self, row: &[(f64, f64)]) {
        debug_assert_eq!(row.len(), self.m);
        if self.upper.is_none() && row.iter().any(|c| c.0 != c.1) {
            self.upper = Some(self.lower.clone());
        }
        self.lower.extend(row.iter().map(|c| c.0));
        if let Some(upper) = &mut self.upper {
            upper.extend(row.iter().map(|c| c.1));
        }
    }

    /// The scores, alternatives as rows.
    pub(crate) fn finish(self) -> Scores {
        let n = self.lower.len().checked_div(self.m).unwrap_or(0);
        let lower = DMatrix::from_row_slice(n, self.m, &self.lower);
        drop(self.lower);
        match self.upper {
            None => Scores::exact(lower),
            Some(upper) => Scores::new(lower, DMatrix::from_row_slice(n, self.m, &upper)),
        }
    }
}

/// An alternative; its name defaults to its id.
pub(crate) fn alternative(
    id: String,
    name: Option<String>,
    description: Option<String>,
) -> Alternative {
    Alternative {
        name: text::clean_opt(name).unwrap_or_else(|| id.clone()),
        id,
        description: text::clean_opt(description),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_rows_keep_one_matrix_until_an_interval_appears() {
        let mut rows = ScoreRows::new(2);
        rows.push(&[(1.0, 1.0), (2.0, 2.0)]);
        let exact = ScoreRows {
            m: 2,
            lower: rows.lower.clone(),
            upper: None,
        }
        .finish();
        assert!(!exact.is_uncertain());
        assert_eq!(exact.lower(), exact.upper());
        // An interval in the second row: the first row's upper ends are its values.
        rows.push(&[(3.0, 5.0), (4.0, 4.0)]);
        let s = rows.finish();
        assert!(s.is_uncertain());
        assert_eq!(
            s.lower(),
            &DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 3.0, 4.0])
        );
        assert_eq!(
            s.upper(),
            &DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 5.0, 4.0])
        );
        assert_eq!(
            s.mid(),
            &DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 4.0, 4.0])
        );
    }
}
