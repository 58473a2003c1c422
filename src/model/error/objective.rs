//! What can be wrong with a objective profile: the problem, its message and its help.

use crate::model::text::clip;
use crate::weights::objective::ObjectiveMethod;

/// What can be wrong with an objective profile.
#[derive(Debug, Clone, PartialEq)]
pub enum ObjectiveProblem {
    /// Not a method pmatrix knows.
    Unknown { found: String },
    /// No criterion varies, so there is nothing to weigh.
    NoInformation {
        profile: String,
        method: &'static str,
    },
}

pub(crate) fn message(p: &ObjectiveProblem) -> String {
    match p {
        ObjectiveProblem::Unknown { found } => {
            format!("unknown objective weighting {:?}", clip(found, 60))
        }
        ObjectiveProblem::NoInformation { profile, method } => format!(
            "profile `{profile}`: {method} weights need scores that differ, but every criterion scores the same for every alternative"
        ),
    }
}

pub(crate) fn help(p: &ObjectiveProblem) -> String {
    match p {
        ObjectiveProblem::Unknown { found } => {
            let names = ObjectiveMethod::ALL.map(|m| m.name());
            let hint = crate::diagnostic::closest(found, names.iter().copied())
                .map(|c| format!("did you mean \"{c}\"? "))
                .unwrap_or_default();
            format!("{hint}objective is \"entropy\" or \"critic\"")
        }
        ObjectiveProblem::NoInformation { .. } => "objective weights come from differences between the alternatives; give the weights another way, e.g. `weights = { … }` or `swing = { … }`".into(),
    }
}
