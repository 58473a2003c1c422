//! What can be wrong with a model file, and where.

use std::fmt;
use std::path::PathBuf;

pub(crate) use super::text::clip;
use crate::diagnostic::{self, Location};

pub mod objective;
pub mod smaa_table;
pub mod swing;
pub mod tree;
pub mod tree_ahp;
pub mod value;

/// A model that cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The file could not be read at all.
    #[error("error: cannot read {}: {source}\n  = help: {}", path.display(), read_help(path, source))]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file was read and is wrong at a known place.
    #[error("{0}")]
    Invalid(Box<Invalid>),
    /// A cell of the workbook named by `[data] xlsx` (or `ods`, `xls`) is wrong.
    #[error("{0}")]
    Sheet(Box<crate::sheet::SheetError>),
}

impl From<crate::sheet::SheetError> for ModelError {
    fn from(e: crate::sheet::SheetError) -> ModelError {
        ModelError::Sheet(Box::new(e))
    }
}

fn read_help(path: &std::path::Path, e: &std::io::Error) -> String {
    if path.is_dir() {
        return format!(
            "give the path of a model file (TOML), e.g. {}",
            path.join("model.toml").display()
        );
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => format!(
            "check the path, or write a starter model with `pmatrix init {}`",
            path.display()
        ),
        std::io::ErrorKind::PermissionDenied => "check the file's permissions".to_string(),
        _ => "give the path of a readable model file (TOML)".to_string(),
    }
}

impl ModelError {
    /// A problem at a location.
    pub fn at(location: Location, problem: Problem) -> ModelError {
        ModelError::Invalid(Box::new(Invalid {
            location,
            problem,
            in_csv: false,
        }))
    }

    /// The same error, marked as found in a CSV data file (its advice uses CSV syntax) when it
    /// is located elsewhere than in the model file `model`.
    pub fn in_csv(self, model: &std::path::Path) -> ModelError {
        match self {
            ModelError::Invalid(mut inv) => {
                inv.in_csv = inv.location.path != model;
                ModelError::Invalid(inv)
            }
            other => other,
        }
    }

    /// The problem, when the file was read.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ModelError::Invalid(inv) => Some(&inv.problem),
            ModelError::Read { .. } | ModelError::Sheet(_) => None,
        }
    }
}

/// A problem and where it is.
#[derive(Debug)]
pub struct Invalid {
    pub location: Location,
    pub problem: Problem,
    /// Whether the location is in a CSV data file rather than the model.
    pub in_csv: bool,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let help = self.problem.help_in(self.in_csv);
        let message = match &self.problem {
            Problem::Reversed { lo, hi } if self.in_csv => {
                format!("the interval {}..{} is reversed", short(lo), short(hi))
            }
            p => p.to_string(),
        };
        diagnostic::render(
            f,
            &self.location,
            &message,
            &self.problem.label(),
            help.as_deref(),
        )
    }
}

/// What kind of number a check is about; it decides the advice given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    Weight,
    Score,
    Threshold,
    ScaleValue,
    RangeEnd,
}

/// Everything that can be wrong in a model, with what was found and what would be valid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error("the file is not UTF-8 text")]
    NotText,
    #[error("the file is empty")]
    EmptyFile,
    #[error("{}", too_large("the file", *.size, *.limit))]
    TooLarge { size: Option<u64>, limit: u64 },
    #[error("{}", clip(.message, 400))]
    Syntax { message: String },
    #[error("missing key `{key}`{}", in_table(.table))]
    Missing {
        key: &'static str,
        table: Option<String>,
    },
    #[error("the model has no {what}")]
    Empty { what: &'static str },
    #[error("invalid id {:?}", short(.found))]
    BadId { found: String },
    #[error("duplicate {kind} id `{}`", short(.id))]
    Duplicate {
        kind: &'static str,
        id: String,
        /// Where the id was first used, e.g. "line 7".
        first: String,
    },
    #[error("unknown criterion `{}`", short(.found))]
    UnknownCriterion { found: String, known: Vec<String> },
    #[error("unknown scale `{}`", short(.found))]
    UnknownScale { found: String, known: Vec<String> },
    #[error("unknown method `{}`", short(.found))]
    UnknownMethod { found: String },
    #[error("unknown level {:?} for criterion `{criterion}`", short(.found))]
    UnknownLevel {
        found: String,
        criterion: String,
        scale: String,
        levels: Vec<String>,
    },
    #[error("alternative `{alternative}` has no score for criterion `{criterion}`")]
    MissingScore {
        alternative: String,
        criterion: String,
        /// An example value for the criterion, such as `"Low"` or `10`.
        example: String,
    },
    #[error("alternative `{alternative}` has no `scores`")]
    MissingScores {
        alternative: String,
        /// `id = example` for every criterion.
        template: String,
    },
    #[error("{what} is {value}, which is not a finite number")]
    NotFinite {
        what: String,
        value: f64,
        kind: Quantity,
    },
    #[error("{what} is {value}; it must not be negative")]
    Negative {
        what: String,
        value: f64,
        kind: Quantity,
    },
    #[error("every weight is zero")]
    AllWeightsZero,
    #[error("criterion `{criterion}` has no `weight`, but `{with}` has one")]
    PartialWeights { criterion: String, with: String },
    #[error("the interval [{}, {}] is reversed", short(.lo), short(.hi))]
    Reversed { lo: String, hi: String },
    #[error("the range [{lo}, {hi}] is empty: both ends are the same")]
    EmptyRange { lo: f64, hi: f64 },
    #[error("{what} must have exactly two elements, [low, high]; found {found}")]
    NotAPair { what: &'static str, found: usize },
    #[error("score {value} of `{criterion}` is outside its range [{lo}, {hi}]")]
    OutOfRange {
        criterion: String,
        value: f64,
        lo: f64,
        hi: f64,
    },
    #[error("{found} given for criterion `{criterion}`, which {}", match .scale {
        Some(s) => format!("is on scale `{s}` and takes a level name"),
        None => "is numeric and takes a number".to_string(),
    })]
    WrongScoreType {
        /// What was found: "the number 1", "the text \"x\"", "a boolean".
        found: String,
        criterion: String,
        /// The criterion's scale, if it has one.
        scale: Option<String>,
        /// The scale's levels (empty for a numeric criterion).
        levels: Vec<String>,
        /// For a number given on a scale, the level with that value.
        level_with_value: Option<String>,
    },
    #[error("scale `{scale}` has no levels")]
    NoLevels { scale: String },
    #[error("scale `{scale}` lists level {level:?} twice")]
    DuplicateLevel { scale: String, level: String },
    #[error("scale `{scale}` has {levels} levels but {values} values")]
    ValuesLength {
        scale: String,
        levels: usize,
        values: usize,
    },
    #[error("the values of scale `{scale}` do not increase: {previous} then {value}")]
    NotIncreasing {
        scale: String,
        previous: f64,
        value: f64,
    },
    #[error("criterion `{criterion}` has both `scale` and `range`")]
    ScaleAndRange { criterion: String },
    #[error("preference `{preference}` of criterion `{criterion}` needs `{key}`")]
    MissingThreshold {
        criterion: String,
        preference: &'static str,
        key: &'static str,
    },
    #[error("`{key}` does not apply to preference `{preference}` of criterion `{criterion}`")]
    UnusedThreshold {
        criterion: String,
        preference: &'static str,
        key: &'static str,
    },
    #[error("thresholds of criterion `{criterion}`: {rule}")]
    BadThresholds {
        criterion: String,
        rule: &'static str,
    },
    #[error("profile `{profile}` gives no weight for criterion `{criterion}`")]
    ProfileMissing { profile: String, criterion: String },
    #[error("the rank_order of profile `{profile}` leaves out criterion `{criterion}`")]
    RankOrderMissing { profile: String, criterion: String },
    #[error(
        "profile `{profile}` must give exactly one of `weights`, `rank_order`, `ahp`, `swing` or `objective`; it gives {found}"
    )]
    ProfileKind { profile: String, found: String },
    #[error("criterion `{criterion}` appears twice")]
    Repeated { criterion: String },
    #[error("unknown rank-order method `{}`", short(.found))]
    UnknownRankOrderMethod { found: String },
    #[error("invalid pairwise judgement key {:?}", short(.found))]
    BadPair { found: String },
    #[error("the pair {found:?} compares criterion `{criterion}` with itself")]
    SelfPair { found: String, criterion: String },
    #[error("pairwise judgement: {problem}")]
    BadJudgement { problem: String },
    #[error("AHP: {problem}")]
    Ahp { problem: String },
    #[error("the pair {a}/{b} is judged twice")]
    PairTwice { a: String, b: String, first: String },
    #[error("profile `{profile}` has no judgement for the pair {a}/{b}")]
    PairMissing {
        profile: String,
        a: String,
        b: String,
    },
    #[error("`[data] csv` and `[[alternatives]]` are both given")]
    DataAndAlternatives,
    #[error("cannot read the CSV file {path}: {reason}")]
    CsvRead { path: String, reason: String },
    #[error("the CSV file is not UTF-8 text")]
    CsvNotText,
    #[error("{}", too_large(&format!("the CSV file {path}"), *.size, *.limit))]
    CsvTooLarge {
        path: String,
        size: Option<u64>,
        limit: u64,
    },
    #[error(
        "the CSV file {path} has {rows} rows (lines after the header) of {criteria} criteria; {what}"
    )]
    CsvTooMany {
        path: String,
        rows: usize,
        criteria: usize,
        /// Which limit, e.g. "a model may have at most 2000000 alternatives".
        what: String,
    },
    #[error("the data file {path:?} is {why}, outside the model's folder")]
    DataOutside { path: String, why: &'static str },
    #[error("the model has {found} {what}; the most pmatrix takes is {limit}")]
    TooMany {
        what: &'static str,
        found: usize,
        limit: usize,
    },
    #[error("profile name `{name}` is reserved")]
    ReservedProfile { name: String },
    #[error("the CSV file has no rows")]
    CsvEmpty,
    #[error("the CSV header must start with `id,name`; found {:?}", short(.found))]
    CsvHeader { found: String },
    #[error("unknown criterion column `{}`", short(.found))]
    CsvUnknownColumn { found: String, known: Vec<String> },
    #[error("the CSV has no column for criterion `{criterion}`")]
    CsvMissingColumn { criterion: String },
    #[error("row has {found} fields; the header has {expected}")]
    CsvFieldCount { found: usize, expected: usize },
    #[error("{message}")]
    Csv { message: String },
    // `[data]` read from a workbook.
    #[error(
        "`[data]` must give exactly one of `csv`, `xlsx`, `ods`, `xls` or `parquet`; it gives {found}"
    )]
    DataKeys { found: String },
    #[error("`sheet` applies to a workbook (`xlsx`, `ods` or `xls`), not to `csv`")]
    SheetWithCsv,
    #[error("`{key} = {path:?}` names a file that does not end in .{key}")]
    WorkbookKind { key: &'static str, path: String },
    #[error("cannot read the workbook {path}: {reason}")]
    WorkbookRead { path: String, reason: String },
    #[error("{}", too_large(&format!("the workbook {path}"), *.size, *.limit))]
    WorkbookTooLarge {
        path: String,
        size: Option<u64>,
        limit: u64,
    },
    #[error(
        "sheet {sheet} of {path} has {rows} rows after the header; the most pmatrix takes is {limit}"
    )]
    SheetTooMany {
        path: String,
        sheet: String,
        rows: usize,
        limit: usize,
    },
    #[error("the header row must start with `id`, `name`; found {:?}", short(.found))]
    SheetHeader { found: String },
    #[error("this column has values but no header (cell {cell} is empty)")]
    SheetNoHeader { cell: String },
    // `[data]` read from a Parquet file.
    #[error("`sheet` applies to a workbook (`xlsx`, `ods` or `xls`), not to `parquet`")]
    SheetWithParquet,
    #[error("this build of pmatrix has no Parquet support; rebuild with `--features parquet`")]
    NoParquet,
    #[error("cannot read the Parquet file {path}: {reason}")]
    ParquetRead { path: String, reason: String },
    #[error("{}", too_large(&format!("the Parquet file {path}"), *.size, *.limit))]
    ParquetTooLarge {
        path: String,
        size: Option<u64>,
        limit: u64,
    },
    #[error("{path} is not a Parquet file: {reason}")]
    NotParquet { path: String, reason: String },
    #[error("the Parquet file {path} is damaged or cut short: {}", clip(.reason, 300))]
    ParquetCorrupt { path: String, reason: String },
    #[error("the Parquet file {path} has {rows} rows of {criteria} criteria; {what}")]
    ParquetTooMany {
        path: String,
        rows: usize,
        criteria: usize,
        /// Which limit, e.g. "a model may have at most 2000000 alternatives".
        what: String,
    },
    #[error("the Parquet file {path} has no `id` column; its columns are {}", short(&.columns.join(", ")))]
    ParquetNoId { path: String, columns: Vec<String> },
    #[error("the Parquet file {path} has an unknown criterion column `{}`", short(.found))]
    ParquetUnknownColumn {
        path: String,
        found: String,
        known: Vec<String>,
    },
    #[error("the Parquet file {path} has no column for criterion `{criterion}`")]
    ParquetMissingColumn { path: String, criterion: String },
    #[error("the Parquet file {path} has two columns named `{}`", short(.column))]
    ParquetRepeated { path: String, column: String },
    #[error("column `{column}` of {path} is {found}, which pmatrix does not read as {wanted}")]
    ParquetType {
        path: String,
        column: String,
        /// The column's type, e.g. "a BOOLEAN column".
        found: String,
        /// What the column is used for, e.g. "a score".
        wanted: &'static str,
    },
    #[error("{path}: row {} of `{column}` is empty (null); every alternative needs {}", thousands(*.row), if .column == "id" { "an id" } else { "a score" })]
    ParquetNull {
        path: String,
        /// 1-based, counting the alternatives.
        row: usize,
        column: String,
    },
    #[error("{path}: row {} of `{column}` is not UTF-8 text", thousands(*.row))]
    ParquetNotText {
        path: String,
        row: usize,
        column: String,
    },
    /// A value of a Parquet file refused as a CSV cell would be.
    #[error("{path}: row {} of `{column}`: {}", thousands(*.row), cell_message(.problem))]
    ParquetCell {
        path: String,
        row: usize,
        column: String,
        problem: Box<Problem>,
    },
    /// The value tree (`[[groups]]` and `parent`).
    #[error("{0}")]
    Tree(tree::TreeProblem),
    /// A value function (`value = [[x, v], …]`), or a score outside it.
    #[error("{0}")]
    Value(value::ValueProblem),
    /// Swing points.
    #[error("{}", swing::message(.0))]
    Swing(swing::SwingProblem),
    /// An objective profile (`objective = "entropy"`).
    #[error("{}", objective::message(.0))]
    Objective(objective::ObjectiveProblem),
    /// AHP judgements on a value tree.
    #[error("{}", tree_ahp::message(.0))]
    AhpTree(tree_ahp::AhpTreeProblem),
    /// `[smaa]`: weight constraints.
    #[error("{}", smaa_table::message(.0))]
    Smaa(smaa_table::SmaaTableProblem),
}

/// "the file is 70000000 bytes; ..." or, when the size was not known beforehand (standard
/// input), "the file is larger than ...".
fn too_large(what: &str, size: Option<u64>, limit: u64) -> String {
    let mib = limit / (1024 * 1024);
    match size {
        Some(size) => {
            format!("{what} is {size} bytes; pmatrix reads at most {limit} bytes ({mib} MiB)")
        }
        None => format!("{what} is larger than {limit} bytes ({mib} MiB), the most pmatrix reads"),
    }
}

/// `n` with a comma between groups of three digits: 1234567 → "1,234,567".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A problem of one value of a data file, with where a repeated id was first given.
fn cell_message(problem: &Problem) -> String {
    match problem {
        Problem::Duplicate { first, .. } => format!("{problem} (first in {first})"),
        p => p.to_string(),
    }
}

/// A value found in the input, short enough to quote in a message.
fn short(s: &str) -> String {
    clip(s, 60)
}

fn in_table(table: &Option<String>) -> String {
    table
        .as_ref()
        .map(|t| format!(" in {t}"))
        .unwrap_or_default()
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

fn did_you_mean(found: &str, known: &[String]) -> Option<String> {
    diagnostic::closest(found, known.iter().map(String::as_str))
        .map(|c| format!("did you mean `{c}`? "))
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|l| format!("{l:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The parts of a message between backticks: toml's names of keys and variants.
fn backticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

/// Advice for the errors the TOML reader reports (syntax, unknown keys, types).
fn syntax_help(message: &str) -> String {
    let names = backticked(message);
    let found = names.first().copied().unwrap_or("");
    let valid: Vec<String> = names.iter().skip(1).map(|s| s.to_string()).collect();
    if message.starts_with("unknown field") {
        let hint = did_you_mean(found, &valid).unwrap_or_else(|| "remove it, or use ".into());
        let hint = if hint.starts_with("did") {
            format!("{hint}the keys allowed here are ")
        } else {
            format!("{hint}one of the keys allowed here: ")
        };
        return format!("{hint}{}", list(&valid));
    }
    if message.starts_with("unknown variant") {
        let hint = did_you_mean(found, &valid).unwrap_or_default();
        return format!("{hint}write one of {}", quoted(&valid));
    }
    if message.starts_with("missing field") {
        let example = match found {
            "id" => "id = \"equity\"",
            "direction" => "direction = \"benefit\"` or `direction = \"cost\"",
            "levels" => "levels = [\"Low\", \"Moderate\", \"High\"]",
            "csv" => "csv = \"matrix.csv\"",
            _ => return format!("add `{found} = ...` to this table"),
        };
        return format!("add `{example}` to this table");
    }
    if message.contains("invalid type") {
        if message.contains("expected f64") || message.contains("expected a number") {
            return "write a number without quotes, e.g. `2` or `0.5`".into();
        }
        if message.contains("expected a string") {
            return "write text in double quotes, e.g. \"equity\"".into();
        }
        if message.contains("expected a sequence") || message.contains("expected an array") {
            return "write an array in square brackets, e.g. [\"Low\", \"High\"]".into();
        }
        return "see the model file format in the README, or start from `pmatrix init`".into();
    }
    if message.contains("overflowed") {
        return "use a finite number (at most about 1.8e308)".into();
    }
    if message.contains("recurse") || message.contains("recursion") {
        return "arrays and tables are nested too deeply; a model needs at most a few levels"
            .into();
    }
    if message.starts_with("invalid basic string") || message.starts_with("invalid literal string")
    {
        return "close the text with the quote it starts with, on the same line (use \"\"\" for text over several lines)".into();
    }
    if message.starts_with("key with no value") {
        return "write `key = value`: put `=` between the key and its value".into();
    }
    if message.contains("duplicate key") {
        return "a key may appear only once in a table: remove one of them".into();
    }
    "TOML is written `key = value`, one per line, with text in double quotes, e.g. `title = \"Bus lanes\"`".into()
}

/// Makes toml's type names readable: "f64" → "a number".
pub(crate) fn tidy_syntax(message: &str) -> String {
    message
        .trim_end()
        .replace("expected f64", "expected a number")
        .replace("expected a sequence", "expected an array")
}

impl Problem {
    /// A short label under the caret.
    pub fn label(&self) -> String {
        match self {
            Problem::Syntax { .. } => "here".into(),
            Problem::UnknownLevel { scale, .. } => format!("not a level of scale `{scale}`"),
            Problem::UnknownCriterion { .. } | Problem::CsvUnknownColumn { .. } => {
                "no criterion has this id".into()
            }
            Problem::UnknownScale { .. } => "no scale has this name".into(),
            Problem::Duplicate { first, .. } => format!("already used on {first}"),
            Problem::PairTwice { first, .. } => format!("already judged as {first}"),
            Problem::MissingScore { criterion, .. } => format!("no `{criterion}` here"),
            Problem::MissingScores { .. } => "this alternative".into(),
            Problem::PartialWeights { .. } => "no `weight` in this criterion".into(),
            Problem::WrongScoreType { scale: Some(_), .. } => "expected a level name".into(),
            Problem::WrongScoreType { scale: None, .. } => "expected a number".into(),
            Problem::Tree(p) => p.label(),
            Problem::Value(p) => p.label(),
            Problem::Smaa(p) => smaa_table::label(p),
            Problem::NoParquet => "`parquet` needs Parquet support".into(),
            Problem::ParquetRead { .. }
            | Problem::ParquetTooLarge { .. }
            | Problem::NotParquet { .. }
            | Problem::ParquetCorrupt { .. }
            | Problem::ParquetTooMany { .. }
            | Problem::ParquetNoId { .. }
            | Problem::ParquetUnknownColumn { .. }
            | Problem::ParquetMissingColumn { .. }
            | Problem::ParquetRepeated { .. }
            | Problem::ParquetType { .. }
            | Problem::ParquetNull { .. }
            | Problem::ParquetNotText { .. }
            | Problem::ParquetCell { .. } => "in this file".into(),
            _ => "here".into(),
        }
    }

    /// What would be valid, written for the file the problem is in: a CSV cell is written
    /// `8..12` and `High`, not TOML's `[8, 12]` and `"High"`.
    pub fn help_in(&self, csv: bool) -> Option<String> {
        if !csv {
            return self.help();
        }
        Some(match self {
            Problem::WrongScoreType { scale: None, .. } => {
                "give a number, e.g. `10`, or an uncertain value low..high such as `8..12`".into()
            }
            Problem::WrongScoreType { levels, level_with_value, .. } => {
                let hint = level_with_value.as_ref().map(|l| format!("did you mean {l:?}? ")).unwrap_or_default();
                format!("{hint}give a level name (case-sensitive): {}", quoted(levels))
            }
            Problem::NotFinite { kind: Quantity::Score, .. } => "a score is a finite number; for a value known only roughly give low..high, e.g. 8..12".into(),
            Problem::Reversed { lo, hi } => format!("write the low end first: {}..{}", short(hi), short(lo)),
            _ => return self.help(),
        })
    }

    /// What would be valid, and the key that fixes it.
    pub fn help(&self) -> Option<String> {
        Some(match self {
            Problem::NotText => "save the model as UTF-8 text (a TOML file)".into(),
            Problem::EmptyFile => "start from a commented example: `pmatrix init model.toml`".into(),
            Problem::TooLarge { .. } => "put large alternative sets in a CSV file: `[data] csv = \"matrix.csv\"`".into(),
            Problem::Syntax { message } => syntax_help(message),
            Problem::Missing { key: "title", .. } => "add a line such as `title = \"Combating torture in prisons\"` at the top".into(),
            Problem::Missing { key, .. } => format!("add `{key} = ...`"),
            Problem::Empty { what: "criteria" } => "add at least one `[[criteria]]` table with `id` and `direction`".into(),
            Problem::Empty { what } => format!("add at least one of the {what}: `[[alternatives]]` tables or `[data] csv = \"file.csv\"`"),
            Problem::BadId { .. } => "ids use lowercase letters, digits, `_` and `-` only, e.g. `political_feasibility`".into(),
            Problem::Duplicate { kind, .. } => format!("give every {kind} a different id"),
            Problem::UnknownCriterion { found, known } | Problem::CsvUnknownColumn { found, known } => {
                format!("{}criteria: {}", did_you_mean(found, known).unwrap_or_default(), list(known))
            }
            Problem::UnknownScale { found, known } if known.is_empty() => {
                format!("define it: `[scales.{}]` with `levels = [\"Low\", \"Moderate\", \"High\"]`", short(found))
            }
            Problem::UnknownScale { found, known } => {
                format!("{}scales: {}", did_you_mean(found, known).unwrap_or_default(), list(known))
            }
            Problem::UnknownMethod { found } => {
                let names: Vec<String> = crate::methods::Method::ALL.iter().map(|m| m.name().to_string()).collect();
                format!("{}methods: {}", did_you_mean(found, &names).unwrap_or_default(), list(&names))
            }
            Problem::UnknownLevel { found, levels, .. } => {
                let hint = diagnostic::closest(found, levels.iter().map(String::as_str))
                    .map(|c| format!("did you mean {c:?}? "))
                    .unwrap_or_default();
                format!("{hint}levels (case-sensitive): {}", quoted(levels))
            }
            Problem::MissingScore { criterion, example, .. } => format!("add `{criterion} = {example}` to the scores"),
            Problem::MissingScores { template, .. } => format!("add `scores = {{ {template} }}` with a score for every criterion"),
            Problem::NotFinite { kind, .. } => match kind {
                Quantity::Weight => "a weight is a finite number ≥ 0, e.g. `weight = 2`".into(),
                Quantity::Threshold => "a threshold is a finite number ≥ 0 in the criterion's units".into(),
                Quantity::RangeEnd => "a range is two finite numbers, e.g. `range = [0, 100]`".into(),
                Quantity::Score => "a score is a finite number; for a value known only roughly give an interval [low, high], e.g. [8, 12]".into(),
                Quantity::ScaleValue => "the values of a scale are finite numbers, increasing with the levels".into(),
            },
            Problem::Negative { kind, .. } => match kind {
                Quantity::Weight => "weights are ≥ 0 (0 ignores a criterion); for a quantity where less is better use `direction = \"cost\"`".into(),
                Quantity::Score => "scores are ≥ 0; for a quantity where less is better use `direction = \"cost\"` on the criterion".into(),
                Quantity::Threshold => "thresholds are differences in the criterion's units, so they are ≥ 0".into(),
                Quantity::ScaleValue | Quantity::RangeEnd => "use values ≥ 0; shift the scale if needed (only differences matter)".into(),
            },
            Problem::AllWeightsZero => "give at least one criterion a positive weight".into(),
            Problem::PartialWeights { criterion, .. } => format!("add `weight = ...` to criterion `{criterion}`, or remove every `weight` for equal weights"),
            Problem::Reversed { lo, hi } => format!("write the low end first: [{}, {}]", short(hi), short(lo)),
            Problem::EmptyRange { lo, .. } => format!("give a high end above the low end, e.g. `range = [{lo}, {}]`", lo + 1.0),
            Problem::NotAPair { what: "a range", .. } => "write a range as [low, high], e.g. `range = [0, 100]`".into(),
            Problem::NotAPair { .. } => "write an uncertain value as [low, high], e.g. [\"Low\", \"High\"] or [10, 14]".into(),
            Problem::OutOfRange { lo, hi, .. } => format!("use a value from {lo} to {hi}, or widen the criterion's `range`"),
            Problem::WrongScoreType { scale: None, criterion, .. } => {
                format!("give a number without quotes, e.g. `{criterion} = 10`, or an uncertain [low, high] such as `{criterion} = [8, 12]`")
            }
            Problem::WrongScoreType { levels, level_with_value, .. } => {
                let hint = level_with_value.as_ref().map(|l| format!("did you mean {l:?}? ")).unwrap_or_default();
                format!("{hint}give a level name in double quotes: {}", quoted(levels))
            }
            Problem::NoLevels { scale } => format!("list the levels from lowest to highest: `[scales.{scale}]` `levels = [\"Low\", \"Moderate\", \"High\"]`"),
            Problem::DuplicateLevel { .. } => "every level name must be different".into(),
            Problem::ValuesLength { .. } => "give one value per level, or leave `values` out (0, 1, 2, ...)".into(),
            Problem::NotIncreasing { .. } => "levels are listed from lowest to highest, so their values must strictly increase".into(),
            Problem::ScaleAndRange { .. } => "a criterion on a scale takes its range from the scale: remove `range`".into(),
            Problem::MissingThreshold { key, .. } => format!("add `{key} = ...` in the criterion's table (in the criterion's units)"),
            Problem::UnusedThreshold { key, preference, .. } => {
                let needs = match *preference {
                    "u-shape" => "`q`",
                    "v-shape" => "`p`",
                    "level" | "linear" => "`q` and `p`",
                    "gaussian" => "`s`",
                    _ => "no threshold",
                };
                format!("remove `{key}`: preference `{preference}` takes {needs}")
            }
            Problem::BadThresholds { .. } => "thresholds are in the criterion's units, e.g. `q = 1`, `p = 5`".into(),
            Problem::ProfileMissing { criterion, .. } => format!("add `{criterion} = ...` to the profile's weights (0 to ignore it)"),
            Problem::RankOrderMissing { criterion, .. } => format!("add \"{criterion}\" to `rank_order`, which ranks every criterion from most to least important"),
            Problem::ProfileKind { .. } => "e.g. `weights = { equity = 2, cost = 1 }`, `rank_order = [\"equity\", \"cost\"]`, `ahp = { \"equity/cost\" = 3 }`, `swing = { equity = 100, cost = 40 }` or `objective = \"entropy\"`".into(),
            Problem::Repeated { .. } => "name each criterion once".into(),
            Problem::UnknownRankOrderMethod { found } => {
                let names = ["roc", "rank-sum", "reciprocal"].map(String::from);
                format!("{}rank_order_method is \"roc\", \"rank-sum\" or \"reciprocal\"", did_you_mean(found, &names).unwrap_or_default())
            }
            Problem::BadPair { .. } => "a key names two criteria: \"equity/cost\" = 3 means equity matters 3 times more than cost".into(),
            Problem::SelfPair { .. } => "remove it: a criterion is always as important as itself".into(),
            Problem::BadJudgement { .. } => "a judgement is a number or fraction from 1/9 to 9, e.g. 3 or \"1/5\"".into(),
            Problem::Ahp { .. } => "AHP takes at most 15 criteria; use `weights` or `rank_order` for more".into(),
            Problem::PairTwice { .. } => "judge each pair once, in either order: \"a/b\" = 3 already means \"b/a\" = 1/3".into(),
            Problem::PairMissing { a, b, .. } => format!("add \"{a}/{b}\" = 1 (equal importance) or another judgement from 1/9 to 9"),
            Problem::DataAndAlternatives => "give the alternatives either in the TOML file or in the CSV file: remove `[data]` or the `[[alternatives]]` tables".into(),
            Problem::CsvRead { .. } => "the path in `csv = ...` is relative to the folder of the model file".into(),
            Problem::CsvNotText => "save the CSV file as UTF-8 text (in a spreadsheet: Save As, \"CSV UTF-8\")".into(),
            Problem::CsvTooLarge { .. } | Problem::CsvTooMany { .. } => "split the alternatives over several models, or sample them".into(),
            Problem::DataOutside { .. } => "give a path relative to the model's folder, in it or below it, e.g. `csv = \"matrix.csv\"`; if you trust this model, run pmatrix with --allow-data-outside".into(),
            Problem::TooMany { what: "criteria", .. } => "group related criteria, or split the model".into(),
            Problem::TooMany { .. } => "put the alternatives in a CSV file and split it over several models".into(),
            Problem::ReservedProfile { name } => format!("`--profile {name}` has another meaning (`all` ranks under every profile; `default` is the criteria's own weights): give the profile another name"),
            Problem::CsvEmpty => "the first line is the header `id,name,` followed by criterion ids; then one row per alternative".into(),
            Problem::CsvHeader { .. } => "the first line is `id,name,` followed by criterion ids".into(),
            Problem::CsvMissingColumn { criterion } => format!("add a `{criterion}` column"),
            Problem::CsvFieldCount { .. } => "every row needs one field per header column; quote a field that contains a comma".into(),
            Problem::Csv { .. } => "check the CSV's quoting: a field with a comma or a quote is written in double quotes".into(),
            Problem::DataKeys { .. } => "write one of `csv = \"matrix.csv\"`, `xlsx = \"matrix.xlsx\"`, `ods = \"matrix.ods\"`, `xls = \"matrix.xls\"` or `parquet = \"matrix.parquet\"`, and `sheet = \"NAME\"` for a sheet of a workbook other than the first".into(),
            Problem::SheetWithCsv => "remove `sheet`, or name the workbook with `xlsx = ...`".into(),
            Problem::WorkbookKind { .. } => "use the key of the file's kind: `xlsx` (.xlsx, .xlsm), `ods` or `xls`; a CSV file is `csv = ...`".into(),
            Problem::WorkbookRead { .. } => "the path is relative to the folder of the model file; give an .xlsx, .ods or .xls workbook".into(),
            Problem::WorkbookTooLarge { .. } | Problem::SheetTooMany { .. } => "split the alternatives over several models, or sample them".into(),
            Problem::SheetHeader { .. } => "the first row is `id`, `name`, then one column per criterion id".into(),
            Problem::SheetNoHeader { .. } => "write the criterion id in the header row, or clear the column".into(),
            Problem::SheetWithParquet => "remove `sheet`: a Parquet file holds one table".into(),
            Problem::NoParquet => "build pmatrix with its default features (`cargo install pmatrix`, or `cargo build --features parquet`), or write the table as CSV and give `csv = \"matrix.csv\"`".into(),
            Problem::ParquetRead { .. } => "the path in `parquet = ...` is relative to the folder of the model file".into(),
            Problem::ParquetTooLarge { .. } | Problem::ParquetTooMany { .. } => "split the alternatives over several models, or sample them".into(),
            Problem::NotParquet { .. } => "give a file written by a Parquet writer (pandas `to_parquet`, polars `write_parquet`, DuckDB `COPY ... TO 'x.parquet'`); a CSV file is read with `csv = ...`".into(),
            Problem::ParquetCorrupt { .. } => "write the file again from its source; a file copied before its writer finished is cut short".into(),
            Problem::ParquetNoId { .. } => "name the column of alternative ids `id` (and the optional column of their names `name`)".into(),
            Problem::ParquetUnknownColumn { found, .. } if found.starts_with("__index_level_") => {
                "this is the table's index, which pandas stores as a column: write the file with `df.to_parquet(path, index=False)`".into()
            }
            Problem::ParquetUnknownColumn { found, known, .. } => {
                format!("{}the columns are `id`, `name` (optional) and one per criterion: {}", did_you_mean(found, known).unwrap_or_default(), list(known))
            }
            Problem::ParquetMissingColumn { criterion, .. } => format!("add a `{criterion}` column"),
            Problem::ParquetRepeated { .. } => "give each column once".into(),
            Problem::ParquetType { wanted: "a score", .. } => "a score column holds numbers (DOUBLE, FLOAT, an integer or a DECIMAL) or text (a level name, a number, or low..high); cast the column, e.g. `df[\"cost\"] = df[\"cost\"].astype(float)`".into(),
            Problem::ParquetType { .. } => "`id` holds text or integers and `name` holds text; cast the column, e.g. `df[\"id\"] = df[\"id\"].astype(str)`".into(),
            Problem::ParquetNull { column, .. } if column == "id" => "give every alternative an id, or drop the rows without one before writing the file".into(),
            Problem::ParquetNull { .. } => "fill in the missing scores (or drop those rows) before writing the file; for a value known only roughly write low..high in a text column".into(),
            Problem::ParquetNotText { .. } => "write the column as text (UTF-8 strings)".into(),
            Problem::ParquetCell { problem, .. } => return problem.help_in(true),
            Problem::Tree(p) => p.help(),
            Problem::Value(p) => p.help(),
            Problem::Swing(p) => swing::help(p),
            Problem::Objective(p) => objective::help(p),
            Problem::AhpTree(p) => tree_ahp::help(p),
            Problem::Smaa(p) => smaa_table::help(p),
        })
    }
}
