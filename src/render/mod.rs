//! Renderers: one per output format, each turning a [`Doc`] into text. JSON is not here: it
//! is the analyses' own structs, serialised.

pub mod csv;
pub mod html;
pub mod markdown;
pub mod table;

use crate::present::doc::Doc;

/// An output format (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A table for the terminal.
    Table,
    /// Markdown, to paste into a memo.
    Markdown,
    /// One table of comma-separated values, full precision (pick it with --table).
    Csv,
    /// JSON, full precision (the stable format for programs).
    Json,
}

/// How to render: the width of terminal tables, and the table CSV writes.
#[derive(Debug, Clone, Default)]
pub struct Style {
    pub width: usize,
    /// `--table NAME`; `None` for the document's main (first) table.
    pub table: Option<String>,
}

/// Why a document cannot be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("--table: this command has no table `{found}`\n  = help: tables: {}", .known.join(", "))]
    UnknownTable { found: String, known: Vec<String> },
    #[error("--table: this output has no table to write as CSV")]
    NoTable,
    #[error(transparent)]
    Csv(#[from] csv::CsvError),
}

/// Renders a document in a text format; `None` for JSON, which the caller serialises.
pub fn text(doc: &Doc, format: Format, style: &Style) -> Result<Option<String>, RenderError> {
    Ok(match format {
        Format::Table => Some(table::render(doc, style.width)),
        Format::Markdown => Some(markdown::render(doc)),
        Format::Csv => {
            let t = match &style.table {
                None => doc.tables.first().ok_or(RenderError::NoTable)?,
                Some(name) => doc.tables.iter().find(|t| &t.name == name).ok_or_else(|| {
                    RenderError::UnknownTable {
                        found: name.clone(),
                        known: doc.table_names(),
                    }
                })?,
            };
            Some(csv::render(t)?)
        }
        Format::Json => None,
    })
}
