//! Lines that several outputs share, written once: how the scores were made, the weights,
//! and what was assumed.

use crate::assumption::Note;
use crate::methods::Method;
use crate::model::Model;
use crate::normalize::Normalization;
use crate::present::doc::percent;

/// "Method: weighted sum (WSM), scale normalisation" — how the scores were made.
pub fn method(method: Method, normalization: Option<Normalization>) -> String {
    let what = match method {
        Method::Wsm => "weighted sum (WSM)",
        Method::Wpm => "weighted product (WPM)",
        Method::Topsis => "TOPSIS closeness to the ideal",
        Method::Vikor => "VIKOR compromise index Q (lower is better)",
        Method::Promethee => "PROMETHEE II net flow",
    };
    match normalization {
        Some(n) => format!("Method: {what}, {n} normalisation"),
        None => format!("Method: {what}, on raw values"),
    }
}

/// "Weights (profile p): Equity 20%, Cost 30%, ..." from normalised weights in the model's
/// order of criteria.
pub fn weights(model: &Model, weights: &[f64], profile: Option<&str>) -> String {
    let parts: Vec<String> = model
        .criteria
        .iter()
        .zip(weights)
        .map(|(c, w)| format!("{} {}", c.name, percent(*w)))
        .collect();
    let from = profile.map_or_else(String::new, |p| format!(" (profile {p})"));
    format!("Weights{from}: {}", parts.join(", "))
}

/// "a, b and c".
pub fn and(items: &[impl AsRef<str>]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    match items.len() {
        0 => String::new(),
        1 => items[0].to_string(),
        n => format!("{} and {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

/// A small count in words ("five"), a larger one in digits.
pub fn count(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

/// The line that says what an assumption was.
pub fn note(model: &Model, note: &Note) -> String {
    match note {
        Note::Midpoints { scores, criteria } => {
            let names: Vec<&str> = criteria
                .iter()
                .filter_map(|id| model.criteria.iter().find(|c| &c.id == id))
                .map(|c| c.name.as_str())
                .collect();
            format!(
                "Assumed: {scores} uncertain score{} ({}) {} replaced by {} midpoint{}; `pmatrix smaa` samples {}.",
                if *scores == 1 { "" } else { "s" },
                and(&names),
                if *scores == 1 { "was" } else { "were" },
                if *scores == 1 { "its" } else { "their" },
                if *scores == 1 { "" } else { "s" },
                if *scores == 1 { "it" } else { "them" },
            )
        }
        Note::MinmaxFallback { criteria } => format!(
            "Note: {} {} no scale or `range`, so `scale` normalisation used the observed minimum and maximum (minmax).",
            criteria.join(", "),
            if criteria.len() == 1 { "has" } else { "have" }
        ),
        Note::WeightsNormalized { source, total } => format!(
            "Assumed: the weights of {source} total {total}, not 100 or 1, so each was divided by {total}."
        ),
    }
}

/// Every note's line.
pub fn notes(model: &Model, notes: &[Note]) -> Vec<String> {
    notes.iter().map(|n| note(model, n)).collect()
}
