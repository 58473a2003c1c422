//! Group-level stability in a value tree: how far a group's share of its parent can move
//! before the winner changes.
//!
//! Group `g` under parent `P` holds the share `s = W_g / W_P` of the parent's weight (`W` the
//! sum of the criteria weights below a node; `W_P = 1` at the top). Moving the share to `t`,
//! the criteria below `g` scale by `t / s` and the parent's other criteria by `(1 − t)/(1 − s)`
//! (they keep their proportions), while every criterion outside `P` keeps its weight:
//!
//! `w_k(t) = W_P · t · w_k / W_g` below `g`, `W_P · (1 − t) · w_k / (W_P − W_g)` elsewhere
//! under `P`.
//!
//! The weights are affine in `t`, so under WSM every score is a line `a_i + b_i t` and the
//! interval is exact: its ends are where the winner's line crosses another's. Other methods are
//! searched on a grid of 1/200 from the current share and refined by bisection to 1e-9. When
//! the criteria below `g` (or the rest of `P`) hold no weight, the tree's own proportions
//! below them are used.

use serde::Serialize;

use super::{Engine, SensitivityError, WEIGHT_TOLERANCE, bisect, crossing};
use crate::methods::Options;
use crate::model::{Model, Node, Tree};
use crate::weights::Weights;

/// The interval of one group's share within its parent that keeps the winner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupStability {
    pub id: String,
    pub name: String,
    /// The parent group's id; `null` at the top of the tree.
    pub parent: Option<String>,
    /// The group's current share of its parent's weight.
    pub weight: f64,
    /// The shares for which the current winner stays first; `null` when the share cannot move
    /// (the group has no sibling, or its parent holds no weight).
    pub winner_interval: Option<[f64; 2]>,
    /// Who wins just below the interval, if the winner changes there.
    pub winner_below: Option<String>,
    /// Who wins just above the interval, if the winner changes there.
    pub winner_above: Option<String>,
}

/// The weights along the path of group `g`'s share: `w(t) = base + t · slope`.
struct Path {
    base: Vec<f64>,
    slope: Vec<f64>,
}

impl Path {
    fn at(&self, t: f64) -> Vec<f64> {
        self.base
            .iter()
            .zip(&self.slope)
            .map(|(b, s)| b + t * s)
            .collect()
    }
}

/// Proportions of `w` over `leaves`, or the tree's own (its product weights) when `w` holds
/// nothing there.
fn proportions(tree: &Tree, w: &[f64], leaves: &[usize]) -> Vec<f64> {
    let total: f64 = leaves.iter().map(|&j| w[j]).sum();
    if total > 0.0 {
        return leaves.iter().map(|&j| w[j] / total).collect();
    }
    let own: Vec<f64> = leaves
        .iter()
        .map(|&j| tree.local[j] * tree.product(tree.parent[j]))
        .collect();
    let total: f64 = own.iter().sum();
    if total > 0.0 {
        own.iter().map(|v| v / total).collect()
    } else {
        vec![1.0 / leaves.len() as f64; leaves.len()]
    }
}

/// The path of group `g`'s share, or `None` when it cannot move.
fn path(tree: &Tree, w: &[f64], g: usize) -> Option<(f64, Path)> {
    let parent = tree.groups[g].parent;
    if tree.subgroups(parent).count() < 2 {
        return None;
    }
    let share = tree.share(g, w)?;
    let all = tree.leaves_of(parent);
    let inside = tree.leaves(g);
    let outside: Vec<usize> = all
        .iter()
        .copied()
        .filter(|j| !inside.contains(j))
        .collect();
    let total: f64 = all.iter().map(|&j| w[j]).sum();
    let mut base = w.to_vec();
    let mut slope = vec![0.0; w.len()];
    for (&j, p) in inside.iter().zip(proportions(tree, w, &inside)) {
        base[j] = 0.0;
        slope[j] = total * p;
    }
    for (&j, p) in outside.iter().zip(proportions(tree, w, &outside)) {
        base[j] = total * p;
        slope[j] = -total * p;
    }
    Some((share, Path { base, slope }))
}

/// The group-level stability of every group of the model's tree, top down; empty without a
/// tree.
pub fn group_stability(
    model: &Model,
    weights: &Weights,
    opts: &Options,
) -> Result<Vec<GroupStability>, SensitivityError> {
    let Some(tree) = &model.tree else {
        return Ok(Vec::new());
    };
    let engine = Engine::new(model, opts)?;
    let w = weights.as_slice();
    let winner = engine.ranking(w)?[0];
    let id = |i: usize| model.alternatives[i].id.clone();
    let mut out = Vec::new();
    for (_, node) in tree.rows() {
        let Node::Group(g) = node else { continue };
        let group = &tree.groups[g];
        let (weight, interval, below, above) = match path(tree, w, g) {
            None => (tree.share(g, w).unwrap_or(0.0), None, None, None),
            Some((share, p)) => {
                let (lo, hi) = interval(&engine, &p, share, winner)?;
                (share, Some([lo.0, hi.0]), lo.1, hi.1)
            }
        };
        out.push(GroupStability {
            id: group.id.clone(),
            name: group.name.clone(),
            parent: group.parent.map(|p| tree.groups[p].id.clone()),
            weight,
            winner_interval: interval,
            winner_below: below.map(id),
            winner_above: above.map(id),
        });
    }
    Ok(out)
}

/// An interval end: the share, and who wins beyond it (`None` at 0 or 1 without a change).
type End = (f64, Option<usize>);

fn interval(
    engine: &Engine<'_>,
    p: &Path,
    t0: f64,
    winner: usize,
) -> Result<(End, End), SensitivityError> {
    if let Engine::Linear(_) = engine {
        let a = engine.scores(&p.at(0.0))?;
        let one = engine.scores(&p.at(1.0))?;
        let lines: Vec<(f64, f64)> = a.iter().zip(&one).map(|(&a, &b)| (a, b - a)).collect();
        let mut lo: End = (0.0, None);
        let mut hi: End = (1.0, None);
        for q in (0..lines.len()).filter(|&q| q != winner) {
            let slope = lines[winner].1 - lines[q].1;
            let Some(root) = crossing(lines[winner], lines[q]) else {
                continue;
            };
            if slope > 0.0 && root > lo.0 {
                lo = (root.min(t0), Some(q));
            } else if slope < 0.0 && root < hi.0 {
                hi = (root.max(t0), Some(q));
            }
        }
        return Ok((lo, hi));
    }
    let first = |t: f64| -> Result<usize, SensitivityError> { Ok(engine.ranking(&p.at(t))?[0]) };
    let mut ends = [(0.0, None), (1.0, None)];
    for (k, dir) in [-1.0f64, 1.0].into_iter().enumerate() {
        let limit = if dir < 0.0 { 0.0 } else { 1.0 };
        let mut good = t0;
        while good != limit {
            let next = (good + dir / 200.0).clamp(0.0, 1.0);
            if first(next)? != winner {
                let (inside, outside) = bisect(good, next, WEIGHT_TOLERANCE, |t| {
                    Ok::<bool, SensitivityError>(first(t)? == winner)
                })?;
                if (limit - inside).abs() > 2.0 * WEIGHT_TOLERANCE {
                    ends[k] = (inside, Some(first(outside)?));
                }
                break;
            }
            good = next;
        }
    }
    Ok((ends[0], ends[1]))
}
