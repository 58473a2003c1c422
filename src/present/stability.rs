//! `pmatrix stability`: the weight intervals that keep the winner and the ranking.

use super::doc::{Cell, Column, Doc, Table, percent};
use super::lines;
use crate::methods::Method;
use crate::model::Model;
use crate::sensitivity::Stability;

/// "X stays first unless the weight of C falls below 12.3% (now 20%), when Y takes the lead."
pub fn summary(r: &Stability, model: &Model) -> String {
    let name = |id: &str| model.alternative_name(id).to_string();
    let subject = match &r.winner {
        Some(id) => name(id),
        None => {
            let names: Vec<String> = r.tied_first.iter().map(|id| name(id)).collect();
            if names.len() == model.alternatives.len() {
                return format!(
                    "All {} alternatives tie for first at the current weights, so no alternative is the winner; the intervals are those of {}, first in the model's order.",
                    lines::count(names.len()),
                    names.first().map_or("", String::as_str)
                );
            }
            return format!(
                "{} tie for first at the current weights, so no alternative is the winner; the intervals are those of {}, first of them in the model's order.",
                lines::and(&names),
                names.first().map_or("", String::as_str)
            );
        }
    };
    let Some(c) = &r.critical else {
        return format!("{subject} stays first whatever the weight of any single criterion.");
    };
    let Some(crit) = r.criteria.iter().find(|k| k.id == c.criterion) else {
        return format!("{subject} stays first.");
    };
    let verb = if c.weight <= crit.weight {
        "falls below"
    } else {
        "rises above"
    };
    let new = if c.new_winner.is_empty() {
        String::new()
    } else {
        format!(", when {} takes the lead", name(&c.new_winner))
    };
    format!(
        "{subject} stays first unless the weight of {} {verb} {} (now {}){new}.",
        crit.name,
        percent(c.weight),
        percent(crit.weight)
    )
}

/// The stability result as a document.
pub fn doc(r: &Stability, model: &Model, weights: &[f64], profile: Option<&str>) -> Doc {
    let mut table = Table::new(
        "intervals",
        [
            Column::keyed("Criterion", "criterion"),
            Column::keyed("Weight", "weight"),
            Column::keyed("Winner stays", "winner"),
            Column::keyed("Ranking stays", "ranking"),
            Column::keyed("Winner below", "winner_below"),
            Column::keyed("Winner above", "winner_above"),
        ],
    )
    .captioned("Weight intervals that keep the winner, and the whole ranking");
    let who = |id: &Option<String>| id.as_ref().map_or(Cell::Empty, |i| Cell::Id(i.clone()));
    for c in &r.criteria {
        table.push(vec![
            Cell::entity(&c.id, &c.name),
            Cell::Weight(c.weight),
            Cell::Interval {
                lo: c.winner_interval[0],
                hi: c.winner_interval[1],
            },
            Cell::Interval {
                lo: c.ranking_interval[0],
                hi: c.ranking_interval[1],
            },
            who(&c.winner_below),
            who(&c.winner_above),
        ]);
    }
    let exact = if r.method == Method::Wsm {
        "Interval ends are exact (WSM scores are linear in each weight)."
    } else {
        "Interval ends are found on a grid of 0.5% and refined by bisection to 1e-9."
    };
    let winner = match (&r.winner, &r.winner_name) {
        (Some(id), Some(name)) => format!("Winner: {name} ({id})"),
        _ => format!("Tied for first: {}", lines::and(&r.tied_first)),
    };
    let mut notes = vec![summary(r, model), exact.to_string()];
    notes.extend(lines::notes(model, &r.notes));
    Doc {
        heading: format!("{} — stability of the ranking", model.title),
        lines: vec![
            lines::method(r.method, r.normalization),
            lines::weights(model, weights, profile),
            winner,
            "One weight moves at a time; the others keep their proportions.".to_string(),
        ],
        tables: std::iter::once(table)
            .chain(super::tree::stability_table(model, &r.groups))
            .collect(),
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::Options;

    #[test]
    fn the_summary_names_the_critical_change() {
        let model =
            crate::model::load("policies/kazakhstan-torture-prevention.toml".as_ref()).unwrap();
        let st = crate::sensitivity::stability(&model, &model.weights, &Options::new(Method::Wsm))
            .unwrap();
        let s = summary(&st, &model);
        assert!(
            s.starts_with("Develop the existing government policy stays first"),
            "{s}"
        );
    }
}
