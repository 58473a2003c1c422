//! HTML: a document as a section of a self-contained page (used by `pmatrix report`).

use crate::present::doc::{Cell, Doc, Table};

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
        let parts = column_parts(t);
        for (k, part) in parts.iter().enumerate() {
            out.push_str("<table>\n");
            let caption = match (&t.caption, parts.len()) {
                (Some(c), 1) => Some(c.clone()),
                (Some(c), n) => Some(format!("{c} (part {} of {n})", k + 1)),
                (None, 1) => None,
                (None, n) => Some(format!("Part {} of {n}", k + 1)),
            };
            if let Some(c) = caption {
                out.push_str(&format!("<caption>{}</caption>\n", escape(&c)));
            }
            out.push_str("<thead><tr>");
            for &j in part {
                out.push_str(&format!("<th>{}</th>", escape(&t.columns[j].header)));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in &t.rows {
                out.push_str("<tr>");
                for c in part.iter().filter_map(|&j| row.get(j)) {
                    let class = match c {
                        Cell::Interval { .. } => " class=\"iv\"",
                        c if c.is_number() => " class=\"num\"",
                        _ => "",
                    };
                    out.push_str(&format!("<td{class}>{}</td>", escape(&c.display())));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
    }
    for note in &doc.notes {
        out.push_str(&format!("<p>{}</p>\n", escape(note)));
    }
    out.push_str("</section>\n");
    out
}

/// The widest a table may be, in characters, before its columns are split over several
/// tables. An A4 page holds 680 px between the print stylesheet's margins; at its 9 pt table
/// text a column's longest word plus three characters for padding and borders measured 5.3 to
/// 6.5 px a character in Chromium over the reports of `policies/` (bold headers are the
/// widest), so 100 characters leave a margin of a few percent at the widest.
const PAGE_CHARACTERS: usize = 100;

/// The room a column needs, in characters: its longest word (a table never breaks one) or, for
/// an interval, which is kept on one line, the whole cell; plus padding.
fn column_room(t: &Table, j: usize) -> usize {
    let words = |s: &str| s.split(' ').map(|w| w.chars().count()).max().unwrap_or(0);
    let cells = t.rows.iter().filter_map(|r| r.get(j)).map(|c| match c {
        Cell::Interval { .. } => c.display().chars().count(),
        c => words(&c.display()),
    });
    cells.fold(words(&t.columns[j].header), usize::max) + 3
}

/// The table's columns in parts that each fit a printed page, the first column (what each
/// row is) repeated in every part; one part when the whole table fits.
fn column_parts(t: &Table) -> Vec<Vec<usize>> {
    let n = t.columns.len();
    let room: Vec<usize> = (0..n).map(|j| column_room(t, j)).collect();
    if n < 3 || room.iter().sum::<usize>() <= PAGE_CHARACTERS {
        return vec![(0..n).collect()];
    }
    let mut parts = vec![vec![0]];
    let mut used = room[0];
    for j in 1..n {
        let part = parts.last_mut().expect("one part");
        if part.len() > 1 && used + room[j] > PAGE_CHARACTERS {
            parts.push(vec![0, j]);
            used = room[0] + room[j];
        } else {
            part.push(j);
            used += room[j];
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_table_wider_than_a_page_is_split_with_its_first_column_repeated() {
        let long = "Reservoir area in hectares flooded in the valleys";
        let mut headers = vec!["Alternative".to_string()];
        headers.extend((1..=8).map(|k| format!("{long} {k}")));
        let mut t = Table::with_headers("scores", headers);
        t.push(
            std::iter::once(Cell::Text("A1".into()))
                .chain((1..=8).map(|k| Cell::num(f64::from(k), 1)))
                .collect(),
        );
        let t = t.captioned("Scores");
        // "Alternative" needs 11 + 3 characters, each other column "Reservoir" 9 + 3: 14 + 8 × 12
        // = 110 is more than a page's 100, so seven columns go in the first part (14 + 84 = 98;
        // one more would make 110) and the last, after the first column again, in a second.
        assert_eq!(column_room(&t, 0), 14);
        assert_eq!(column_room(&t, 1), 12);
        assert_eq!(
            column_parts(&t),
            vec![vec![0, 1, 2, 3, 4, 5, 6, 7], vec![0, 8]]
        );
        let html = section(&Doc {
            tables: vec![t],
            ..Doc::default()
        });
        assert!(html.contains("<caption>Scores (part 1 of 2)</caption>"));
        assert!(html.contains("<caption>Scores (part 2 of 2)</caption>"));
        assert_eq!(html.matches("<td>A1</td>").count(), 2);
        assert!(html.contains(&format!("<th>{long} 8</th>")));
    }

    #[test]
    fn a_table_that_fits_is_one_table_and_intervals_stay_on_one_line() {
        let mut t = Table::with_headers("s", ["Criterion", "Winner stays"]);
        t.push(vec!["Cost".into(), Cell::Interval { lo: 0.0, hi: 0.376 }]);
        assert_eq!(column_parts(&t), vec![vec![0, 1]]);
        let html = section(&Doc {
            tables: vec![t],
            ..Doc::default()
        });
        assert_eq!(html.matches("<table>").count(), 1);
        assert!(html.contains("<td class=\"iv\">0% – 37.6%</td>"));
    }
}
