//! Whether more or less of a criterion is better.

use serde::Serialize;

/// Whether more or less of a criterion is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// More is better.
    Benefit,
    /// Less is better.
    Cost,
}

impl Direction {
    /// +1 for a benefit, −1 for a cost: multiplying a difference by it gives "how much better".
    pub fn sign(self) -> f64 {
        match self {
            Direction::Benefit => 1.0,
            Direction::Cost => -1.0,
        }
    }
}
