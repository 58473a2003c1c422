//! Presentation: analysis results turned into documents (headline, tables, notes) and charts.

pub mod diff;
pub mod group;
