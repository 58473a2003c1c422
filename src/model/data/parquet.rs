//! Alternatives from a Parquet file (`[data] parquet = "matrix.parquet"`), as pandas, polars,
//! pyarrow and DuckDB write them.
//!
//! The columns mean what the CSV file's do: `id`, an optional `name`, and one column per
//! criterion id, in any order, each once. A criterion's column holds numbers (DOUBLE, FLOAT,
//! INT32 or INT64 of any integer kind, DECIMAL) or text (a level name, a number written as text,
//! or an uncertain `low..high`, as a CSV cell); every value is checked as a CSV cell is. `id`
//! holds text or integers (written in decimal), `name` text. A null is refused, but in `name`,
//! where it means "no name".
//!
//! The row count is read from the file's footer and checked against the limits before any
//! column is read; each column is then read row group by row group, in batches, straight into
//! its column of the score matrix. Every problem points at the `parquet = ...` value of the
//! model and names the Parquet file, the row (counted from 1, the first alternative) and the
//! column.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use nalgebra::DMatrix;
use parquet::basic::{ConvertedType, LogicalType, Type as Physical};
use parquet::column::reader::{ColumnReader, ColumnReaderImpl};
use parquet::data_type::DataType;
use parquet::file::reader::FileReader;
use parquet::file::serialized_reader::SerializedFileReader;
use parquet::schema::types::ColumnDescriptor;
use rayon::prelude::*;

use super::super::common::{Source, alternative, valid_id};
use super::super::error::{ModelError, Problem};
use super::super::limits::MAX_DATA_FILE_BYTES;
use super::super::scores::{Cell, value};
use super::super::source::{self, ReadError};
use super::super::{Criterion, Scores, text};
use super::alternatives::{Alternatives, Arena};

/// How many rows of a column are decoded at a time.
const BATCH: usize = 8192;

/// Reads the Parquet file at `path`; `at` is the span of the `parquet = ...` value in the
/// model, where every problem points.
pub(crate) fn from_parquet(
    model: &Source<'_>,
    at: Range<usize>,
    path: &Path,
    criteria: &[Criterion],
) -> Result<(Alternatives, Scores), ModelError> {
    let file = File {
        model,
        at,
        path,
        shown: path.display().to_string(),
    };
    // The reader is not expected to panic on any file; should it, the file is reported as
    // damaged (and the panic not printed) rather than the program ending.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _quiet = Quiet::new();
        file.read(criteria)
    }));
    read.unwrap_or_else(|payload| {
        let reason = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("the reader failed on it");
        Err(file.corrupt(reason))
    })
}

thread_local! {
    /// How many readers of a Parquet file run on this thread: a panic of one is caught and
    /// reported, so not printed.
    static QUIET: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// While it lives, a panic on this thread is not printed (see [`from_parquet`]).
struct Quiet;

impl Quiet {
    fn new() -> Quiet {
        quiet_panics();
        QUIET.with(|q| q.set(q.get() + 1));
        Quiet
    }
}

impl Drop for Quiet {
    fn drop(&mut self) {
        QUIET.with(|q| q.set(q.get().saturating_sub(1)));
    }
}

/// Installs, once, a panic hook that prints a panic as the previous hook did unless it
/// happens on a thread reading a Parquet file.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(std::cell::Cell::get) == 0 {
                previous(info);
            }
        }));
    });
}

/// The Parquet file being read, and where its problems point in the model.
struct File<'a> {
    model: &'a Source<'a>,
    at: Range<usize>,
    path: &'a Path,
    shown: String,
}

/// What a column of the file is read as.
#[derive(Clone, Copy)]
enum Role {
    Id,
    Name,
    Criterion(usize),
}

/// How the values of a column are turned into numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Double,
    Float,
    Int32 {
        unsigned: bool,
    },
    Int64 {
        unsigned: bool,
    },
    /// A DECIMAL held in an INT32 or INT64: the unscaled integer and the scale.
    DecimalInt {
        scale: i32,
    },
    /// A DECIMAL held in bytes (FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY), big-endian two's
    /// complement of at most 16 bytes.
    DecimalBytes {
        scale: i32,
    },
    Text,
}

/// A problem met while reading one column of one row group; rows count within the group.
enum Fail {
    Corrupt(String),
    Short { row: usize },
    Null { row: usize },
    NotText { row: usize },
    Cell { row: usize, problem: Box<Problem> },
}

impl Fail {
    fn corrupt(e: parquet::errors::ParquetError) -> Fail {
        Fail::Corrupt(reason(&e))
    }
}

/// The crate's message without its "Parquet error: " prefix.
fn reason(e: &parquet::errors::ParquetError) -> String {
    let s = e.to_string();
    s.strip_prefix("Parquet error: ").unwrap_or(&s).to_string()
}

/// The text of a value as the writer gave it.
fn utf8(bytes: &[u8], row: usize) -> Result<&str, Fail> {
    std::str::from_utf8(bytes).map_err(|_| Fail::NotText { row })
}

impl File<'_> {
    fn error(&self, problem: Problem) -> ModelError {
        self.model.error(self.at.clone(), problem)
    }

    fn corrupt(&self, reason: &str) -> ModelError {
        self.error(Problem::ParquetCorrupt {
            path: self.shown.clone(),
            reason: reason.to_string(),
        })
    }

    /// The error for `fail` in column `column`, in the row group starting at row `first`.
    fn failed(&self, fail: Fail, column: &str, first: usize) -> ModelError {
        let path = self.shown.clone();
        let column = column.to_string();
        self.error(match fail {
            Fail::Corrupt(reason) => Problem::ParquetCorrupt {
                path,
                reason: format!("column `{column}`: {reason}"),
            },
            Fail::Short { row } => Problem::ParquetCorrupt {
                path,
                reason: format!(
                    "column `{column}` ends after {} rows, before the number of rows the file gives",
                    first + row
                ),
            },
            Fail::Null { row } => Problem::ParquetNull {
                path,
                row: first + row + 1,
                column,
            },
            Fail::NotText { row } => Problem::ParquetNotText {
                path,
                row: first + row + 1,
                column,
            },
            Fail::Cell { row, problem } => Problem::ParquetCell {
                path,
                row: first + row + 1,
                column,
                problem,
            },
        })
    }

    fn read(&self, criteria: &[Criterion]) -> Result<(Alternatives, Scores), ModelError> {
        let reader = self.open()?;
        let meta = reader.metadata();
        // The rows of each row group, and the row each starts at.
        let mut groups = Vec::with_capacity(meta.num_row_groups());
        let mut n = 0usize;
        for g in meta.row_groups() {
            let rows = usize::try_from(g.num_rows())
                .map_err(|_| self.corrupt("a row group has a negative number of rows"))?;
            groups.push((n, rows));
            n = n
                .checked_add(rows)
                .ok_or_else(|| self.corrupt("the row groups hold more rows than can be counted"))?;
        }
        if u64::try_from(meta.file_metadata().num_rows()).ok() != Some(n as u64) {
            return Err(self.corrupt(&format!(
                "its footer gives {} rows, but its row groups hold {n}",
                meta.file_metadata().num_rows()
            )));
        }
        // The limits of a CSV file's rows, said of this file.
        source::check_rows(self.model, self.at.clone(), self.path, n, criteria.len()).map_err(
            |e| {
                if let Some(Problem::CsvTooMany {
                    rows,
                    criteria,
                    what,
                    ..
                }) = e.problem()
                {
                    return self.error(Problem::ParquetTooMany {
                        path: self.shown.clone(),
                        rows: *rows,
                        criteria: *criteria,
                        what: what.clone(),
                    });
                }
                e
            },
        )?;
        let columns = self.columns(reader.metadata().file_metadata().schema_descr(), criteria)?;
        let m = criteria.len();
        if n == 0 {
            return Ok((Alternatives::default(), Scores::exact(DMatrix::zeros(0, m))));
        }
        // Reads every row group's chunk of a column with `read`.
        let column = |leaf: usize,
                      read: &mut dyn FnMut(ColumnReader, usize, usize, i16) -> Result<(), Fail>|
         -> Result<(), ModelError> {
            let descr = meta.file_metadata().schema_descr().column(leaf);
            let max_def = descr.max_def_level();
            for (g, &(first, rows)) in groups.iter().enumerate() {
                let chunk = reader
                    .get_row_group(g)
                    .and_then(|r| r.get_column_reader(leaf))
                    .map_err(|e| self.failed(Fail::corrupt(e), descr.name(), first))?;
                read(chunk, first, rows, max_def)
                    .map_err(|f| self.failed(f, descr.name(), first))?;
            }
            Ok(())
        };
        let mut ids = Texts::default();
        let mut names: Option<Texts> = None;
        for &(leaf, role, kind) in &columns {
            match role {
                Role::Id => column(leaf, &mut |chunk, _, rows, max_def| {
                    read_id(chunk, kind, rows, max_def, &mut ids)
                })?,
                Role::Name => {
                    let names = names.get_or_insert_with(Texts::default);
                    column(leaf, &mut |chunk, _, rows, max_def| {
                        read_name(chunk, rows, max_def, names)
                    })?
                }
                Role::Criterion(_) => {}
            }
        }
        self.unique(&ids)?;
        // The score columns, each into its column of the matrix, in parallel; the first
        // problem in the file's order of columns is reported.
        let mut values = vec![0.0; n * m];
        // The upper ends of the columns where some score is an interval.
        let mut upper: Vec<Option<Vec<f64>>> = vec![None; m];
        let mut slots: Vec<_> = values
            .chunks_mut(n)
            .zip(upper.iter_mut())
            .map(Some)
            .collect();
        let jobs: Vec<_> = columns
            .iter()
            .filter_map(|&(leaf, role, kind)| match role {
                Role::Criterion(j) => Some((leaf, kind, j, slots[j].take()?)),
                _ => None,
            })
            .collect();
        let done: Vec<Result<(), ModelError>> = jobs
            .into_par_iter()
            .map(|(leaf, kind, j, (col, up))| {
                let _quiet = Quiet::new();
                let c = &criteria[j];
                column(leaf, &mut |chunk, first, rows, max_def| {
                    read_scores(chunk, kind, rows, max_def, c, col, up, first)
                })
            })
            .collect();
        done.into_iter().collect::<Result<(), _>>()?;
        let alternatives = join(&ids, names.as_ref());
        let lower = DMatrix::from_vec(n, m, values);
        let scores = if upper.iter().all(Option::is_none) {
            Scores::exact(lower)
        } else {
            let mut high = lower.clone();
            for (j, col) in upper.into_iter().enumerate() {
                if let Some(col) = col {
                    high.column_mut(j).copy_from_slice(&col);
                }
            }
            Scores::new(lower, high)
        };
        Ok((alternatives, scores))
    }

    /// Opens the file (a regular file of at most the data file size) and reads its footer.
    fn open(&self) -> Result<SerializedFileReader<Positioned>, ModelError> {
        let (mut file, size) = source::open(self.path, MAX_DATA_FILE_BYTES).map_err(|e| {
            self.error(match e {
                ReadError::Io(e) => Problem::ParquetRead {
                    path: self.shown.clone(),
                    reason: e.to_string(),
                },
                ReadError::NotAFile(kind) => Problem::ParquetRead {
                    path: self.shown.clone(),
                    reason: format!("it is {kind}, not a regular file"),
                },
                ReadError::TooLarge { size, limit } => Problem::ParquetTooLarge {
                    path: self.shown.clone(),
                    size,
                    limit,
                },
            })
        })?;
        let (head, tail) = ends(&mut file, size).map_err(|e| {
            self.error(Problem::ParquetRead {
                path: self.shown.clone(),
                reason: e.to_string(),
            })
        })?;
        let not = |reason: &str| {
            self.error(Problem::NotParquet {
                path: self.shown.clone(),
                reason: reason.to_string(),
            })
        };
        if size < 12 {
            return Err(not(&format!(
                "it is {size} bytes long, and the smallest Parquet file is 12"
            )));
        }
        match (head == *b"PAR1", tail == *b"PAR1") {
            (true, true) => {}
            (true, false) => {
                return Err(self.corrupt(
                    "it starts as a Parquet file does but does not end with the marker PAR1, so it was cut short (or is being written)",
                ));
            }
            (false, true) => {
                return Err(not(
                    "it ends with the marker PAR1 but does not start with it",
                ));
            }
            (false, false) => {
                return Err(not("it does not start and end with the marker PAR1"));
            }
        }
        let file = Positioned {
            file: std::sync::Arc::new(file),
            len: size,
        };
        SerializedFileReader::new(file).map_err(|e| self.corrupt(&reason(&e)))
    }

    /// The columns to read, in the file's order: leaf index, role and how to read it.
    fn columns(
        &self,
        schema: &parquet::schema::types::SchemaDescriptor,
        criteria: &[Criterion],
    ) -> Result<Vec<(usize, Role, Kind)>, ModelError> {
        let fields = schema.root_schema().get_fields();
        // The leaf of each top-level field that is a plain column.
        let mut leaf_of: Vec<Option<usize>> = vec![None; fields.len()];
        for leaf in 0..schema.num_columns() {
            let root = schema.get_column_root_idx(leaf);
            if let Some(slot) = leaf_of.get_mut(root)
                && fields[root].is_primitive()
            {
                *slot = Some(leaf);
            }
        }
        let index: HashMap<&str, usize> = criteria
            .iter()
            .enumerate()
            .map(|(j, c)| (c.id.as_str(), j))
            .collect();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut out = Vec::with_capacity(fields.len());
        let mut has_id = false;
        for (k, field) in fields.iter().enumerate() {
            let name = field.name().trim();
            if !seen.insert(name) {
                return Err(self.error(Problem::ParquetRepeated {
                    path: self.shown.clone(),
                    column: name.to_string(),
                }));
            }
            let role = match name {
                "id" => Role::Id,
                "name" => Role::Name,
                _ => match index.get(name) {
                    Some(&j) => Role::Criterion(j),
                    None => {
                        return Err(self.error(Problem::ParquetUnknownColumn {
                            path: self.shown.clone(),
                            found: name.to_string(),
                            known: criteria.iter().map(|c| c.id.clone()).collect(),
                        }));
                    }
                },
            };
            let wrong = |found: String, wanted: &'static str| {
                self.error(Problem::ParquetType {
                    path: self.shown.clone(),
                    column: name.to_string(),
                    found,
                    wanted,
                })
            };
            let wanted = match role {
                Role::Id => "an id",
                Role::Name => "a name",
                Role::Criterion(_) => "a score",
            };
            let Some(leaf) = leaf_of[k] else {
                return Err(wrong(
                    "a nested column (a list, map or struct)".into(),
                    wanted,
                ));
            };
            let descr = schema.column(leaf);
            if descr.max_rep_level() > 0 {
                return Err(wrong("a repeated column (a list)".into(), wanted));
            }
            let kind = kind(&descr).map_err(|found| wrong(found, wanted))?;
            let fits = match role {
                Role::Id => matches!(kind, Kind::Text | Kind::Int32 { .. } | Kind::Int64 { .. }),
                Role::Name => kind == Kind::Text,
                Role::Criterion(_) => true,
            };
            if !fits {
                return Err(wrong(type_name(&descr), wanted));
            }
            has_id |= matches!(role, Role::Id);
            out.push((leaf, role, kind));
        }
        if !has_id {
            return Err(self.error(Problem::ParquetNoId {
                path: self.shown.clone(),
                columns: fields.iter().map(|f| f.name().to_string()).collect(),
            }));
        }
        let mut found = vec![false; criteria.len()];
        for &(_, role, _) in &out {
            if let Role::Criterion(j) = role {
                found[j] = true;
            }
        }
        if let Some(j) = found.iter().position(|&f| !f) {
            return Err(self.error(Problem::ParquetMissingColumn {
                path: self.shown.clone(),
                criterion: criteria[j].id.clone(),
            }));
        }
        Ok(out)
    }

    /// Refuses a repeated id, naming the row where it was first given.
    fn unique(&self, ids: &Texts) -> Result<(), ModelError> {
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(ids.len());
        for r in 0..ids.len() {
            let id = ids.get(r);
            if let Some(first) = seen.insert(id, r) {
                return Err(self.failed(
                    Fail::Cell {
                        row: r,
                        problem: Box::new(Problem::Duplicate {
                            kind: "alternative",
                            id: id.to_string(),
                            first: format!("row {}", first + 1),
                        }),
                    },
                    "id",
                    0,
                ));
            }
        }
        Ok(())
    }
}

/// The file, read at given positions, so that its columns are read in parallel without a
/// shared cursor (the crate's reader of a `File` seeks a shared one).
struct Positioned {
    file: std::sync::Arc<std::fs::File>,
    len: u64,
}

/// A reader of the file from a position on.
struct ReadFrom {
    file: std::sync::Arc<std::fs::File>,
    pos: u64,
}

impl std::io::Read for ReadFrom {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let k = read_at(&self.file, buf, self.pos)?;
        self.pos += k as u64;
        Ok(k)
    }
}

impl parquet::file::reader::Length for Positioned {
    fn len(&self) -> u64 {
        self.len
    }
}

impl parquet::file::reader::ChunkReader for Positioned {
    type T = std::io::BufReader<ReadFrom>;

    fn get_read(&self, start: u64) -> parquet::errors::Result<Self::T> {
        Ok(std::io::BufReader::new(ReadFrom {
            file: self.file.clone(),
            pos: start,
        }))
    }

    fn get_bytes(&self, start: u64, length: usize) -> parquet::errors::Result<bytes::Bytes> {
        let end = start.checked_add(length as u64).filter(|&e| e <= self.len);
        if end.is_none() {
            return Err(parquet::errors::ParquetError::EOF(format!(
                "{length} bytes at offset {start} run past the end of the file ({} bytes)",
                self.len
            )));
        }
        let mut buf = vec![0; length];
        let mut done = 0;
        while done < length {
            match read_at(&self.file, &mut buf[done..], start + done as u64)? {
                0 => {
                    return Err(parquet::errors::ParquetError::EOF(format!(
                        "the file ends {done} bytes into {length} at offset {start}"
                    )));
                }
                k => done += k,
            }
        }
        Ok(buf.into())
    }
}

#[cfg(unix)]
fn read_at(file: &std::fs::File, buf: &mut [u8], pos: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, pos)
}

#[cfg(windows)]
fn read_at(file: &std::fs::File, buf: &mut [u8], pos: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, pos)
}

/// Elsewhere a seek and a read, one reader at a time.
#[cfg(not(any(unix, windows)))]
fn read_at(file: &std::fs::File, buf: &mut [u8], pos: u64) -> std::io::Result<usize> {
    use std::io::{Read, Seek, SeekFrom};
    static ONE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = ONE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut file = file;
    file.seek(SeekFrom::Start(pos))?;
    file.read(buf)
}

/// The first and last four bytes of the file.
fn ends(file: &mut std::fs::File, size: u64) -> std::io::Result<([u8; 4], [u8; 4])> {
    use std::io::{Read, Seek, SeekFrom};
    let mut head = [0u8; 4];
    let mut tail = [0u8; 4];
    if size >= 4 {
        file.seek(SeekFrom::Start(0))?;
        file.read_exact(&mut head)?;
        file.seek(SeekFrom::End(-4))?;
        file.read_exact(&mut tail)?;
    }
    file.seek(SeekFrom::Start(0))?;
    Ok((head, tail))
}

/// How a column's values are read, or what its type is called when pmatrix does not read it.
fn kind(c: &ColumnDescriptor) -> Result<Kind, String> {
    let logical = c.logical_type_ref();
    let converted = c.converted_type();
    let decimal =
        matches!(logical, Some(LogicalType::Decimal(_))) || converted == ConvertedType::DECIMAL;
    let unsigned = match logical {
        Some(LogicalType::Integer(int)) => !int.is_signed,
        _ => matches!(
            converted,
            ConvertedType::UINT_8
                | ConvertedType::UINT_16
                | ConvertedType::UINT_32
                | ConvertedType::UINT_64
        ),
    };
    let other = matches!(
        logical,
        Some(
            LogicalType::Date
                | LogicalType::Time(_)
                | LogicalType::Timestamp(_)
                | LogicalType::Float16
                | LogicalType::Uuid
                | LogicalType::Json
                | LogicalType::Bson
                | LogicalType::Unknown
        )
    ) || matches!(
        converted,
        ConvertedType::DATE
            | ConvertedType::TIME_MILLIS
            | ConvertedType::TIME_MICROS
            | ConvertedType::TIMESTAMP_MILLIS
            | ConvertedType::TIMESTAMP_MICROS
            | ConvertedType::INTERVAL
            | ConvertedType::JSON
            | ConvertedType::BSON
    );
    if other {
        return Err(type_name(c));
    }
    let scale = c.type_scale();
    Ok(match c.physical_type() {
        Physical::DOUBLE => Kind::Double,
        Physical::FLOAT => Kind::Float,
        Physical::INT32 if decimal => Kind::DecimalInt { scale },
        Physical::INT64 if decimal => Kind::DecimalInt { scale },
        Physical::INT32 => Kind::Int32 { unsigned },
        Physical::INT64 => Kind::Int64 { unsigned },
        Physical::FIXED_LEN_BYTE_ARRAY | Physical::BYTE_ARRAY
            if decimal && c.type_precision() <= 38 =>
        {
            Kind::DecimalBytes { scale }
        }
        Physical::BYTE_ARRAY if !decimal => Kind::Text,
        _ => return Err(type_name(c)),
    })
}

/// A column's type as a message names it: "a BOOLEAN column", "a DATE column (INT32)".
fn type_name(c: &ColumnDescriptor) -> String {
    let physical = c.physical_type();
    let logical = match c.logical_type_ref() {
        Some(LogicalType::String) => Some("STRING".to_string()),
        Some(LogicalType::Enum) => Some("ENUM".to_string()),
        Some(LogicalType::Decimal(d)) => Some(format!("DECIMAL({}, {})", d.precision, d.scale)),
        Some(LogicalType::Date) => Some("DATE".to_string()),
        Some(LogicalType::Time(_)) => Some("TIME".to_string()),
        Some(LogicalType::Timestamp(_)) => Some("TIMESTAMP".to_string()),
        Some(LogicalType::Integer(i)) => Some(format!(
            "{}INT{}",
            if i.is_signed { "" } else { "U" },
            i.bit_width
        )),
        Some(LogicalType::Float16) => Some("FLOAT16".to_string()),
        Some(LogicalType::Uuid) => Some("UUID".to_string()),
        Some(LogicalType::Json) => Some("JSON".to_string()),
        Some(LogicalType::Bson) => Some("BSON".to_string()),
        Some(other) => Some(format!("{other:?}")),
        None => match c.converted_type() {
            ConvertedType::NONE => None,
            ConvertedType::DECIMAL => Some(format!(
                "DECIMAL({}, {})",
                c.type_precision(),
                c.type_scale()
            )),
            other => Some(other.to_string()),
        },
    };
    match (physical, logical) {
        (Physical::INT96, _) => "an INT96 column (a timestamp)".to_string(),
        (_, Some(l)) => format!("a {l} column ({physical})"),
        (p, None) => format!("a {p} column"),
    }
}

/// Reads `rows` values of a column chunk in batches, calling `f` with the row (within the
/// chunk) and the value; a null (a definition level below `max_def`) ends the read with
/// [`Fail::Null`] once the rows before it are taken.
fn each<T: DataType>(
    mut reader: ColumnReaderImpl<T>,
    rows: usize,
    max_def: i16,
    mut f: impl FnMut(usize, &T::T) -> Result<(), Fail>,
) -> Result<(), Fail> {
    let nullable = max_def > 0;
    let mut values: Vec<T::T> = Vec::with_capacity(BATCH.min(rows));
    let mut defs: Vec<i16> = Vec::with_capacity(if nullable { BATCH.min(rows) } else { 0 });
    let mut done = 0;
    while done < rows {
        values.clear();
        defs.clear();
        let want = BATCH.min(rows - done);
        let (records, _, levels) = reader
            .read_records(want, nullable.then_some(&mut defs), None, &mut values)
            .map_err(Fail::corrupt)?;
        if records == 0 || records > want {
            return Err(Fail::Short { row: done });
        }
        let null = if nullable {
            defs[..levels.min(defs.len())]
                .iter()
                .position(|&d| d < max_def)
        } else {
            None
        };
        let present = null.unwrap_or(records);
        if values.len() < present {
            return Err(Fail::Corrupt(format!(
                "{} values for {present} rows",
                values.len()
            )));
        }
        for (k, v) in values[..present].iter().enumerate() {
            f(done + k, v)?;
        }
        if let Some(k) = null {
            return Err(Fail::Null { row: done + k });
        }
        done += records;
    }
    Ok(())
}

/// Reads the numbers of a chunk of kind `kind` (not text), calling `f` with each as an `f64`.
fn numbers(
    chunk: ColumnReader,
    kind: Kind,
    rows: usize,
    max_def: i16,
    mut f: impl FnMut(usize, f64) -> Result<(), Fail>,
) -> Result<(), Fail> {
    let mut digits = String::new();
    match (chunk, kind) {
        (ColumnReader::DoubleColumnReader(r), _) => each(r, rows, max_def, |k, &x| f(k, x)),
        (ColumnReader::FloatColumnReader(r), _) => {
            each(r, rows, max_def, |k, &x| f(k, f64::from(x)))
        }
        (ColumnReader::Int32ColumnReader(r), Kind::DecimalInt { scale }) => {
            each(r, rows, max_def, |k, &x| {
                f(k, decimal(i128::from(x), scale, &mut digits))
            })
        }
        (ColumnReader::Int64ColumnReader(r), Kind::DecimalInt { scale }) => {
            each(r, rows, max_def, |k, &x| {
                f(k, decimal(i128::from(x), scale, &mut digits))
            })
        }
        (ColumnReader::Int32ColumnReader(r), Kind::Int32 { unsigned: true }) => {
            each(r, rows, max_def, |k, &x| f(k, f64::from(x as u32)))
        }
        (ColumnReader::Int32ColumnReader(r), _) => {
            each(r, rows, max_def, |k, &x| f(k, f64::from(x)))
        }
        (ColumnReader::Int64ColumnReader(r), Kind::Int64 { unsigned: true }) => {
            each(r, rows, max_def, |k, &x| f(k, x as u64 as f64))
        }
        (ColumnReader::Int64ColumnReader(r), _) => each(r, rows, max_def, |k, &x| f(k, x as f64)),
        (ColumnReader::FixedLenByteArrayColumnReader(r), Kind::DecimalBytes { scale }) => {
            each(r, rows, max_def, |k, x| {
                let unscaled = be_integer(x.data()).ok_or_else(|| too_wide(k))?;
                f(k, decimal(unscaled, scale, &mut digits))
            })
        }
        (ColumnReader::ByteArrayColumnReader(r), Kind::DecimalBytes { scale }) => {
            each(r, rows, max_def, |k, x| {
                let unscaled = be_integer(x.data()).ok_or_else(|| too_wide(k))?;
                f(k, decimal(unscaled, scale, &mut digits))
            })
        }
        _ => Err(mismatch()),
    }
}

fn too_wide(row: usize) -> Fail {
    Fail::Corrupt(format!(
        "the decimal in row {} is wider than 16 bytes",
        row + 1
    ))
}

/// The integer of big-endian two's complement bytes, if it fits in 128 bits.
fn be_integer(bytes: &[u8]) -> Option<i128> {
    if bytes.is_empty() || bytes.len() > 16 {
        return None;
    }
    let fill = if bytes[0] & 0x80 != 0 { 0xff } else { 0 };
    let mut buf = [fill; 16];
    buf[16 - bytes.len()..].copy_from_slice(bytes);
    Some(i128::from_be_bytes(buf))
}

/// `unscaled × 10^-scale`, correctly rounded: written out in decimal and read back, as the
/// same number in a CSV cell is.
fn decimal(unscaled: i128, scale: i32, digits: &mut String) -> f64 {
    digits.clear();
    let _ = write!(digits, "{unscaled}e{}", -i64::from(scale));
    digits.parse().unwrap_or(f64::NAN)
}

/// Reads a chunk of criterion `c`'s scores into its rows from `first` of `col`, the
/// criterion's column of the matrix, and, once some score of the column is an interval, of
/// `upper`, the column's upper ends.
#[allow(clippy::too_many_arguments)]
fn read_scores(
    chunk: ColumnReader,
    kind: Kind,
    rows: usize,
    max_def: i16,
    c: &Criterion,
    col: &mut [f64],
    upper: &mut Option<Vec<f64>>,
    first: usize,
) -> Result<(), Fail> {
    let mut put = |k: usize, lo: f64, hi: f64| {
        let r = first + k;
        col[r] = lo;
        if lo != hi && upper.is_none() {
            // The column's first interval: every score before it is exact.
            *upper = Some(col.to_vec());
        }
        if let Some(up) = upper.as_mut() {
            up[r] = hi;
        }
    };
    if kind != Kind::Text {
        return numbers(chunk, kind, rows, max_def, |k, x| {
            let x = value(Cell::Number(x), c).map_err(|problem| Fail::Cell {
                row: k,
                problem: Box::new(problem),
            })?;
            put(k, x, x);
            Ok(())
        });
    }
    let ColumnReader::ByteArrayColumnReader(r) = chunk else {
        return Err(mismatch());
    };
    each(r, rows, max_def, |k, x| {
        let text = utf8(x.data(), k)?;
        let (lo, hi) = super::score(text, c).map_err(|problem| Fail::Cell {
            row: k,
            problem: Box::new(problem),
        })?;
        put(k, lo, hi);
        Ok(())
    })
}

fn mismatch() -> Fail {
    Fail::Corrupt("its values are not of the type its schema gives".into())
}

/// Reads a chunk of the `id` column (text, or integers written in decimal), checking each id's
/// form; a repeated id is found once the column is read ([`File::unique`]).
fn read_id(
    chunk: ColumnReader,
    kind: Kind,
    rows: usize,
    max_def: i16,
    ids: &mut Texts,
) -> Result<(), Fail> {
    let mut add = |k: usize, id: &str| {
        if !valid_id(id) {
            return Err(Fail::Cell {
                row: k,
                problem: Box::new(Problem::BadId {
                    found: id.to_string(),
                }),
            });
        }
        ids.push(id);
        Ok(())
    };
    let mut digits = String::new();
    match (chunk, kind) {
        (ColumnReader::ByteArrayColumnReader(r), Kind::Text) => {
            each(r, rows, max_def, |k, x| add(k, utf8(x.data(), k)?.trim()))
        }
        (ColumnReader::Int32ColumnReader(r), Kind::Int32 { unsigned }) => {
            each(r, rows, max_def, |k, &x| {
                digits.clear();
                let _ = match unsigned {
                    true => write!(digits, "{}", x as u32),
                    false => write!(digits, "{x}"),
                };
                add(k, &digits)
            })
        }
        (ColumnReader::Int64ColumnReader(r), Kind::Int64 { unsigned }) => {
            each(r, rows, max_def, |k, &x| {
                digits.clear();
                let _ = match unsigned {
                    true => write!(digits, "{}", x as u64),
                    false => write!(digits, "{x}"),
                };
                add(k, &digits)
            })
        }
        _ => Err(mismatch()),
    }
}

/// Reads a chunk of the `name` column: a null or empty name is no name (the id is shown).
fn read_name(
    chunk: ColumnReader,
    rows: usize,
    max_def: i16,
    names: &mut Texts,
) -> Result<(), Fail> {
    let ColumnReader::ByteArrayColumnReader(mut r) = chunk else {
        return Err(mismatch());
    };
    if max_def == 0 {
        return each(r, rows, 0, |k, x| {
            names.push(utf8(x.data(), k)?.trim());
            Ok(())
        });
    }
    // Nulls are names left out: read the definition levels alongside.
    let mut values = Vec::with_capacity(BATCH.min(rows));
    let mut defs = Vec::with_capacity(BATCH.min(rows));
    let mut done = 0;
    while done < rows {
        values.clear();
        defs.clear();
        let want = BATCH.min(rows - done);
        let (records, _, levels) = r
            .read_records(want, Some(&mut defs), None, &mut values)
            .map_err(Fail::corrupt)?;
        if records == 0 || records > want || levels != records || defs.len() < records {
            return Err(Fail::Short { row: done });
        }
        let mut next = values.iter();
        for (k, &d) in defs[..records].iter().enumerate() {
            if d < max_def {
                names.push("");
                continue;
            }
            let Some(x) = next.next() else {
                return Err(Fail::Corrupt(format!(
                    "fewer values than rows after row {}",
                    done + k
                )));
            };
            names.push(utf8(x.data(), done + k)?.trim());
        }
        done += records;
    }
    Ok(())
}

/// Texts one after another in one string, each found by where it ends.
#[derive(Default)]
struct Texts {
    text: String,
    ends: Vec<usize>,
}

impl Texts {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len());
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

/// The alternatives of the ids and names, in one text arena when every name can be kept there
/// (none holds a comma or a quote), else as a list.
fn join(ids: &Texts, names: Option<&Texts>) -> Alternatives {
    let n = ids.len();
    let name = |i: usize| names.map_or("", |t| t.get(i));
    let listed = || -> Alternatives {
        (0..n)
            .map(|i| {
                let name = name(i);
                alternative(
                    ids.get(i).to_string(),
                    (!name.is_empty()).then(|| name.to_string()),
                    None,
                )
            })
            .collect()
    };
    let plain = names.is_none_or(|t| !t.text.contains([',', '"']));
    if !plain {
        return listed();
    }
    // Texts of at most u32::MAX bytes, as the arena counts.
    let mut texts: Vec<(String, Vec<u32>)> = Vec::new();
    let mut text = String::new();
    let mut starts = Vec::new();
    for i in 0..n {
        let (id, name) = (ids.get(i), name(i));
        let cleaned;
        let name = if text::needs_cleaning(name) {
            cleaned = text::clean(name);
            cleaned.as_str()
        } else {
            name
        };
        if text.len() + id.len() + name.len() + 1 > u32::MAX as usize {
            texts.push((std::mem::take(&mut text), std::mem::take(&mut starts)));
        }
        starts.push(text.len() as u32);
        text.push_str(id);
        if !name.is_empty() {
            text.push(',');
            text.push_str(name);
        }
    }
    texts.push((text, starts));
    // The arena takes at most 2^32 texts; past that (never within the file bound), the list:
    // never an empty set of alternatives.
    Arena::from_texts(texts).map_or_else(listed, Alternatives::from_arena)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_endian_decimals_read_as_their_digits() {
        assert_eq!(be_integer(&[0x30, 0x39]), Some(12345));
        assert_eq!(be_integer(&[0xff, 0xff, 0xcf, 0xc7]), Some(-12345));
        assert_eq!(be_integer(&[0x80]), Some(-128));
        assert_eq!(be_integer(&[0; 16]), Some(0));
        assert_eq!(be_integer(&[0; 17]), None);
        assert_eq!(be_integer(&[]), None);
        let mut digits = String::new();
        for (unscaled, scale, text) in [
            (12345, 2, "123.45"),
            (7, 2, "0.07"),
            (1, 3, "0.001"),
            (33, 2, "0.33"),
            (5, -3, "5000"),
            (
                123_456_789_012_345_678_901_234_567_890,
                20,
                "1234567890.1234567890123456789",
            ),
        ] {
            let want: f64 = text.parse().unwrap();
            assert_eq!(decimal(unscaled, scale, &mut digits), want, "{text}");
        }
    }

    #[test]
    fn a_null_names_its_row_with_thousands_separated() {
        let p = Problem::ParquetNull {
            path: "./m.parquet".into(),
            row: 1234,
            column: "cost".into(),
        };
        assert_eq!(
            p.to_string(),
            "./m.parquet: row 1,234 of `cost` is empty (null); every alternative needs a score"
        );
        let p = Problem::ParquetNull {
            path: "m.parquet".into(),
            row: 1_234_567,
            column: "id".into(),
        };
        assert_eq!(
            p.to_string(),
            "m.parquet: row 1,234,567 of `id` is empty (null); every alternative needs an id"
        );
    }

    #[test]
    fn texts_keep_each_one_apart() {
        let mut t = Texts::default();
        for s in ["a", "", "bc"] {
            t.push(s);
        }
        assert_eq!(t.len(), 3);
        assert_eq!((t.get(0), t.get(1), t.get(2)), ("a", "", "bc"));
        // A name with a comma or a quote keeps the alternatives as a list; the others are kept
        // in an arena; both read the same.
        let mut names = Texts::default();
        for s in ["Alpha", "", "B, \"c\""] {
            names.push(s);
        }
        let list = join(&t, Some(&names));
        assert!(!list.is_compact());
        assert_eq!(list.id_name(2), ("bc", "B, \"c\""));
        assert_eq!(list.id_name(1), ("", ""));
        let mut plain = Texts::default();
        for s in ["Alpha", "", "B\u{7}c"] {
            plain.push(s);
        }
        let arena = join(&t, Some(&plain));
        assert!(arena.is_compact());
        assert_eq!(arena.id_name(0), ("a", "Alpha"));
        assert_eq!(arena.id_name(2), ("bc", "Bc"));
        assert_eq!(join(&t, None).id_name(2), ("bc", "bc"));
    }
}
