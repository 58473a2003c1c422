//! A column's scale ends: what normalisation needs to know of a criterion.

use super::{Direction, ValueFunction};

/// What normalisation needs to know of a criterion.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub direction: Direction,
    /// The ends of the criterion's scale or declared `range`, if it has one.
    pub bounds: Option<(f64, f64)>,
    /// A value function, which `scale` normalisation reads values off (numeric criteria).
    pub value: Option<ValueFunction>,
}
