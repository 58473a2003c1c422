//! Where a command's output goes: standard output, or the `-o` file (never over a file
//! unless `--force`), in any format including `.xlsx`.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, UsageError};
use crate::present::doc::Doc;
use crate::render::{Format, Style};

/// `--format` of the commands that also write workbooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FileFormatArg {
    /// A table for the terminal.
    Table,
    /// Markdown, to paste into a memo.
    Markdown,
    /// One table of comma-separated values, full precision (pick it with --table).
    Csv,
    /// JSON, full precision (the stable format for programs).
    Json,
    /// An Excel workbook, one sheet per table, numbers as numbers (needs `-o FILE.xlsx`).
    Xlsx,
}

impl FileFormatArg {
    /// The text or JSON format, or `None` for a workbook.
    pub fn format(self) -> Option<Format> {
        match self {
            FileFormatArg::Table => Some(Format::Table),
            FileFormatArg::Markdown => Some(Format::Markdown),
            FileFormatArg::Csv => Some(Format::Csv),
            FileFormatArg::Json => Some(Format::Json),
            FileFormatArg::Xlsx => None,
        }
    }
}

/// Refuses a workbook asked for without a file, before any work is done.
pub fn check(format: FileFormatArg, file: Option<&Path>) -> Result<(), Error> {
    if format == FileFormatArg::Xlsx && file.is_none() {
        return Err(UsageError::Invalid {
            flag: "--format xlsx",
            problem: "a workbook is written to a file: add -o FILE.xlsx".into(),
        }
        .into());
    }
    Ok(())
}

/// Writes a document in `format` (JSON: `result` serialised) to `out`, or to `file`. CSV
/// writes the table `style.table` names, or the document's first; a workbook every table,
/// or only the one `style.table` names.
#[allow(clippy::too_many_arguments)]
pub fn write<T: serde::Serialize>(
    format: FileFormatArg,
    file: Option<&Path>,
    force: bool,
    out: &mut dyn Write,
    doc: &Doc,
    style: &Style,
    result: &T,
    items: usize,
) -> Result<(), Error> {
    check(format, file)?;
    let Some(format) = format.format() else {
        let path = file.expect("checked above");
        let mut doc = doc.clone();
        if let Some(name) = &style.table {
            let known = doc.table_names();
            doc.tables.retain(|t| &t.name == name);
            if doc.tables.is_empty() {
                return Err(crate::render::RenderError::UnknownTable {
                    found: name.clone(),
                    known,
                }
                .into());
            }
        }
        return crate::sheet::write_doc(path, &doc, force);
    };
    let mut bytes = Vec::new();
    super::emit::emit_doc(&mut bytes, doc, format, style, result, items)?;
    match file {
        Some(path) => crate::output::write_new(path, &bytes, force),
        None => super::emit::emit_bytes(out, &bytes),
    }
}

/// `--format` and `-o` of a command that prints: any format, to standard output or a file.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs {
    /// Output format (xlsx needs -o FILE.xlsx).
    #[arg(long, value_enum, default_value_t = FileFormatArg::Table)]
    pub format: FileFormatArg,
    /// Write the output to this file instead of standard output (never over a file unless
    /// --force).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

impl OutputArgs {
    /// Whether JSON is asked for.
    pub fn is_json(&self) -> bool {
        self.format == FileFormatArg::Json
    }

    /// Refuses what could not be written, before any work: a workbook without a file, a file
    /// that exists (without `force`).
    pub fn prepare(&self, force: bool) -> Result<(), Error> {
        check(self.format, self.output.as_deref())?;
        if let Some(path) = &self.output {
            crate::output::check_new(path, force)?;
        }
        Ok(())
    }

    /// Writes a document (JSON: `result`), as [`write`] does.
    #[allow(clippy::too_many_arguments)]
    pub fn doc<T: serde::Serialize>(
        &self,
        force: bool,
        out: &mut dyn Write,
        doc: &Doc,
        style: &Style,
        result: &T,
        items: usize,
    ) -> Result<(), Error> {
        write(
            self.format,
            self.output.as_deref(),
            force,
            out,
            doc,
            style,
            result,
            items,
        )
    }

    /// Writes `value` as JSON (indented up to `items` entries, as on standard output).
    pub fn json<T: serde::Serialize>(
        &self,
        force: bool,
        out: &mut dyn Write,
        value: &T,
        items: usize,
    ) -> Result<(), Error> {
        self.stream(force, out, |w| super::emit::write_json(w, value, items))
    }

    /// Writes what `write` writes (then a final newline) to the file, or streams it to
    /// standard output through one buffer.
    pub fn stream(
        &self,
        force: bool,
        out: &mut dyn Write,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        match &self.output {
            None => super::emit::emit_with(out, write),
            Some(path) => {
                let mut bytes = Vec::new();
                super::emit::emit_with(&mut bytes, write)?;
                crate::output::write_new(path, &bytes, force)
            }
        }
    }

    /// Writes bytes already rendered to the file, or to standard output.
    pub fn bytes(&self, force: bool, out: &mut dyn Write, bytes: &[u8]) -> Result<(), Error> {
        match &self.output {
            None => super::emit::emit_bytes(out, bytes),
            Some(path) => crate::output::write_new(path, bytes, force),
        }
    }
}
