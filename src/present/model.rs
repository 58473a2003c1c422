//! The decision model itself, as tables (the first section of `pmatrix report`).

use super::doc::{Cell, Doc, Table};
use super::explain::shown_value;
use crate::model::Model;
use crate::vocabulary::Direction;

/// The model as tables: criteria, and the scores as written.
pub fn doc(model: &Model) -> Doc {
    let mut criteria = Table::with_headers(
        "criteria",
        ["Criterion", "Direction", "Measured on", "Weight"],
    )
    .captioned("Criteria");
    for (c, w) in model.criteria.iter().zip(model.weights.as_slice()) {
        let on = match (&c.scale, c.range) {
            (None, Some(_)) if c.value.is_some() => super::value::measured_on(c),
            (Some(s), _) => s.levels.join(" < "),
            (None, Some((lo, hi))) => format!("number, {lo} to {hi}"),
            (None, None) => "number".to_string(),
        };
        let dir = match c.direction {
            Direction::Benefit => "more is better",
            Direction::Cost => "less is better",
        };
        criteria.push(vec![
            Cell::entity(&c.id, &c.name),
            Cell::from(dir),
            Cell::from(on),
            Cell::Weight(*w),
        ]);
    }
    let mut header = vec!["Alternative".to_string()];
    header.extend(model.criteria.iter().map(|c| c.name.clone()));
    let mut scores = Table::with_headers("scores", header).captioned("Scores");
    for (i, a) in model.alternatives.iter().enumerate().take(200) {
        let mut row = vec![Cell::entity(&a.id, &a.name)];
        row.extend((0..model.criteria.len()).map(|j| Cell::Text(shown_value(model, i, j))));
        scores.push(row);
    }
    let mut notes = Vec::new();
    if model.alternatives.len() > 200 {
        notes.push(format!(
            "The first 200 of {} alternatives are shown.",
            model.alternatives.len()
        ));
    }
    Doc {
        heading: "The decision model".into(),
        lines: Vec::new(),
        tables: [
            Some(criteria),
            super::tree::table(model, model.weights.as_slice()),
            Some(scores),
        ]
        .into_iter()
        .flatten()
        .collect(),
        notes,
    }
}
