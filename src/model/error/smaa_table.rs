//! What can be wrong in the `[smaa]` table: the problem, its message and its help.

use crate::model::constraint::StatementProblem;

/// What can be wrong in `[smaa]`.
#[derive(Debug, Clone, PartialEq)]
pub enum SmaaTableProblem {
    /// A constraint that cannot be read.
    Statement(StatementProblem),
    /// A criterion named twice in `weight_order`.
    RepeatedInOrder { id: String },
    /// A bound that is not `[lo, hi]` with `0 ≤ lo ≤ hi ≤ 1`.
    BadBounds { id: String },
}

pub(crate) fn message(p: &SmaaTableProblem) -> String {
    match p {
        SmaaTableProblem::Statement(s) => format!("in a weight constraint: {s}"),
        SmaaTableProblem::RepeatedInOrder { id } => {
            format!("`{id}` appears twice in `weight_order`")
        }
        SmaaTableProblem::BadBounds { id } => {
            format!("the weight bounds of `{id}` are not an interval inside [0, 1]")
        }
    }
}

pub(crate) fn help(p: &SmaaTableProblem) -> String {
    match p {
        SmaaTableProblem::Statement(s) => s.help(),
        SmaaTableProblem::RepeatedInOrder { .. } => {
            "name each criterion once, from most to least important".into()
        }
        SmaaTableProblem::BadBounds { id } => {
            format!("write `{id} = [lo, hi]` with 0 ≤ lo ≤ hi ≤ 1, e.g. `{id} = [0.1, 0.4]`")
        }
    }
}

pub(crate) fn label(p: &SmaaTableProblem) -> String {
    match p {
        SmaaTableProblem::Statement(s) => s.label().into(),
        SmaaTableProblem::RepeatedInOrder { .. } => "named before".into(),
        SmaaTableProblem::BadBounds { .. } => "expected [lo, hi]".into(),
    }
}
