//! `pmatrix diff A B`: what changed between two versions of a model, and which change moved
//! which alternative.
//!
//! The changes are found by id: criteria and alternatives added or removed, a criterion's
//! direction or scale (its levels and values, or its numeric range), its weight, and every
//! score of an alternative and criterion both versions have. Each change is then applied alone
//! to A (a model built in memory) and A is ranked again: the alternatives whose rank moves are
//! the change's effect. Changes interact when the sum of their single effects differs from the
//! effect of all of them together (B against A); the pairs of changes that interact are named.

mod apply;
mod changes;

use indexmap::IndexMap;
use serde::Serialize;

use crate::methods::{Method, Options};
use crate::model::Model;
use crate::normalize::{Normalization, NormalizeError};
use crate::ranking;

pub use changes::{Change, Op};

/// An alternative whose rank differs: `from` in A (or `None`: not in A), `to` after the
/// change (or `None`: removed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    pub id: String,
    pub from: Option<usize>,
    pub to: Option<usize>,
}

/// The effect of one change applied alone to A.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribution {
    /// The index of the change in `changes`.
    pub change: usize,
    pub path: String,
    /// Whether the change could be applied alone.
    pub applied: bool,
    /// Why not, when it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub moves: Vec<Move>,
}

/// Two changes whose joint effect is not the sum of their single effects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interaction {
    pub changes: [usize; 2],
    /// The alternatives (in both A and B) whose shift differs.
    pub alternatives: Vec<String>,
}

/// A's and B's rankings, ids best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rankings {
    pub a: Vec<String>,
    pub b: Vec<String>,
}

/// The result of `pmatrix diff`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub method: Method,
    pub normalization: Option<Normalization>,
    pub changes: Vec<Change>,
    pub rankings: Rankings,
    /// Competition ranks by id.
    pub ranks: IndexMap<&'static str, IndexMap<String, usize>>,
    pub attribution: Vec<Attribution>,
    /// B against A: every alternative whose rank differs.
    pub joint: Vec<Move>,
    /// Whether the single effects add up to the joint one, for every alternative in both.
    pub additive: bool,
    /// Alternatives whose joint shift is not the sum of the single shifts.
    pub non_additive: Vec<String>,
    pub interactions: Vec<Interaction>,
    /// Whether pairs were examined (they are when there are at most
    /// [`MAX_PAIRWISE`] applicable changes).
    pub pairs_examined: bool,
}

/// Pairs of changes are tested for interaction only up to this many changes.
pub const MAX_PAIRWISE: usize = 30;

/// Ranks by id under `opts`.
fn ranks(
    model: &Model,
    opts: &Options,
) -> Result<(Vec<String>, IndexMap<String, usize>), NormalizeError> {
    let ev = crate::rank::evaluate(model, &model.weights, opts)?;
    let r = ranking::ranks(&ev.scores, ev.order);
    let order = ranking::order_best_first(&ev.scores, ev.order);
    let ids = order
        .iter()
        .map(|&i| model.alternatives[i].id.clone())
        .collect();
    let map = model
        .alternatives
        .iter()
        .zip(&r)
        .map(|(a, &k)| (a.id.clone(), k))
        .collect();
    Ok((ids, map))
}

fn moves(before: &IndexMap<String, usize>, after: &IndexMap<String, usize>) -> Vec<Move> {
    let mut out: Vec<Move> = before
        .iter()
        .filter(|(id, r)| after.get(*id) != Some(r))
        .map(|(id, &r)| Move {
            id: id.clone(),
            from: Some(r),
            to: after.get(id).copied(),
        })
        .collect();
    out.extend(
        after
            .iter()
            .filter(|(id, _)| !before.contains_key(*id))
            .map(|(id, &r)| Move {
                id: id.clone(),
                from: None,
                to: Some(r),
            }),
    );
    out
}

/// Rank shift (after − before) of the alternatives in `before` that are still ranked.
fn shifts(
    before: &IndexMap<String, usize>,
    after: &IndexMap<String, usize>,
) -> IndexMap<String, i64> {
    before
        .iter()
        .filter_map(|(id, &r)| after.get(id).map(|&t| (id.clone(), t as i64 - r as i64)))
        .collect()
}

/// Why two models cannot be compared: a normalisation cannot take the data of one of them
/// (its indices are that version's).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DiffError {
    #[error("A: {0}")]
    A(NormalizeError),
    #[error("B: {0}")]
    B(NormalizeError),
}

/// Compares two models under one method.
pub fn diff(a: &Model, b: &Model, opts: &Options) -> Result<Diff, DiffError> {
    let changes = changes::find(a, b);
    let (rank_a_ids, rank_a) = ranks(a, opts).map_err(DiffError::A)?;
    let (rank_b_ids, rank_b) = ranks(b, opts).map_err(DiffError::B)?;
    let ev = crate::rank::evaluate(a, &a.weights, opts).map_err(DiffError::A)?;
    let mut attribution = Vec::new();
    let mut single: Vec<Option<IndexMap<String, usize>>> = Vec::new();
    for (k, c) in changes.iter().enumerate() {
        let result = apply::apply(a, b, &[&c.op]).and_then(|m| {
            ranks(&m, opts).map_err(|e| format!("cannot be ranked alone: {}", e.requirement))
        });
        match result {
            Ok((_, r)) => {
                attribution.push(Attribution {
                    change: k,
                    path: c.path.clone(),
                    applied: true,
                    reason: None,
                    moves: moves(&rank_a, &r),
                });
                single.push(Some(r));
            }
            Err(reason) => {
                attribution.push(Attribution {
                    change: k,
                    path: c.path.clone(),
                    applied: false,
                    reason: Some(reason),
                    moves: Vec::new(),
                });
                single.push(None);
            }
        }
    }
    let joint_shift = shifts(&rank_a, &rank_b);
    let mut sum: IndexMap<String, i64> = joint_shift.keys().map(|k| (k.clone(), 0)).collect();
    for r in single.iter().flatten() {
        for (id, s) in shifts(&rank_a, r) {
            if let Some(x) = sum.get_mut(&id) {
                *x += s;
            }
        }
    }
    let non_additive: Vec<String> = joint_shift
        .iter()
        .filter(|(id, s)| sum.get(*id) != Some(s))
        .map(|(id, _)| id.clone())
        .collect();
    let applicable: Vec<usize> = (0..changes.len())
        .filter(|&k| single[k].is_some())
        .collect();
    let pairs_examined = applicable.len() <= MAX_PAIRWISE;
    let mut interactions = Vec::new();
    if pairs_examined {
        for (x, &i) in applicable.iter().enumerate() {
            for &j in &applicable[x + 1..] {
                let Ok(m) = apply::apply(a, b, &[&changes[i].op, &changes[j].op]) else {
                    continue;
                };
                let Ok((_, both)) = ranks(&m, opts) else {
                    continue;
                };
                let (si, sj) = (
                    shifts(&rank_a, single[i].as_ref().expect("applicable")),
                    shifts(&rank_a, single[j].as_ref().expect("applicable")),
                );
                let differ: Vec<String> = shifts(&rank_a, &both)
                    .iter()
                    .filter(|(id, s)| {
                        si.get(*id).copied().unwrap_or(0) + sj.get(*id).copied().unwrap_or(0) != **s
                    })
                    .map(|(id, _)| id.clone())
                    .collect();
                if !differ.is_empty() {
                    interactions.push(Interaction {
                        changes: [i, j],
                        alternatives: differ,
                    });
                }
            }
        }
    }
    let mut rank_maps = IndexMap::new();
    rank_maps.insert("a", rank_a.clone());
    rank_maps.insert("b", rank_b.clone());
    Ok(Diff {
        method: ev.method,
        normalization: ev.normalization,
        changes,
        rankings: Rankings {
            a: rank_a_ids,
            b: rank_b_ids,
        },
        ranks: rank_maps,
        attribution,
        joint: moves(&rank_a, &rank_b),
        additive: non_additive.is_empty(),
        non_additive,
        interactions,
        pairs_examined,
    })
}
