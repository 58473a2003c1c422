//! Reading one sheet of a workbook as rows of text cells, each with its place.

use std::fmt;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};

/// One non-blank row's cells, left to right, as text; numbers in full precision.
#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    pub text: String,
    /// 0-based row and column in the sheet.
    pub row: u32,
    pub col: u32,
}

/// A sheet read as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub path: PathBuf,
    pub sheet: String,
    /// The rows in order, blank rows left out; every row has the same number of cells (the
    /// sheet's used width), an empty cell being "".
    pub rows: Vec<Vec<GridCell>>,
}

/// Why a sheet cannot be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SheetError {
    #[error("error: cannot read {}: {reason}\n  = help: give an .xlsx, .xls or .ods workbook", path.display())]
    Open { path: PathBuf, reason: String },
    #[error("error: {} has no sheet named `{sheet}`\n  = help: sheets: {}", path.display(), known.join(", "))]
    NoSheet {
        path: PathBuf,
        sheet: String,
        known: Vec<String>,
    },
    #[error("error: {}, sheet {sheet}: the sheet is empty\n  = help: put a header row first, then one row per entry", path.display())]
    Empty { path: PathBuf, sheet: String },
    #[error("error: {}, sheet {sheet}, cell {cell}: {what}\n  = help: {help}", path.display())]
    Cell {
        path: PathBuf,
        sheet: String,
        cell: String,
        what: String,
        help: String,
    },
}

/// A spreadsheet's name of a cell from 0-based row and column: (3, 2) is "C4".
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let r = (c - 1) % 26;
        letters.push(b'A' + r as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// Reads a sheet (the first one, or the one named) as text cells.
///
/// A number is written as Rust prints an `f64` (the shortest text that reads back as the
/// same number), so nothing is lost; an integer without a decimal point. A formula's cached
/// value is read; a cell holding an error (`#DIV/0!`) or a date is refused with its place.
pub fn read_grid(path: &Path, sheet: Option<&str>) -> Result<Grid, SheetError> {
    let book = open_workbook_auto(path).map_err(|e| SheetError::Open {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    grid_of(book, path, sheet)
}

/// Reads a sheet of the workbook whose bytes are given (already read, and bounded, by the
/// caller); `path` names it in messages, and its extension says which kind of workbook it is
/// (`.xlsx`/`.xlsm`, `.xls`, `.ods`).
pub fn read_grid_bytes(
    path: &Path,
    bytes: Vec<u8>,
    sheet: Option<&str>,
) -> Result<Grid, SheetError> {
    use calamine::{Ods, Sheets, Xls, Xlsx, open_workbook_from_rs};
    let open = |reason: String| SheetError::Open {
        path: path.to_path_buf(),
        reason,
    };
    let data = std::io::Cursor::new(bytes);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let book: Sheets<_> = match ext.as_deref() {
        Some("xls") => {
            Sheets::Xls(open_workbook_from_rs::<Xls<_>, _>(data).map_err(|e| open(e.to_string()))?)
        }
        Some("ods") => {
            Sheets::Ods(open_workbook_from_rs::<Ods<_>, _>(data).map_err(|e| open(e.to_string()))?)
        }
        _ => Sheets::Xlsx(
            open_workbook_from_rs::<Xlsx<_>, _>(data).map_err(|e| open(e.to_string()))?,
        ),
    };
    grid_of(book, path, sheet)
}

fn grid_of<RS: std::io::Read + std::io::Seek>(
    mut book: calamine::Sheets<RS>,
    path: &Path,
    sheet: Option<&str>,
) -> Result<Grid, SheetError> {
    let open = |reason: String| SheetError::Open {
        path: path.to_path_buf(),
        reason,
    };
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| SheetError::NoSheet {
                path: path.to_path_buf(),
                sheet: s.to_string(),
                known: names.clone(),
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| open("no sheets".into()))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| open(e.to_string()))?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let r = r0 + i as u32;
        let mut cells = Vec::with_capacity(row.len());
        for (k, d) in row.iter().enumerate() {
            let c = c0 + k as u32;
            let text = cell_text(d).map_err(|what| SheetError::Cell {
                path: path.to_path_buf(),
                sheet: name.clone(),
                cell: cell_name(r, c),
                what,
                help: "write a number or text in the cell (a formula must give a value)".into(),
            })?;
            cells.push(GridCell {
                text,
                row: r,
                col: c,
            });
        }
        if cells.iter().any(|c| !c.text.trim().is_empty()) {
            rows.push(cells);
        }
    }
    if rows.is_empty() {
        return Err(SheetError::Empty {
            path: path.to_path_buf(),
            sheet: name,
        });
    }
    Ok(Grid {
        path: path.to_path_buf(),
        sheet: name,
        rows,
    })
}

fn cell_text(d: &Data) -> Result<String, String> {
    Ok(match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::Error(e) => return Err(format!("the cell holds the error {e}")),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            return Err("the cell holds a date or time, not a number or text".into());
        }
    })
}

/// One alternative read from a matrix sheet: its id, name and one text cell per criterion
/// column, in the header's order.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixRow {
    pub id: String,
    pub name: String,
    pub cells: Vec<String>,
    /// The cell each value came from ("C4"), for messages.
    pub places: Vec<String>,
}

/// Reads a decision matrix from a sheet laid out as `[data] csv` is: a header `id`, `name`,
/// then one column per criterion id; one row per alternative. Returns the criterion ids of the
/// header and the rows. The cells are text, to be read as the CSV's cells are (a number, a
/// level name, or `low..high`), so a sheet and a CSV file mean the same thing.
pub fn read_matrix(
    path: &Path,
    sheet: Option<&str>,
) -> Result<(Vec<String>, Vec<MatrixRow>), SheetError> {
    matrix_of(read_grid(path, sheet)?)
}

/// The matrix of a sheet already read: see [`read_matrix`].
pub fn matrix_of(grid: Grid) -> Result<(Vec<String>, Vec<MatrixRow>), SheetError> {
    let header = &grid.rows[0];
    let bad = |cell: &GridCell, what: String, help: &str| SheetError::Cell {
        path: grid.path.clone(),
        sheet: grid.sheet.clone(),
        cell: cell_name(cell.row, cell.col),
        what,
        help: help.into(),
    };
    let text = |k: usize| header.get(k).map_or("", |c| c.text.trim());
    if text(0) != "id" || text(1) != "name" {
        let at = header.first().expect("a non-blank row has a cell");
        return Err(bad(
            at,
            format!("the header starts `{}`, `{}`", text(0), text(1)),
            "the first row is `id`, `name`, then one column per criterion id",
        ));
    }
    let criteria: Vec<String> = header[2..]
        .iter()
        .map(|c| c.text.trim().to_string())
        .collect();
    let mut out = Vec::new();
    for row in &grid.rows[1..] {
        let field = |k: usize| {
            row.get(k)
                .map_or(String::new(), |c| c.text.trim().to_string())
        };
        if field(0).is_empty() {
            return Err(bad(
                &row[0],
                "the id is empty".into(),
                "give every alternative an id such as `bus-lanes`",
            ));
        }
        out.push(MatrixRow {
            id: field(0),
            name: field(1),
            cells: (2..2 + criteria.len()).map(field).collect(),
            places: row[2..].iter().map(|c| cell_name(c.row, c.col)).collect(),
        });
    }
    Ok((criteria, out))
}

impl fmt::Display for GridCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cell {}", cell_name(self.row, self.col))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_follow_spreadsheet_letters() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(3, 2), "C4");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 701), "ZZ1");
        assert_eq!(cell_name(0, 702), "AAA1");
    }
}
