//! CSV: the tables only, full precision; several tables are separated by a blank line.

use crate::doc::Doc;

/// The document's tables as CSV.
pub fn render(doc: &Doc) -> String {
    let mut out = Vec::new();
    for (k, t) in doc.tables.iter().enumerate() {
        if k > 0 {
            out.push(b'\n');
        }
        let mut w = csv::Writer::from_writer(Vec::new());
        // Writing to memory cannot fail; an error here would be a bug in the csv crate.
        let _ = w.write_record(&t.header);
        for row in &t.rows {
            let _ = w.write_record(row.iter().map(|c| c.raw()));
        }
        out.extend(w.into_inner().unwrap_or_default());
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Cell, Table};

    #[test]
    fn quotes_and_keeps_full_precision() {
        let mut t = Table::new(["id", "name", "score"]);
        t.push(vec![
            "a".into(),
            "Yes, really".into(),
            Cell::num(1.0 / 3.0, 2),
        ]);
        let doc = Doc {
            tables: vec![t],
            ..Doc::default()
        };
        assert_eq!(
            render(&doc),
            "id,name,score\na,\"Yes, really\",0.3333333333333333\n"
        );
    }
}
