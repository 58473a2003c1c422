//! Terminal tables that read: cells wrap only at spaces, never inside a word or a number.
//!
//! Layout, for a table at a given width: every column gets at least its longest word and at
//! most its longest cell; the room left is shared out evenly among the columns that can use
//! it. When even the longest words do not fit side by side, names of alternatives and
//! criteria are replaced by their ids, with a legend under the table; when that is still too
//! wide, each row is written as a block of "header: value" lines. The cost is linear in the
//! length of the text.

use crate::present::doc::{Cell, Doc, Table};

/// The width used when stdout is not a terminal, so output is the same everywhere.
pub const WIDTH: usize = 80;

/// The document as plain text with tables, lines wrapped to `width` columns.
pub fn render(doc: &Doc, width: usize) -> String {
    let mut out = String::new();
    out.push_str(&wrap(&doc.heading, width));
    out.push('\n');
    for line in &doc.lines {
        out.push_str(&wrap(line, width));
        out.push('\n');
    }
    for t in doc.tables.iter().filter(|t| !t.hidden) {
        out.push('\n');
        if let Some(c) = &t.caption {
            out.push_str(&wrap(c, width));
            out.push('\n');
        }
        out.push_str(&table(t, width));
    }
    if !doc.notes.is_empty() {
        out.push('\n');
    }
    for note in &doc.notes {
        out.push_str(&wrap(note, width));
        out.push('\n');
    }
    out
}

/// Characters, which is what a terminal shows for the text pmatrix writes.
fn len(s: &str) -> usize {
    s.chars().count()
}

/// The longest word of a text.
fn longest_word(s: &str) -> usize {
    s.split(' ').map(len).max().unwrap_or(0)
}

/// One table at `width`, ending with a newline.
pub fn table(t: &Table, width: usize) -> String {
    let full = cells(t, false);
    if let Some(widths) = fit(&t.headers().collect::<Vec<_>>(), &full, width) {
        return grid(t, &full, &widths);
    }
    let has_entities = t
        .rows
        .iter()
        .flatten()
        .any(|c| matches!(c, Cell::Entity { .. }));
    if has_entities {
        let compact = cells(t, true);
        if let Some(widths) = fit(&t.headers().collect::<Vec<_>>(), &compact, width) {
            let mut out = grid(t, &compact, &widths);
            out.push_str(&legend(t, width));
            return out;
        }
    }
    records(t, &full, width)
}

fn cells(t: &Table, compact: bool) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| if compact { c.compact() } else { c.display() })
                .collect()
        })
        .collect()
}

/// Column widths that fit `width`, or `None` when the longest words do not.
fn fit(headers: &[&str], rows: &[Vec<String>], width: usize) -> Option<Vec<usize>> {
    let n = headers.len();
    let mut min: Vec<usize> = headers.iter().map(|h| longest_word(h)).collect();
    let mut max: Vec<usize> = headers.iter().map(|h| len(h)).collect();
    for row in rows {
        for (k, c) in row.iter().enumerate().take(n) {
            min[k] = min[k].max(longest_word(c));
            max[k] = max[k].max(len(c));
        }
    }
    // "│ a ┆ b │": three characters per column and one more.
    let room = width.checked_sub(3 * n + 1)?;
    let need: usize = min.iter().sum();
    if need > room {
        return None;
    }
    let mut widths = min.clone();
    let mut spare = room - need;
    // The cells come first: a wrapped header costs a line once, a wrapped cell on every row
    // it happens. So columns first grow to fit their widest cell (header words stay whole at
    // their minimum), then, with what is left, to fit their header on one line.
    let mut cell_max = min;
    for row in rows {
        for (k, c) in row.iter().enumerate().take(n) {
            cell_max[k] = cell_max[k].max(len(c));
        }
    }
    for target in [&cell_max, &max] {
        spare = grow(&mut widths, target, spare);
    }
    Some(widths)
}

/// Widens columns towards `target` within `spare` characters: columns get all they need,
/// smallest need first, while the room lasts, so that as few columns as possible wrap; what is
/// left is shared evenly among the others. Returns what is still spare.
fn grow(widths: &mut [usize], target: &[usize], mut spare: usize) -> usize {
    let mut wanting: Vec<usize> = (0..widths.len())
        .filter(|&k| widths[k] < target[k])
        .collect();
    wanting.sort_by_key(|&k| target[k] - widths[k]);
    while !wanting.is_empty() && spare > 0 {
        let share = spare / wanting.len();
        let k = wanting[0];
        if target[k] - widths[k] <= spare {
            spare -= target[k] - widths[k];
            widths[k] = target[k];
            wanting.remove(0);
            continue;
        }
        for &k in &wanting {
            widths[k] += share;
            spare -= share;
        }
        // The remainder, one column each, in order of need.
        let rest = spare;
        for &k in wanting.iter().rev().take(rest) {
            widths[k] += 1;
            spare -= 1;
        }
        break;
    }
    spare
}

/// The text wrapped at spaces into lines of at most `width` characters; a word longer than
/// `width` stays whole on a line of its own.
pub fn lines(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let l = len(word);
        if used > 0 && used + 1 + l > width {
            out.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        line.push_str(word);
        used += l;
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

/// Pads to `width`, on the left for a number.
fn pad(s: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(len(s)));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

fn rule(widths: &[usize], left: char, line: char, mid: char, right: char) -> String {
    let mut s = String::new();
    s.push(left);
    for (k, w) in widths.iter().enumerate() {
        if k > 0 {
            s.push(mid);
        }
        s.extend(std::iter::repeat_n(line, w + 2));
    }
    s.push(right);
    s.push('\n');
    s
}

fn row(cells: &[&str], widths: &[usize], right: &[bool]) -> String {
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .zip(widths)
        .map(|(c, &w)| lines(c, w))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    let mut s = String::new();
    for h in 0..height {
        s.push('│');
        for (k, w) in widths.iter().enumerate() {
            if k > 0 {
                s.push('┆');
            }
            let text = wrapped[k].get(h).map_or("", String::as_str);
            s.push(' ');
            s.push_str(&pad(text, *w, right[k]));
            s.push(' ');
        }
        s.push_str("│\n");
    }
    s
}

fn grid(t: &Table, cells: &[Vec<String>], widths: &[usize]) -> String {
    let n = widths.len();
    // A column is right-aligned when it holds numbers.
    let right: Vec<bool> = (0..n)
        .map(|k| t.rows.iter().any(|r| r.get(k).is_some_and(Cell::is_number)))
        .collect();
    let mut s = rule(widths, '┌', '─', '┬', '┐');
    s.push_str(&row(&t.headers().collect::<Vec<_>>(), widths, &right));
    s.push_str(&rule(widths, '╞', '═', '╪', '╡'));
    for r in cells {
        let r: Vec<&str> = (0..n)
            .map(|k| r.get(k).map_or("", String::as_str))
            .collect();
        s.push_str(&row(&r, widths, &right));
    }
    s.push_str(&rule(widths, '└', '─', '┴', '┘'));
    s
}

/// "id: name" for every entity the compact table shows by id, each once.
fn legend(t: &Table, width: usize) -> String {
    let mut known = std::collections::HashSet::new();
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for c in t.rows.iter().flatten() {
        if let Cell::Entity { id, name } = c
            && id != name
            && known.insert(id.as_str())
        {
            seen.push((id, name));
        }
    }
    let mut s = String::new();
    for (id, name) in seen {
        for (k, line) in lines(&format!("{id}: {name}"), width.saturating_sub(2))
            .iter()
            .enumerate()
        {
            s.push_str(if k == 0 { "  " } else { "    " });
            s.push_str(line);
            s.push('\n');
        }
    }
    s
}

/// Each row as a block: "header: value" for the first cell, then indented for the others,
/// wrapped.
fn records(t: &Table, cells: &[Vec<String>], width: usize) -> String {
    let mut s = String::new();
    for r in cells {
        let Some((first, rest)) = r.split_first() else {
            continue;
        };
        let head = t.headers().next().unwrap_or_default();
        s.push_str(&wrap(&format!("{head}: {first}"), width));
        s.push('\n');
        for (h, c) in t.headers().skip(1).zip(rest) {
            for (k, line) in lines(&format!("{h}: {c}"), width.saturating_sub(4))
                .iter()
                .enumerate()
            {
                s.push_str(if k == 0 { "  " } else { "    " });
                s.push_str(line);
                s.push('\n');
            }
        }
    }
    s
}

/// Wraps a paragraph at word boundaries to `width` characters; a paragraph that starts with
/// spaces keeps them on every line it wraps into.
pub fn wrap(text: &str, width: usize) -> String {
    let body = text.trim_start_matches(' ');
    let indent = &text[..text.len() - body.len()];
    if indent.is_empty() {
        return lines(text, width).join("\n");
    }
    lines(body, width.saturating_sub(indent.len()).max(1))
        .iter()
        .map(|l| format!("{indent}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::doc::Cell;

    #[test]
    fn wraps_at_words() {
        assert_eq!(wrap("aaa bbb ccc", 7), "aaa bbb\nccc");
        assert_eq!(wrap("short", 80), "short");
        assert_eq!(wrap("a-very-long-word x", 5), "a-very-long-word\nx");
        assert_eq!(wrap("  aaa bbb", 7), "  aaa\n  bbb");
    }

    fn sample() -> Table {
        let mut t = Table::with_headers("t", ["Rank", "Alternative", "Score"]);
        t.push(vec![
            Cell::Rank(1),
            Cell::entity(
                "school-bus",
                "Extend the school-bus network to every village",
            ),
            Cell::num(0.60791, 4),
        ]);
        t.push(vec![
            Cell::Rank(2),
            Cell::entity("levy", "A congestion levy"),
            Cell::num(0.5, 4),
        ]);
        t
    }

    #[test]
    fn a_wide_table_keeps_one_line_per_row() {
        let s = table(&sample(), 80);
        assert_eq!(s.lines().count(), 6, "{s}");
        assert!(s.contains("│    1 ┆ Extend the school-bus network to every village ┆ 0.6079 │"));
    }

    /// Every line fits and every word of every cell is whole on some line.
    #[test]
    fn a_narrow_table_wraps_at_spaces_only() {
        for width in [20, 30, 40] {
            let s = table(&sample(), width);
            for line in s.lines() {
                assert!(len(line) <= width, "{width}: {line}");
            }
            let words: Vec<&str> = s
                .split(|c: char| c.is_whitespace() || "│┆".contains(c))
                .collect();
            for word in ["school-bus", "0.6079", "village", "congestion"] {
                assert!(words.contains(&word), "{width}: {word} broken in\n{s}");
            }
        }
    }

    #[test]
    fn too_narrow_for_names_uses_ids_with_a_legend() {
        let mut t = Table::with_headers("t", ["Alternative", "a", "b", "c", "d"]);
        t.push(vec![
            Cell::entity("x", "Extraordinarily-long-hyphenated-name"),
            Cell::num(0.1, 4),
            Cell::num(0.2, 4),
            Cell::num(0.3, 4),
            Cell::num(0.4, 4),
        ]);
        let s = table(&t, 52);
        assert!(s.contains("│ x "), "{s}");
        assert!(
            s.contains("  x: Extraordinarily-long-hyphenated-name"),
            "{s}"
        );
    }

    #[test]
    fn far_too_narrow_writes_records() {
        let s = table(&sample(), 12);
        assert!(s.starts_with("Rank: 1\n  Alternative:"), "{s}");
    }
}
