//! Renderers: one per output format. JSON is the analyses' own structs, serialised.

pub mod csv;
pub mod html;
pub mod markdown;
pub mod table;

use crate::doc::Doc;

/// An output format (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for the terminal.
    Table,
    /// Markdown, to paste into a memo.
    Markdown,
    /// Comma-separated values, full precision.
    Csv,
    /// JSON, full precision (the stable format for programs).
    Json,
}

/// Renders a document in a text format; `None` for JSON, which the caller serialises.
pub fn text(doc: &Doc, format: Format) -> Option<String> {
    match format {
        Format::Table => Some(table::render(doc)),
        Format::Markdown => Some(markdown::render(doc)),
        Format::Csv => Some(csv::render(doc)),
        Format::Json => None,
    }
}
