//! Terminal tables (comfy-table), fitting 80 columns when the output is not a terminal.

use std::io::IsTerminal;

use comfy_table::{CellAlignment, ContentArrangement, presets};

use crate::doc::{Cell, Doc, Table};

/// The width used when stdout is not a terminal, so output is the same everywhere.
pub const WIDTH: u16 = 80;

/// The document as plain text with tables.
pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    out.push_str(&doc.heading);
    out.push('\n');
    for line in &doc.lines {
        out.push_str(&wrap(line, WIDTH as usize));
        out.push('\n');
    }
    for t in &doc.tables {
        out.push('\n');
        if let Some(c) = &t.caption {
            out.push_str(c);
            out.push('\n');
        }
        out.push_str(&table(t).to_string());
        out.push('\n');
    }
    if !doc.notes.is_empty() {
        out.push('\n');
    }
    for note in &doc.notes {
        out.push_str(&wrap(note, WIDTH as usize));
        out.push('\n');
    }
    out
}

fn table(t: &Table) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    if !std::io::stdout().is_terminal() {
        table.force_no_tty().set_width(WIDTH);
    }
    table.set_header(&t.header);
    for row in &t.rows {
        table.add_row(row.iter().map(|c| {
            let cell = comfy_table::Cell::new(c.display());
            if c.is_number() {
                cell.set_alignment(CellAlignment::Right)
            } else {
                cell
            }
        }));
    }
    if let Some(first) = t.rows.first() {
        for (k, c) in first.iter().enumerate() {
            if let (Cell::Number { .. }, Some(col)) = (c, table.column_mut(k)) {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    table
}

/// Wraps a paragraph at word boundaries to `width` characters.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if line > 0 && line + 1 + len > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_words() {
        assert_eq!(wrap("aaa bbb ccc", 7), "aaa bbb\nccc");
        assert_eq!(wrap("short", 80), "short");
    }
}
