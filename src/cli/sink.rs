//! Where a command's output goes: standard output, or the `-o` file (never over a file
//! unless `--force`), in any format including `.xlsx`.

use std::io::Write;
use std::path::Path;

use crate::doc::Doc;
use crate::error::Error;
use crate::sheet::FileFormat;

/// Writes a document in `format` (JSON: `result` serialised) to `out`, or to `file`.
pub fn write<T: serde::Serialize>(
    format: FileFormat,
    file: Option<&Path>,
    force: bool,
    out: &mut dyn Write,
    doc: &Doc,
    result: &T,
    items: usize,
) -> Result<(), Error> {
    if format == FileFormat::Xlsx {
        let Some(path) = file else {
            return Err(crate::error::UsageError::Invalid {
                flag: "--format xlsx",
                problem: "a workbook is written to a file: add -o FILE.xlsx".into(),
            }
            .into());
        };
        return crate::sheet::write_doc(path, doc, force);
    }
    let bytes = match format.text() {
        Some(f) => crate::render::text(doc, f).unwrap_or_default().into_bytes(),
        None => {
            let mut v = Vec::new();
            super::emit_json(&mut v, result, items)?;
            v
        }
    };
    match file {
        Some(path) => crate::output::write_new(path, &bytes, force),
        None => super::emit(out, &String::from_utf8_lossy(&bytes)),
    }
}
