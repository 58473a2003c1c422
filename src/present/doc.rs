//! What a command shows, independent of the output format: a heading, context lines, tables
//! with typed cells, and notes. The builders in [`crate::present`] make a [`Doc`] from an
//! analysis result; the renderers turn it into bytes.
//!
//! A cell keeps its value and its kind (a rank, a score, a weight, an interval, an
//! alternative with its id and name, ...), so each renderer decides how to show it: the
//! terminal table rounds a score to its decimals and may show an alternative by its id, CSV
//! writes the full-precision number and puts the id and the name in two columns.

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A rank (1 = best).
    Rank(usize),
    /// A score or other number, shown with `decimals` decimals.
    Score { value: f64, decimals: usize },
    /// A weight or share in [0, 1], shown as a percentage.
    Weight(f64),
    /// A share in [0, 1] shown as a percentage with `decimals` decimals, without the sign.
    Share { value: f64, decimals: usize },
    /// An interval of weights, shown as "lo% – hi%"; two columns in CSV.
    Interval { lo: f64, hi: f64 },
    /// A rank with its score, "1 (0.6079)"; two columns in CSV.
    RankScore { rank: usize, score: f64 },
    /// A per-criterion value with the score it comes from, "0.2000 (High)"; two columns in
    /// CSV.
    Valued { value: f64, shown: String },
    /// An alternative or criterion: shown by name (or by id with a legend when the name
    /// cannot fit); `id` and `name` columns in CSV.
    Entity { id: String, name: String },
    /// An identifier.
    Id(String),
    /// A count.
    Count(usize),
    /// A level name, or any other text.
    Text(String),
    /// A ranking, best first: ids, each marked tied with the one before it or not. Tables
    /// show the first `shown` and "… (n more)"; CSV writes it whole, "a > b = c".
    Ranking {
        ids: Vec<String>,
        tied: Vec<bool>,
        shown: usize,
    },
    /// No value ("–" in tables, an empty CSV cell).
    Empty,
}

impl Cell {
    /// A number shown with `decimals` decimals.
    pub fn num(value: f64, decimals: usize) -> Cell {
        Cell::Score { value, decimals }
    }

    /// An alternative or criterion.
    pub fn entity(id: &str, name: &str) -> Cell {
        Cell::Entity {
            id: id.to_string(),
            name: name.to_string(),
        }
    }

    /// The cell as shown in tables and Markdown.
    pub fn display(&self) -> String {
        match self {
            Cell::Rank(r) | Cell::Count(r) => r.to_string(),
            Cell::Score { value, decimals } => fixed(*value, *decimals),
            Cell::Weight(w) => percent(*w),
            Cell::Share { value, decimals } => fixed(value * 100.0, *decimals),
            Cell::Interval { lo, hi } => format!("{} – {}", percent(*lo), percent(*hi)),
            Cell::RankScore { rank, score } => format!("{rank} ({})", fixed(*score, 4)),
            Cell::Valued { value, shown } => format!("{} ({shown})", fixed(*value, 4)),
            Cell::Entity { name, .. } => name.clone(),
            Cell::Id(t) | Cell::Text(t) => t.clone(),
            Cell::Ranking { ids, tied, shown } => ranking_text(ids, tied, *shown),
            Cell::Empty => "–".to_string(),
        }
    }

    /// The cell when names are replaced by ids (a table too narrow for the names).
    pub fn compact(&self) -> String {
        match self {
            Cell::Entity { id, .. } => id.clone(),
            other => other.display(),
        }
    }

    /// Whether the cell is right-aligned.
    pub fn is_number(&self) -> bool {
        matches!(
            self,
            Cell::Rank(_)
                | Cell::Score { .. }
                | Cell::Weight(_)
                | Cell::Share { .. }
                | Cell::Count(_)
                | Cell::Valued { .. }
        )
    }
}

/// `x` with `decimals` decimals; a value that rounds to zero is "0.00…", never "-0.00…" (a
/// sign on a printed zero says nothing but the noise of the last bit).
pub fn fixed(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    match s.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
        _ => s,
    }
}

/// "a > b = c > … (2 more)": `=` between alternatives that tie.
pub fn ranking_text(ids: &[String], tied: &[bool], shown: usize) -> String {
    let mut s = String::new();
    for (k, id) in ids.iter().enumerate().take(shown) {
        if k > 0 {
            s.push_str(if tied.get(k).copied().unwrap_or(false) {
                " = "
            } else {
                " > "
            });
        }
        s.push_str(id);
    }
    if ids.len() > shown {
        s.push_str(&format!(" > … ({} more)", ids.len() - shown));
    }
    s
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

/// A column: its header as shown, and its key, the name of its column(s) in CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    pub key: String,
}

impl Column {
    /// A column whose CSV key is the header in lower case, words joined by `_`.
    pub fn new(header: impl Into<String>) -> Column {
        let header = header.into();
        let key = key_of(&header);
        Column { header, key }
    }

    /// A column with its own CSV key.
    pub fn keyed(header: impl Into<String>, key: impl Into<String>) -> Column {
        Column {
            header: header.into(),
            key: key.into(),
        }
    }
}

/// "Winner stays" → "winner_stays".
fn key_of(header: &str) -> String {
    let mut key = String::new();
    for c in header.chars() {
        if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        } else if !key.is_empty() && !key.ends_with('_') {
            key.push('_');
        }
    }
    key.trim_end_matches('_').to_string()
}

/// A table: a name (`--table NAME`), a caption, columns and rows of typed cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub name: String,
    pub caption: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// A table only `--format csv --table NAME` writes (the terminal shows a summary of it).
    pub hidden: bool,
}

impl Table {
    /// An empty table named `name` with these columns.
    pub fn new(name: impl Into<String>, columns: impl IntoIterator<Item = Column>) -> Table {
        Table {
            name: name.into(),
            caption: None,
            columns: columns.into_iter().collect(),
            rows: Vec::new(),
            hidden: false,
        }
    }

    /// An empty table whose columns are named by their headers.
    pub fn with_headers<S: Into<String>>(
        name: impl Into<String>,
        headers: impl IntoIterator<Item = S>,
    ) -> Table {
        Table::new(name, headers.into_iter().map(Column::new))
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

    /// The kind of column `k`: its first cell that holds a value. A column keyed
    /// `alternative` or `criterion` holds alternatives or criteria even when no row has one
    /// (an empty table's CSV still says `id,name`).
    pub fn column_kind(&self, k: usize) -> Option<&Cell> {
        static ENTITY: Cell = Cell::Entity {
            id: String::new(),
            name: String::new(),
        };
        self.rows
            .iter()
            .filter_map(|r| r.get(k))
            .find(|c| !matches!(c, Cell::Empty))
            .or_else(|| {
                let key = self.columns.get(k).map(|c| c.key.as_str());
                matches!(key, Some("alternative" | "criterion")).then_some(&ENTITY)
            })
    }

    /// The first column of alternatives or criteria, which CSV and workbooks write as `id`
    /// and name.
    pub fn first_entity_column(&self) -> Option<usize> {
        (0..self.columns.len()).find(|&j| matches!(self.column_kind(j), Some(Cell::Entity { .. })))
    }

    /// The headers, as shown.
    pub fn headers(&self) -> impl Iterator<Item = &str> {
        self.columns.iter().map(|c| c.header.as_str())
    }
}

/// A whole output.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Doc {
    pub heading: String,
    /// Context lines shown under the heading (method, weights, ...).
    pub lines: Vec<String>,
    /// The tables; the first is the main one, which CSV writes unless `--table` names another.
    pub tables: Vec<Table>,
    /// Sentences after the tables (explanations, what was assumed).
    pub notes: Vec<String>,
}

impl Doc {
    /// The names of the tables, for `--table`.
    pub fn table_names(&self) -> Vec<String> {
        self.tables.iter().map(|t| t.name.clone()).collect()
    }
}

/// A weight as a percentage with one decimal, without a trailing ".0".
/// A weight strictly between 0 and 1 never shows as "0%" or "100%": it gets more decimals,
/// and a weight within 1e-9 of either end is written "≈100%" or "≈0%".
pub fn percent(w: f64) -> String {
    let p = w * 100.0;
    let one = format!("{p:.1}");
    let end = (one == "100.0" && w < 1.0) || (one == "0.0" && w > 0.0);
    if !end {
        return format!("{}%", one.strip_suffix(".0").unwrap_or(&one));
    }
    for decimals in 4..=7 {
        let s = format!("{p:.decimals$}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s != "100" && s != "0" {
            return format!("{s}%");
        }
    }
    if w < 1.0 && w > 0.5 {
        "≈100%".to_string()
    } else {
        "≈0%".to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_printed_zero_has_no_sign() {
        assert_eq!(super::fixed(-0.0, 4), "0.0000");
        assert_eq!(super::fixed(-1e-17, 4), "0.0000");
        assert_eq!(super::fixed(-0.00006, 4), "-0.0001");
        assert_eq!(super::fixed(-0.2375, 4), "-0.2375");
        assert_eq!(super::fixed(-0.4, 0), "0");
    }

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

    /// A weight a rounding error below 1 was written "100.%".
    #[test]
    fn percent_never_writes_a_bare_point() {
        assert_eq!(percent(0.9999999999999989), "≈100%");
        assert_eq!(percent(1e-15), "≈0%");
        assert_eq!(percent(0.9999996), "99.99996%");
        for w in [0.99999999, 0.999999999999, 1e-12, 0.5] {
            assert!(!percent(w).contains(".%"), "{w}: {}", percent(w));
        }
    }

    #[test]
    fn keys_are_snake_case() {
        assert_eq!(key_of("Winner stays"), "winner_stays");
        assert_eq!(key_of("Spearman rho"), "spearman_rho");
        assert_eq!(key_of("d+"), "d");
    }
}
