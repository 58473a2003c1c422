//! What can be wrong with a value tree: the problem, its message and its help.

use std::fmt;

/// What can be wrong with a value tree.
#[derive(Debug, Clone, PartialEq)]
pub enum TreeProblem {
    UnknownParent {
        found: String,
        known: Vec<String>,
    },
    Cycle {
        path: Vec<String>,
    },
    EmptyGroup {
        group: String,
    },
    NoParent {
        criterion: String,
        example: String,
    },
    Mixed {
        group: String,
        criterion: String,
        subgroup: String,
    },
    PartialWeights {
        kind: &'static str,
        id: String,
        with: String,
        parent: Option<String>,
    },
    ZeroWeights {
        parent: Option<String>,
    },
    SameId {
        id: String,
    },
}

fn within(parent: &Option<String>) -> String {
    match parent {
        Some(p) => format!("within group `{p}`"),
        None => "at the top of the tree".to_string(),
    }
}

impl fmt::Display for TreeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TreeProblem::UnknownParent { found, known } if known.is_empty() => write!(
                f,
                "unknown parent group `{found}`: the model has no `[[groups]]`"
            ),
            TreeProblem::UnknownParent { found, .. } => write!(f, "unknown parent group `{found}`"),
            TreeProblem::Cycle { path } => write!(
                f,
                "group `{}` is its own ancestor: {}",
                path[0],
                path.join(" → ")
            ),
            TreeProblem::EmptyGroup { group } => {
                write!(f, "group `{group}` holds no criterion and no group")
            }
            TreeProblem::NoParent { criterion, .. } => write!(
                f,
                "criterion `{criterion}` has no `parent`, but the model has a value tree"
            ),
            TreeProblem::Mixed {
                group,
                criterion,
                subgroup,
            } => write!(
                f,
                "group `{group}` holds both criteria (`{criterion}`) and groups (`{subgroup}`)"
            ),
            TreeProblem::PartialWeights {
                kind,
                id,
                with,
                parent,
            } => write!(
                f,
                "{kind} `{id}` has no `weight`, but `{with}` {} has one",
                within(parent)
            ),
            TreeProblem::ZeroWeights { parent } => {
                write!(f, "every weight {} is zero", within(parent))
            }
            TreeProblem::SameId { id } => {
                write!(f, "`{id}` is the id of both a group and a criterion")
            }
        }
    }
}

impl TreeProblem {
    /// What would be valid, and the key that fixes it.
    pub fn help(&self) -> String {
        match self {
            TreeProblem::UnknownParent { found, known } if known.is_empty() => format!(
                "define the group: `[[groups]]` with `id = \"{found}\"`, `name = \"...\"`, or remove `parent`"
            ),
            TreeProblem::UnknownParent { found, known } => {
                let hint = crate::diagnostic::closest(found, known.iter().map(String::as_str))
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                format!("{hint}groups: {}", known.join(", "))
            }
            TreeProblem::Cycle { path } => format!(
                "a tree has no loops: remove `parent` from one of {}, or point it at a group higher up",
                path[..path.len() - 1].join(", ")
            ),
            TreeProblem::EmptyGroup { group } => {
                format!("give a criterion `parent = \"{group}\"`, or remove the group")
            }
            TreeProblem::NoParent { example, .. } => {
                format!("add `parent = \"{example}\"` (or another group's id) to the criterion")
            }
            TreeProblem::Mixed { group, .. } => format!(
                "put the criteria of `{group}` in a group of their own: `[[groups]]` with `parent = \"{group}\"`, and give them that group as `parent`"
            ),
            TreeProblem::PartialWeights { id, .. } => format!(
                "add `weight = ...` to `{id}`, or remove every `weight` {} for equal shares",
                "among its siblings"
            ),
            TreeProblem::ZeroWeights { parent: Some(p) } => format!(
                "give at least one of them a positive weight (to leave `{p}` out altogether, give the group itself `weight = 0`)"
            ),
            TreeProblem::ZeroWeights { parent: None } => {
                "give at least one of them a positive weight".to_string()
            }
            TreeProblem::SameId { .. } => {
                "give the group an id of its own, e.g. ending in `-group`".to_string()
            }
        }
    }

    /// A short label under the caret.
    pub fn label(&self) -> String {
        match self {
            TreeProblem::UnknownParent { .. } => "no group has this id".into(),
            TreeProblem::Cycle { .. } => "this parent closes the loop".into(),
            TreeProblem::EmptyGroup { .. } => "nothing names this group as parent".into(),
            TreeProblem::NoParent { .. } => "no `parent` in this criterion".into(),
            TreeProblem::Mixed { .. } => "a criterion beside groups".into(),
            TreeProblem::PartialWeights { .. } => "no `weight` here".into(),
            TreeProblem::ZeroWeights { .. } | TreeProblem::SameId { .. } => "here".into(),
        }
    }
}
