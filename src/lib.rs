//! pmatrix: a policy decision-matrix evaluator.

pub mod consensus;
pub mod methods;
pub mod model;
pub mod normalize;
pub mod ranking;
pub mod weights;
