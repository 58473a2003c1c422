//! Text measurement for layout: an estimate of how wide a line of text is, and wrapping.
//!
//! The charts name their font (`DejaVu Sans`, then Verdana, then any sans-serif), and the
//! widths below are DejaVu Sans's advance widths in em, rounded up; Verdana's are close, and
//! Arial, Helvetica and Liberation Sans are narrower, so a box computed here holds the text
//! in any of them. Characters not in the table count as a wide letter (0.75 em), and East
//! Asian ideographs as a full em.

/// Font family of every chart: the first fonts are the ones the widths are measured on.
pub const FONT_FAMILY: &str = "'DejaVu Sans', Verdana, Arial, sans-serif";

/// Advance width of a character, in em.
fn advance(c: char) -> f64 {
    match c {
        ' ' => 0.3179,
        'i' | 'j' | 'l' => 0.278,
        'f' => 0.352,
        't' => 0.392,
        'r' => 0.411,
        's' => 0.521,
        'z' => 0.525,
        'c' => 0.550,
        'k' | 'v' | 'x' | 'y' => 0.592,
        'a' | 'e' | 'o' => 0.615,
        'b' | 'd' | 'g' | 'h' | 'n' | 'p' | 'q' | 'u' => 0.635,
        'w' => 0.818,
        'm' => 0.974,
        'I' | 'J' => 0.295,
        'L' => 0.557,
        'F' => 0.575,
        'P' | 'T' | 'Y' => 0.611,
        'E' => 0.632,
        'S' => 0.635,
        'K' => 0.656,
        'A' | 'B' | 'V' | 'X' | 'Z' | 'R' => 0.695,
        'C' => 0.698,
        'U' => 0.732,
        'H' | 'N' => 0.752,
        'D' | 'G' | 'O' | 'Q' => 0.787,
        'M' => 0.863,
        'W' => 0.989,
        '0'..='9' => 0.636,
        '.' | ',' | ':' | ';' => 0.337,
        '\'' | '!' | '|' => 0.400,
        '(' | ')' | '[' | ']' | '-' | '/' => 0.400,
        '%' => 0.950,
        '&' => 0.780,
        '–' | '—' => 1.000,
        '·' | '•' | '●' | '○' => 0.600,
        c if ('\u{2E80}'..='\u{9FFF}').contains(&c) || ('\u{AC00}'..='\u{D7AF}').contains(&c) => {
            1.0
        }
        _ => 0.75,
    }
}

/// The width of `text` at font size `size` (px), with a small margin.
pub fn width(text: &str, size: f64) -> f64 {
    1.03 * size * text.chars().map(advance).sum::<f64>()
}

/// The height of a text box at font size `size`: ascent plus descent of DejaVu Sans (1.164 em),
/// rounded up.
pub fn height(size: f64) -> f64 {
    1.2 * size
}

/// How far a text box's top lies above its baseline.
pub fn ascent(size: f64) -> f64 {
    0.95 * size
}

/// A count with thousands separators: 10000 as "10,000".
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `text` broken into lines no wider than `max` at font size `size`: at spaces where it can,
/// inside a word only when the word alone is too wide. Never cuts text off.
pub fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate, size) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // The word alone: split it if it is still too wide.
        let mut part = String::new();
        for c in word.chars() {
            part.push(c);
            if width(&part, size) > max && part.chars().count() > 1 {
                let last = part.pop().unwrap_or(c);
                lines.push(std::mem::take(&mut part));
                part.push(last);
            }
        }
        line = part;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_respects_the_width() {
        let text = "Transfer the penitentiary system to the private sector";
        let lines = wrap(text, 12.0, 150.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        for l in &lines {
            assert!(width(l, 12.0) <= 150.0, "{l}");
        }
    }

    #[test]
    fn a_word_wider_than_the_line_is_split_not_cut() {
        let lines = wrap("Abcdefghijklmnopqrstuvwxyz", 12.0, 60.0);
        assert!(lines.len() > 2);
        assert_eq!(lines.concat(), "Abcdefghijklmnopqrstuvwxyz");
    }

    #[test]
    fn width_adds_up_the_advances() {
        // "il" = 0.278 + 0.278 em at 10 px, with the 3% margin.
        assert!((width("il", 10.0) - 1.03 * 5.56).abs() < 1e-12);
        assert_eq!(wrap("", 12.0, 100.0), vec![String::new()]);
    }
}
