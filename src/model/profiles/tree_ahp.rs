//! `ahp = { "social/economic" = 3, "equity/safety" = 2, … }` in a model with a value tree:
//! multi-level AHP (Saaty 1980, ch. 2). Each key judges two siblings (two groups with the same
//! parent, or two criteria of the same group); every pair of siblings of every parent is
//! judged once, and a parent with one child needs none. Each parent's weights are the
//! principal eigenvector of its judgements; a criterion's weight is the product of the weights
//! down its path, as for the tree's own weights.

use std::ops::Range;

use toml::Spanned;

use super::Ctx;
pub use crate::model::error::tree_ahp::AhpTreeProblem;
use crate::model::error::{ModelError, Problem};
use crate::model::raw::SpannedMap;
use crate::model::{Node, Tree};
use crate::weights::ahp::{GroupAhp, ahp, matrix_from_judgements, parse_judgement, parse_pair};
use crate::weights::{Judgement, Origin, Weights};

/// A parent of the tree: `None` for the top.
type Parent = Option<usize>;

/// The children of a parent, in the file's order: groups, or criteria.
fn children(tree: &Tree, parent: Parent) -> Vec<Node> {
    let groups = tree.subgroups(parent).map(Node::Group);
    match parent {
        None => groups.collect(),
        Some(g) => groups
            .chain(tree.criteria_of(g).map(Node::Criterion))
            .collect(),
    }
}

fn parent_of(tree: &Tree, node: Node) -> Parent {
    match node {
        Node::Group(g) => tree.groups[g].parent,
        Node::Criterion(j) => Some(tree.parent[j]),
    }
}

/// The weights and consistency of an AHP profile on a value tree.
pub(crate) fn build(
    ctx: &Ctx<'_>,
    tree: &Tree,
    profile_span: Range<usize>,
    judgements: &Spanned<SpannedMap<toml::Value>>,
) -> Result<(Weights, Origin), ModelError> {
    let src = ctx.src;
    let err = |span: Range<usize>, p: AhpTreeProblem| src.error(span, Problem::AhpTree(p));
    let id = |node: Node| -> &str {
        match node {
            Node::Group(g) => &tree.groups[g].id,
            Node::Criterion(j) => &ctx.criteria[j].id,
        }
    };
    let parent_name = |p: Parent| match p {
        None => "the top of the tree".to_string(),
        Some(g) => format!("group `{}`", tree.groups[g].id),
    };
    let nodes: Vec<Node> = (0..tree.groups.len())
        .map(Node::Group)
        .chain((0..ctx.criteria.len()).map(Node::Criterion))
        .collect();
    let known: Vec<String> = nodes.iter().map(|&n| id(n).to_string()).collect();
    let lookup = |name: &str, span: Range<usize>| {
        nodes
            .iter()
            .copied()
            .find(|&n| id(n) == name)
            .ok_or_else(|| {
                err(
                    span,
                    AhpTreeProblem::Unknown {
                        found: name.to_string(),
                        known: known.clone(),
                    },
                )
            })
    };
    let parents: Vec<Parent> = std::iter::once(None)
        .chain((0..tree.groups.len()).map(Some))
        .collect();
    let kids: Vec<Vec<Node>> = parents.iter().map(|&p| children(tree, p)).collect();
    let slot = |p: Parent| parents.iter().position(|&q| q == p).unwrap_or(0);
    // Per parent: which pairs were given (by key), and the judgements.
    let mut given: Vec<Vec<Vec<Option<&str>>>> = kids
        .iter()
        .map(|k| vec![vec![None; k.len()]; k.len()])
        .collect();
    let mut lists: Vec<Vec<(usize, usize, f64)>> = vec![Vec::new(); parents.len()];
    for (key, v) in judgements.get_ref() {
        let span = key.span();
        let (a, b) = parse_pair(key.get_ref()).ok_or_else(|| {
            src.error(
                span.clone(),
                Problem::BadPair {
                    found: key.get_ref().clone(),
                },
            )
        })?;
        let (na, nb) = (lookup(a, span.clone())?, lookup(b, span.clone())?);
        if na == nb {
            return Err(src.error(
                span,
                Problem::SelfPair {
                    found: key.get_ref().clone(),
                    criterion: a.to_string(),
                },
            ));
        }
        let (pa, pb) = (parent_of(tree, na), parent_of(tree, nb));
        if pa != pb {
            let name = |p: Parent| match p {
                None => "the top".to_string(),
                Some(g) => tree.groups[g].id.clone(),
            };
            let (kinds, pa, pb) = match (na, nb) {
                (Node::Criterion(_), Node::Criterion(_)) => ("criteria", pa, pb),
                (Node::Group(_), Node::Group(_)) => ("groups", pa, pb),
                (Node::Group(_), Node::Criterion(_)) => ("a group and a criterion", pa, pb),
                (Node::Criterion(_), Node::Group(_)) => ("a group and a criterion", pb, pa),
            };
            return Err(err(
                span,
                AhpTreeProblem::NotSiblings {
                    pair: format!("{a}/{b}"),
                    kinds,
                    parents: (name(pa), name(pb)),
                },
            ));
        }
        let s = slot(pa);
        let pos = |n: Node| kids[s].iter().position(|&k| k == n).unwrap_or(0);
        let (i, j) = (pos(na), pos(nb));
        if let Some(first) = given[s][i][j] {
            return Err(src.error(
                span,
                Problem::PairTwice {
                    a: a.to_string(),
                    b: b.to_string(),
                    first: format!("{first:?}"),
                },
            ));
        }
        given[s][i][j] = Some(key.get_ref());
        given[s][j][i] = Some(key.get_ref());
        let x = parse_judgement(v.get_ref()).map_err(|e| {
            src.error(
                v.span(),
                Problem::BadJudgement {
                    problem: e.to_string(),
                },
            )
        })?;
        lists[s].push((i, j, x));
    }
    let missing_span = if judgements.get_ref().is_empty() {
        profile_span.clone()
    } else {
        judgements.span()
    };
    let mut group_local = vec![1.0; tree.groups.len()];
    let mut leaf_local = vec![1.0; ctx.criteria.len()];
    let mut consistency = Vec::new();
    for (s, &parent) in parents.iter().enumerate() {
        let n = kids[s].len();
        if n < 2 {
            continue;
        }
        if let Some((i, j)) = (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .find(|&(i, j)| given[s][i][j].is_none())
        {
            return Err(err(
                missing_span,
                AhpTreeProblem::Missing {
                    profile: ctx.profile.clone(),
                    a: id(kids[s][i]).to_string(),
                    b: id(kids[s][j]).to_string(),
                    parent: parent_name(parent),
                },
            ));
        }
        let result = ahp(&matrix_from_judgements(n, &lists[s])).map_err(|e| {
            src.error(
                profile_span.clone(),
                Problem::Ahp {
                    problem: format!("{}: {e}", parent_name(parent)),
                },
            )
        })?;
        for (&node, &w) in kids[s].iter().zip(&result.weights) {
            match node {
                Node::Group(g) => group_local[g] = w,
                Node::Criterion(j) => leaf_local[j] = w,
            }
        }
        consistency.push(GroupAhp {
            group: parent.map(|g| tree.groups[g].id.clone()),
            name: match parent {
                None => "the top".to_string(),
                Some(g) => format!("group {}", tree.groups[g].name),
            },
            children: kids[s].iter().map(|&k| id(k).to_string()).collect(),
            weights: result.weights.clone(),
            lambda_max: result.lambda_max,
            consistency_index: result.ci,
            consistency_ratio: result.cr,
            random_index: result.random_index,
            most_inconsistent: result
                .most_inconsistent
                .map(|(i, j, judged, implied)| Judgement {
                    a: id(kids[s][i]).to_string(),
                    b: id(kids[s][j]).to_string(),
                    judged,
                    implied,
                }),
        });
    }
    let products: Vec<f64> = (0..ctx.criteria.len())
        .map(|j| {
            let mut w = leaf_local[j];
            let mut cur = Some(tree.parent[j]);
            while let Some(g) = cur {
                w *= group_local[g];
                cur = tree.groups[g].parent;
            }
            w
        })
        .collect();
    let weights = Weights::normalized(&products)
        .map_err(|_| src.error(judgements.span(), Problem::AllWeightsZero))?;
    Ok((weights, Origin::AhpTree { consistency }))
}
