//! Pointing at the input: where a problem is, shown as the line with a caret under it.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// The most characters of a line shown around the offending spot.
const EXCERPT: usize = 120;

/// The longest start of a line (in bytes) handed whole to the renderer, which trims it.
const FULL_PREFIX: usize = 64 * 1024;

/// A place in an input file: its path, line and column (both 1-based), and the line itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    /// 1-based line, or 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The text of the line (or a window of it, for very long lines).
    excerpt: String,
    /// The offending part, as a byte range within `excerpt`.
    mark: Range<usize>,
}

impl Location {
    /// The location of the byte range `span` in `text`.
    pub fn in_text(path: &Path, text: &str, span: Range<usize>) -> Location {
        let start = floor_char(text, span.start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[..start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        // A window of the line around the spot, cut at character boundaries.
        // The whole line up to the spot, so columns count right, unless that is very long.
        let from = if start - line_start <= FULL_PREFIX {
            line_start
        } else {
            floor_char(text, start - EXCERPT / 2)
        };
        let to = floor_char(text, (start + EXCERPT).min(line_end)).max(start);
        let excerpt = text[from..to].trim_end_matches('\r').to_string();
        let end = floor_char(text, span.end.clamp(start, to));
        let mut mark = start - from..end - from;
        mark.end = mark.end.min(excerpt.len());
        mark.start = mark.start.min(mark.end);
        Location {
            path: path.to_path_buf(),
            line,
            column,
            excerpt,
            mark,
        }
    }

    /// A problem with a file as a whole (such as an empty model).
    pub fn whole_file(path: &Path) -> Location {
        Location {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            excerpt: String::new(),
            mark: 0..0,
        }
    }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Renders a problem at a location as a compiler-style message:
///
/// ```text
/// error: unknown level "Hgh" for criterion `equity`
///  --> model.toml:12:22
///    |
/// 12 | scores = { equity = "Hgh" }
///    |                     ^^^^^ not a level of scale `level`
///    |
///    = help: did you mean "High"? Levels: None, Low, Moderate, High
/// ```
pub fn render(
    f: &mut fmt::Formatter<'_>,
    location: &Location,
    message: &str,
    label: &str,
    help: Option<&str>,
) -> fmt::Result {
    let path = location.path.display().to_string();
    let mut group = Group::with_title(Level::ERROR.primary_title(message));
    if location.line == 0 {
        group = group.element(annotate_snippets::Origin::path(&path));
    } else {
        let mark = if location.mark.is_empty() {
            // Point at one character (or the end of the line).
            let end = location.excerpt[location.mark.start..]
                .chars()
                .next()
                .map_or(location.mark.start, |c| location.mark.start + c.len_utf8());
            location.mark.start..end
        } else {
            location.mark.clone()
        };
        let column_offset =
            location.column - 1 - location.excerpt[..location.mark.start].chars().count();
        let snippet = Snippet::source(location.excerpt.as_str())
            .line_start(location.line)
            .annotation(AnnotationKind::Primary.span(mark).label(label));
        if column_offset == 0 {
            group = group.element(snippet.path(&path));
        } else {
            // A window of a very long line: the renderer would count columns from the
            // window's start, so the origin is given explicitly.
            let origin = annotate_snippets::Origin::path(&path)
                .line(location.line)
                .char_column(location.column);
            group = group.element(origin).element(snippet);
        }
        if column_offset > 0 {
            group = group.element(Level::NOTE.message(format!(
                "the line is long: shown from column {}",
                column_offset + 1
            )));
        }
    }
    if let Some(help) = help {
        group = group.element(Level::HELP.message(help));
    }
    let report: [Group<'_>; 1] = [group];
    write!(f, "{}", Renderer::plain().render(&report))
}

/// "did you mean" — the closest of `candidates` to `found`, if it is close enough.
pub fn closest<'a, I>(found: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = found.to_lowercase();
    // Close by Jaro-Winkler, or within a few edits (a swap of two letters counts as one).
    let max_edits = (lower.chars().count() / 4).max(1);
    candidates
        .into_iter()
        .map(|c| {
            let c_lower = c.to_lowercase();
            let edits = strsim::osa_distance(&lower, &c_lower);
            (edits, strsim::jaro_winkler(&lower, &c_lower), c)
        })
        .filter(|&(edits, score, _)| score >= 0.8 || edits <= max_edits)
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)))
        .map(|(_, _, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_line_and_column() {
        let text = "a = 1\nbé = \"x\"\n";
        let at = text.find("\"x\"").unwrap();
        let loc = Location::in_text(Path::new("m.toml"), text, at..at + 3);
        assert_eq!((loc.line, loc.column), (2, 6));
        assert_eq!(loc.excerpt, "bé = \"x\"");
    }

    #[test]
    fn long_lines_are_windowed() {
        let text = format!("x = \"{}\"", "y".repeat(100_000));
        let loc = Location::in_text(Path::new("m.toml"), &text, 50_000..50_001);
        assert_eq!(loc.column, 50_001);
        assert_eq!(loc.excerpt.len(), 50_000 + EXCERPT);
        let far = 200_000;
        let text = format!("x = \"{}\"", "y".repeat(2 * far));
        let loc = Location::in_text(Path::new("m.toml"), &text, far..far + 1);
        assert_eq!(loc.column, far + 1);
        assert!(loc.excerpt.len() <= EXCERPT + EXCERPT / 2);
    }

    #[test]
    fn the_origin_names_the_true_column_of_a_long_line() {
        struct Shown(Location);
        impl fmt::Display for Shown {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                render(f, &self.0, "m", "here", None)
            }
        }
        for at in [300, 100_000] {
            let text = "a".repeat(2 * at);
            let loc = Location::in_text(Path::new("m.toml"), &text, at..at + 1);
            let shown = Shown(loc).to_string();
            assert!(shown.contains(&format!("m.toml:1:{}", at + 1)), "{shown}");
        }
    }

    #[test]
    fn suggests_close_names() {
        assert_eq!(closest("Hgh", ["None", "Low", "High"]), Some("High"));
        assert_eq!(closest("moderate", ["Moderate", "High"]), Some("Moderate"));
        assert_eq!(closest("zzz", ["None", "Low"]), None);
        assert_eq!(closest("Lwo", ["None", "Low", "High"]), Some("Low"));
        assert_eq!(closest("costs", ["equity", "cost"]), Some("cost"));
    }
}
