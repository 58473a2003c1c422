//! pmatrix: a policy decision-matrix evaluator.

pub mod methods;
pub mod model;
pub mod normalize;
pub mod output;
pub mod ranking;
pub mod sensitivity;
pub mod smaa;
pub mod weights;
