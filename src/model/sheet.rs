//! Alternatives from a sheet of a workbook: `[data] xlsx = "matrix.xlsx"` (or `ods`, `xls`),
//! with an optional `sheet = "NAME"` (default: the first sheet).
//!
//! The sheet is laid out as `[data] csv` is: a header row `id`, `name`, then one column per
//! criterion id (in any order, each once); one row per alternative. A cell is read as a CSV
//! field is: a number (a numeric cell is taken at full precision), a level name, or an
//! uncertain value written `low..high`. A problem points at the file, the sheet and the cell.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::common::{ScoreRows, Source, alternative, valid_id};
use super::error::{ModelError, Problem};
use super::limits::{MAX_ALTERNATIVES, MAX_CELLS, MAX_FILE_BYTES};
use super::source::{ReadError, read};
use super::{Alternative, Criterion, Scores};
use crate::sheet::{Grid, GridCell, SheetError, cell_name};

/// Reads the alternatives of the sheet `sheet` (else the first) of the workbook at `path`;
/// `at` is the span of the `xlsx = ...` value in the model, where read errors point.
pub(crate) fn from_sheet(
    model: &Source<'_>,
    at: Range<usize>,
    path: &Path,
    sheet: Option<&str>,
    criteria: &[Criterion],
) -> Result<(Vec<Alternative>, Scores), ModelError> {
    let shown = path.display().to_string();
    let bytes = read(path, MAX_FILE_BYTES).map_err(|e| {
        let problem = match e {
            ReadError::Io(e) => Problem::WorkbookRead {
                path: shown.clone(),
                reason: e.to_string(),
            },
            ReadError::NotAFile(kind) => Problem::WorkbookRead {
                path: shown.clone(),
                reason: format!("it is {kind}, not a regular file"),
            },
            ReadError::TooLarge { size, limit } => Problem::WorkbookTooLarge {
                path: shown.clone(),
                size,
                limit,
            },
        };
        model.error(at.clone(), problem)
    })?;
    let grid = crate::sheet::read_grid_bytes(path, bytes, sheet).map_err(|e| match e {
        SheetError::Open { reason, .. } => model.error(
            at.clone(),
            Problem::WorkbookRead {
                path: shown.clone(),
                reason,
            },
        ),
        e => ModelError::from(e),
    })?;
    let rows = grid.rows.len() - 1;
    let m = criteria.len().max(1);
    if rows > MAX_ALTERNATIVES || rows > MAX_CELLS / m {
        let limit = MAX_ALTERNATIVES.min(MAX_CELLS / m);
        return Err(model.error(
            at,
            Problem::SheetTooMany {
                path: shown,
                sheet: grid.sheet,
                rows,
                limit,
            },
        ));
    }
    Matrix { grid: &grid }.read(criteria)
}

struct Matrix<'a> {
    grid: &'a Grid,
}

impl Matrix<'_> {
    fn bad(&self, cell: &GridCell, problem: &Problem) -> ModelError {
        let what = match problem {
            Problem::Duplicate { first, .. } => format!("{problem} (first in {first})"),
            _ => problem.to_string(),
        };
        ModelError::from(SheetError::Cell {
            path: self.grid.path.clone(),
            sheet: self.grid.sheet.clone(),
            cell: cell_name(cell.row, cell.col),
            what,
            help: problem
                .help_in(true)
                .unwrap_or_else(|| "see the header row".into()),
        })
    }

    fn read(&self, criteria: &[Criterion]) -> Result<(Vec<Alternative>, Scores), ModelError> {
        let header = &self.grid.rows[0];
        let text = |k: usize| header.get(k).map_or("", |c| c.text.trim());
        if text(0) != "id" || text(1) != "name" {
            let found: Vec<&str> = header.iter().map(|c| c.text.trim()).collect();
            return Err(self.bad(
                &header[0],
                &Problem::SheetHeader {
                    found: found.join(","),
                },
            ));
        }
        let index: HashMap<&str, usize> = criteria
            .iter()
            .enumerate()
            .map(|(j, c)| (c.id.as_str(), j))
            .collect();
        // (sheet column index in the row, criterion index)
        let mut columns: Vec<(usize, usize)> = Vec::new();
        let mut found = vec![false; criteria.len()];
        for (k, cell) in header.iter().enumerate().skip(2) {
            let name = cell.text.trim();
            if name.is_empty() {
                // A column without a header is left out when it is empty throughout.
                if let Some(row) = self.grid.rows[1..]
                    .iter()
                    .find(|r| r.get(k).is_some_and(|c| !c.text.trim().is_empty()))
                {
                    return Err(self.bad(
                        &row[k],
                        &Problem::SheetNoHeader {
                            cell: cell_name(cell.row, cell.col),
                        },
                    ));
                }
                continue;
            }
            let Some(&j) = index.get(name) else {
                return Err(self.bad(
                    cell,
                    &Problem::CsvUnknownColumn {
                        found: name.to_string(),
                        known: criteria.iter().map(|c| c.id.clone()).collect(),
                    },
                ));
            };
            if std::mem::replace(&mut found[j], true) {
                return Err(self.bad(
                    cell,
                    &Problem::Repeated {
                        criterion: name.to_string(),
                    },
                ));
            }
            columns.push((k, j));
        }
        if let Some(j) = (0..criteria.len()).find(|&j| !found[j]) {
            return Err(self.bad(
                &header[0],
                &Problem::CsvMissingColumn {
                    criterion: criteria[j].id.clone(),
                },
            ));
        }
        let mut seen: HashMap<&str, String> = HashMap::new();
        let mut alternatives = Vec::with_capacity(self.grid.rows.len() - 1);
        let mut scores = ScoreRows::new(criteria.len());
        let mut row_scores = vec![(0.0, 0.0); criteria.len()];
        for row in &self.grid.rows[1..] {
            let id = row[0].text.trim();
            if !valid_id(id) {
                return Err(self.bad(
                    &row[0],
                    &Problem::BadId {
                        found: id.to_string(),
                    },
                ));
            }
            if let Some(first) = seen.get(id) {
                return Err(self.bad(
                    &row[0],
                    &Problem::Duplicate {
                        kind: "alternative",
                        id: id.to_string(),
                        first: first.clone(),
                    },
                ));
            }
            seen.insert(id, format!("cell {}", cell_name(row[0].row, row[0].col)));
            for &(k, j) in &columns {
                let cell = &row[k];
                row_scores[j] =
                    super::data::score(&cell.text, &criteria[j]).map_err(|p| self.bad(cell, &p))?;
            }
            scores.push(&row_scores);
            let name = row.get(1).map_or("", |c| c.text.trim());
            alternatives.push(alternative(
                id.to_string(),
                (!name.is_empty()).then(|| name.to_string()),
                None,
            ));
        }
        Ok((alternatives, scores.finish()))
    }
}
