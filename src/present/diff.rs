//! `pmatrix diff` as a document.

use serde_json::Value;

use crate::diff::{Diff, Move};
use crate::doc::{Cell, Doc, Table};
use crate::model::Model;

/// The names `--table` takes.
pub const TABLES: [&str; 3] = ["changes", "rankings", "attribution"];

/// The default table for CSV.
pub const DEFAULT_TABLE: &str = "changes";

fn value_text(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A value as the table shows it: weights as percentages (JSON has them in full).
fn shown(kind: &str, v: &Value) -> String {
    match (kind, v.as_f64()) {
        ("weight", Some(w)) => crate::doc::percent(w),
        _ => value_text(v),
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
            let mut t = Table::new(["#", "Kind", "Path", "Before", "After"]).captioned("Changes");
            for (k, c) in d.changes.iter().enumerate() {
                t.push(vec![
                    Cell::num((k + 1) as f64, 0),
                    Cell::from(c.kind),
                    Cell::from(c.path.as_str()),
                    Cell::from(shown(c.kind, &c.before)),
                    Cell::from(shown(c.kind, &c.after)),
                ]);
            }
            Some(t)
        }
        "rankings" => {
            let mut t =
                Table::new(["id", "Alternative", "Rank in A", "Rank in B"]).captioned("Rankings");
            let mut ids: Vec<&String> = d.rankings.a.iter().collect();
            ids.extend(d.rankings.b.iter().filter(|id| !d.rankings.a.contains(id)));
            let rank = |side: &str, id: &str| match d.ranks[side].get(id) {
                Some(&r) => Cell::num(r as f64, 0),
                None => Cell::from("-"),
            };
            for id in ids {
                t.push(vec![
                    Cell::from(id.as_str()),
                    Cell::from(name(a, b, id)),
                    rank("a", id),
                    rank("b", id),
                ]);
            }
            Some(t)
        }
        "attribution" => {
            let mut t = Table::new(["#", "Change", "Alone, it moves"])
                .captioned("Each change applied alone to A");
            for at in &d.attribution {
                let what = if at.applied {
                    moves_text(&at.moves, a, b)
                } else {
                    format!("not applied: {}", at.reason.as_deref().unwrap_or(""))
                };
                t.push(vec![
                    Cell::num((at.change + 1) as f64, 0),
                    Cell::from(at.path.as_str()),
                    Cell::from(what),
                ]);
            }
            Some(t)
        }
        _ => None,
    }
}

/// The document: context, the three tables, and what interacts.
pub fn doc(d: &Diff, a: &Model, b: &Model) -> Doc {
    let names = |ids: &[String]| {
        ids.iter()
            .map(|id| name(a, b, id))
            .collect::<Vec<_>>()
            .join(" > ")
    };
    let lines = vec![
        format!("A: {}", a.title),
        format!("B: {}", b.title),
        crate::rank::method_line(d.method, d.normalization),
        format!("Ranking in A: {}", names(&d.rankings.a)),
        format!("Ranking in B: {}", names(&d.rankings.b)),
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
