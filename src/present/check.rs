//! `pmatrix check`: a valid model in one paragraph.

use super::doc::percent;
use crate::model::Model;
use crate::vocabulary::Direction;

/// One paragraph describing a valid model.
pub fn summary(model: &Model) -> String {
    let n = model.alternatives.len();
    let costs: Vec<&str> = model
        .criteria
        .iter()
        .filter(|c| c.direction == Direction::Cost)
        .map(|c| c.name.as_str())
        .collect();
    let criteria: Vec<String> = model
        .criteria
        .iter()
        .zip(model.weights.as_slice())
        .map(|(c, w)| format!("{} ({})", c.name, percent(*w)))
        .collect();
    let mut s = format!(
        "\"{}\" compares {n} alternative{} on {} criteri{}: {}.",
        model.title,
        if n == 1 { "" } else { "s" },
        model.criteria.len(),
        if model.criteria.len() == 1 { "on" } else { "a" },
        criteria.join(", ")
    );
    if !costs.is_empty() {
        s.push_str(&format!(" Less is better for {}.", costs.join(", ")));
    }
    let mut scales: Vec<String> = Vec::new();
    for scale in model.criteria.iter().filter_map(|c| c.scale.as_ref()) {
        let shown = format!("`{}` ({})", scale.name, scale.levels.join(" < "));
        if !scales.contains(&shown) {
            scales.push(shown);
        }
    }
    if !scales.is_empty() {
        s.push_str(&format!(" Scores on scale {}.", scales.join(", ")));
    }
    let uncertain = model
        .scores
        .lower()
        .iter()
        .zip(model.scores.upper().iter())
        .filter(|(lo, hi)| lo != hi)
        .count();
    if uncertain > 0 {
        s.push_str(&format!(
            " {uncertain} score{} uncertain (an interval).",
            if uncertain == 1 { " is" } else { "s are" }
        ));
    }
    if !model.profiles.is_empty() {
        let names: Vec<&str> = model.profiles.iter().map(|p| p.name.as_str()).collect();
        s.push_str(&format!(" Weight profiles: {}.", names.join(", ")));
    }
    for p in &model.profiles {
        for note in crate::weights::profile_notes(p) {
            s.push(' ');
            s.push_str(&note);
        }
    }
    if let Some(m) = model.method {
        s.push_str(&format!(" Default method: {m}."));
    }
    if let Some(src) = &model.source {
        s.push_str(&format!(" Source: {src}."));
    }
    s
}
