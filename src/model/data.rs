//! Alternatives from a CSV file (`[data] csv = "matrix.csv"`), for large alternative sets.
//!
//! The header is `id,name,<criterion id>,...` (criterion columns in any order, each criterion
//! once). A cell is a number, a level name, or an uncertain value written `low..high`.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::error::{ModelError, Problem};
use super::load::{ScoreRows, Source, alternative, valid_id};
use super::scores::{Cell, interval, value};
use super::{Alternative, Criterion, Scores};

/// Reads the CSV at `path`; `at` is the span of the `csv = ...` value in the model file.
pub(crate) fn from_csv(
    model: &Source<'_>,
    at: Range<usize>,
    path: &Path,
    criteria: &[Criterion],
) -> Result<(Vec<Alternative>, Scores), ModelError> {
    let text = super::source::data_text(model, at, path, criteria.len())?;
    let text = text.as_str();
    Csv {
        src: Source { path, text },
        criteria,
    }
    .read()
}

struct Csv<'a> {
    src: Source<'a>,
    criteria: &'a [Criterion],
}

impl Csv<'_> {
    fn read(&self) -> Result<(Vec<Alternative>, Scores), ModelError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(self.src.text.as_bytes());
        let mut record = csv::ByteRecord::new();
        if !self.next(&mut reader, &mut record)? {
            return Err(self.src.whole(Problem::CsvEmpty));
        }
        let columns = self.header(&record)?;
        let mut seen = HashMap::new();
        let mut alternatives = Vec::new();
        let m = self.criteria.len();
        let mut rows = ScoreRows::new(m);
        let mut row = vec![(0.0, 0.0); m];
        while self.next(&mut reader, &mut record)? {
            let start = record.position().map_or(0, |p| p.byte() as usize);
            // Field positions are worked out only when an error needs one.
            let span = |k: usize| {
                field_spans(self.src.text, start)
                    .get(k)
                    .cloned()
                    .unwrap_or(start..start)
            };
            let field = |k: usize| std::str::from_utf8(&record[k]).unwrap_or("");
            if record.len() != columns.len() + 2 {
                return Err(self.src.error(
                    start..start,
                    Problem::CsvFieldCount {
                        found: record.len(),
                        expected: columns.len() + 2,
                    },
                ));
            }
            let id = field(0).trim();
            if !valid_id(id) {
                return Err(self.src.error(
                    span(0),
                    Problem::BadId {
                        found: id.to_string(),
                    },
                ));
            }
            if let Some(&first) = seen.get(id) {
                return Err(self.src.error(
                    span(0),
                    Problem::Duplicate {
                        kind: "alternative",
                        id: id.to_string(),
                        first: self.src.line_of(first),
                    },
                ));
            }
            seen.insert(id.to_string(), start);
            for (k, &j) in columns.iter().enumerate() {
                row[j] = score(field(k + 2), &self.criteria[j])
                    .map_err(|p| self.src.error(span(k + 2), p))?;
            }
            rows.push(&row);
            let name = field(1).trim();
            alternatives.push(alternative(
                id.to_string(),
                (!name.is_empty()).then(|| name.to_string()),
                None,
            ));
        }
        Ok((alternatives, rows.finish()))
    }

    /// Reads the next record; `false` at the end of the file.
    fn next(
        &self,
        reader: &mut csv::Reader<&[u8]>,
        record: &mut csv::ByteRecord,
    ) -> Result<bool, ModelError> {
        reader.read_byte_record(record).map_err(|e| {
            let at = e.position().map_or(0, |p| p.byte() as usize);
            self.src.error(
                at..at,
                Problem::Csv {
                    message: e.to_string(),
                },
            )
        })
    }

    /// The criterion index of each column after `id,name`.
    fn header(&self, record: &csv::ByteRecord) -> Result<Vec<usize>, ModelError> {
        let text: Vec<&str> = record
            .iter()
            .map(|f| std::str::from_utf8(f).unwrap_or("").trim())
            .collect();
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let spans = field_spans(self.src.text, start);
        let line = start..spans.last().map_or(start, |s| s.end);
        if text.len() < 2 || text[0] != "id" || text[1] != "name" {
            return Err(self.src.error(
                line.clone(),
                Problem::CsvHeader {
                    found: text.join(","),
                },
            ));
        }
        let mut columns = Vec::new();
        for (k, name) in text.iter().enumerate().skip(2) {
            let span = spans.get(k).cloned().unwrap_or(line.clone());
            let Some(j) = self.criteria.iter().position(|c| c.id == *name) else {
                return Err(self.src.error(
                    span,
                    Problem::CsvUnknownColumn {
                        found: name.to_string(),
                        known: self.criteria.iter().map(|c| c.id.clone()).collect(),
                    },
                ));
            };
            if columns.contains(&j) {
                return Err(self.src.error(
                    span,
                    Problem::Repeated {
                        criterion: name.to_string(),
                    },
                ));
            }
            columns.push(j);
        }
        if let Some(c) = self
            .criteria
            .iter()
            .enumerate()
            .find(|(j, _)| !columns.contains(j))
        {
            return Err(self.src.error(
                line.clone(),
                Problem::CsvMissingColumn {
                    criterion: c.1.id.clone(),
                },
            ));
        }
        Ok(columns)
    }
}

fn cell(text: &str) -> Cell<'_> {
    match text.parse::<f64>() {
        Ok(x) => Cell::Number(x),
        Err(_) => Cell::Level(text),
    }
}

fn score(text: &str, c: &Criterion) -> Result<(f64, f64), Problem> {
    let text = text.trim();
    if let Ok(x) = text.parse::<f64>() {
        return value(Cell::Number(x), c).map(|x| (x, x));
    }
    match text.split_once("..") {
        Some((lo, hi)) => {
            let (lo, hi) = (lo.trim(), hi.trim());
            interval(value(cell(lo), c)?, value(cell(hi), c)?, |k| {
                [lo, hi][k].to_string()
            })
        }
        None => value(Cell::Level(text), c).map(|x| (x, x)),
    }
}

/// The byte ranges, as written in `text`, of the fields of the record that starts at byte
/// `start`; a quoted field's range includes its quotes.
fn field_spans(text: &str, start: usize) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut field_start = start;
    let mut quoted = false;
    let mut i = start;
    while i < bytes.len() {
        match (quoted, bytes[i]) {
            (true, b'"') if bytes.get(i + 1) == Some(&b'"') => i += 1,
            (true, b'"') => quoted = false,
            (false, b'"') => quoted = true,
            (false, b',') => {
                spans.push(field_start..i);
                field_start = i + 1;
            }
            (false, b'\n' | b'\r') => break,
            _ => {}
        }
        i += 1;
    }
    spans.push(field_start..i);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_spans_count_delimiters_and_quotes() {
        let text = "id,name\nbus-lanes,\"Bus, lanes\",High\r\nnext";
        let start = text.find("bus").unwrap();
        let spans = field_spans(text, start);
        let fields: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(fields, ["bus-lanes", "\"Bus, lanes\"", "High"]);
        assert_eq!(field_spans(text, 0).len(), 2);
        assert_eq!(field_spans("", 0), vec![0..0]);
    }
}
