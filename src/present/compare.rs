//! `--method all` and `--profile all`: several rankings side by side. Up to
//! [`FULL_LIMIT`] columns, the full table of ranks and scores and the correlations; more, a
//! compact summary per alternative (how many columns put it first, its best, median and worst
//! rank) unless the full table is asked for.

use indexmap::IndexMap;

use super::doc::{Cell, Column as Col, Doc, Table, percent};
use super::lines;
use crate::compare::{Compared, Comparison};
use crate::model::Model;

/// The most columns shown side by side by default.
pub const FULL_LIMIT: usize = 8;

/// The conclusion in a sentence or two; a tie for first is said as a tie.
pub fn summary(c: &Comparison, model: &Model) -> String {
    let what = match c.compared {
        Compared::Methods => "method",
        Compared::Profiles => "weight set",
    };
    let first = |ids: &[String]| {
        let names: Vec<&str> = ids.iter().map(|id| model.alternative_name(id)).collect();
        if names.len() == 1 {
            names[0].to_string()
        } else if names.len() == model.alternatives.len() {
            format!("no alternative (all {} tie)", lines::count(names.len()))
        } else {
            format!("{} (tied)", lines::and(&names))
        }
    };
    let mut groups: IndexMap<&[String], Vec<&str>> = IndexMap::new();
    for col in &c.columns {
        groups
            .entry(col.tied_first.as_slice())
            .or_default()
            .push(col.label.as_str());
    }
    let mut s = if groups.len() == 1 {
        let ids = c.columns.first().map_or(&[][..], |col| &col.tied_first[..]);
        format!("Every {what} puts {} first.", first(ids))
    } else {
        let parts: Vec<String> = groups
            .iter()
            .map(|(ids, labels)| {
                format!(
                    "{} {} {}",
                    shorten(labels),
                    if labels.len() == 1 { "puts" } else { "put" },
                    first(ids)
                )
            })
            .collect();
        format!(
            "The {what}s disagree on what comes first: {}.",
            parts.join("; ")
        )
    };
    if let Some(voters) = &c.voters {
        let mut order: Vec<usize> = (0..c.alternatives.len()).collect();
        order.sort_by_key(|&i| (c.alternatives[i].consensus_rank, i));
        // Alternatives that share a consensus rank are joined by `=`, not ordered by `>`.
        let mut chain = String::new();
        for (k, &i) in order.iter().enumerate() {
            if k > 0 {
                let tied =
                    c.alternatives[i].consensus_rank == c.alternatives[order[k - 1]].consensus_rank;
                chain.push_str(if tied { " = " } else { " > " });
            }
            chain.push_str(&c.alternatives[i].name);
        }
        if !order.is_empty() && c.alternatives[order[0]].consensus_rank.is_some() {
            s.push_str(&format!(
                " Consensus of the {} profiles (Borda count: an alternative ranked r of n by a profile earns n − r points; the model's own weights do not vote): {chain}.",
                voters.len(),
            ));
        }
    }
    s
}

/// "a, b, c" or, for many labels, "a, b, c and 12 more".
fn shorten(labels: &[&str]) -> String {
    if labels.len() <= 6 {
        labels.join(", ")
    } else {
        format!("{} and {} more", labels[..5].join(", "), labels.len() - 5)
    }
}

/// The comparison as a document. `full` shows every column side by side even when there are
/// more than [`FULL_LIMIT`].
pub fn doc(c: &Comparison, model: &Model, full: bool) -> Doc {
    let mut context = Vec::new();
    match c.compared {
        Compared::Methods => {
            if let Some(col) = c.columns.first() {
                let w: Vec<f64> = col.weights.values().copied().collect();
                context.push(lines::weights(model, &w, None));
            }
            let norms: Vec<String> = c
                .columns
                .iter()
                .map(|col| {
                    format!(
                        "{} {}",
                        col.label,
                        col.normalization
                            .map_or("raw values".to_string(), |n| n.to_string())
                    )
                })
                .collect();
            context.push(format!("Normalisation: {}", norms.join(", ")));
            context.push("Scores: higher is better except VIKOR's Q (lower is better).".into());
        }
        Compared::Profiles => {
            if let Some(col) = c.columns.first() {
                context.push(lines::method(col.method, col.normalization));
            }
            if c.columns.len() <= FULL_LIMIT || full {
                for col in &c.columns {
                    let parts: Vec<String> = model
                        .criteria
                        .iter()
                        .map(|cr| format!("{} {}", cr.id, percent(col.weights[&cr.id])))
                        .collect();
                    context.push(format!("  {}: {}", col.label, parts.join(", ")));
                }
            } else {
                context.push(format!(
                    "{} weight sets: the model's own (default) and {} profiles; --format json lists their weights.",
                    c.columns.len(),
                    c.columns.len() - 1
                ));
            }
            context.extend(
                model
                    .profiles
                    .iter()
                    .flat_map(crate::weights::profile_notes),
            );
        }
    }
    let summarised = c.columns.len() > FULL_LIMIT && !full;
    let mut tables = vec![matrix(c), correlations(c), compact(c)];
    if summarised {
        // The summary is what a reader sees; the full tables stay available to --table.
        tables.rotate_right(1);
        tables[1].hidden = true;
        tables[2].hidden = true;
        context.push(mean_line(c));
    } else {
        tables[2].hidden = true;
    }
    if c.compared == Compared::Profiles {
        tables.extend(super::profiles::tables(model, &model.profiles));
    }
    let mut notes = lines::notes(model, &c.notes);
    notes.push(summary(c, model));
    if summarised {
        notes.push(format!(
            "{} rankings are summarised; --full shows each one side by side.",
            c.columns.len()
        ));
    }
    Doc {
        heading: c.title.clone(),
        lines: context,
        tables,
        notes,
    }
}

/// The alternatives in the order the tables list them: by consensus, else the first column.
fn order(c: &Comparison) -> Vec<usize> {
    let mut order: Vec<usize> = (0..c.alternatives.len()).collect();
    let key = |i: usize| {
        c.alternatives[i]
            .consensus_rank
            .unwrap_or(c.columns.first().map_or(0, |col| col.ranks[i]))
    };
    order.sort_by_key(|&i| (key(i), i));
    order
}

/// Every column's rank and score.
fn matrix(c: &Comparison) -> Table {
    let mut columns = vec![Col::keyed("Alternative", "alternative")];
    columns.extend(
        c.columns
            .iter()
            .map(|col| Col::keyed(&col.label, &col.label)),
    );
    if c.voters.is_some() {
        columns.push(Col::keyed("consensus", "consensus"));
        columns.push(Col::keyed("Borda points", "borda"));
    }
    let mut table = Table::new("rankings", columns).captioned("Rank (score)");
    for i in order(c) {
        let a = &c.alternatives[i];
        let mut row = vec![Cell::entity(&a.id, &a.name)];
        row.extend(a.results.values().map(|r| Cell::RankScore {
            rank: r.rank,
            score: r.score,
        }));
        if c.voters.is_some() {
            row.push(a.consensus_rank.map_or(Cell::Empty, Cell::Rank));
            row.push(a.borda.map_or(Cell::Empty, |p| Cell::num(p, 0)));
        }
        table.push(row);
    }
    table
}

/// Per alternative: how many columns put it first, its best, median and worst rank.
fn compact(c: &Comparison) -> Table {
    let what = match c.compared {
        Compared::Methods => "methods",
        Compared::Profiles => "weight sets",
    };
    let mut columns = vec![
        Col::keyed("Alternative", "alternative"),
        Col::keyed("First in", "first"),
        Col::keyed("Best", "best"),
        Col::keyed("Median", "median"),
        Col::keyed("Worst", "worst"),
    ];
    if c.voters.is_some() {
        columns.push(Col::keyed("Consensus", "consensus"));
    }
    let mut table = Table::new("summary", columns).captioned(format!(
        "Over {} {what}: how often first, and the best, median and worst rank",
        c.columns.len()
    ));
    for i in order(c) {
        let a = &c.alternatives[i];
        let mut row = vec![
            Cell::entity(&a.id, &a.name),
            Cell::Count(a.first),
            Cell::Rank(a.best),
            Cell::num(a.median, if a.median.fract() == 0.0 { 0 } else { 1 }),
            Cell::Rank(a.worst),
        ];
        if c.voters.is_some() {
            row.push(a.consensus_rank.map_or(Cell::Empty, Cell::Rank));
        }
        table.push(row);
    }
    table
}

/// "Mean rank correlation over 435 pairs: Spearman's rho 0.912, Kendall's tau-b 0.843."
fn mean_line(c: &Comparison) -> String {
    let show = |x: Option<f64>| x.map_or("n/a".to_string(), |v| format!("{v:.3}"));
    format!(
        "Mean rank correlation over {} pairs of rankings: Spearman's rho {}, Kendall's tau-b {}.",
        c.correlations.len(),
        show(c.mean_spearman),
        show(c.mean_kendall)
    )
}

/// The pairwise rank correlations.
fn correlations(c: &Comparison) -> Table {
    let mut t = Table::new(
        "correlations",
        [
            Col::keyed("A", "a"),
            Col::keyed("B", "b"),
            Col::keyed("Spearman rho", "spearman"),
            Col::keyed("Kendall tau-b", "kendall"),
        ],
    )
    .captioned("Rank correlations");
    let show = |x: Option<f64>| x.map_or(Cell::Text("n/a".into()), |v| Cell::num(v, 3));
    for k in &c.correlations {
        t.push(vec![
            Cell::Id(k.a.clone()),
            Cell::Id(k.b.clone()),
            show(k.spearman),
            show(k.kendall),
        ]);
    }
    t
}
