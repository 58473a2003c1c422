//! Whether a higher or a lower score is better.

use serde::Serialize;

/// Whether the best alternative has the highest (`descending`) or the lowest score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ScoreOrder {
    /// Higher is better.
    Descending,
    /// Lower is better.
    Ascending,
}

impl ScoreOrder {
    /// Whether score `a` is strictly better than score `b`.
    pub fn better(self, a: f64, b: f64) -> bool {
        match self {
            ScoreOrder::Descending => a > b,
            ScoreOrder::Ascending => a < b,
        }
    }
}
