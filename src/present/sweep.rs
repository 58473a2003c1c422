//! `pmatrix sweep`: the ranking at each step of each criterion's weight, and where it changes.

use super::doc::{Cell, Column, Doc, Table, percent};
use super::lines;
use crate::model::Model;
use crate::ranking;
use crate::sensitivity::Sweep;
use crate::sensitivity::sweep::Step;

/// A step's ranking as a cell, ties marked.
fn ranking_cell(step: &Step, order: crate::methods::ScoreOrder, shown: usize) -> Cell {
    let ranks = ranking::ranks(step.scores.values(), order);
    let idx = step.ranking.order();
    Cell::Ranking {
        ids: step.ranking.ids().map(str::to_string).collect(),
        tied: (0..idx.len())
            .map(|k| k > 0 && ranks[idx[k]] == ranks[idx[k - 1]])
            .collect(),
        shown,
    }
}

/// A ranking without tie information (before and after a change).
fn plain(ids: impl Iterator<Item = impl Into<String>>, shown: usize) -> Cell {
    let ids: Vec<String> = ids.map(Into::into).collect();
    Cell::Ranking {
        tied: vec![false; ids.len()],
        ids,
        shown,
    }
}

/// The sweep as a document: per criterion, the ranking at each step and the changes. CSV
/// gets one table of every step (`steps`, with each alternative's score) or of every change
/// (`changes`).
pub fn doc(r: &Sweep, model: &Model, weights: &[f64], profile: Option<&str>) -> Doc {
    let order = r.method.score_order();
    let mut steps_data = Table::new(
        "steps",
        [
            Column::keyed("Criterion", "criterion"),
            Column::keyed("Weight", "weight"),
            Column::keyed("Ranking", "ranking"),
        ]
        .into_iter()
        .chain(
            model
                .alternatives
                .iter()
                .map(|a| Column::keyed(&a.id, format!("score_{}", a.id))),
        ),
    );
    steps_data.hidden = true;
    let mut changes_data = Table::new(
        "changes",
        [
            Column::keyed("Criterion", "criterion"),
            Column::keyed("Weight", "weight"),
            Column::keyed("Before", "ranking_before"),
            Column::keyed("After", "ranking_after"),
        ],
    );
    changes_data.hidden = true;
    let mut tables = Vec::new();
    let mut notes = Vec::new();
    for c in &r.criteria {
        let mut steps = Table::with_headers(
            format!("{}-steps", c.id),
            ["Weight", "Ranking (best first)"],
        )
        .captioned(format!(
            "Weight of {} (now {}): ranking at each step",
            c.name,
            percent(c.weight)
        ));
        for s in &c.steps {
            steps.push(vec![Cell::num(s.weight, 3), ranking_cell(s, order, 6)]);
            let mut row = vec![
                Cell::entity(&c.id, &c.name),
                Cell::num(s.weight, 3),
                ranking_cell(s, order, usize::MAX),
            ];
            row.extend(s.scores.values().iter().map(|&v| Cell::num(v, 4)));
            steps_data.push(row);
        }
        tables.push(steps);
        if c.changes.is_empty() {
            notes.push(format!(
                "{}: the ranking is the same at every step.",
                c.name
            ));
            continue;
        }
        let mut changes = Table::with_headers(
            format!("{}-changes", c.id),
            ["Changes at", "Swaps", "From", "To"],
        )
        .captioned(format!("Weight of {}: where the ranking changes", c.name));
        for ch in &c.changes {
            let swaps: Vec<String> = ch
                .crossings
                .iter()
                .take(3)
                .map(|x| {
                    let ids: Vec<&str> = x.alternatives.ids().collect();
                    format!("{}↔{} at {}", ids[0], ids[1], percent(x.weight))
                })
                .collect();
            let more = ch.crossings.len().saturating_sub(3);
            let swaps = if more > 0 {
                format!("{} (+{more})", swaps.join(", "))
            } else {
                swaps.join(", ")
            };
            changes.push(vec![
                Cell::num(ch.weight, 4),
                Cell::from(swaps),
                plain(ch.ranking_before.ids(), 4),
                plain(ch.ranking_after.ids(), 4),
            ]);
            changes_data.push(vec![
                Cell::entity(&c.id, &c.name),
                Cell::num(ch.weight, 4),
                plain(ch.ranking_before.ids(), usize::MAX),
                plain(ch.ranking_after.ids(), usize::MAX),
            ]);
        }
        tables.push(changes);
    }
    tables.insert(0, changes_data);
    tables.insert(0, steps_data);
    notes.extend(lines::notes(model, &r.notes));
    if tables.iter().any(|t| {
        t.rows
            .iter()
            .flatten()
            .any(|cell| matches!(cell, Cell::Ranking { tied, .. } if tied.iter().any(|&x| x)))
    }) {
        notes.push(
            "`=` joins alternatives whose scores tie at that weight; they are listed in the model's order."
                .to_string(),
        );
    }
    Doc {
        heading: format!("{} — weight sweep", model.title),
        lines: vec![
            lines::method(r.method, r.normalization),
            lines::weights(model, weights, profile),
            "Each criterion's weight goes from 0 to 1; the others keep their proportions."
                .to_string(),
        ],
        tables,
        notes,
    }
}
