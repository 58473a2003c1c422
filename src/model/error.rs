//! What can be wrong with a model file, and where.

use std::fmt;
use std::path::PathBuf;

use crate::diagnostic::{self, Location};

/// A model that cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The file could not be read at all.
    #[error("error: cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file was read and is wrong at a known place.
    #[error("{0}")]
    Invalid(Box<Invalid>),
}

impl ModelError {
    /// A problem at a location.
    pub fn at(location: Location, problem: Problem) -> ModelError {
        ModelError::Invalid(Box::new(Invalid { location, problem }))
    }

    /// The problem, when the file was read.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ModelError::Invalid(inv) => Some(&inv.problem),
            ModelError::Read { .. } => None,
        }
    }
}

/// A problem and where it is.
#[derive(Debug)]
pub struct Invalid {
    pub location: Location,
    pub problem: Problem,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let help = self.problem.help();
        diagnostic::render(
            f,
            &self.location,
            &self.problem.to_string(),
            &self.problem.label(),
            help.as_deref(),
        )
    }
}

/// Everything that can be wrong in a model, with what was found and what would be valid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error("the file is not UTF-8 text")]
    NotText,
    #[error("the file is {size} bytes; a model file may be at most {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("{message}")]
    Syntax { message: String },
    #[error("missing key `{key}`{}", in_table(.table))]
    Missing {
        key: &'static str,
        table: Option<String>,
    },
    #[error("the model has no {what}")]
    Empty { what: &'static str },
    #[error("invalid id {found:?}")]
    BadId { found: String },
    #[error("duplicate {kind} id `{id}`")]
    Duplicate { kind: &'static str, id: String },
    #[error("unknown criterion `{found}`")]
    UnknownCriterion { found: String, known: Vec<String> },
    #[error("unknown scale `{found}`")]
    UnknownScale { found: String, known: Vec<String> },
    #[error("unknown method `{found}`")]
    UnknownMethod { found: String },
    #[error("unknown level {found:?} for criterion `{criterion}`")]
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
    },
    #[error("{what} is {value}, which is not a finite number")]
    NotFinite { what: String, value: f64 },
    #[error("{what} is {value}; it must not be negative")]
    Negative { what: String, value: f64 },
    #[error("every weight is zero")]
    AllWeightsZero,
    #[error("criterion `{criterion}` has a weight but {others} other criteria do not")]
    PartialWeights { criterion: String, others: usize },
    #[error("the interval [{lo}, {hi}] is reversed")]
    Reversed { lo: String, hi: String },
    #[error("{what} must have exactly two elements, [low, high]; found {found}")]
    NotAPair { what: &'static str, found: usize },
    #[error("score {value} of `{criterion}` is outside its range [{lo}, {hi}]")]
    OutOfRange {
        criterion: String,
        value: f64,
        lo: f64,
        hi: f64,
    },
    #[error("{found} given for criterion `{criterion}`, which {expected}")]
    WrongScoreType {
        found: String,
        criterion: String,
        expected: String,
    },
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
    #[error(
        "profile `{profile}` must give exactly one of `weights`, `rank_order` or `ahp`; it gives {found}"
    )]
    ProfileKind { profile: String, found: String },
    #[error("criterion `{criterion}` appears twice")]
    Repeated { criterion: String },
    #[error("unknown rank-order method `{found}`")]
    UnknownRankOrderMethod { found: String },
    #[error("invalid pairwise judgement key {found:?}")]
    BadPair { found: String },
    #[error("pairwise judgement: {problem}")]
    BadJudgement { problem: String },
    #[error("AHP: {problem}")]
    Ahp { problem: String },
    #[error("the pair {a}/{b} is judged twice")]
    PairTwice { a: String, b: String },
    #[error("profile `{profile}` has no judgement for the pair {a}/{b}")]
    PairMissing {
        profile: String,
        a: String,
        b: String,
    },
    #[error("`[data] csv` and `[[alternatives]]` are both given")]
    DataAndAlternatives,
    #[error("the CSV header must start with `id,name`; found {found:?}")]
    CsvHeader { found: String },
    #[error("unknown criterion column `{found}`")]
    CsvUnknownColumn { found: String, known: Vec<String> },
    #[error("the CSV has no column for criterion `{criterion}`")]
    CsvMissingColumn { criterion: String },
    #[error("row has {found} fields; the header has {expected}")]
    CsvFieldCount { found: usize, expected: usize },
    #[error("{message}")]
    Csv { message: String },
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
            Problem::Duplicate { .. } => "used before".into(),
            Problem::MissingScore { .. } => "in these scores".into(),
            _ => "here".into(),
        }
    }

    /// What would be valid, and the key that fixes it.
    pub fn help(&self) -> Option<String> {
        Some(match self {
            Problem::NotText => "save the model as UTF-8 text (a TOML file)".into(),
            Problem::TooLarge { .. } => "put large alternative sets in a CSV file: `[data] csv = \"matrix.csv\"`".into(),
            Problem::Syntax { .. } => return None,
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
                format!("define it: `[scales.{found}]` with `levels = [\"Low\", \"Moderate\", \"High\"]`")
            }
            Problem::UnknownScale { found, known } => {
                format!("{}scales: {}", did_you_mean(found, known).unwrap_or_default(), list(known))
            }
            Problem::UnknownMethod { found } => {
                let names: Vec<String> = crate::methods::Method::ALL.iter().map(|m| m.name().to_string()).collect();
                format!("{}methods: {}", did_you_mean(found, &names).unwrap_or_default(), list(&names))
            }
            Problem::UnknownLevel { found, levels, .. } => {
                let quoted: Vec<String> = levels.iter().map(|l| format!("{l:?}")).collect();
                let hint = diagnostic::closest(found, levels.iter().map(String::as_str))
                    .map(|c| format!("did you mean {c:?}? "))
                    .unwrap_or_default();
                format!("{hint}levels (case-sensitive): {}", quoted.join(", "))
            }
            Problem::MissingScore { criterion, .. } => format!("add `{criterion} = ...` to the scores"),
            Problem::NotFinite { .. } => "use a finite number".into(),
            Problem::Negative { .. } => "weights and scores are ≥ 0; for a quantity where less is better use `direction = \"cost\"`".into(),
            Problem::AllWeightsZero => "give at least one criterion a positive weight".into(),
            Problem::PartialWeights { .. } => "give every criterion a `weight`, or none (equal weights)".into(),
            Problem::Reversed { lo, hi } => format!("write the low end first: [{hi}, {lo}]"),
            Problem::NotAPair { .. } => "write an uncertain value as [low, high], e.g. [\"Low\", \"High\"] or [10, 14]".into(),
            Problem::OutOfRange { lo, hi, .. } => format!("use a value from {lo} to {hi}, or widen the criterion's `range`"),
            Problem::WrongScoreType { expected, .. } => format!("give {expected}"),
            Problem::DuplicateLevel { .. } => "every level name must be different".into(),
            Problem::ValuesLength { .. } => "give one value per level, or leave `values` out (0, 1, 2, ...)".into(),
            Problem::NotIncreasing { .. } => "levels are listed from lowest to highest, so their values must strictly increase".into(),
            Problem::ScaleAndRange { .. } => "a criterion on a scale takes its range from the scale: remove `range`".into(),
            Problem::MissingThreshold { key, .. } => format!("add `{key} = ...` in the criterion's table (in the criterion's units)"),
            Problem::UnusedThreshold { key, .. } => format!("remove `{key}`"),
            Problem::BadThresholds { .. } => "thresholds are in the criterion's units, e.g. `q = 1`, `p = 5`".into(),
            Problem::ProfileMissing { criterion, .. } => format!("add `{criterion} = ...` to the profile's weights"),
            Problem::ProfileKind { .. } => "e.g. `weights = { equity = 2, cost = 1 }`, `rank_order = [\"equity\", \"cost\"]` or `ahp = { \"equity/cost\" = 3 }`".into(),
            Problem::Repeated { .. } => "name each criterion once".into(),
            Problem::UnknownRankOrderMethod { .. } => "rank_order_method is \"roc\", \"rank-sum\" or \"reciprocal\"".into(),
            Problem::BadPair { .. } => "a key names two criteria: \"equity/cost\" = 3 means equity matters 3 times more than cost".into(),
            Problem::BadJudgement { .. } => "a judgement is a number or fraction from 1/9 to 9, e.g. 3 or \"1/5\"".into(),
            Problem::Ahp { .. } => "AHP takes at most 15 criteria; use `weights` or `rank_order` for more".into(),
            Problem::PairTwice { .. } => "judge each pair once, in either order".into(),
            Problem::PairMissing { a, b, .. } => format!("add \"{a}/{b}\" = 1 (equal importance) or another judgement from 1/9 to 9"),
            Problem::DataAndAlternatives => "give the alternatives either in the TOML file or in the CSV file".into(),
            Problem::CsvHeader { .. } => "the first line is `id,name,` followed by criterion ids".into(),
            Problem::CsvMissingColumn { criterion } => format!("add a `{criterion}` column"),
            Problem::CsvFieldCount { .. } => "every row needs one field per header column".into(),
            Problem::Csv { .. } => return None,
        })
    }
}
