//! pmatrix: a policy decision-matrix evaluator.

pub mod chart;
pub mod cli;
pub mod compare;
pub mod consensus;
pub mod diagnostic;
pub mod doc;
pub mod error;
pub mod explain;
pub mod methods;
pub mod model;
pub mod normalize;
pub mod output;
pub mod rank;
pub mod ranking;
pub mod render;
pub mod sensitivity;
pub mod smaa;
pub mod weights;
