//! What can be wrong with a value function: the problem, its message and its help.

use std::fmt;

/// What can be wrong with a value function, or with a score on it.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueProblem {
    OnScale {
        criterion: String,
    },
    WithRange {
        criterion: String,
    },
    TooFew {
        criterion: String,
        found: usize,
    },
    NotAPoint {
        criterion: String,
        found: usize,
    },
    NotFinite {
        criterion: String,
        value: f64,
    },
    NotIncreasing {
        criterion: String,
        previous: f64,
        x: f64,
    },
    OutsideUnit {
        criterion: String,
        v: f64,
    },
    NoEnds {
        criterion: String,
        lowest: f64,
        highest: f64,
    },
    Direction {
        criterion: String,
        direction: &'static str,
        rises: bool,
    },
    OutsideDomain {
        criterion: String,
        value: f64,
        lo: f64,
        hi: f64,
    },
}

impl fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueProblem::OnScale { criterion } => write!(
                f,
                "criterion `{criterion}` is on a scale, and `value` is for numeric criteria"
            ),
            ValueProblem::WithRange { criterion } => {
                write!(f, "criterion `{criterion}` has both `value` and `range`")
            }
            ValueProblem::TooFew { criterion, found } => write!(
                f,
                "the value function of `{criterion}` has {found} point{}; it needs at least 2",
                if *found == 1 { "" } else { "s" }
            ),
            ValueProblem::NotAPoint { criterion, found } => write!(
                f,
                "a point of the value function of `{criterion}` has {found} number{}; a point is [x, v]",
                if *found == 1 { "" } else { "s" }
            ),
            ValueProblem::NotFinite { criterion, value } => write!(
                f,
                "the value function of `{criterion}` has {value}, which is not a finite number"
            ),
            ValueProblem::NotIncreasing {
                criterion,
                previous,
                x,
            } => write!(
                f,
                "the x of the value function of `{criterion}` do not increase: {previous} then {x}"
            ),
            ValueProblem::OutsideUnit { criterion, v } => write!(
                f,
                "the value {v} in the value function of `{criterion}` is outside [0, 1]"
            ),
            ValueProblem::NoEnds {
                criterion,
                lowest,
                highest,
            } => write!(
                f,
                "the values of the function of `{criterion}` run from {lowest} to {highest}, not from 0 to 1"
            ),
            ValueProblem::Direction {
                criterion,
                direction,
                rises,
            } => write!(
                f,
                "the value function of `{criterion}` only {}, but its direction is \"{direction}\"",
                if *rises { "rises" } else { "falls" }
            ),
            ValueProblem::OutsideDomain {
                criterion,
                value,
                lo,
                hi,
            } => write!(
                f,
                "score {value} of `{criterion}` is outside its value function's points, {lo} to {hi}"
            ),
        }
    }
}

impl ValueProblem {
    /// What would be valid, and the key that fixes it.
    pub fn help(&self) -> String {
        match self {
            ValueProblem::OnScale { .. } => "give the levels their numbers with `values = [...]` in the scale, or remove `scale` and score in numbers".into(),
            ValueProblem::WithRange { .. } => "the value function's first and last x are the range: remove `range`".into(),
            ValueProblem::TooFew { .. } => "give the worst and the best point at least, e.g. `value = [[0, 0], [20, 0.8], [100, 1]]`".into(),
            ValueProblem::NotAPoint { .. } => "write each point as [score, value], e.g. [20, 0.8]".into(),
            ValueProblem::NotFinite { .. } => "use finite numbers for the points".into(),
            ValueProblem::NotIncreasing { .. } => "list the points from the lowest score to the highest, each x above the one before".into(),
            ValueProblem::OutsideUnit { .. } => "a value is from 0 (the worst) to 1 (the best)".into(),
            ValueProblem::NoEnds { .. } => "give the worst point the value 0 and the best the value 1: the weight of the criterion is the worth of that swing".into(),
            ValueProblem::Direction { rises: true, .. } => "a function that only rises means more is better: write `direction = \"benefit\"`, or reverse the values".into(),
            ValueProblem::Direction { .. } => "a function that only falls means less is better: write `direction = \"cost\"`, or reverse the values".into(),
            ValueProblem::OutsideDomain { lo, hi, .. } => format!("use a score from {lo} to {hi}, or extend the value function with a point beyond it"),
        }
    }

    /// A short label under the caret.
    pub fn label(&self) -> String {
        match self {
            ValueProblem::Direction { .. } => "this direction".into(),
            ValueProblem::OutsideDomain { .. } => "outside the function".into(),
            _ => "here".into(),
        }
    }
}
