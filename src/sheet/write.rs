//! Writing a document as an `.xlsx` workbook: one sheet per table, then a sheet with the
//! heading, context lines and notes.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::doc::{Cell, Doc};
use crate::error::Error;

/// Excel's longest sheet name.
const MAX_SHEET_NAME: usize = 31;

/// The document as the bytes of an `.xlsx` workbook.
///
/// Each table is a sheet named after its caption (else "Table N"), with a bold header row.
/// A number cell is written as a number at full precision, shown with the document's
/// decimals; a text cell that is a plain whole number (a rank, a count: digits only, no
/// leading zero) is written as a number too, and any other text as text, never as a formula
/// (a cell beginning with `=` stays the text it is). The last sheet, "About", holds the
/// heading, the context lines and the notes.
pub fn doc_to_xlsx(doc: &Doc) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let mut used: Vec<String> = Vec::new();
    for (k, t) in doc.tables.iter().enumerate() {
        let name = unique(sheet_name(t.caption.as_deref().unwrap_or(""), k + 1), &used);
        used.push(name.clone());
        let ws = book.add_worksheet();
        ws.set_name(&name)?;
        for (c, h) in t.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Number { value, decimals } => {
                        let f = Format::new().set_num_format(number_format(*decimals));
                        ws.write_number_with_format(r, c, *value, &f)?;
                    }
                    Cell::Text(s) => match whole_number(s) {
                        Some(n) => {
                            ws.write_number(r, c, n)?;
                        }
                        None => {
                            ws.write_string(r, c, s)?;
                        }
                    },
                }
            }
        }
        ws.autofit();
    }
    let about = book.add_worksheet();
    about.set_name(unique("About".into(), &used))?;
    let text = std::iter::once(&doc.heading)
        .chain(&doc.lines)
        .chain(&doc.notes)
        .filter(|l| !l.is_empty());
    for (r, line) in (0u32..).zip(text) {
        about.write_string(r, 0, line)?;
    }
    book.save_to_buffer()
}

/// Writes the document as `.xlsx` to `path`, never over an existing file unless `force`.
pub fn write_doc(path: &Path, doc: &Doc, force: bool) -> Result<(), Error> {
    crate::output::check_new(path, force)?;
    let bytes = doc_to_xlsx(doc).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    crate::output::write_new(path, &bytes, force)
}

fn number_format(decimals: usize) -> String {
    if decimals == 0 {
        "0".into()
    } else {
        format!("0.{}", "0".repeat(decimals.min(15)))
    }
}

/// A text that is a plain whole number: digits only, no leading zero, at most 15 digits (so
/// the number is exact in a spreadsheet).
fn whole_number(s: &str) -> Option<f64> {
    let plain = !s.is_empty()
        && s.len() <= 15
        && s.bytes().all(|b| b.is_ascii_digit())
        && (s == "0" || !s.starts_with('0'));
    plain.then(|| s.parse().ok()).flatten()
}

/// A valid sheet name from a caption: the characters Excel refuses (`[]:*?/\`) replaced, cut
/// to 31 characters.
fn sheet_name(caption: &str, k: usize) -> String {
    let cleaned: String = caption
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let cut: String = cleaned.trim().chars().take(MAX_SHEET_NAME).collect();
    let cut = cut.trim().trim_matches('\'').trim().to_string();
    if cut.is_empty() {
        format!("Table {k}")
    } else {
        cut
    }
}

/// The name, or the name with " (2)", " (3)"... when a sheet already has it (Excel compares
/// names without regard to case).
fn unique(name: String, used: &[String]) -> String {
    let taken = |n: &str| used.iter().any(|u| u.eq_ignore_ascii_case(n));
    if !taken(&name) {
        return name;
    }
    (2..)
        .map(|i| {
            let suffix = format!(" ({i})");
            let keep = MAX_SHEET_NAME - suffix.len();
            format!("{}{suffix}", name.chars().take(keep).collect::<String>())
        })
        .find(|n| !taken(n))
        .unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        assert_eq!(
            sheet_name("Weights: mean / median", 1),
            "Weights- mean - median"
        );
        assert_eq!(sheet_name("", 3), "Table 3");
        assert_eq!(sheet_name(&"x".repeat(40), 1).len(), 31);
        assert_eq!(
            sheet_name("'quoted' and cut at the group'", 1),
            "quoted' and cut at the group"
        );
        let used = vec!["Ranks".to_string()];
        assert_eq!(unique("ranks".into(), &used), "ranks (2)");
        assert_eq!(unique("Other".into(), &used), "Other");
    }

    #[test]
    fn only_plain_whole_numbers_become_numbers() {
        assert_eq!(whole_number("12"), Some(12.0));
        assert_eq!(whole_number("0"), Some(0.0));
        assert_eq!(whole_number("007"), None);
        assert_eq!(whole_number("-1"), None);
        assert_eq!(whole_number("=1+1"), None);
        assert_eq!(whole_number("1.5"), None);
        assert_eq!(whole_number(""), None);
    }
}
