//! `pmatrix check`: a valid model in one paragraph.

use super::doc::percent;
use crate::model::Model;
use crate::vocabulary::Direction;

/// The most criteria the paragraph names one by one; the rest are counted.
const LISTED: usize = 20;

/// One paragraph describing a valid model.
pub fn summary(model: &Model) -> String {
    let n = model.alternatives.len();
    let costs: Vec<&str> = model
        .criteria
        .iter()
        .filter(|c| c.direction == Direction::Cost)
        .map(|c| c.name.as_str())
        .collect();
    let mut criteria: Vec<String> = model
        .criteria
        .iter()
        .zip(model.weights.as_slice())
        .take(LISTED)
        .map(|(c, w)| format!("{} ({})", c.name, percent(*w)))
        .collect();
    let more = model.criteria.len().saturating_sub(LISTED);
    if more > 0 {
        criteria.push(format!(
            "and {more} more (the first {LISTED} are listed; `--format json` lists every criterion)"
        ));
    }
    let mut s = format!(
        "\"{}\" compares {n} alternative{} on {} criteri{}: {}.",
        model.title,
        if n == 1 { "" } else { "s" },
        model.criteria.len(),
        if model.criteria.len() == 1 { "on" } else { "a" },
        criteria.join(", ")
    );
    if costs.len() > LISTED {
        s.push_str(&format!(
            " Less is better for {} of them (the first {LISTED}: {}).",
            costs.len(),
            costs[..LISTED].join(", ")
        ));
    } else if !costs.is_empty() {
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

#[cfg(test)]
mod tests {
    /// Past 20 criteria the paragraph names the first 20 and counts the rest.
    #[test]
    fn many_criteria_are_counted_not_listed() {
        let mut text = String::from("title = \"t\"\n");
        for j in 0..25 {
            text.push_str(&format!(
                "[[criteria]]\nid = \"c{j}\"\nname = \"C{j}\"\ndirection = \"cost\"\n"
            ));
        }
        text.push_str("[[alternatives]]\nid = \"a\"\n[alternatives.scores]\n");
        for j in 0..25 {
            text.push_str(&format!("c{j} = 1\n"));
        }
        let model = crate::model::parse(std::path::Path::new("m.toml"), &text).unwrap();
        let s = super::summary(&model);
        assert!(
            s.contains("C19 (4%), and 5 more (the first 20 are listed;"),
            "{s}"
        );
        assert!(!s.contains("C20"), "{s}");
        assert!(
            s.contains("Less is better for 25 of them (the first 20: C0, C1,"),
            "{s}"
        );
    }
}
