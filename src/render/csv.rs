//! CSV: one table of data. Numbers at full precision (the shortest text that reads back as
//! the same `f64`, as in JSON), one value per cell: an alternative is two columns, `id` and
//! `name`; an interval two, `…_low` and `…_high`; a rank with its score two, `…_rank` and
//! `…_score`. Text that a spreadsheet would take for a formula (beginning with `=`, `+`, `-`
//! or `@`) gets a leading apostrophe; numbers are written as they are.

use crate::present::doc::{Cell, Column, Table};

/// Why a table cannot be written as CSV.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error("cannot write CSV: {0}")]
    Write(#[from] csv::Error),
    #[error("cannot write CSV: {0}")]
    Flush(#[from] std::io::Error),
}

/// The CSV header(s) of column `k`; the table's first column of alternatives or criteria is
/// `id`, `name`.
fn headers(t: &Table, k: usize, c: &Column) -> Vec<String> {
    let key = &c.key;
    let first_entity = t.first_entity_column();
    match t.column_kind(k) {
        Some(Cell::Entity { .. }) if first_entity == Some(k) => vec!["id".into(), "name".into()],
        Some(Cell::Entity { .. }) => vec![format!("{key}_id"), format!("{key}_name")],
        Some(Cell::Interval { .. }) => vec![format!("{key}_low"), format!("{key}_high")],
        Some(Cell::RankScore { .. }) => vec![format!("{key}_rank"), format!("{key}_score")],
        Some(Cell::Valued { .. }) => vec![key.clone(), format!("{key}_score")],
        _ => vec![key.clone()],
    }
}

/// Text a spreadsheet would read as a formula gets a leading apostrophe.
fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The values of one cell, as many as its column has headers.
fn values(c: &Cell, width: usize) -> Vec<String> {
    let v = match c {
        Cell::Rank(r) | Cell::Count(r) => vec![r.to_string()],
        Cell::Score { value, .. } | Cell::Weight(value) | Cell::Share { value, .. } => {
            vec![value.to_string()]
        }
        Cell::Interval { lo, hi } => vec![lo.to_string(), hi.to_string()],
        Cell::RankScore { rank, score } => vec![rank.to_string(), score.to_string()],
        Cell::Valued { value, shown } => vec![value.to_string(), text(shown)],
        Cell::Entity { id, name } => vec![text(id), text(name)],
        Cell::Id(t) | Cell::Text(t) if width == 2 => vec![String::new(), text(t)],
        Cell::Id(t) | Cell::Text(t) => vec![text(t)],
        Cell::Ranking { ids, tied, .. } => {
            vec![text(&crate::present::doc::ranking_text(
                ids,
                tied,
                ids.len(),
            ))]
        }
        Cell::Empty => Vec::new(),
    };
    let mut v = v;
    v.resize(width, String::new());
    v
}

/// One table as CSV.
pub fn render(t: &Table) -> Result<String, CsvError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let heads: Vec<Vec<String>> = t
        .columns
        .iter()
        .enumerate()
        .map(|(k, c)| headers(t, k, c))
        .collect();
    w.write_record(heads.iter().flatten())?;
    for row in &t.rows {
        let mut record = Vec::new();
        for (k, h) in heads.iter().enumerate() {
            let cell = row.get(k).unwrap_or(&Cell::Empty);
            record.extend(values(cell, h.len()));
        }
        w.write_record(&record)?;
    }
    w.flush()?;
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    // Every field came from a `String`, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_per_cell_at_full_precision() {
        let mut t = Table::with_headers("t", ["Alternative", "Score", "Interval"]);
        t.push(vec![
            Cell::entity("a", "Yes, really"),
            Cell::num(1.0 / 3.0, 2),
            Cell::Interval { lo: 0.1, hi: 0.25 },
        ]);
        t.push(vec![
            Cell::entity("=b", "@c"),
            Cell::num(-0.5, 2),
            Cell::Empty,
        ]);
        assert_eq!(
            render(&t).unwrap(),
            "id,name,score,interval_low,interval_high\n\
             a,\"Yes, really\",0.3333333333333333,0.1,0.25\n\
             '=b,'@c,-0.5,,\n"
        );
    }
}
