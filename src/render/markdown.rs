//! Markdown, to paste into a memo.

use crate::present::doc::Doc;

/// The document as Markdown: a bold heading, paragraphs and pipe tables.
pub fn render(doc: &Doc) -> String {
    let mut out = format!("**{}**\n\n", escape(&doc.heading));
    for line in &doc.lines {
        out.push_str(&escape(line));
        out.push_str("  \n");
    }
    for t in doc.tables.iter().filter(|t| !t.hidden) {
        out.push('\n');
        if let Some(c) = &t.caption {
            out.push_str(&format!("*{}*\n\n", escape(c)));
        }
        let header: Vec<String> = t.headers().map(escape).collect();
        out.push_str(&format!("| {} |\n", header.join(" | ")));
        let align: Vec<&str> = (0..t.columns.len())
            .map(|k| {
                if t.rows
                    .first()
                    .and_then(|r| r.get(k))
                    .is_some_and(|c| c.is_number())
                {
                    "---:"
                } else {
                    "---"
                }
            })
            .collect();
        out.push_str(&format!("| {} |\n", align.join(" | ")));
        for row in &t.rows {
            let cells: Vec<String> = row.iter().map(|c| escape(&c.display())).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    }
    if !doc.notes.is_empty() {
        out.push('\n');
    }
    for note in &doc.notes {
        out.push_str(&escape(note));
        out.push_str("\n\n");
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Escapes the characters that would break a table or start markup.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        if c == '\n' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_pipes_and_emphasis() {
        assert_eq!(escape("a|b *c* d_e"), "a\\|b \\*c\\* d\\_e");
    }
}
