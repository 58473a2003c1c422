//! `pmatrix diff` as a document.

use serde_json::Value;

use crate::diff::{Diff, Move};
use crate::model::Model;
use crate::present::doc::{Cell, Column, Doc, Table};

/// The names `--table` takes.
/// `moves` (one row per alternative a change moves, for spreadsheets) is written only when
/// `--table moves` asks for it; the terminal shows the same as `attribution`'s sentences.
pub const TABLES: [&str; 4] = ["changes", "rankings", "attribution", "moves"];

/// The table CSV writes unless `--table` names another (the document's first).
pub const DEFAULT_TABLE: &str = "changes";

/// A value of a change as a cell: a weight as a weight (a share; JSON has it in full), a
/// number as a number with the decimals it is written with, no value as an empty cell, and
/// anything else (a level name, a scale, a criterion) as its text.
fn value_cell(kind: &str, v: &Value) -> Cell {
    match v {
        Value::Null => Cell::Empty,
        Value::Number(n) => match n.as_f64() {
            Some(w) if kind == "weight" => Cell::Weight(w),
            Some(x) => {
                let text = x.to_string();
                let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
                Cell::num(x, decimals)
            }
            None => Cell::Text(n.to_string()),
        },
        Value::String(s) => Cell::Text(s.clone()),
        other => Cell::Text(other.to_string()),
    }
}

fn name<'a>(a: &'a Model, b: &'a Model, id: &'a str) -> &'a str {
    if a.alternatives.iter().any(|x| x.id == id) {
        a.alternative_name(id)
    } else {
        b.alternative_name(id)
    }
}

/// "Maintain the status quo 3 → 2, …", or "no rank changes".
pub fn moves_text(moves: &[Move], a: &Model, b: &Model) -> String {
    if moves.is_empty() {
        return "no rank changes".into();
    }
    let rank = |r: Option<usize>| r.map_or_else(|| "-".to_string(), |r| r.to_string());
    moves
        .iter()
        .map(|m| format!("{} {} → {}", name(a, b, &m.id), rank(m.from), rank(m.to)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One table by name.
pub fn table(d: &Diff, a: &Model, b: &Model, which: &str) -> Option<Table> {
    match which {
        "changes" => {
            let mut t = Table::new(
                "changes",
                [
                    Column::keyed("#", "change"),
                    Column::new("Kind"),
                    Column::new("Path"),
                    Column::new("Before"),
                    Column::new("After"),
                ],
            )
            .captioned("Changes");
            for (k, c) in d.changes.iter().enumerate() {
                t.push(vec![
                    Cell::Count(k + 1),
                    Cell::from(c.kind),
                    Cell::from(c.path.as_str()),
                    value_cell(c.kind, &c.before),
                    value_cell(c.kind, &c.after),
                ]);
            }
            Some(t)
        }
        "rankings" => {
            let mut t = Table::with_headers("rankings", ["Alternative", "Rank in A", "Rank in B"])
                .captioned("Rankings");
            let mut ids: Vec<&String> = d.rankings.a.iter().collect();
            ids.extend(d.rankings.b.iter().filter(|id| !d.rankings.a.contains(id)));
            let rank = |side: &str, id: &str| match d.ranks[side].get(id) {
                Some(&r) => Cell::Rank(r),
                None => Cell::Empty,
            };
            for id in ids {
                t.push(vec![
                    Cell::entity(id, name(a, b, id)),
                    rank("a", id),
                    rank("b", id),
                ]);
            }
            Some(t)
        }
        "attribution" => {
            let mut t = Table::new(
                "attribution",
                [
                    Column::keyed("#", "change"),
                    Column::keyed("Change", "path"),
                    Column::keyed("Alone, it moves", "moves"),
                ],
            )
            .captioned("Each change applied alone to A");
            for at in &d.attribution {
                let what = if at.applied {
                    moves_text(&at.moves, a, b)
                } else {
                    format!("not applied: {}", at.reason.as_deref().unwrap_or(""))
                };
                t.push(vec![
                    Cell::Count(at.change + 1),
                    Cell::from(at.path.as_str()),
                    Cell::from(what),
                ]);
            }
            Some(t)
        }
        "moves" => {
            let mut t = Table::new(
                "moves",
                [
                    Column::keyed("#", "change"),
                    Column::keyed("Change", "path"),
                    Column::new("Alternative"),
                    Column::keyed("Rank in A", "from"),
                    Column::keyed("Rank with the change alone", "to"),
                ],
            )
            .captioned("Each change applied alone to A, one row per alternative it moves");
            t.hidden = true;
            let rank = |r: Option<usize>| r.map_or(Cell::Empty, Cell::Rank);
            for at in d.attribution.iter().filter(|at| at.applied) {
                for m in &at.moves {
                    t.push(vec![
                        Cell::Count(at.change + 1),
                        Cell::from(at.path.as_str()),
                        Cell::entity(&m.id, name(a, b, &m.id)),
                        rank(m.from),
                        rank(m.to),
                    ]);
                }
            }
            Some(t)
        }
        _ => None,
    }
}

/// The document: context, the three tables, and what interacts.
pub fn doc(d: &Diff, a: &Model, b: &Model) -> Doc {
    // Alternatives that share a rank are joined by `=`: a tie is not an order.
    let names = |side: &str, ids: &[String]| {
        let ranks = &d.ranks[side];
        let tied: Vec<bool> = ids
            .iter()
            .enumerate()
            .map(|(k, id)| k > 0 && ranks.get(id) == ranks.get(&ids[k - 1]))
            .collect();
        let shown: Vec<String> = ids.iter().map(|id| name(a, b, id).to_string()).collect();
        crate::present::doc::ranking_text(&shown, &tied, shown.len())
    };
    let lines = vec![
        format!("A: {}", a.title),
        format!("B: {}", b.title),
        crate::present::lines::method(d.method, d.normalization),
        format!("Ranking in A: {}", names("a", &d.rankings.a)),
        format!("Ranking in B: {}", names("b", &d.rankings.b)),
    ];
    let mut notes = Vec::new();
    if d.changes.is_empty() {
        notes.push(
            "The two models have the same criteria, weights, scales, alternatives and scores."
                .into(),
        );
    } else {
        notes.push(format!(
            "All changes together (B against A): {}.",
            moves_text(&d.joint, a, b)
        ));
        if d.additive {
            notes.push("The single effects add up to the whole difference.".into());
        } else {
            let who: Vec<&str> = d.non_additive.iter().map(|id| name(a, b, id)).collect();
            notes.push(format!(
                "The single effects do not add up to the whole difference for {}: some changes act only together.",
                who.join(", ")
            ));
        }
        for i in &d.interactions {
            let who: Vec<&str> = i.alternatives.iter().map(|id| name(a, b, id)).collect();
            notes.push(format!(
                "Changes {} and {} interact: together they move {} differently from the sum of their single effects.",
                i.changes[0] + 1,
                i.changes[1] + 1,
                who.join(", ")
            ));
        }
        if !d.pairs_examined {
            notes.push(format!(
                "Pairs of changes were not tested for interaction: there are more than {} changes.",
                crate::diff::MAX_PAIRWISE
            ));
        }
        notes.push("Weights are compared as normalised shares; a weight change applied alone sets that criterion's share as in B, the others keeping their proportions. Scores on a scale are compared by level name, so re-valuing a scale is one change.".into());
    }
    Doc {
        heading: format!("{} — what changed from A to B", a.title),
        lines,
        tables: TABLES.iter().filter_map(|t| table(d, a, b, t)).collect(),
        notes,
    }
}

/// The report's section.
pub fn present(d: &Diff, a: &Model, b: &Model) -> Doc {
    doc(d, a, b)
}
