//! Swing weights: for each criterion, how much the swing from its worst to its best score
//! matters, in points against the most important swing (100); weights are points / Σ points.
//! The weight of a criterion means nothing without the swing it covers, so each carries it.

use serde::Serialize;

use super::Profile;

/// One criterion's swing and its points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Swing {
    pub criterion: String,
    /// The criterion's name, for sentences.
    #[serde(skip)]
    pub name: String,
    pub points: f64,
    /// The worst score, as written ("None", "20"), or "the observed worst" without a range.
    pub worst: String,
    /// The best score, likewise.
    pub best: String,
}

/// "Profile p: swing weights, …: Effectiveness 100 points (None → High) = 40%; …".
pub fn notes(p: &Profile, swings: &[Swing]) -> Vec<String> {
    let parts: Vec<String> = swings
        .iter()
        .zip(p.weights.as_slice())
        .map(|(s, &w)| {
            format!(
                "{} {} points ({} → {}) = {}",
                s.name,
                trim(s.points),
                s.worst,
                s.best,
                pct(w)
            )
        })
        .collect();
    vec![format!(
        "Profile {}: swing weights, points for the swing from the worst to the best score (100 for the most important), weight = points / sum: {}.",
        p.name,
        parts.join("; ")
    )]
}

fn trim(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A weight as a percentage, one decimal, without a trailing ".0".
fn pct(w: f64) -> String {
    let s = format!("{:.1}", w * 100.0);
    format!("{}%", s.strip_suffix(".0").unwrap_or(&s))
}
