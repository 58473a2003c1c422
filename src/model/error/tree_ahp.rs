//! What can be wrong with a AHP judgements on a value tree: the problem, its message and its help.

use crate::model::text::clip;

/// What can be wrong with AHP judgements on a value tree.
#[derive(Debug, Clone, PartialEq)]
pub enum AhpTreeProblem {
    /// A key names neither a group nor a criterion.
    Unknown { found: String, known: Vec<String> },
    /// The two ids have different parents.
    NotSiblings {
        pair: String,
        kinds: &'static str,
        parents: (String, String),
    },
    /// A pair of siblings without a judgement.
    Missing {
        profile: String,
        a: String,
        b: String,
        parent: String,
    },
}

pub(crate) fn message(p: &AhpTreeProblem) -> String {
    match p {
        AhpTreeProblem::Unknown { found, .. } => {
            format!("unknown group or criterion `{}`", clip(found, 60))
        }
        AhpTreeProblem::NotSiblings {
            pair,
            kinds: "a group and a criterion",
            parents,
        } => format!(
            "{pair} compare a group (parent: {}) with a criterion (parent: {}), which are never siblings; compare siblings only",
            parents.0, parents.1
        ),
        AhpTreeProblem::NotSiblings {
            pair,
            kinds,
            parents,
        } => format!(
            "{pair} compare {kinds} of different groups ({}, {}); compare siblings only",
            parents.0, parents.1
        ),
        AhpTreeProblem::Missing {
            profile,
            a,
            b,
            parent,
        } => format!("profile `{profile}` has no judgement for the pair {a}/{b} ({parent})"),
    }
}

pub(crate) fn help(p: &AhpTreeProblem) -> String {
    match p {
        AhpTreeProblem::Unknown { found, known } => {
            let hint = crate::diagnostic::closest(found, known.iter().map(String::as_str))
                .map(|c| format!("did you mean `{c}`? "))
                .unwrap_or_default();
            format!("{hint}groups and criteria: {}", known.join(", "))
        }
        AhpTreeProblem::NotSiblings { .. } => "on a value tree, AHP judges two groups with the same parent, or two criteria of the same group: the weights within each parent are multiplied down the tree".into(),
        AhpTreeProblem::Missing { a, b, .. } => {
            format!("add \"{a}/{b}\" = 1 (equal importance) or another judgement from 1/9 to 9")
        }
    }
}
