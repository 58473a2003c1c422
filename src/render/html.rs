//! HTML: a document as a section of a self-contained page (used by `pmatrix report`).

use crate::present::doc::Doc;

/// Escapes text for HTML content and attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The document as an HTML `<section>`: heading, context lines, tables and notes.
pub fn section(doc: &Doc) -> String {
    let mut out = String::from("<section>\n");
    if !doc.heading.is_empty() {
        out.push_str(&format!("<h2>{}</h2>\n", escape(&doc.heading)));
    }
    for line in &doc.lines {
        out.push_str(&format!("<p class=\"context\">{}</p>\n", escape(line)));
    }
    for t in doc.tables.iter().filter(|t| !t.hidden) {
        out.push_str("<table>\n");
        if let Some(c) = &t.caption {
            out.push_str(&format!("<caption>{}</caption>\n", escape(c)));
        }
        out.push_str("<thead><tr>");
        for h in t.headers() {
            out.push_str(&format!("<th>{}</th>", escape(h)));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &t.rows {
            out.push_str("<tr>");
            for c in row {
                let class = if c.is_number() { " class=\"num\"" } else { "" };
                out.push_str(&format!("<td{class}>{}</td>", escape(&c.display())));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    for note in &doc.notes {
        out.push_str(&format!("<p>{}</p>\n", escape(note)));
    }
    out.push_str("</section>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::doc::{Cell, Table};

    #[test]
    fn renders_escaped_tables() {
        let mut t = Table::with_headers("t", ["Alternative", "Score"]);
        t.push(vec!["A <b>".into(), Cell::num(0.5, 2)]);
        let doc = Doc {
            heading: "T & U".into(),
            tables: vec![t],
            ..Doc::default()
        };
        let html = section(&doc);
        assert!(html.contains("<h2>T &amp; U</h2>"));
        assert!(html.contains("<td>A &lt;b&gt;</td><td class=\"num\">0.50</td>"));
    }
}
