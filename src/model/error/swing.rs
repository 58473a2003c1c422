//! What can be wrong with a swing points: the problem, its message and its help.

/// What can be wrong with swing points.
#[derive(Debug, Clone, PartialEq)]
pub enum SwingProblem {
    /// The largest swing does not have 100 points.
    NoHundred { profile: String, largest: f64 },
}

pub(crate) fn message(p: &SwingProblem) -> String {
    match p {
        SwingProblem::NoHundred { profile, largest } => format!(
            "the largest swing in profile `{profile}` has {largest} points; the most important swing has 100"
        ),
    }
}

pub(crate) fn help(p: &SwingProblem) -> String {
    match p {
        SwingProblem::NoHundred { .. } => "give the most important swing 100 points and each other swing its worth against it, e.g. `cost = 60` for a swing worth 60% of it".into(),
    }
}
