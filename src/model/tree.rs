//! The value tree: `[[groups]]` gather criteria (or other groups) under a parent, weights are
//! given relative to the siblings within each parent, and a criterion's weight is the product of
//! the weights down its path. The engine never sees the tree: the model hands it the leaves'
//! product weights, so every method and analysis works unchanged.
//!
//! Rules, each refused with a message at the offending key:
//! - a `parent` names a group (`[[groups]]` with that `id`);
//! - no group is its own ancestor (no cycle);
//! - every group has children;
//! - once there are groups, every criterion has a `parent`, and a group holds either criteria
//!   or groups, not both (its weights are then of one kind: a swing between criteria, or a
//!   share between themes);
//! - within one parent, either every child has a `weight` or none has (equal shares), weights
//!   are finite and ≥ 0, and at least one is positive.

use std::collections::HashMap;

use serde::Serialize;
use toml::Spanned;

use super::common::{Source, check_id, check_number};
pub use super::error::tree::TreeProblem;
use super::error::{ModelError, Problem, Quantity};
use super::raw::{RawCriterion, RawGroup};
use super::text;
use crate::weights::Weights;

/// A group of the value tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// The parent group (an index into [`Tree::groups`]); `None` at the top.
    #[serde(skip)]
    pub parent: Option<usize>,
    /// Its weight within its parent: the shares of siblings sum to 1.
    pub local: f64,
}

/// The value tree of a model with `[[groups]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    /// The groups, in the file's order.
    pub groups: Vec<Group>,
    /// Each criterion's group (an index into `groups`).
    pub parent: Vec<usize>,
    /// Each criterion's weight within its group: siblings sum to 1.
    pub local: Vec<f64>,
}

/// A node of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    Group(usize),
    Criterion(usize),
}

impl Tree {
    /// The groups directly under `parent` (`None`: the top), in the file's order.
    pub fn subgroups(&self, parent: Option<usize>) -> impl Iterator<Item = usize> + '_ {
        (0..self.groups.len()).filter(move |&g| self.groups[g].parent == parent)
    }

    /// The criteria directly under group `g`, in the model's order.
    pub fn criteria_of(&self, g: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.parent.len()).filter(move |&j| self.parent[j] == g)
    }

    /// Whether group `a` is `g` or one of its ancestors.
    pub fn contains(&self, a: usize, g: usize) -> bool {
        let mut cur = Some(g);
        while let Some(c) = cur {
            if c == a {
                return true;
            }
            cur = self.groups[c].parent;
        }
        false
    }

    /// The criteria anywhere below group `g`, in the model's order.
    pub fn leaves(&self, g: usize) -> Vec<usize> {
        (0..self.parent.len())
            .filter(|&j| self.contains(g, self.parent[j]))
            .collect()
    }

    /// The criteria below `parent` (`None`: every criterion).
    pub fn leaves_of(&self, parent: Option<usize>) -> Vec<usize> {
        match parent {
            Some(p) => self.leaves(p),
            None => (0..self.parent.len()).collect(),
        }
    }

    /// The depth of group `g`: 0 at the top.
    pub fn depth(&self, g: usize) -> usize {
        let mut d = 0;
        let mut cur = self.groups[g].parent;
        while let Some(c) = cur {
            d += 1;
            cur = self.groups[c].parent;
        }
        d
    }

    /// The product of the weights from the top down to group `g`, inclusive.
    pub fn product(&self, g: usize) -> f64 {
        let mut w = 1.0;
        let mut cur = Some(g);
        while let Some(c) = cur {
            w *= self.groups[c].local;
            cur = self.groups[c].parent;
        }
        w
    }

    /// Every node with its depth, top down, each group followed by what it holds (groups and
    /// criteria in the file's order).
    pub fn rows(&self) -> Vec<(usize, Node)> {
        let mut out = Vec::with_capacity(self.groups.len() + self.parent.len());
        for g in self.subgroups(None) {
            self.walk(g, 0, &mut out);
        }
        out
    }

    fn walk(&self, g: usize, depth: usize, out: &mut Vec<(usize, Node)>) {
        out.push((depth, Node::Group(g)));
        for s in self.subgroups(Some(g)) {
            self.walk(s, depth + 1, out);
        }
        for j in self.criteria_of(g) {
            out.push((depth + 1, Node::Criterion(j)));
        }
    }

    /// The share of group `g` within its parent under leaf weights `w`: the weight below `g`
    /// over the weight below its parent; `None` when the parent holds no weight.
    pub fn share(&self, g: usize, w: &[f64]) -> Option<f64> {
        let below = |leaves: &[usize]| leaves.iter().map(|&j| w[j]).sum::<f64>();
        let parent = below(&self.leaves_of(self.groups[g].parent));
        (parent > 0.0).then(|| below(&self.leaves(g)) / parent)
    }

    /// The tree as data: every group and criterion with its parent and weights.
    pub fn nodes(&self, criteria: &[super::Criterion], w: &[f64]) -> Vec<TreeNode> {
        self.rows()
            .into_iter()
            .map(|(depth, node)| match node {
                Node::Group(g) => {
                    let below = self.leaves(g).iter().map(|&j| w[j]).sum();
                    TreeNode {
                        kind: "group",
                        id: self.groups[g].id.clone(),
                        name: self.groups[g].name.clone(),
                        parent: self.groups[g].parent.map(|p| self.groups[p].id.clone()),
                        depth,
                        weight_in_parent: self.groups[g].local,
                        weight: below,
                    }
                }
                Node::Criterion(j) => TreeNode {
                    kind: "criterion",
                    id: criteria[j].id.clone(),
                    name: criteria[j].name.clone(),
                    parent: Some(self.groups[self.parent[j]].id.clone()),
                    depth,
                    weight_in_parent: self.local[j],
                    weight: w[j],
                },
            })
            .collect()
    }
}

/// One node of the tree, as JSON shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TreeNode {
    /// "group" or "criterion".
    pub kind: &'static str,
    pub id: String,
    pub name: String,
    /// The parent group's id; `null` at the top.
    pub parent: Option<String>,
    /// 0 at the top.
    pub depth: usize,
    /// The weight given within the parent, normalised over the siblings.
    pub weight_in_parent: f64,
    /// The share of the whole: the criterion's weight, or the sum of a group's criteria.
    pub weight: f64,
}

/// One child within a parent, for the weight checks.
struct Child<'a> {
    kind: &'static str,
    id: &'a Spanned<String>,
    weight: Option<&'a Spanned<f64>>,
}

/// Validates the tree and computes the criteria's product weights; `None` without groups.
pub(crate) fn build(
    src: &Source<'_>,
    groups: &[Spanned<RawGroup>],
    criteria: &[Spanned<RawCriterion>],
) -> Result<Option<(Tree, Weights)>, ModelError> {
    let err = |span, p: TreeProblem| src.error(span, Problem::Tree(p));
    let known: Vec<String> = groups
        .iter()
        .map(|g| g.get_ref().id.get_ref().clone())
        .collect();
    if groups.is_empty() {
        if let Some(p) = criteria.iter().find_map(|c| c.get_ref().parent.as_ref()) {
            let found = p.get_ref().clone();
            return Err(err(p.span(), TreeProblem::UnknownParent { found, known }));
        }
        return Ok(None);
    }
    let mut seen = HashMap::new();
    for g in groups {
        let id = &g.get_ref().id;
        check_id(src, id, "group", &mut seen)?;
        if criteria
            .iter()
            .any(|c| c.get_ref().id.get_ref() == id.get_ref())
        {
            let id_s = id.get_ref().clone();
            return Err(err(id.span(), TreeProblem::SameId { id: id_s }));
        }
    }
    let index = |p: &Spanned<String>| -> Result<usize, ModelError> {
        known.iter().position(|k| k == p.get_ref()).ok_or_else(|| {
            err(
                p.span(),
                TreeProblem::UnknownParent {
                    found: p.get_ref().clone(),
                    known: known.clone(),
                },
            )
        })
    };
    let mut parent_of = Vec::with_capacity(groups.len());
    for g in groups {
        parent_of.push(g.get_ref().parent.as_ref().map(index).transpose()?);
    }
    for (g, raw) in groups.iter().enumerate() {
        let mut path = vec![g];
        let mut cur = parent_of[g];
        while let Some(c) = cur {
            if c == g {
                path.push(g);
                let path = path.iter().map(|&k| known[k].clone()).collect();
                let span = raw.get_ref().parent.as_ref().map_or(0..0, Spanned::span);
                return Err(err(span, TreeProblem::Cycle { path }));
            }
            if path.contains(&c) {
                break; // a loop above `g` that does not pass through it: found at its groups
            }
            path.push(c);
            cur = parent_of[c];
        }
    }
    let mut leaf_parent = Vec::with_capacity(criteria.len());
    for c in criteria {
        let c = c.get_ref();
        match &c.parent {
            Some(p) => leaf_parent.push(index(p)?),
            None => {
                let example = (0..groups.len())
                    .find(|&g| !parent_of.contains(&Some(g)))
                    .map_or_else(|| known[0].clone(), |g| known[g].clone());
                return Err(err(
                    c.id.span(),
                    TreeProblem::NoParent {
                        criterion: c.id.get_ref().clone(),
                        example,
                    },
                ));
            }
        }
    }
    for (g, raw) in groups.iter().enumerate() {
        let sub = (0..groups.len()).find(|&s| parent_of[s] == Some(g));
        let leaf = (0..criteria.len()).find(|&j| leaf_parent[j] == g);
        match (sub, leaf) {
            (None, None) => {
                let group = known[g].clone();
                return Err(err(
                    raw.get_ref().id.span(),
                    TreeProblem::EmptyGroup { group },
                ));
            }
            (Some(s), Some(j)) => {
                let c = criteria[j].get_ref();
                let span = c.parent.as_ref().map_or(c.id.span(), Spanned::span);
                return Err(err(
                    span,
                    TreeProblem::Mixed {
                        group: known[g].clone(),
                        criterion: c.id.get_ref().clone(),
                        subgroup: known[s].clone(),
                    },
                ));
            }
            _ => {}
        }
    }
    // Weights within each parent: the top (None), then each group.
    let mut group_local = vec![0.0; groups.len()];
    let mut leaf_local = vec![0.0; criteria.len()];
    let parents = std::iter::once(None).chain((0..groups.len()).map(Some));
    for parent in parents {
        let sub: Vec<usize> = (0..groups.len())
            .filter(|&s| parent_of[s] == parent)
            .collect();
        let leaves: Vec<usize> = match parent {
            Some(p) => (0..criteria.len())
                .filter(|&j| leaf_parent[j] == p)
                .collect(),
            None => Vec::new(),
        };
        let children: Vec<Child<'_>> = sub
            .iter()
            .map(|&s| Child {
                kind: "group",
                id: &groups[s].get_ref().id,
                weight: groups[s].get_ref().weight.as_ref(),
            })
            .chain(leaves.iter().map(|&j| Child {
                kind: "criterion",
                id: &criteria[j].get_ref().id,
                weight: criteria[j].get_ref().weight.as_ref(),
            }))
            .collect();
        let shares = local_weights(src, &children, parent.map(|p| known[p].clone()))?;
        let targets = sub
            .iter()
            .map(|&s| (true, s))
            .chain(leaves.iter().map(|&j| (false, j)));
        for ((is_group, k), w) in targets.zip(shares) {
            if is_group {
                group_local[k] = w;
            } else {
                leaf_local[k] = w;
            }
        }
    }
    let tree = Tree {
        groups: groups
            .iter()
            .enumerate()
            .map(|(g, raw)| {
                let raw = raw.get_ref();
                Group {
                    id: known[g].clone(),
                    name: text::clean_opt(raw.name.clone()).unwrap_or_else(|| known[g].clone()),
                    description: text::clean_opt(raw.description.clone()),
                    parent: parent_of[g],
                    local: group_local[g],
                }
            })
            .collect(),
        parent: leaf_parent,
        local: leaf_local,
    };
    let products: Vec<f64> = (0..criteria.len())
        .map(|j| tree.local[j] * tree.product(tree.parent[j]))
        .collect();
    let weights = Weights::normalized(&products).map_err(|_| {
        let span = criteria[0].get_ref().id.span();
        src.error(span, Problem::AllWeightsZero)
    })?;
    Ok(Some((tree, weights)))
}

/// The normalised weights of the children of one parent: all given, or none (equal shares).
fn local_weights(
    src: &Source<'_>,
    children: &[Child<'_>],
    parent: Option<String>,
) -> Result<Vec<f64>, ModelError> {
    if children.is_empty() {
        return Ok(Vec::new());
    }
    let Some(with) = children.iter().find(|c| c.weight.is_some()) else {
        return Ok(vec![1.0 / children.len() as f64; children.len()]);
    };
    let mut raw = Vec::with_capacity(children.len());
    for c in children {
        let Some(w) = c.weight else {
            return Err(src.error(
                c.id.span(),
                Problem::Tree(TreeProblem::PartialWeights {
                    kind: c.kind,
                    id: c.id.get_ref().clone(),
                    with: with.id.get_ref().clone(),
                    parent,
                }),
            ));
        };
        raw.push(check_number(src, w, Quantity::Weight, || {
            format!("the weight of {} `{}`", c.kind, c.id.get_ref())
        })?);
    }
    Weights::normalized(&raw)
        .map(|w| w.as_slice().to_vec())
        .map_err(|_| {
            let span = with.weight.map_or(with.id.span(), Spanned::span);
            src.error(span, Problem::Tree(TreeProblem::ZeroWeights { parent }))
        })
}
