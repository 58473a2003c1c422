//! What every command does last: load the model, write text or JSON to the output (a closed
//! pipe is not an error).

use std::io::Write;
use std::path::PathBuf;

use crate::error::Error;

/// Loads the model named on the command line, its `[participants]` checked too.
pub fn load(path: &std::path::Path) -> Result<crate::model::Model, Error> {
    load_as(path, super::LOAD_OPTIONS.get())
}

/// [`load`] with these options.
pub fn load_as(
    path: &std::path::Path,
    options: crate::model::LoadOptions,
) -> Result<crate::model::Model, Error> {
    let model = crate::model::load_with(path, &options)?;
    if let Some(Err(e)) = crate::participants::from_model(&model) {
        return Err(e.into());
    }
    Ok(model)
}

/// Writes text to the output; a closed pipe is not an error for the caller to report.
pub fn emit(out: &mut dyn Write, text: &str) -> Result<(), Error> {
    emit_bytes(out, text.as_bytes())
}

/// Writes bytes to the output; a closed pipe is not an error for the caller to report.
pub fn emit_bytes(out: &mut dyn Write, bytes: &[u8]) -> Result<(), Error> {
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Write {
            path: PathBuf::from("<stdout>"),
            reason: e.to_string(),
        }),
    }
}

/// Results with more alternatives than this are written as JSON on one line.
pub const PRETTY_JSON_LIMIT: usize = 1000;

/// Writes a result as JSON with a final newline: indented, or on one line for large results
/// (`items` above [`PRETTY_JSON_LIMIT`]), streamed through a buffer.
pub fn emit_json<T: serde::Serialize>(
    out: &mut dyn Write,
    value: &T,
    items: usize,
) -> Result<(), Error> {
    emit_with(out, |w| write_json(w, value, items))
}

/// Writes `value` as JSON: indented, or on one line above [`PRETTY_JSON_LIMIT`] `items`.
pub fn write_json<T: serde::Serialize>(
    w: &mut dyn Write,
    value: &T,
    items: usize,
) -> std::io::Result<()> {
    if items > PRETTY_JSON_LIMIT {
        serde_json::to_writer(w, value)
    } else {
        serde_json::to_writer_pretty(w, value)
    }
    .map_err(std::io::Error::from)
}

/// Writes what `write` writes, then a final newline, through one buffer; a closed pipe is not
/// an error for the caller to report.
pub fn emit_with(
    out: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    let result = write(&mut w)
        .and_then(|()| w.write_all(b"\n"))
        .and_then(|()| w.flush());
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Write {
            path: PathBuf::from("<stdout>"),
            reason: e.to_string(),
        }),
    }
}

/// Renders a document in a text format and writes it; for JSON, writes `data` instead.
pub fn emit_doc<T: serde::Serialize>(
    out: &mut dyn Write,
    doc: &crate::present::doc::Doc,
    format: crate::render::Format,
    style: &crate::render::Style,
    data: &T,
    items: usize,
) -> Result<(), Error> {
    match crate::render::text(doc, format, style)? {
        Some(text) => emit(out, &text),
        None => emit_json(out, data, items),
    }
}

/// A result with the sentence that sums it up, for JSON: the result's own keys and `summary`.
#[derive(serde::Serialize)]
pub struct Summarised<'a, T: serde::Serialize> {
    #[serde(flatten)]
    pub result: &'a T,
    pub summary: String,
}

/// `--format` (clap's side of [`crate::render::Format`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// A table for the terminal.
    Table,
    /// Markdown, to paste into a memo.
    Markdown,
    /// One table of comma-separated values, full precision (pick it with --table).
    Csv,
    /// JSON, full precision (the stable format for programs).
    Json,
}

impl From<FormatArg> for crate::render::Format {
    fn from(f: FormatArg) -> crate::render::Format {
        use crate::render::Format;
        match f {
            FormatArg::Table => Format::Table,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
        }
    }
}
