//! pmatrix: a policy decision-matrix evaluator.
//!
//! A decision model is a TOML file: the policy alternatives, the criteria they are judged on
//! (more is better, or less), weights, and a score for every alternative on every criterion,
//! often on a qualitative scale such as None / Low / Moderate / High. [`model::load`] reads and
//! validates one into a [`model::Model`]; [`rank::rank`] scores it with one of the methods in
//! [`methods`] and returns a ranking that renders as a table, Markdown, CSV or JSON.
//!
//! Ranking the policy matrix of Akhmetzharov (2021), Table 1, with the weighted sum of scores
//! normalised against the ends of their scale (Low = 1/3, Moderate = 2/3, High = 1; reversed
//! for the two cost criteria):
//!
//! ```
//! use pmatrix::methods::{Method, Options};
//!
//! let model = pmatrix::model::load("policies/kazakhstan-torture-prevention.toml".as_ref())?;
//! let ranking = pmatrix::rank::rank(&model, &model.weights, None, &Options::new(Method::Wsm))?;
//!
//! let first = &ranking.alternatives[0];
//! assert_eq!(first.id, "develop-policy");
//! assert!((first.score - 0.8).abs() < 1e-12); // (1 + 1 + 1 + 2/3 + 1/3) / 5
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The same model under every method side by side is [`compare::methods`]; the robustness of
//! the answer to the weights is in the sensitivity and SMAA analyses.

pub mod assumption;
pub mod chart;
pub mod cli;
pub mod columns;
pub mod compare;
pub mod consensus;
pub mod diagnostic;
pub mod diff;
pub mod error;
pub mod explain;
pub mod group;
pub mod groups;
pub mod linear;
pub mod memo;
pub mod methods;
pub mod model;
pub mod normalize;
mod ordered;
pub mod output;
pub mod participants;
pub mod present;
pub mod progress;
pub mod rank;
pub mod ranking;
pub mod render;
pub mod sensitivity;
pub mod serve;
pub mod sheet;
mod simd;
pub mod smaa;
pub mod summary;
pub mod vocabulary;
pub mod weights;
pub mod whatif;
