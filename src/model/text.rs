//! Cleaning the free text of a model (titles, names, descriptions, sources, level names)
//! before anything shows it: a model may come from anyone, and its text reaches terminals,
//! SVG, HTML and Markdown.
//!
//! Removed: terminal escape sequences (CSI such as `ESC [ 2 J`, OSC such as `ESC ] 0 ; title
//! BEL`, and the other two-byte `ESC x` forms, also in their 8-bit C1 spellings), every other C0
//! and C1 control character and DEL. Tabs, newlines and carriage returns become a space, so
//! that a description written over several lines reads as one paragraph and a table row stays
//! on one line.

/// Whether `s` holds anything [`clean`] would change.
pub fn needs_cleaning(s: &str) -> bool {
    s.chars().any(is_control)
}

fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// `s` without control characters and escape sequences (see the module documentation).
pub fn clean(s: &str) -> String {
    if !needs_cleaning(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' | '\r' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '\u{1b}' => match chars.next() {
                Some('[') => skip_csi(&mut chars),
                Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                // A two-byte sequence (ESC c, ESC 7, ...): both go.
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A control sequence's parameters and intermediates (0x20–0x3F), then its final byte
/// (0x40–0x7E).
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        chars.next();
        if ('\u{40}'..='\u{7e}').contains(&c) || !('\u{20}'..='\u{3f}').contains(&c) {
            return;
        }
    }
}

/// An operating-system command or other string sequence: up to BEL, ST (ESC \ or U+009C), or
/// the end of the text.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

/// [`clean`] for an optional text.
pub fn clean_opt(s: Option<String>) -> Option<String> {
    s.map(|s| if needs_cleaning(&s) { clean(&s) } else { s })
}

/// At most `max` characters of `s`, cut in the middle with an ellipsis.
pub fn clip(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let half = max / 2;
    let head: String = s.chars().take(half).collect();
    let tail: String = s.chars().skip(n - half).collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_controls_are_removed() {
        assert_eq!(clean("Bus lanes"), "Bus lanes");
        assert_eq!(clean("\u{1b}]0;pwned\u{7}Bus"), "Bus");
        assert_eq!(
            clean("\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "link"
        );
        assert_eq!(clean("a\u{1b}[2J\u{1b}[1;31mb\u{1b}[0m"), "ab");
        assert_eq!(clean("a\u{9b}2Jb"), "ab");
        assert_eq!(
            clean("line one\nline two\r\n\tend"),
            "line one line two end"
        );
        assert_eq!(clean("x\u{0}\u{7f}\u{85}y\u{1b}c"), "xy");
        assert_eq!(clean("Équité — 5 €"), "Équité — 5 €");
        // An unterminated OSC takes the rest of the text with it, never the terminal's title.
        assert_eq!(clean("ok\u{1b}]0;title"), "ok");
    }
}
