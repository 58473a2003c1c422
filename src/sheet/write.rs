//! Writing a document as an `.xlsx` workbook: one sheet per table, then a sheet with the
//! heading, context lines and notes.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::error::Error;
use crate::present::doc::{Cell, Column, Doc, Table};

/// Excel's longest sheet name.
const MAX_SHEET_NAME: usize = 31;

/// The document as the bytes of an `.xlsx` workbook.
///
/// Each table, hidden ones too, is a sheet named after its caption (else its name), with a
/// bold header row. Cells are laid out as in CSV: an alternative or criterion is two
/// columns, its id and its name; an interval two, its low and high end; a rank with its
/// score two. Every number is written as a number at full precision, shown as the table
/// shows it (a score with its decimals, a weight as a percentage); text is written as text,
/// never as a formula (a cell beginning with `=` stays the text it is). The last sheet,
/// "About", holds the heading, the context lines and the notes.
pub fn doc_to_xlsx(doc: &Doc) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let mut used: Vec<String> = Vec::new();
    for (k, t) in doc.tables.iter().enumerate() {
        let title = t.caption.as_deref().unwrap_or(&t.name);
        let name = unique(sheet_name(title, k + 1), &used);
        used.push(name.clone());
        let ws = book.add_worksheet();
        ws.set_name(&name)?;
        let heads: Vec<Vec<String>> = t
            .columns
            .iter()
            .enumerate()
            .map(|(k, c)| headers(t, k, c))
            .collect();
        for (c, h) in (0u16..).zip(heads.iter().flatten()) {
            ws.write_string_with_format(0, c, h, &bold)?;
        }
        for (r, row) in (1u32..).zip(&t.rows) {
            let mut c = 0u16;
            for (k, h) in heads.iter().enumerate() {
                let cell = row.get(k).unwrap_or(&Cell::Empty);
                write_cell(ws, r, c, cell, h.len())?;
                c += h.len() as u16;
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

/// The header(s) of column `k`: two for a column of cells that hold two values.
fn headers(t: &Table, k: usize, c: &Column) -> Vec<String> {
    let h = &c.header;
    let first_entity = t.first_entity_column();
    match t.column_kind(k) {
        Some(Cell::Entity { .. }) if first_entity == Some(k) => vec!["id".into(), h.clone()],
        Some(Cell::Entity { .. }) => vec![format!("{h} id"), h.clone()],
        Some(Cell::Interval { .. }) => vec![format!("{h} low"), format!("{h} high")],
        Some(Cell::RankScore { .. }) => vec![format!("{h} rank"), format!("{h} score")],
        Some(Cell::Valued { .. }) => vec![h.clone(), format!("{h} score")],
        _ => vec![h.clone()],
    }
}

/// Writes one cell at row `r` from column `c`, over `width` sheet columns (a text in a
/// two-column place goes in the second, the name's).
fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    width: usize,
) -> Result<(), XlsxError> {
    let whole = Format::new().set_num_format("0");
    let four = Format::new().set_num_format(number_format(4));
    match cell {
        Cell::Rank(n) | Cell::Count(n) => {
            ws.write_number_with_format(r, c, *n as f64, &whole)?;
        }
        Cell::Score { value, decimals } => {
            let f = Format::new().set_num_format(number_format(*decimals));
            ws.write_number_with_format(r, c, *value, &f)?;
        }
        Cell::Weight(w) => {
            ws.write_number_with_format(r, c, *w, &percent_format(1))?;
        }
        Cell::Share { value, decimals } => {
            ws.write_number_with_format(r, c, *value, &percent_format(*decimals))?;
        }
        Cell::Interval { lo, hi } => {
            ws.write_number_with_format(r, c, *lo, &percent_format(1))?;
            ws.write_number_with_format(r, c + 1, *hi, &percent_format(1))?;
        }
        Cell::RankScore { rank, score } => {
            ws.write_number_with_format(r, c, *rank as f64, &whole)?;
            ws.write_number_with_format(r, c + 1, *score, &four)?;
        }
        Cell::Valued { value, shown } => {
            ws.write_number_with_format(r, c, *value, &four)?;
            ws.write_string(r, c + 1, shown)?;
        }
        Cell::Entity { id, name } => {
            ws.write_string(r, c, id)?;
            ws.write_string(r, c + 1, name)?;
        }
        Cell::Id(s) | Cell::Text(s) => {
            let at = if width == 2 { c + 1 } else { c };
            ws.write_string(r, at, s)?;
        }
        Cell::Ranking { ids, tied, .. } => {
            let text = crate::present::doc::ranking_text(ids, tied, ids.len());
            ws.write_string(r, c, text)?;
        }
        Cell::Empty => {}
    }
    Ok(())
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

/// A percentage with `decimals` decimals ("0.0%").
fn percent_format(decimals: usize) -> Format {
    let f = if decimals == 0 {
        "0%".to_string()
    } else {
        format!("0.{}%", "0".repeat(decimals.min(15)))
    };
    Format::new().set_num_format(f)
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

    /// Typed cells are laid out as in CSV (an alternative as id and name, an interval as two
    /// ends) and numbers come back as the same numbers.
    #[test]
    fn typed_cells_are_numbers_in_their_columns() {
        let mut t = Table::with_headers(
            "t",
            ["Alternative", "Rank", "Weight", "Band", "Score", "Note"],
        )
        .captioned("Typed");
        t.push(vec![
            Cell::entity("a", "Alpha"),
            Cell::Rank(2),
            Cell::Weight(1.0 / 3.0),
            Cell::Interval { lo: 0.1, hi: 0.25 },
            Cell::num(0.1 + 0.2, 2),
            Cell::from("=1+1"),
        ]);
        t.push(vec![
            Cell::from("Participants"),
            Cell::Count(7),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]);
        let doc = Doc {
            tables: vec![t],
            ..Default::default()
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.xlsx");
        std::fs::write(&path, doc_to_xlsx(&doc).unwrap()).unwrap();
        let grid = crate::sheet::read_grid(&path, Some("Typed")).unwrap();
        let text =
            |r: usize| -> Vec<&str> { grid.rows[r].iter().map(|c| c.text.as_str()).collect() };
        assert_eq!(
            text(0),
            [
                "id",
                "Alternative",
                "Rank",
                "Weight",
                "Band low",
                "Band high",
                "Score",
                "Note"
            ]
        );
        let row = text(1);
        assert_eq!(&row[..3], ["a", "Alpha", "2"]);
        assert_eq!(row[3].parse::<f64>().unwrap(), 1.0 / 3.0);
        assert_eq!(row[4].parse::<f64>().unwrap(), 0.1);
        assert_eq!(row[5].parse::<f64>().unwrap(), 0.25);
        assert_eq!(row[6].parse::<f64>().unwrap(), 0.1 + 0.2);
        assert_eq!(row[7], "=1+1");
        assert_eq!(&text(2)[..3], ["", "Participants", "7"]);
    }
}
