//! From rows of text cells (CSV or a sheet) to validated participants.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::error::{ParticipantsError, Place, Problem};
use super::{Judgements, Kind, Participant, Participants};
use crate::diagnostic::{Location, closest};
use crate::model::Model;
use crate::sheet::{Grid, cell_name};
use crate::weights::Weights;
use crate::weights::ahp::{self, JudgementError};
use crate::weights::rank_order::{RankOrderMethod, rank_order_weights};

/// Where a cell is: a byte range of the CSV text, or a sheet's (row, column).
#[derive(Debug, Clone)]
enum At {
    Span(Range<usize>),
    Cell(u32, u32),
}

#[derive(Debug, Clone)]
struct Field {
    text: String,
    at: At,
}

/// The rows of a participants file, each cell with its place.
pub(super) struct Input<'a> {
    path: PathBuf,
    /// The CSV text, for carets.
    text: Option<&'a str>,
    sheet: Option<String>,
    /// Each row's cells, and the place of the row as a whole.
    rows: Vec<(Vec<Field>, At)>,
}

/// A header column.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Id,
    Group,
    Criterion(usize),
    Order,
    Pair(usize, usize, bool),
}

impl<'a> Input<'a> {
    pub(super) fn from_csv(path: &Path, text: &'a str) -> Result<Input<'a>, ParticipantsError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        let mut record = csv::ByteRecord::new();
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let at = e.position().map_or(0, |p| p.byte() as usize);
                    return Err(ParticipantsError::at(
                        Place::Text(Location::in_text(path, text, at..at)),
                        None,
                        Problem::Csv {
                            message: e.to_string(),
                        },
                    ));
                }
            }
            let start = record.position().map_or(0, |p| p.byte() as usize);
            let spans = field_spans(text, start);
            let fields: Vec<Field> = record
                .iter()
                .enumerate()
                .map(|(k, f)| Field {
                    text: String::from_utf8_lossy(f)
                        .trim()
                        .trim_start_matches('\u{feff}')
                        .to_string(),
                    at: At::Span(spans.get(k).cloned().unwrap_or(start..start)),
                })
                .collect();
            if fields.iter().all(|f| f.text.is_empty()) {
                continue;
            }
            let end = spans.last().map_or(start, |s| s.end);
            rows.push((fields, At::Span(start..end)));
        }
        Ok(Input {
            path: path.to_path_buf(),
            text: Some(text),
            sheet: None,
            rows,
        })
    }

    pub(super) fn from_grid(grid: Grid) -> Input<'static> {
        // A sheet's used range is rectangular: cells after the header's last name are kept
        // only where a row has something in them (so a stray value is reported, not lost).
        let filled = |cells: &[crate::sheet::GridCell]| {
            cells
                .iter()
                .rposition(|c| !c.text.trim().is_empty())
                .map_or(1, |k| k + 1)
        };
        let width = grid.rows.first().map_or(1, |h| filled(h));
        let rows = grid
            .rows
            .into_iter()
            .map(|mut cells| {
                cells.truncate(width.max(filled(&cells)));
                let at = At::Cell(cells[0].row, cells[0].col);
                let fields = cells
                    .into_iter()
                    .map(|c| Field {
                        text: c.text.trim().to_string(),
                        at: At::Cell(c.row, c.col),
                    })
                    .collect();
                (fields, at)
            })
            .collect();
        Input {
            path: grid.path,
            text: None,
            sheet: Some(grid.sheet),
            rows,
        }
    }

    fn place(&self, at: &At) -> Place {
        match (at, self.text) {
            (At::Span(r), Some(text)) => {
                Place::Text(Location::in_text(&self.path, text, r.clone()))
            }
            (At::Cell(r, c), _) => Place::Cell {
                path: self.path.clone(),
                sheet: self.sheet.clone().unwrap_or_default(),
                cell: cell_name(*r, *c),
            },
            _ => Place::File(self.path.clone()),
        }
    }

    fn error(&self, at: &At, who: Option<&str>, problem: Problem) -> ParticipantsError {
        ParticipantsError::at(self.place(at), who, problem)
    }

    /// The place of `part` inside a CSV cell (its last occurrence when `last`), or the cell.
    fn narrow(&self, at: &At, part: &str, last: bool) -> At {
        match (at, self.text) {
            (At::Span(r), Some(text)) if !part.is_empty() => {
                let raw = &text[r.clone()];
                let found = if last {
                    raw.rfind(part)
                } else {
                    raw.find(part)
                };
                match found {
                    Some(off) => At::Span(r.start + off..r.start + off + part.len()),
                    None => at.clone(),
                }
            }
            _ => at.clone(),
        }
    }

    /// A short name of a row for "first on …" messages.
    fn row_name(&self, at: &At) -> String {
        match self.place(at) {
            Place::Text(l) => format!("line {}", l.line),
            Place::Cell { cell, .. } => format!("cell {cell}"),
            Place::File(_) => "an earlier row".into(),
        }
    }

    pub(super) fn participants(&self, model: &Model) -> Result<Participants, ParticipantsError> {
        let Some((header, header_at)) = self.rows.first() else {
            return Err(ParticipantsError::at(
                Place::File(self.path.clone()),
                None,
                Problem::Empty,
            ));
        };
        let (columns, kind) = self.header(header, header_at, model)?;
        if self.rows.len() == 1 {
            return Err(self.error(header_at, None, Problem::NoParticipants));
        }
        let mut seen: HashMap<String, At> = HashMap::new();
        let mut list = Vec::with_capacity(self.rows.len() - 1);
        for (fields, row_at) in &self.rows[1..] {
            let p = self.row(fields, row_at, &columns, kind, header, model, &seen)?;
            seen.insert(p.id.clone(), fields[0].at.clone());
            list.push(p);
        }
        Ok(Participants { kind, list })
    }

    fn header(
        &self,
        header: &[Field],
        at: &At,
        model: &Model,
    ) -> Result<(Vec<Column>, Kind), ParticipantsError> {
        let ids: Vec<String> = model.criteria.iter().map(|c| c.id.clone()).collect();
        if header[0].text != "id" {
            return Err(self.error(
                &header[0].at,
                None,
                Problem::FirstColumn {
                    found: header[0].text.clone(),
                },
            ));
        }
        let mut columns = vec![Column::Id];
        let mut kind: Option<(Kind, usize)> = None;
        for (k, f) in header.iter().enumerate().skip(1) {
            let name = f.text.as_str();
            let col = if name == "group" {
                Column::Group
            } else if name == "rank_order" {
                Column::Order
            } else if let Some(j) = model.criterion_index(name) {
                Column::Criterion(j)
            } else if let Some((a, b)) = ahp::parse_pair(name) {
                let unknown = |c: &str| {
                    self.error(
                        &f.at,
                        None,
                        Problem::UnknownColumn {
                            found: c.to_string(),
                            suggestion: closest(c, ids.iter().map(String::as_str))
                                .map(str::to_string),
                            criteria: ids.clone(),
                        },
                    )
                };
                let i = model.criterion_index(a).ok_or_else(|| unknown(a))?;
                let j = model.criterion_index(b).ok_or_else(|| unknown(b))?;
                if i == j {
                    return Err(self.error(&f.at, None, Problem::SelfPair { a: a.to_string() }));
                }
                Column::Pair(i.min(j), i.max(j), i > j)
            } else {
                return Err(self.error(
                    &f.at,
                    None,
                    Problem::UnknownColumn {
                        found: name.to_string(),
                        suggestion: closest(
                            name,
                            ids.iter()
                                .map(String::as_str)
                                .chain(["group", "rank_order"]),
                        )
                        .map(str::to_string),
                        criteria: ids.clone(),
                    },
                ));
            };
            let same = |c: &Column| match (c, &col) {
                (Column::Pair(a, b, _), Column::Pair(x, y, _)) => a == x && b == y,
                (a, b) => a == b,
            };
            if let Some(prev) = columns.iter().position(same) {
                return Err(match (columns[prev], col) {
                    (Column::Pair(i, j, _), Column::Pair(..)) => {
                        let [a, b] = [&ids[i], &ids[j]];
                        self.error(
                            &f.at,
                            None,
                            Problem::RepeatedPair {
                                a: a.clone(),
                                b: b.clone(),
                            },
                        )
                    }
                    _ => self.error(
                        &f.at,
                        None,
                        Problem::RepeatedColumn {
                            column: name.to_string(),
                        },
                    ),
                });
            }
            let this = match col {
                Column::Criterion(_) => Some(Kind::Points),
                Column::Order => Some(Kind::RankOrder),
                Column::Pair(..) => Some(Kind::Ahp),
                _ => None,
            };
            if let Some(this) = this {
                match kind {
                    None => kind = Some((this, k)),
                    Some((first, _)) if first != this => {
                        return Err(self.error(
                            &f.at,
                            None,
                            Problem::MixedColumns {
                                first: kind_name(first),
                                second: kind_name(this),
                            },
                        ));
                    }
                    _ => {}
                }
            }
            columns.push(col);
        }
        let Some((kind, _)) = kind else {
            return Err(self.error(at, None, Problem::NoWeightColumns));
        };
        let m = ids.len();
        match kind {
            Kind::Points => {
                if let Some(j) = (0..m).find(|j| !columns.contains(&Column::Criterion(*j))) {
                    return Err(self.error(
                        at,
                        None,
                        Problem::MissingCriterion {
                            criterion: ids[j].clone(),
                        },
                    ));
                }
            }
            Kind::Ahp => {
                if m > ahp::MAX_CRITERIA {
                    return Err(self.error(
                        at,
                        None,
                        Problem::TooManyForAhp {
                            n: m,
                            max: ahp::MAX_CRITERIA,
                        },
                    ));
                }
                for i in 0..m {
                    for j in i + 1..m {
                        let has = columns
                            .iter()
                            .any(|c| matches!(c, Column::Pair(a, b, _) if *a == i && *b == j));
                        if !has {
                            return Err(self.error(
                                at,
                                None,
                                Problem::MissingPair {
                                    a: ids[i].clone(),
                                    b: ids[j].clone(),
                                },
                            ));
                        }
                    }
                }
            }
            Kind::RankOrder => {}
        }
        Ok((columns, kind))
    }

    #[allow(clippy::too_many_arguments)]
    fn row(
        &self,
        fields: &[Field],
        row_at: &At,
        columns: &[Column],
        kind: Kind,
        header: &[Field],
        model: &Model,
        seen: &HashMap<String, At>,
    ) -> Result<Participant, ParticipantsError> {
        let id = fields[0].text.clone();
        if id.is_empty() {
            return Err(self.error(&fields[0].at, None, Problem::EmptyId));
        }
        let who = Some(id.as_str());
        if fields.len() == 1 && columns.len() > 1 && id.contains(',') {
            return Err(self.error(
                row_at,
                None,
                Problem::Csv {
                    message: "a quote (\") opens a field that is never closed".into(),
                },
            ));
        }
        if fields.len() != columns.len() {
            let at = fields.get(columns.len()).map_or(row_at, |f| &f.at);
            return Err(self.error(
                at,
                who,
                Problem::FieldCount {
                    found: fields.len(),
                    expected: columns.len(),
                },
            ));
        }
        if let Some(first) = seen.get(&id) {
            return Err(self.error(
                &fields[0].at,
                who,
                Problem::DuplicateId {
                    id: id.clone(),
                    first: self.row_name(first),
                },
            ));
        }
        let m = model.criteria.len();
        let mut group = None;
        let mut raw = vec![0.0; m];
        let mut order = None;
        let mut pairs = Vec::new();
        for (k, (col, f)) in columns.iter().zip(fields).enumerate() {
            let column = header[k].text.clone();
            if f.text.is_empty() && !matches!(col, Column::Group) {
                return Err(self.error(&f.at, who, Problem::EmptyCell { column }));
            }
            match *col {
                Column::Id => {}
                Column::Group => group = (!f.text.is_empty()).then(|| f.text.clone()),
                Column::Criterion(j) => {
                    let x: f64 = f.text.parse().map_err(|_| {
                        self.error(
                            &f.at,
                            who,
                            Problem::NotANumber {
                                column: column.clone(),
                                found: f.text.clone(),
                            },
                        )
                    })?;
                    if !x.is_finite() || x < 0.0 {
                        return Err(self.error(
                            &f.at,
                            who,
                            Problem::BadPoints {
                                column,
                                found: f.text.clone(),
                            },
                        ));
                    }
                    raw[j] = x;
                }
                Column::Order => order = Some(self.order(f, who, model)?),
                Column::Pair(i, j, flipped) => {
                    let v = ahp::parse_judgement(&toml::Value::String(f.text.clone())).map_err(
                        |e| {
                            self.error(
                                &f.at,
                                who,
                                Problem::BadJudgement {
                                    pair: column.clone(),
                                    found: f.text.clone(),
                                    reason: judgement_reason(&e),
                                },
                            )
                        },
                    )?;
                    pairs.push((i, j, if flipped { 1.0 / v } else { v }));
                }
            }
        }
        let (weights, total, judgements) = match kind {
            Kind::Points => {
                let w = Weights::normalized(&raw)
                    .map_err(|_| self.error(&fields[0].at, who, Problem::AllZero))?;
                (w, Some(raw.iter().sum()), None)
            }
            Kind::RankOrder => {
                let order = order.unwrap_or_default();
                let roc = rank_order_weights(m, RankOrderMethod::Roc);
                let mut w = vec![0.0; m];
                for (pos, &j) in order.iter().enumerate() {
                    w[j] = roc[pos];
                }
                // ROC weights sum to 1 and are positive.
                let w = Weights::normalized(&w)
                    .map_err(|_| self.error(&fields[0].at, who, Problem::AllZero))?;
                (w, None, None)
            }
            Kind::Ahp => {
                pairs.sort_by_key(|&(i, j, _)| (i, j));
                let a = ahp::matrix_from_judgements(m, &pairs);
                let analysis = ahp::ahp(&a).map_err(|e| {
                    self.error(
                        &fields[0].at,
                        who,
                        Problem::BadJudgement {
                            pair: "-".into(),
                            found: String::new(),
                            reason: e.to_string(),
                        },
                    )
                })?;
                let w = Weights::normalized(&analysis.weights)
                    .map_err(|_| self.error(&fields[0].at, who, Problem::AllZero))?;
                (w, None, Some(Judgements { pairs, analysis }))
            }
        };
        Ok(Participant {
            id,
            group,
            weights,
            total,
            judgements,
        })
    }

    /// A rank order `a>b>c` naming every criterion once; the criteria's indices, most
    /// important first.
    fn order(
        &self,
        f: &Field,
        who: Option<&str>,
        model: &Model,
    ) -> Result<Vec<usize>, ParticipantsError> {
        let ids: Vec<String> = model.criteria.iter().map(|c| c.id.clone()).collect();
        let mut order = Vec::new();
        for part in f.text.split('>').map(str::trim) {
            let Some(j) = model.criterion_index(part) else {
                return Err(self.error(
                    &self.narrow(&f.at, part, false),
                    who,
                    Problem::UnknownInOrder {
                        found: part.to_string(),
                        suggestion: closest(part, ids.iter().map(String::as_str))
                            .map(str::to_string),
                        criteria: ids.clone(),
                    },
                ));
            };
            if order.contains(&j) {
                return Err(self.error(
                    &self.narrow(&f.at, part, true),
                    who,
                    Problem::RepeatedInOrder {
                        criterion: part.to_string(),
                    },
                ));
            }
            order.push(j);
        }
        let missing: Vec<&str> = (0..ids.len())
            .filter(|j| !order.contains(j))
            .map(|j| ids[j].as_str())
            .collect();
        if !missing.is_empty() {
            return Err(self.error(
                &f.at,
                who,
                Problem::IncompleteOrder {
                    missing: missing.join(", "),
                },
            ));
        }
        Ok(order)
    }
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Points => "points",
        Kind::RankOrder => "`rank_order`",
        Kind::Ahp => "AHP pair",
    }
}

fn judgement_reason(e: &JudgementError) -> String {
    match e {
        JudgementError::OutOfRange { value } => {
            format!("{value} is outside Saaty's scale (1/9 to 9)")
        }
        JudgementError::DivisionByZero { .. } => "it divides by zero".into(),
        _ => "not a number or a fraction".into(),
    }
}

/// The byte ranges of the fields of the CSV record that starts at byte `start`; a quoted
/// field's range includes its quotes.
fn field_spans(text: &str, start: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let (mut from, mut quoted, mut i) = (start, false, start);
    while i < bytes.len() {
        match (quoted, bytes[i]) {
            (true, b'"') if bytes.get(i + 1) == Some(&b'"') => i += 1,
            (_, b'"') => quoted = !quoted,
            (false, b',') => {
                spans.push(from..i);
                from = i + 1;
            }
            (false, b'\n' | b'\r') => break,
            _ => {}
        }
        i += 1;
    }
    spans.push(from..i);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_quoted_fields() {
        let t = "a,\"b,c\",d\nx";
        let s = field_spans(t, 0);
        assert_eq!(s, vec![0..1, 2..7, 8..9]);
    }
}
