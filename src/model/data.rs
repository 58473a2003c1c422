//! Alternatives from a CSV file (`[data] csv = "matrix.csv"`), for large alternative sets.
//!
//! The header is `id,name,<criterion id>,...` (criterion columns in any order, each criterion
//! once). A cell is a number, a level name, or an uncertain value written `low..high`.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::common::{ScoreRows, Source, alternative, valid_id};
use super::error::{ModelError, Problem};
use super::scores::{Cell, interval, value};
use super::{Alternative, Criterion, Scores};

mod alternatives;
pub use alternatives::Alternatives;
#[cfg(feature = "parquet")]
mod parquet;
#[cfg(feature = "parquet")]
pub(crate) use self::parquet::from_parquet;

/// Reads the CSV at `path`; `at` is the span of the `csv = ...` value in the model file.
///
/// With `decimals`, a large plain file of decimals may keep its scores as
/// [`crate::columns::Decimals`].
pub(crate) fn from_csv(
    model: &Source<'_>,
    at: Range<usize>,
    path: &Path,
    criteria: &[Criterion],
    decimals: bool,
) -> Result<(Alternatives, Scores), ModelError> {
    if let Some(done) = stream::read(model, at.clone(), path, criteria, decimals)? {
        return Ok(done);
    }
    let text = super::source::data_text(model, at, path, criteria.len())?;
    let (alternatives, scores) = parse_csv(
        &Source {
            path,
            text: text.as_str(),
        },
        criteria,
    )?;
    Ok((alternatives.into(), scores))
}

/// Parses the CSV text of `src` into alternatives and scores.
///
/// Plain files (no quotes, one record per line, no blank lines, numbers and level names, no
/// interval, no error) take a fast path: the rows are cut into blocks of about
/// [`BLOCK_BYTES`] at line ends, counted, then parsed in parallel straight into one
/// column-major score matrix, each block into its own rows of every column; ids are checked for
/// duplicates with one hash set of borrowed `&str`. Anything else (or any error) is read again
/// by the `csv` crate record by record, which handles quoting and writes the precise message.
pub(crate) fn parse_csv(
    src: &Source<'_>,
    criteria: &[Criterion],
) -> Result<(Vec<Alternative>, Scores), ModelError> {
    let csv = Csv {
        src: Source {
            path: src.path,
            text: src.text,
        },
        criteria,
    };
    if let Some(fast) = csv.fast() {
        return Ok(fast);
    }
    csv.read()
}

#[cfg(unix)]
mod stream;

/// Without positioned reads every file goes to the general reader.
#[cfg(not(unix))]
mod stream {
    pub(crate) fn read(
        _: &super::Source<'_>,
        _: std::ops::Range<usize>,
        _: &std::path::Path,
        _: &[super::Criterion],
    ) -> Result<Option<(super::Alternatives, super::Scores)>, super::ModelError> {
        Ok(None)
    }
}

/// The target size of one block of rows for the parallel parse.
const BLOCK_BYTES: usize = 1 << 20;

/// Splits `body` into blocks of whole lines of about `BLOCK_BYTES`.
fn blocks(body: &str) -> Vec<&str> {
    let bytes = body.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / BLOCK_BYTES + 1);
    let mut start = 0;
    while start < bytes.len() {
        let target = (start + BLOCK_BYTES).min(bytes.len());
        let end = match memchr::memchr(b'\n', &bytes[target..]) {
            Some(k) if target < bytes.len() => target + k + 1,
            _ => bytes.len(),
        };
        out.push(&body[start..end]);
        start = end;
    }
    out
}

/// The number of lines of a block (a last line without its newline counts).
fn line_count(block: &str) -> usize {
    let b = block.as_bytes();
    memchr::memchr_iter(b'\n', b).count() + usize::from(b.last().is_some_and(|&c| c != b'\n'))
}

/// The comma-separated fields of a line without quotes; `None` once the last is taken.
struct Fields<'a>(Option<&'a str>);

impl<'a> Iterator for Fields<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let rest = self.0?;
        match rest.bytes().position(|b| b == b',') {
            Some(k) => {
                self.0 = Some(&rest[k + 1..]);
                Some(&rest[..k])
            }
            None => {
                self.0 = None;
                Some(rest)
            }
        }
    }
}

/// A number written as plain decimal digits with at most one point (`42.3641`, `7`, `.5`),
/// up to 15 significant digits: the digits as an integer divided by a power of ten, both exact
/// in f64, so the quotient is the correctly rounded value, equal to `str::parse`'s (Clinger
/// 1990). `None` for anything else (signs, exponents, spaces, more digits), which goes to the
/// general parser.
#[inline]
fn simple_decimal(b: &[u8]) -> Option<f64> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    if b.is_empty() || b.len() > 16 {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    let mut point = None;
    for (k, &c) in b.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(c - b'0');
                digits += 1;
            }
            b'.' if point.is_none() => point = Some(k),
            _ => return None,
        }
    }
    if digits == 0 || digits > 15 {
        return None;
    }
    let decimals = point.map_or(0, |k| b.len() - k - 1);
    Some(mantissa as f64 / POW10[decimals])
}

/// A fast, non-cryptographic hash for the duplicate-id check (FNV-1a over 8-byte words).
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0 ^ 0xcbf2_9ce4_8422_2325;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h ^ word).wrapping_mul(0x0100_0000_01b3).rotate_left(23);
        }
        for &b in chunks.remainder() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h ^ (h >> 29);
    }
}

struct Csv<'a> {
    src: Source<'a>,
    criteria: &'a [Criterion],
}

impl Csv<'_> {
    /// The fast path of [`parse_csv`]; `None` when the file needs the general reader.
    fn fast(&self) -> Option<(Vec<Alternative>, Scores)> {
        use rayon::prelude::*;
        let text = self.src.text;
        let header_end = memchr::memchr(b'\n', text.as_bytes())? + 1;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&text.as_bytes()[..header_end]);
        let mut record = csv::ByteRecord::new();
        if !self.next(&mut reader, &mut record).ok()? {
            return None;
        }
        let columns = self.header(&record).ok()?;
        let m = self.criteria.len();
        let blocks = blocks(&text[header_end..]);
        let counts: Vec<usize> = blocks.par_iter().map(|b| line_count(b)).collect();
        let n: usize = counts.iter().sum();
        let mut values = vec![0.0; n * m];
        // Each block gets its own rows of every column.
        let mut parts: Vec<Vec<&mut [f64]>> =
            blocks.iter().map(|_| Vec::with_capacity(m)).collect();
        for column in values.chunks_mut(n.max(1)).take(m) {
            let mut rest = column;
            for (part, &count) in parts.iter_mut().zip(&counts) {
                let (mine, tail) = rest.split_at_mut(count);
                part.push(mine);
                rest = tail;
            }
        }
        let alternatives: Vec<Vec<Alternative>> = blocks
            .par_iter()
            .zip(parts.into_par_iter())
            .map(|(block, mut cols)| self.fast_block(block, &columns, &mut cols))
            .collect::<Option<_>>()?;
        let alternatives: Vec<Alternative> = alternatives.into_iter().flatten().collect();
        if alternatives.len() != n {
            return None;
        }
        let mut seen: std::collections::HashSet<&str, std::hash::BuildHasherDefault<IdHasher>> =
            std::collections::HashSet::with_capacity_and_hasher(n, Default::default());
        if !alternatives.iter().all(|a| seen.insert(a.id.as_str())) {
            return None;
        }
        drop(seen);
        let matrix = nalgebra::DMatrix::from_vec(n, m, values);
        Some((alternatives, Scores::exact(matrix)))
    }

    /// Parses one block of plain lines into its rows of each column (`cols[j][r]`).
    fn fast_block(
        &self,
        block: &str,
        columns: &[usize],
        cols: &mut [&mut [f64]],
    ) -> Option<Vec<Alternative>> {
        if memchr::memchr(b'"', block.as_bytes()).is_some() {
            return None;
        }
        let mut out = Vec::with_capacity(cols.first().map_or(0, |c| c.len()));
        // A numeric criterion's accepted values: [lo, hi] of its range, else [0, ∞).
        let plain: Vec<Option<(f64, f64)>> = self
            .criteria
            .iter()
            .map(|c| {
                c.scale
                    .is_none()
                    .then(|| c.range.unwrap_or((0.0, f64::INFINITY)))
                    .filter(|&(lo, _)| lo >= 0.0)
            })
            .collect();
        for (r, line) in block.lines().enumerate() {
            if line.is_empty() {
                return None;
            }
            let mut fields = Fields(Some(line));
            let id = fields.next()?.trim();
            if !valid_id(id) {
                return None;
            }
            let name = fields.next()?.trim();
            for &j in columns {
                let c = &self.criteria[j];
                let field = fields.next()?;
                let x = match (plain[j], simple_decimal(field.as_bytes())) {
                    (Some((lo, hi)), Some(x)) if x >= lo && x <= hi => x,
                    _ => match field.parse::<f64>() {
                        Ok(x) => value(Cell::Number(x), c).ok()?,
                        Err(_) => match score(field, c).ok()? {
                            (lo, hi) if lo == hi => lo,
                            _ => return None,
                        },
                    },
                };
                *cols[j].get_mut(r)? = x;
            }
            if fields.next().is_some() {
                return None;
            }
            out.push(alternative(
                id.to_string(),
                (!name.is_empty()).then(|| name.to_string()),
                None,
            ));
        }
        Some(out)
    }

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
        let index: HashMap<&str, usize> = self
            .criteria
            .iter()
            .enumerate()
            .map(|(j, c)| (c.id.as_str(), j))
            .collect();
        let mut found = vec![false; self.criteria.len()];
        let mut columns = Vec::new();
        for (k, name) in text.iter().enumerate().skip(2) {
            let span = spans.get(k).cloned().unwrap_or(line.clone());
            let Some(&j) = index.get(name) else {
                return Err(self.src.error(
                    span,
                    Problem::CsvUnknownColumn {
                        found: name.to_string(),
                        known: self.criteria.iter().map(|c| c.id.clone()).collect(),
                    },
                ));
            };
            if std::mem::replace(&mut found[j], true) {
                return Err(self.src.error(
                    span,
                    Problem::Repeated {
                        criterion: name.to_string(),
                    },
                ));
            }
            columns.push(j);
        }
        if let Some(c) = self.criteria.iter().enumerate().find(|&(j, _)| !found[j]) {
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

pub(super) fn score(text: &str, c: &Criterion) -> Result<(f64, f64), Problem> {
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
    fn simple_decimals_parse_as_the_standard_parser_does() {
        for text in [
            "42.3641",
            "0",
            "7",
            ".5",
            "5.",
            "0.1",
            "0.3",
            "123456789012345",
            "99999.99999",
            "1.7976931348",
            "0.00000000000001",
        ] {
            assert_eq!(
                simple_decimal(text.as_bytes()),
                Some(text.parse().unwrap()),
                "{text}"
            );
        }
        for text in [
            "",
            ".",
            "-1",
            "+1",
            "1e5",
            " 1",
            "1 ",
            "1.2.3",
            "1234567890123456",
            "0.000000000000001",
            "inf",
            "High",
        ] {
            assert_eq!(simple_decimal(text.as_bytes()), None, "{text}");
        }
        let f: Vec<&str> = Fields(Some("a,,b,")).collect();
        assert_eq!(f, ["a", "", "b", ""]);
        assert_eq!(Fields(Some("")).collect::<Vec<_>>(), [""]);
    }

    /// The fast path and the record-by-record reader give the same model; what the fast path
    /// does not take (quotes, intervals, blank lines, errors) goes to the reader.
    #[test]
    fn the_fast_path_agrees_with_the_reader() {
        let criteria = test_criteria();
        let path = std::path::Path::new("m.csv");
        let parse = |text: &str| {
            let src = Source { path, text };
            let csv = Csv {
                src: Source { path, text },
                criteria: &criteria,
            };
            (csv.fast(), parse_csv(&src, &criteria))
        };
        let plain = "id,name,x,lvl\na,Alpha,1.5,Low\nb,,2,High\r\nc,Gamma,0.25,Low";
        let (fast, full) = parse(plain);
        let (alts, scores) = fast.expect("a plain file takes the fast path");
        let (want_alts, want_scores) = Csv {
            src: Source { path, text: plain },
            criteria: &criteria,
        }
        .read()
        .unwrap();
        assert_eq!(alts, want_alts);
        assert_eq!(scores, want_scores);
        assert_eq!(full.unwrap().1, want_scores);
        assert_eq!(scores.mid()[(2, 0)], 0.25);
        assert_eq!(alts[1].name, "b");
        for other in [
            "id,name,x,lvl\na,\"Alpha, A\",1.5,Low\n",
            "id,name,x,lvl\na,Alpha,1..2,Low\n",
            "id,name,x,lvl\na,Alpha,1,Low\n\nb,Beta,2,Low\n",
        ] {
            let (fast, full) = parse(other);
            assert!(fast.is_none(), "{other:?}");
            assert!(full.is_ok(), "{other:?}");
        }
        for bad in [
            "id,name,x,lvl\na,Alpha,1,Low\na,Again,2,Low\n",
            "id,name,x,lvl\na,Alpha,-1,Low\n",
            "id,name,x,lvl\na,Alpha,1,Lowish\n",
            "id,name,x,lvl\na,Alpha,1\n",
        ] {
            let (fast, full) = parse(bad);
            assert!(fast.is_none(), "{bad:?}");
            assert!(full.is_err(), "{bad:?}");
        }
    }

    pub(super) fn test_criteria() -> Vec<Criterion> {
        use super::super::{Direction, Preference, Scale};
        let c = |id: &str, scale: Option<Scale>| Criterion {
            id: id.into(),
            name: id.into(),
            description: None,
            direction: Direction::Benefit,
            scale,
            range: None,
            preference: Preference::Usual,
            value: None,
        };
        vec![
            c("x", None),
            c(
                "lvl",
                Some(Scale {
                    name: "level".into(),
                    levels: vec!["Low".into(), "High".into()],
                    values: vec![0.0, 1.0],
                }),
            ),
        ]
    }

    /// A data file past its own bound (larger than a model file's) is refused before it is
    /// read, with the bound in the message; a sparse file makes the size without the bytes.
    #[test]
    fn a_data_file_past_its_bound_is_refused_by_its_size() {
        use super::super::limits::{MAX_DATA_FILE_BYTES, MAX_FILE_BYTES};
        const { assert!(MAX_DATA_FILE_BYTES > 2 * 185_177_366 && MAX_DATA_FILE_BYTES > MAX_FILE_BYTES) };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(MAX_DATA_FILE_BYTES + 1).unwrap();
        let text = "csv = \"big.csv\"";
        let model = Source {
            path: Path::new("m.toml"),
            text,
        };
        let err = from_csv(&model, 6..15, &path, &test_criteria(), false).unwrap_err();
        let shown = err.to_string();
        assert!(
            shown
                .contains("is 1073741825 bytes; pmatrix reads at most 1073741824 bytes (1024 MiB)"),
            "{shown}"
        );
    }

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
