//! The value tree in documents: the tree itself (the model section, `check`), each group's
//! subtotal in `--explain`, and group-level stability.
//!
//! Depth is shown by a leading "· " per level, which survives every format (Markdown and HTML
//! collapse leading spaces); CSV also has a `depth` column.

use super::doc::{Cell, Column, Doc, Table, percent};
use crate::groups::GroupSubtotal;
use crate::model::{Model, Tree};
use crate::rank::Ranking;
use crate::sensitivity::groups::GroupStability;

/// A name indented to its depth.
fn indented(depth: usize, name: &str) -> String {
    format!("{}{name}", "· ".repeat(depth))
}

/// The depth of each group, by index.
fn depths(tree: &Tree) -> Vec<usize> {
    (0..tree.groups.len()).map(|g| tree.depth(g)).collect()
}

/// The tree as a table: every node, indented, with its weight within its parent and its share
/// of the whole under `weights`.
pub fn table(model: &Model, weights: &[f64]) -> Option<Table> {
    let tree = model.tree.as_ref()?;
    let mut t = Table::new(
        "tree",
        [
            Column::keyed("Node", "node"),
            Column::keyed("Id", "id"),
            Column::keyed("Kind", "kind"),
            Column::keyed("Depth", "depth"),
            Column::keyed("In parent", "weight_in_parent"),
            Column::keyed("Of the whole", "weight"),
        ],
    )
    .captioned("Value tree: weights within each parent, multiplied down");
    for n in tree.nodes(&model.criteria, weights) {
        t.push(vec![
            Cell::Text(indented(n.depth, &n.name)),
            Cell::Id(n.id),
            Cell::from(n.kind),
            Cell::Count(n.depth),
            Cell::Weight(n.weight_in_parent),
            Cell::Weight(n.weight),
        ]);
    }
    Some(t)
}

/// The tree as plain lines for `pmatrix check`: "Social 75% (of the whole 75%)", indented two
/// spaces a level.
pub fn lines(model: &Model) -> Vec<String> {
    let Some(tree) = &model.tree else {
        return Vec::new();
    };
    let mut out = vec!["Value tree (weight within the parent; of the whole):".to_string()];
    for n in tree.nodes(&model.criteria, model.weights.as_slice()) {
        out.push(format!(
            "  {}{} {}; {}",
            "  ".repeat(n.depth),
            n.name,
            percent(n.weight_in_parent),
            percent(n.weight)
        ));
    }
    out
}

/// `--explain`: each group's subtotal for the alternatives the breakdown shows.
pub fn subtotals_doc(model: &Model, ranking: &Ranking, groups: &[GroupSubtotal]) -> Option<Doc> {
    let tree = model.tree.as_ref()?;
    if ranking.method == crate::methods::Method::Topsis {
        return Some(Doc {
            notes: vec![
                "TOPSIS scores by distances to the ideal, which do not split by group: no group subtotals.".into(),
            ],
            ..Doc::default()
        });
    }
    let depth = depths(tree);
    let shown =
        &ranking.alternatives[..ranking.alternatives.len().min(super::explain::MAX_COLUMNS)];
    let mut columns = vec![
        Column::keyed("Group", "group"),
        Column::keyed("Id", "id"),
        Column::new("Weight"),
    ];
    columns.extend(
        shown
            .iter()
            .map(|a| Column::keyed(a.id.clone(), a.id.clone())),
    );
    let how = if ranking.method == crate::methods::Method::Wpm {
        "product of the group's factors"
    } else {
        "sum of the group's criteria"
    };
    let mut t = Table::new("groups", columns).captioned(format!("Group subtotals ({how})"));
    for g in groups {
        let k = tree.groups.iter().position(|x| x.id == g.id).unwrap_or(0);
        let mut row = vec![
            Cell::Text(indented(depth[k], &g.name)),
            Cell::Id(g.id.clone()),
            Cell::Weight(g.weight),
        ];
        row.extend(
            shown
                .iter()
                .map(|a| Cell::num(g.subtotals.get(&a.id).copied().unwrap_or(0.0), 4)),
        );
        t.push(row);
    }
    Some(Doc {
        tables: vec![t],
        ..Doc::default()
    })
}

/// `pmatrix stability`: the interval of each group's share that keeps the winner.
pub fn stability_table(model: &Model, groups: &[GroupStability]) -> Option<Table> {
    let tree = model.tree.as_ref()?;
    if groups.is_empty() {
        return None;
    }
    let depth = depths(tree);
    let mut t = Table::new(
        "groups",
        [
            Column::keyed("Group", "group"),
            Column::keyed("Id", "id"),
            Column::keyed("Share of parent", "weight"),
            Column::keyed("Winner stays", "winner"),
            Column::keyed("Winner below", "winner_below"),
            Column::keyed("Winner above", "winner_above"),
        ],
    )
    .captioned("Group shares that keep the winner (the group's siblings keep their proportions)");
    let who = |id: &Option<String>| id.as_ref().map_or(Cell::Empty, |i| Cell::Id(i.clone()));
    for g in groups {
        let k = tree.groups.iter().position(|x| x.id == g.id).unwrap_or(0);
        t.push(vec![
            Cell::Text(indented(depth[k], &g.name)),
            Cell::Id(g.id.clone()),
            Cell::Weight(g.weight),
            g.winner_interval
                .map_or(Cell::Empty, |[lo, hi]| Cell::Interval { lo, hi }),
            who(&g.winner_below),
            who(&g.winner_above),
        ]);
    }
    Some(t)
}
