//! From analysis results to documents: a headline, context lines, tables of typed cells and
//! notes of what was assumed. One builder per result; the lines several outputs share
//! (method, weights, assumptions) are in [`lines`], written once. The renderers in
//! [`crate::render`] turn a [`doc::Doc`] into bytes.

pub mod check;
pub mod compare;
pub mod diff;
pub mod doc;
pub mod explain;
pub mod group;
pub mod lines;
pub mod memo;
pub mod model;
pub mod profiles;
pub mod rank;
pub mod smaa;
pub mod stability;
pub mod sweep;
pub mod tree;
pub mod value;
pub mod whatif;
