//! What a command shows, independent of the output format: a heading, context lines, tables
//! and notes. Each analysis turns its result into a [`Doc`]; the renderers in
//! [`crate::render`] print it as a terminal table, Markdown or CSV.

/// One cell: text, or a number shown with a fixed number of decimals (CSV gets it in full).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number { value: f64, decimals: usize },
}

impl Cell {
    /// A number shown with `decimals` decimals.
    pub fn num(value: f64, decimals: usize) -> Cell {
        Cell::Number { value, decimals }
    }

    /// The cell as shown in tables.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Number { value, decimals } => format!("{value:.decimals$}"),
        }
    }

    /// The cell in full precision, for CSV.
    pub fn raw(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Number { value, .. } => value.to_string(),
        }
    }

    /// Whether the cell is right-aligned.
    pub fn is_number(&self) -> bool {
        matches!(self, Cell::Number { .. })
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Text(n.to_string())
    }
}

/// A table with a header row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub caption: Option<String>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty table with these column names.
    pub fn new<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Table {
        Table {
            caption: None,
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    /// The same table with a caption.
    pub fn captioned(mut self, caption: impl Into<String>) -> Table {
        self.caption = Some(caption.into());
        self
    }

    /// Appends a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }
}

/// A whole output.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Doc {
    pub heading: String,
    /// Context lines shown under the heading (method, weights, ...).
    pub lines: Vec<String>,
    pub tables: Vec<Table>,
    /// Sentences after the tables (explanations, warnings).
    pub notes: Vec<String>,
}

/// A weight as a percentage with one decimal, without a trailing ".0".
/// A weight strictly between 0 and 1 never shows as "0%" or "100%": it gets more decimals.
pub fn percent(w: f64) -> String {
    let mut s = format!("{:.1}", w * 100.0);
    if (s == "100.0" && w < 1.0) || (s == "0.0" && w > 0.0) {
        // As many decimals as it takes (up to 9) to show that it is not an end.
        for d in 4..=9 {
            s = format!("{:.d$}", w * 100.0);
            if !s.trim_end_matches('0').ends_with('.') || d == 9 {
                break;
            }
        }
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    format!("{}%", s.strip_suffix(".0").unwrap_or(&s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_drops_a_trailing_zero() {
        assert_eq!(percent(0.2), "20%");
        assert_eq!(percent(0.1234), "12.3%");
        assert_eq!(percent(0.99951), "99.951%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.0002), "0.02%");
    }

    /// A weight within 5e-7 of 1 rounds to 100 at four decimals: it was shown as "100.%".
    #[test]
    fn percent_never_ends_in_a_point() {
        assert_eq!(percent(0.9999999), "99.99999%");
        assert_eq!(percent(0.99999999999), "99.999999999%");
        assert_eq!(percent(1e-9), "0.0000001%");
        for w in [0.9999999, 0.99999999999, 1e-9, 0.5, 1.0, 0.0] {
            assert!(!percent(w).contains(".%"), "{w}");
        }
    }
}
