//! Spreadsheets: reading a sheet of an `.xlsx` or `.ods` workbook as rows of text cells
//! (`calamine`), and writing a document's tables as an `.xlsx` workbook (`rust_xlsxwriter`).
//!
//! A cell read from a sheet keeps its place (sheet, row and column, as a spreadsheet names
//! them: "cell C4"), so a problem in it can be reported where the user will look for it.

mod read;
mod write;

pub use read::{
    Grid, GridCell, MatrixRow, SheetError, cell_name, matrix_of, read_grid, read_grid_bytes,
    read_matrix,
};
pub use write::{doc_to_xlsx, write_doc};

/// Whether a path names a workbook pmatrix reads (`.xlsx`, `.xlsm`, `.xls`, `.ods`), by its
/// extension.
pub fn is_workbook(path: &std::path::Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["xlsx", "xlsm", "xls", "ods"]
            .iter()
            .any(|w| e.eq_ignore_ascii_case(w))
    })
}
