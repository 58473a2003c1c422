//! Value-tree analyses over a ranking: each group's share of every alternative's score.
//!
//! A group's subtotal combines the per-criterion breakdown ([`crate::explain::Breakdown`]) of
//! the criteria below it the way the method combines them: a sum for WSM (the terms w·r), VIKOR
//! (the weighted regrets that sum to S) and PROMETHEE (the net flows that sum to φ), a product
//! for WPM (the factors r^w). TOPSIS scores by distances, which do not split by criterion, so
//! it has no subtotals.

use serde::Serialize;

use crate::explain::Breakdown;
use crate::methods::Method;
use crate::model::{Model, Node};

/// One group's subtotal for every alternative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSubtotal {
    pub id: String,
    pub name: String,
    /// The parent group's id; `null` at the top.
    pub parent: Option<String>,
    /// The sum of the weights of the criteria below the group.
    pub weight: f64,
    /// Keyed by alternative id, in the model's order.
    pub subtotals: indexmap::IndexMap<String, f64>,
}

/// The subtotals of every group, top down; empty without a tree, or under TOPSIS.
pub fn subtotals(
    model: &Model,
    weights: &[f64],
    method: Method,
    b: &Breakdown,
) -> Vec<GroupSubtotal> {
    let Some(tree) = &model.tree else {
        return Vec::new();
    };
    if method == Method::Topsis {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (_, node) in tree.rows() {
        let Node::Group(g) = node else { continue };
        let leaves = tree.leaves(g);
        let subtotals = model
            .alternatives
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let values = leaves.iter().map(|&j| b.values[(i, j)]);
                let v = if b.product {
                    values.product()
                } else {
                    values.sum()
                };
                (a.id.clone(), v)
            })
            .collect();
        out.push(GroupSubtotal {
            id: tree.groups[g].id.clone(),
            name: tree.groups[g].name.clone(),
            parent: tree.groups[g].parent.map(|p| tree.groups[p].id.clone()),
            weight: leaves.iter().map(|&j| weights[j]).sum(),
            subtotals,
        });
    }
    out
}
