//! Value functions and swing weights in documents.

use crate::model::Criterion;

/// A number as written in a model: no trailing zeros.
pub fn short(v: f64) -> String {
    let s = crate::present::doc::fixed(v, 4);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// "number, 0 to 100, valued through (0, 0), (20, 0.8), (100, 1)" for a criterion with a value
/// function; "number" without one.
pub fn measured_on(c: &Criterion) -> String {
    let Some(f) = &c.value else {
        return "number".to_string();
    };
    let (lo, hi) = f.domain();
    let points: Vec<String> = f
        .points()
        .iter()
        .map(|&(x, v)| format!("({}, {})", short(x), short(v)))
        .collect();
    format!(
        "number, {} to {}, valued through {}",
        short(lo),
        short(hi),
        points.join(", ")
    )
}
