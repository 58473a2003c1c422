//! Linear statements about the normalised weights, such as `equity >= 2 * uncertainty` or
//! `equity + cost <= 0.6`, as SMAA's `--weight-constraint` and the model's `[smaa]
//! constraints` write them.
//!
//! The grammar (whitespace is free between tokens):
//!
//! ```text
//! statement := side relation side
//! relation  := ">=" | "<=" | "≥" | "≤" | ">" | "<"
//! side      := ["+" | "-"] term (("+" | "-") term)*
//! term      := factor (("*" | "/") factor)*
//! factor    := number | id
//! number    := a decimal number (`2`, `0.25`, `1e-3`), optionally followed by `%` (÷ 100)
//! id        := a criterion id, or a group id of the value tree (the sum of its criteria)
//! ```
//!
//! A term multiplies at most one weight by numbers and divides only by numbers, so each side is
//! linear in the weights. `>` and `<` mean the same as `>=` and `<=` (the boundary has
//! probability zero under a continuous distribution). `=` is refused: an equality leaves the
//! weights no room to vary in. A word that reads as a number is a number, so an id that reads as
//! one (`2030`) cannot be named. Ids may hold `-` (`reputational-costs`): a `-` between two
//! letters or digits belongs to the word, and subtraction needs spaces around it (`a - b`).
//!
//! A statement is kept as `Σ_j coef_j w_j ≤ bound` over the criteria (a `≥` statement is
//! multiplied by −1).

use std::fmt;
use std::ops::Range;

use serde::Serialize;

/// A linear constraint on the normalised weights: `Σ_j coef[j] · w_j ≤ bound`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightConstraint {
    /// The statement as written (trimmed).
    pub text: String,
    /// One coefficient per criterion, in the model's order.
    pub coef: Vec<f64>,
    pub bound: f64,
}

impl WeightConstraint {
    /// How far `w` is inside the constraint (negative: outside).
    pub fn slack(&self, w: &[f64]) -> f64 {
        self.bound - self.coef.iter().zip(w).map(|(c, x)| c * x).sum::<f64>()
    }
}

/// The names a statement may use: criteria, and the value tree's groups with their criteria.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub criteria: Vec<String>,
    pub groups: Vec<(String, Vec<usize>)>,
}

impl Names {
    /// The criteria (and groups) of a model.
    pub fn of(model: &super::Model) -> Names {
        Names::new(&model.criteria, model.tree.as_ref())
    }

    /// The names of these criteria, and of the tree's groups.
    pub fn new(criteria: &[super::Criterion], tree: Option<&super::Tree>) -> Names {
        Names {
            criteria: criteria.iter().map(|c| c.id.clone()).collect(),
            groups: tree.map_or_else(Vec::new, |t| {
                t.groups
                    .iter()
                    .enumerate()
                    .map(|(g, grp)| (grp.id.clone(), t.leaves(g)))
                    .collect()
            }),
        }
    }

    /// The criteria an id stands for.
    fn resolve(&self, id: &str) -> Option<Vec<usize>> {
        if let Some(j) = self.criteria.iter().position(|c| c == id) {
            return Some(vec![j]);
        }
        self.groups
            .iter()
            .find(|(g, _)| g == id)
            .map(|(_, leaves)| leaves.clone())
    }

    /// Every id, criteria first.
    fn known(&self) -> Vec<String> {
        self.criteria
            .iter()
            .cloned()
            .chain(self.groups.iter().map(|(g, _)| g.clone()))
            .collect()
    }
}

/// A statement that cannot be read, and where: `at` is a byte range of the statement.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementError {
    pub at: Range<usize>,
    pub problem: StatementProblem,
}

/// What is wrong with a statement.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StatementProblem {
    #[error("the constraint is empty")]
    Empty,
    #[error("unknown criterion `{found}`")]
    UnknownId {
        found: String,
        known: Vec<String>,
        /// Whether the word splits at `-` into known ids and numbers (a subtraction without
        /// spaces).
        subtraction: bool,
    },
    #[error("`{found}` is not a number")]
    BadNumber { found: String },
    #[error("`{found}` is too large: every coefficient must be a finite number")]
    NotFinite { found: String },
    #[error("unexpected character `{found}`")]
    UnexpectedChar { found: char },
    #[error("expected a criterion or a number {after}, found {found}")]
    ExpectedTerm { after: String, found: String },
    #[error("missing operator before `{found}`")]
    MissingOperatorBefore { found: String },
    #[error("missing operator: a constraint compares two sides with `>=` or `<=`")]
    MissingRelation,
    #[error("a second comparison `{found}`: one constraint compares two sides only")]
    SecondRelation { found: String },
    #[error("`{found}` is an equality, which leaves the weights no room to vary")]
    Equality { found: String },
    #[error("`{first} * {second}` multiplies two weights: a constraint must be linear")]
    Product { first: String, second: String },
    #[error("dividing by the weight `{found}`: a constraint must be linear")]
    DivideByWeight { found: String },
    #[error("division by zero")]
    DivideByZero,
    #[error("the constraint names no weight (or its weights cancel out)")]
    NoWeight,
}

impl StatementProblem {
    /// What would be valid.
    pub fn help(&self) -> String {
        const FORM: &str =
            "write a linear comparison such as `equity >= 2 * cost` or `equity + cost <= 0.6`";
        match self {
            StatementProblem::UnknownId {
                found,
                known,
                subtraction,
            } => {
                let hint = crate::diagnostic::closest(found, known.iter().map(String::as_str))
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                let minus = if *subtraction {
                    "to subtract, put spaces around `-`; "
                } else {
                    ""
                };
                format!("{minus}{hint}criteria: {}", known.join(", "))
            }
            StatementProblem::BadNumber { found } => {
                let digits: String = found
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '.')
                    .collect();
                let rest = &found[digits.len()..];
                if !digits.is_empty() && !rest.is_empty() && rest.starts_with(char::is_alphabetic)
                {
                    format!("write `{digits} * {rest}` to multiply a weight by a number")
                } else {
                    "write a decimal number such as 2, 0.25 or 1e-3 (or 20%)".to_string()
                }
            }
            StatementProblem::NotFinite { .. } => "use coefficients of a sensible size".into(),
            StatementProblem::MissingOperatorBefore { .. } => {
                "join terms with `+` or `-`, a number and a weight with `*` (`2 * cost`), and the two sides with `>=` or `<=`".into()
            }
            StatementProblem::MissingRelation => {
                format!("add `>=` or `<=` between the two sides: {FORM}")
            }
            StatementProblem::SecondRelation { .. } => {
                "write two constraints, e.g. `a >= b` and `b >= c` (or use --weight-order a,b,c)"
                    .into()
            }
            StatementProblem::Equality { .. } => {
                "use `>=` or `<=`; to fix a weight, give it a narrow interval with --weight-bounds"
                    .into()
            }
            StatementProblem::Product { .. } | StatementProblem::DivideByWeight { .. } => {
                "multiply and divide weights by numbers only, e.g. `equity >= 2 * cost` rather than `equity / cost >= 2`".into()
            }
            StatementProblem::NoWeight => {
                format!("name at least one criterion: {FORM}")
            }
            _ => FORM.to_string(),
        }
    }

    /// A short label under the caret.
    pub fn label(&self) -> &'static str {
        match self {
            StatementProblem::UnknownId { .. } => "not a criterion of the model",
            StatementProblem::BadNumber { .. } | StatementProblem::NotFinite { .. } => {
                "not a usable number"
            }
            StatementProblem::MissingRelation => "no `>=` or `<=` in the constraint",
            StatementProblem::MissingOperatorBefore { .. } => "an operator is missing here",
            _ => "here",
        }
    }
}

impl fmt::Display for StatementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.problem.fmt(f)
    }
}

/// The statement's text with a caret line under the offending part, indented by four
/// spaces, for a message about a command-line flag; and the 1-based column (in characters).
pub fn caret(text: &str, at: &Range<usize>) -> (String, usize) {
    let start = at.start.min(text.len());
    let end = at.end.clamp(start, text.len());
    let column = text[..start].chars().count() + 1;
    let width = text[start..end].chars().count().max(1);
    (
        format!(
            "    {text}\n    {}{}",
            " ".repeat(column - 1),
            "^".repeat(width)
        ),
        column,
    )
}

/// Reads one statement against the model's names (the criteria count is `names.criteria`).
pub fn parse(text: &str, names: &Names) -> Result<WeightConstraint, StatementError> {
    let tokens = lex(text)?;
    let mut p = Parser {
        text,
        tokens,
        pos: 0,
        names,
        coef: vec![0.0; names.criteria.len()],
        constant: 0.0,
    };
    p.statement()
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Rel {
    AtLeast,
    AtMost,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word,
    Percent,
    Plus,
    Minus,
    Star,
    Slash,
    Rel(Rel),
    Equal,
    End,
}

fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.' || c.is_alphabetic()
}

fn lex(text: &str) -> Result<Vec<(Tok, Range<usize>)>, StatementError> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let next = chars.get(k + 1).map(|x| x.1);
        let single = |tok: Tok| (tok, i..i + c.len_utf8());
        let (tok, len) = match c {
            c if c.is_whitespace() => {
                k += 1;
                continue;
            }
            '+' => (single(Tok::Plus), 1),
            '-' => (single(Tok::Minus), 1),
            '*' | '×' | '·' => (single(Tok::Star), 1),
            '/' => (single(Tok::Slash), 1),
            '%' => (single(Tok::Percent), 1),
            '≥' => (single(Tok::Rel(Rel::AtLeast)), 1),
            '≤' => (single(Tok::Rel(Rel::AtMost)), 1),
            '>' | '<' => {
                let rel = if c == '>' { Rel::AtLeast } else { Rel::AtMost };
                let len = if next == Some('=') { 2 } else { 1 };
                ((Tok::Rel(rel), i..end_of(k + len)), len)
            }
            '=' | '!' => {
                // `=>` and `=<` are read as the comparisons they spell; `=`, `==` and `!=` are
                // refused.
                match (c, next) {
                    ('=', Some('>')) => ((Tok::Rel(Rel::AtLeast), i..end_of(k + 2)), 2),
                    ('=', Some('<')) => ((Tok::Rel(Rel::AtMost), i..end_of(k + 2)), 2),
                    (_, Some('=')) => ((Tok::Equal, i..end_of(k + 2)), 2),
                    ('=', _) => (single(Tok::Equal), 1),
                    _ => {
                        return Err(StatementError {
                            at: i..i + 1,
                            problem: StatementProblem::UnexpectedChar { found: c },
                        });
                    }
                }
            }
            c if word_char(c) => {
                let mut e = k + 1;
                while e < chars.len() {
                    let ch = chars[e].1;
                    let joins = (ch == '-' || ch == '+')
                        && chars.get(e + 1).is_some_and(|x| word_char(x.1))
                        && (ch == '-' || exponent(&chars[k..e]));
                    if word_char(ch) || joins {
                        e += 1;
                    } else {
                        break;
                    }
                }
                ((Tok::Word, i..end_of(e)), e - k)
            }
            _ => {
                return Err(StatementError {
                    at: i..i + c.len_utf8(),
                    problem: StatementProblem::UnexpectedChar { found: c },
                });
            }
        };
        out.push(tok);
        k += len;
    }
    out.push((Tok::End, text.len()..text.len()));
    Ok(out)
}

/// Whether a word so far is a number ending in an exponent mark (`1e`), so that a `+` after
/// it belongs to the number (`1e+3`).
fn exponent(word: &[(usize, char)]) -> bool {
    let s: String = word.iter().map(|x| x.1).collect();
    s.len() >= 2
        && (s.ends_with('e') || s.ends_with('E'))
        && s[..s.len() - 1]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.')
}

/// A factor: a number, or the criteria an id stands for.
enum Factor {
    Number(f64),
    Weights(Vec<usize>),
}

struct Parser<'a> {
    text: &'a str,
    tokens: Vec<(Tok, Range<usize>)>,
    pos: usize,
    names: &'a Names,
    /// The left side minus the right side, so far.
    coef: Vec<f64>,
    constant: f64,
}

impl Parser<'_> {
    fn peek(&self) -> &(Tok, Range<usize>) {
        &self.tokens[self.pos]
    }

    fn slice(&self, r: &Range<usize>) -> String {
        self.text[r.clone()].to_string()
    }

    fn err<T>(&self, at: Range<usize>, problem: StatementProblem) -> Result<T, StatementError> {
        Err(StatementError { at, problem })
    }

    /// What the current token is, for a message.
    fn found(&self) -> String {
        let (tok, r) = self.peek();
        if *tok == Tok::End {
            "the end".into()
        } else {
            format!("`{}`", self.slice(r))
        }
    }

    fn statement(&mut self) -> Result<WeightConstraint, StatementError> {
        if self.peek().0 == Tok::End {
            return self.err(0..self.text.len(), StatementProblem::Empty);
        }
        self.side(1.0, "at the start")?;
        let (tok, r) = self.peek().clone();
        let rel = match tok {
            Tok::Rel(rel) => rel,
            Tok::Equal => {
                return self.err(
                    r.clone(),
                    StatementProblem::Equality {
                        found: self.slice(&r),
                    },
                );
            }
            _ => return self.err(r, StatementProblem::MissingRelation),
        };
        self.pos += 1;
        let after = format!("after `{}`", self.slice(&r));
        self.side(-1.0, &after)?;
        let (tok, r2) = self.peek().clone();
        match tok {
            Tok::End => {}
            Tok::Rel(_) => {
                return self.err(
                    r2.clone(),
                    StatementProblem::SecondRelation {
                        found: self.slice(&r2),
                    },
                );
            }
            Tok::Equal => {
                return self.err(
                    r2.clone(),
                    StatementProblem::Equality {
                        found: self.slice(&r2),
                    },
                );
            }
            _ => {
                return self.err(
                    r2.clone(),
                    StatementProblem::MissingOperatorBefore {
                        found: self.slice(&r2),
                    },
                );
            }
        }
        // left − right ≤ 0 (or ≥ 0): Σ coef w + constant ≤ 0.
        let sign = if rel == Rel::AtMost { 1.0 } else { -1.0 };
        let coef: Vec<f64> = self.coef.iter().map(|c| sign * c + 0.0).collect();
        let bound = -sign * self.constant + 0.0;
        let scale = coef.iter().fold(0.0f64, |m, c| m.max(c.abs()));
        // Coefficients that cancel to rounding (`0.1 * a + 0.2 * a - 0.3 * a`) name no weight.
        let size = self
            .tokens
            .iter()
            .filter(|t| t.0 == Tok::Word)
            .count()
            .max(1) as f64;
        if scale == 0.0
            || coef
                .iter()
                .all(|c| c.abs() <= 1e-15 * size * scale.max(1.0))
        {
            return self.err(0..self.text.len(), StatementProblem::NoWeight);
        }
        if !bound.is_finite() || coef.iter().any(|c| !c.is_finite()) {
            return self.err(
                0..self.text.len(),
                StatementProblem::NotFinite {
                    found: self.text.trim().to_string(),
                },
            );
        }
        Ok(WeightConstraint {
            text: self.text.trim().to_string(),
            coef,
            bound,
        })
    }

    /// One side, added to the running sums with `sign` (+1 left, −1 right).
    fn side(&mut self, sign: f64, first_after: &str) -> Result<(), StatementError> {
        let mut s = sign;
        let mut after = first_after.to_string();
        match self.peek().0 {
            Tok::Plus => self.pos += 1,
            Tok::Minus => {
                s = -s;
                self.pos += 1;
            }
            _ => {}
        }
        loop {
            self.term(s, &after)?;
            let (tok, r) = self.peek().clone();
            match tok {
                Tok::Plus => s = sign,
                Tok::Minus => s = -sign,
                Tok::Word => {
                    return self.err(
                        r.clone(),
                        StatementProblem::MissingOperatorBefore {
                            found: self.slice(&r),
                        },
                    );
                }
                _ => return Ok(()),
            }
            after = format!("after `{}`", self.slice(&r));
            self.pos += 1;
        }
    }

    /// One term, `c · w_j` or a constant, added with `sign`.
    fn term(&mut self, sign: f64, after: &str) -> Result<(), StatementError> {
        let mut c = sign;
        let mut weights: Option<(Vec<usize>, String)> = None;
        let mut divide = false;
        let mut after = after.to_string();
        loop {
            let (tok, r) = self.peek().clone();
            if tok != Tok::Word {
                return self.err(
                    r,
                    StatementProblem::ExpectedTerm {
                        after,
                        found: self.found(),
                    },
                );
            }
            self.pos += 1;
            let word = self.slice(&r);
            match self.factor(&word, &r)? {
                Factor::Number(x) => {
                    if divide {
                        if x == 0.0 {
                            return self.err(r, StatementProblem::DivideByZero);
                        }
                        c /= x;
                    } else {
                        c *= x;
                    }
                    if !c.is_finite() || (c == 0.0 && x != 0.0) {
                        return self.err(r, StatementProblem::NotFinite { found: word });
                    }
                }
                Factor::Weights(js) => {
                    if divide {
                        return self.err(r, StatementProblem::DivideByWeight { found: word });
                    }
                    if let Some((_, first)) = &weights {
                        return self.err(
                            r,
                            StatementProblem::Product {
                                first: first.clone(),
                                second: word,
                            },
                        );
                    }
                    weights = Some((js, word));
                }
            }
            let (tok, r) = self.peek().clone();
            match tok {
                Tok::Star => divide = false,
                Tok::Slash => divide = true,
                _ => break,
            }
            after = format!("after `{}`", self.slice(&r));
            self.pos += 1;
        }
        match weights {
            Some((js, _)) => {
                for j in js {
                    self.coef[j] += c;
                }
            }
            None => self.constant += c,
        }
        Ok(())
    }

    /// A word: a number (with a `%` after it, a percentage), or an id.
    fn factor(&mut self, word: &str, r: &Range<usize>) -> Result<Factor, StatementError> {
        let numeric = word.starts_with(|c: char| c.is_ascii_digit() || c == '.');
        if numeric {
            if let Some(x) = number(word) {
                if self.peek().0 == Tok::Percent {
                    self.pos += 1;
                    return Ok(Factor::Number(x / 100.0));
                }
                return Ok(Factor::Number(x));
            }
            if word.parse::<f64>().is_ok() {
                return self.err(
                    r.clone(),
                    StatementProblem::NotFinite {
                        found: word.to_string(),
                    },
                );
            }
        }
        if let Some(js) = self.names.resolve(word) {
            return Ok(Factor::Weights(js));
        }
        let subtraction = word.contains('-')
            && word
                .split('-')
                .all(|p| self.names.resolve(p).is_some() || number(p).is_some());
        if numeric && !subtraction {
            return self.err(
                r.clone(),
                StatementProblem::BadNumber {
                    found: word.to_string(),
                },
            );
        }
        self.err(
            r.clone(),
            StatementProblem::UnknownId {
                found: word.to_string(),
                known: self.names.known(),
                subtraction,
            },
        )
    }
}

/// A finite decimal number (not `inf` or `nan`).
fn number(s: &str) -> Option<f64> {
    if !s.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names {
            criteria: ["equity", "cost", "political-feasibility", "uncertainty"]
                .map(String::from)
                .to_vec(),
            groups: vec![("social".into(), vec![0, 2])],
        }
    }

    fn ok(text: &str) -> (Vec<f64>, f64) {
        let c = parse(text, &names()).unwrap_or_else(|e| panic!("{text}: {e}"));
        (c.coef, c.bound)
    }

    fn bad(text: &str) -> (Range<usize>, StatementProblem) {
        let e = parse(text, &names()).unwrap_err();
        (e.at, e.problem)
    }

    #[test]
    fn statements_become_rows_of_coef_w_at_most_bound() {
        // equity ≥ 2 uncertainty ⇔ −equity + 2 uncertainty ≤ 0.
        assert_eq!(
            ok("equity >= 2 * uncertainty"),
            (vec![-1.0, 0.0, 0.0, 2.0], 0.0)
        );
        assert_eq!(ok("equity + cost <= 0.6"), (vec![1.0, 1.0, 0.0, 0.0], 0.6));
        assert_eq!(ok("equity+cost<=60%"), (vec![1.0, 1.0, 0.0, 0.0], 0.6));
        assert_eq!(
            ok("cost * 1.5 ≤ equity / 2 - 0.1"),
            (vec![-0.5, 1.5, 0.0, 0.0], -0.1)
        );
        assert_eq!(
            ok("-cost + 0.2 >= -political-feasibility"),
            (vec![0.0, 1.0, -1.0, 0.0], 0.2)
        );
        assert_eq!(ok("social >= 0.5"), (vec![-1.0, 0.0, -1.0, 0.0], -0.5));
        assert_eq!(ok("1e-1 > cost"), (vec![0.0, 1.0, 0.0, 0.0], 0.1));
        assert_eq!(
            ok("equity - equity + cost < 1"),
            (vec![0.0, 1.0, 0.0, 0.0], 1.0)
        );
        assert_eq!(
            parse("  cost <= 0.5 ", &names()).unwrap().text,
            "cost <= 0.5"
        );
    }

    #[test]
    fn errors_point_at_what_is_wrong() {
        let (at, p) = bad("equty >= 2 * uncertainty");
        assert_eq!(at, 0..5);
        assert!(
            matches!(&p, StatementProblem::UnknownId { found, subtraction: false, .. } if found == "equty")
        );
        assert!(
            p.help()
                .starts_with("did you mean `equity`? criteria: equity, cost")
        );
        let (at, p) = bad("equity-cost >= 0");
        assert_eq!(at, 0..11);
        assert!(p.help().starts_with("to subtract, put spaces around `-`"));
        let (at, p) = bad("equity >= 2x * cost");
        assert_eq!((at, p.to_string()), (10..12, "`2x` is not a number".into()));
        let (_, p) = bad("equity >= 2cost");
        assert_eq!(
            p.help(),
            "write `2 * cost` to multiply a weight by a number"
        );
        assert_eq!(bad("equity 2 * cost").0, 7..8);
        assert_eq!(
            bad("equity cost").1.to_string(),
            "missing operator before `cost`"
        );
        assert_eq!(bad("equity + cost").0, 13..13);
        assert_eq!(bad("equity + cost").1, StatementProblem::MissingRelation);
        assert_eq!(bad("equity = cost").0, 7..8);
        assert!(matches!(
            bad("cost >= equity >= 0.1").1,
            StatementProblem::SecondRelation { .. }
        ));
        assert_eq!(bad("cost * equity <= 0.1").0, 7..13);
        assert_eq!(bad("0.1 <= 1 / cost").0, 11..15);
        assert_eq!(bad("cost <= 1 / 0").1, StatementProblem::DivideByZero);
        assert_eq!(bad("cost >= cost").1, StatementProblem::NoWeight);
        assert_eq!(bad("0.2 <= 0.5").1, StatementProblem::NoWeight);
        assert_eq!(
            bad("cost >= ").1.to_string(),
            "expected a criterion or a number after `>=`, found the end"
        );
        assert_eq!(bad("cost + * equity >= 0").0, 7..8);
        assert_eq!(
            bad("cost # 2").1,
            StatementProblem::UnexpectedChar { found: '#' }
        );
        assert_eq!(bad("   ").1, StatementProblem::Empty);
        assert!(matches!(
            bad("cost <= 1e999").1,
            StatementProblem::NotFinite { .. }
        ));
        // Columns count characters, not bytes.
        let (at, _) = bad("équité ≥ cost");
        assert_eq!(caret("équité ≥ cost", &at).1, 1);
        let (at, _) = bad("cost ≥ équité");
        assert_eq!(
            caret("cost ≥ équité", &at),
            ("    cost ≥ équité\n           ^^^^^^".into(), 8)
        );
    }
}
