//! What can be wrong with a participants file, and where.

use std::fmt;
use std::path::PathBuf;

use crate::diagnostic::{self, Location};

/// Where a problem is: a place in a text file, a cell of a sheet, or the file as a whole.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    Text(Location),
    Cell {
        path: PathBuf,
        sheet: String,
        cell: String,
    },
    File(PathBuf),
}

/// A participants file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ParticipantsError {
    #[error("error: cannot read {}: {reason}\n  = help: give the path of a participants file (.csv, .xlsx or .ods)", path.display())]
    Read { path: PathBuf, reason: String },
    #[error(transparent)]
    Sheet(#[from] crate::sheet::SheetError),
    #[error("{0}")]
    Invalid(Box<Invalid>),
}

impl ParticipantsError {
    /// A problem at a place, about a participant when `participant` names one.
    pub fn at(place: Place, participant: Option<&str>, problem: Problem) -> ParticipantsError {
        ParticipantsError::Invalid(Box::new(Invalid {
            place,
            participant: participant.map(str::to_string),
            problem,
        }))
    }

    /// The problem, when the file was read.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ParticipantsError::Invalid(i) => Some(&i.problem),
            _ => None,
        }
    }
}

/// A problem, where it is, and whose row it is in.
#[derive(Debug)]
pub struct Invalid {
    pub place: Place,
    pub participant: Option<String>,
    pub problem: Problem,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = match &self.participant {
            Some(p) => format!("participant `{p}`: {}", self.problem),
            None => self.problem.to_string(),
        };
        let help = self.problem.help();
        match &self.place {
            Place::Text(loc) => {
                diagnostic::render(f, loc, &message, &self.problem.label(), Some(&help))
            }
            Place::Cell { path, sheet, cell } => write!(
                f,
                "error: {message}\n --> {}, sheet {sheet}, cell {cell}\n  = help: {help}\n",
                path.display()
            ),
            Place::File(path) => write!(
                f,
                "error: {message}\n --> {}\n  = help: {help}\n",
                path.display()
            ),
        }
    }
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error("the file has no rows")]
    Empty,
    #[error("the file has a header but no participants")]
    NoParticipants,
    #[error("the first column is `{found}`, not `id`")]
    FirstColumn { found: String },
    #[error("unknown column `{found}`")]
    UnknownColumn {
        found: String,
        suggestion: Option<String>,
        criteria: Vec<String>,
    },
    #[error("column `{column}` appears twice")]
    RepeatedColumn { column: String },
    #[error("no column for criterion `{criterion}`")]
    MissingCriterion { criterion: String },
    #[error("no column for the pair `{a}/{b}`")]
    MissingPair { a: String, b: String },
    #[error("the pair `{a}/{b}` is given twice (also as `{b}/{a}`)")]
    RepeatedPair { a: String, b: String },
    #[error("the pair `{a}/{a}` compares a criterion with itself")]
    SelfPair { a: String },
    #[error("the header mixes {first} columns and {second} columns")]
    MixedColumns {
        first: &'static str,
        second: &'static str,
    },
    #[error("the header has no weight columns")]
    NoWeightColumns,
    #[error("AHP with {n} criteria: Saaty's random index is tabulated up to {max}")]
    TooManyForAhp { n: usize, max: usize },
    #[error("the row has {found} fields, but the header has {expected}")]
    FieldCount { found: usize, expected: usize },
    #[error("the id is empty")]
    EmptyId,
    #[error("`{id}` appears twice (first on {first})")]
    DuplicateId { id: String, first: String },
    #[error("no value for `{column}`")]
    EmptyCell { column: String },
    #[error("`{found}` is not a number (column `{column}`)")]
    NotANumber { column: String, found: String },
    #[error("{found} points for `{column}`")]
    BadPoints { column: String, found: String },
    #[error("every weight is zero")]
    AllZero,
    #[error("`{found}` in the rank order is not a criterion")]
    UnknownInOrder {
        found: String,
        suggestion: Option<String>,
        criteria: Vec<String>,
    },
    #[error("`{criterion}` appears twice in the rank order")]
    RepeatedInOrder { criterion: String },
    #[error("the rank order leaves out {missing}")]
    IncompleteOrder { missing: String },
    #[error("judgement `{found}` for `{pair}`: {reason}")]
    BadJudgement {
        pair: String,
        found: String,
        reason: String,
    },
    #[error("CSV: {message}")]
    Csv { message: String },
    // `[participants]` in the model.
    #[error("must give exactly one of `points`, `rank_order` or `ahp`; it gives {found}")]
    InlineKind { found: String },
    #[error("gives `{found}`, but `{other}` gives `{first}`")]
    InlineMixed {
        found: &'static str,
        first: &'static str,
        other: String,
    },
    #[error("the group is empty")]
    InlineEmptyGroup,
    #[error("`{found}` in `{key}` is not a criterion")]
    InlineUnknown {
        found: String,
        key: &'static str,
        suggestion: Option<String>,
        criteria: Vec<String>,
    },
    #[error("gives no points for `{criterion}`")]
    InlineMissing { criterion: String },
    #[error("the rank order leaves out {missing}")]
    InlineOrderIncomplete { missing: String },
    #[error("`{found}` is not a pair of criteria")]
    InlineBadPair { found: String },
    #[error("no judgement for the pair `{a}/{b}`")]
    InlineMissingPair { a: String, b: String },
    #[error("the pair `{a}/{b}` is judged twice (also as `{b}/{a}`)")]
    InlinePairTwice { a: String, b: String },
    #[error("`{criterion}` appears twice in the rank order")]
    InlineRepeatedInOrder { criterion: String },
}

impl Problem {
    /// The short label under the caret.
    pub fn label(&self) -> String {
        match self {
            Problem::FirstColumn { .. } | Problem::MixedColumns { .. } => "header".into(),
            Problem::UnknownColumn { .. } => "not a criterion or pair".into(),
            Problem::MissingCriterion { .. }
            | Problem::MissingPair { .. }
            | Problem::NoWeightColumns => "header".into(),
            Problem::DuplicateId { .. } => "duplicate".into(),
            Problem::AllZero => "this participant".into(),
            Problem::FieldCount { .. } => "this row".into(),
            Problem::EmptyCell { .. } => "empty".into(),
            Problem::UnknownInOrder { .. }
            | Problem::RepeatedInOrder { .. }
            | Problem::InlineRepeatedInOrder { .. } => "in this order".into(),
            _ => "here".into(),
        }
    }

    /// What would be right.
    pub fn help(&self) -> String {
        let list = |v: &[String]| v.join(", ");
        let mean = |s: &Option<String>| {
            s.as_ref()
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default()
        };
        match self {
            Problem::Empty | Problem::NoParticipants | Problem::FirstColumn { .. } => {
                "the header is `id`, an optional `group`, then one column per criterion id (points), or `rank_order`, or one column per pair `a/b` (AHP); then one row per participant".into()
            }
            Problem::UnknownColumn {
                suggestion,
                criteria,
                ..
            } => format!(
                "{}columns are `id`, `group`, criterion ids ({}), `rank_order`, or pairs `a/b`",
                mean(suggestion),
                list(criteria)
            ),
            Problem::RepeatedColumn { .. } => "give each column once".into(),
            Problem::MissingCriterion { criterion } => {
                format!("add a column `{criterion}` (0 points is allowed)")
            }
            Problem::MissingPair { a, b } => {
                format!("AHP needs every pair once: add a column `{a}/{b}`")
            }
            Problem::RepeatedPair { .. } => "keep one of the two columns".into(),
            Problem::SelfPair { .. } => "a pair names two different criteria".into(),
            Problem::MixedColumns { .. } => {
                "one file holds one kind of weights: points per criterion, `rank_order`, or AHP pairs".into()
            }
            Problem::NoWeightColumns => {
                "add one column per criterion id with each participant's points".into()
            }
            Problem::TooManyForAhp { .. } => "use points or `rank_order` instead".into(),
            Problem::FieldCount { expected, .. } => {
                format!("give {expected} values, one per column of the header")
            }
            Problem::EmptyId => "give every participant an id, such as `p01`".into(),
            Problem::DuplicateId { .. } => "give each participant a different id".into(),
            Problem::EmptyCell { .. } => "write a value in every cell (0 points is allowed)".into(),
            Problem::NotANumber { .. } => "write a number such as 20".into(),
            Problem::BadPoints { .. } => "points are finite numbers ≥ 0, such as 20".into(),
            Problem::AllZero => "give at least one criterion some points".into(),
            Problem::UnknownInOrder {
                suggestion,
                criteria,
                ..
            } => format!(
                "{}write the criterion ids from most to least important, as `a>b>c`; criteria: {}",
                mean(suggestion),
                list(criteria)
            ),
            Problem::RepeatedInOrder { .. } | Problem::IncompleteOrder { .. } => {
                "name every criterion once, most important first, as `a>b>c`".into()
            }
            Problem::BadJudgement { .. } => {
                "a judgement is a number or a fraction from 1/9 to 9, such as 3 or 1/5".into()
            }
            Problem::Csv { .. } => "check the quoting of this row".into(),
            Problem::InlineKind { .. } => {
                "write one of `points = { id = 30, … }`, `rank_order = [\"a\", \"b\", …]` or `ahp = { \"a/b\" = 3, … }`".into()
            }
            Problem::InlineMixed { first, .. } => format!(
                "the participants of a model give one kind of weights: write `{first}` for every participant"
            ),
            Problem::InlineEmptyGroup => "name the group, e.g. `group = \"ngo\"`, or leave `group` out".into(),
            Problem::InlineUnknown {
                suggestion,
                criteria,
                ..
            } => format!("{}criteria: {}", mean(suggestion), list(criteria)),
            Problem::InlineMissing { criterion } => {
                format!("add `{criterion} = ...` to the points (0 is allowed)")
            }
            Problem::InlineOrderIncomplete { .. } => {
                "name every criterion once, most important first, as `rank_order = [\"a\", \"b\", …]`".into()
            }
            Problem::InlineBadPair { .. } => {
                "a pair is written \"a/b\" with two criterion ids, e.g. \"equity/cost\" = 3".into()
            }
            Problem::InlinePairTwice { a, b } => format!(
                "judge each pair once, in either order: `\"{b}/{a}\" = 3` already means `\"{a}/{b}\" = 1/3`"
            ),
            Problem::InlineRepeatedInOrder { .. } => {
                "name every criterion once, most important first, as `rank_order = [\"a\", \"b\", …]`".into()
            }
            Problem::InlineMissingPair { a, b } => {
                format!("AHP needs every pair once: add `\"{a}/{b}\" = 1` (equal importance) or another judgement from 1/9 to 9")
            }
        }
    }
}
