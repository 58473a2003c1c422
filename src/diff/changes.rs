//! Finding the changes between two models.

use serde::Serialize;
use serde_json::{Value, json};

use crate::model::{Criterion, Model};

/// How to apply a change to A (see [`super::apply`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    AddCriterion(String),
    RemoveCriterion(String),
    Direction(String),
    Scale(String),
    /// The criterion's weight in A's units (B's weight over the factor by which B rescaled the
    /// criteria whose weights did not change).
    Weight(String, f64),
    Score {
        alternative: String,
        criterion: String,
    },
    AddAlternative(String),
    RemoveAlternative(String),
    /// The default method: not applied (both models are ranked under one method).
    Method,
}

/// One difference between A and B.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// `criterion_added`, `criterion_removed`, `direction`, `scale`, `weight`, `score`,
    /// `alternative_added`, `alternative_removed` or `method`.
    pub kind: &'static str,
    /// Where: `criteria.ID`, `criteria.ID.weight`, `alternatives.ID.scores.CRITERION`, ...
    pub path: String,
    pub before: Value,
    pub after: Value,
    #[serde(skip)]
    pub op: Op,
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

/// A score as written: a level name, a number, or `[low, high]`.
pub fn score_value(m: &Model, i: usize, j: usize) -> Value {
    let c = &m.criteria[j];
    let one = |x: f64| match c.scale.as_ref().and_then(|s| s.level_of(x)) {
        Some(l) => json!(l),
        None => json!(x),
    };
    let (lo, hi) = (m.scores.lower()[(i, j)], m.scores.upper()[(i, j)]);
    if lo == hi {
        one(lo)
    } else {
        json!([one(lo), one(hi)])
    }
}

fn scale_value(c: &Criterion) -> Value {
    match (&c.scale, c.range) {
        (Some(s), _) => json!({"scale": s.name, "levels": s.levels, "values": s.values}),
        (None, Some((lo, hi))) => json!({"range": [lo, hi]}),
        (None, None) => Value::Null,
    }
}

fn same_scale(a: &Criterion, b: &Criterion) -> bool {
    match (&a.scale, &b.scale) {
        (Some(x), Some(y)) => {
            x.levels == y.levels
                && x.values.len() == y.values.len()
                && x.values.iter().zip(&y.values).all(|(p, q)| near(*p, *q))
        }
        (None, None) => match (a.range, b.range) {
            (Some(p), Some(q)) => near(p.0, q.0) && near(p.1, q.1),
            (None, None) => true,
            _ => false,
        },
        _ => false,
    }
}

/// Whether the score of alternative `i` of A and `k` of B on criteria `ja`, `jb` differ: by
/// level name when both criteria have scales (so a re-valued scale is one change, not one per
/// score), else by value.
fn score_differs(a: &Model, i: usize, ja: usize, b: &Model, k: usize, jb: usize) -> bool {
    let (ca, cb) = (&a.criteria[ja], &b.criteria[jb]);
    let ends = |m: &Model, r: usize, j: usize| (m.scores.lower()[(r, j)], m.scores.upper()[(r, j)]);
    let (pa, pb) = (ends(a, i, ja), ends(b, k, jb));
    match (&ca.scale, &cb.scale) {
        (Some(sa), Some(sb)) => {
            (sa.level_of(pa.0), sa.level_of(pa.1)) != (sb.level_of(pb.0), sb.level_of(pb.1))
        }
        _ => !(near(pa.0, pb.0) && near(pa.1, pb.1)),
    }
}

/// The criteria whose weights changed, with their weights in A's units. The criteria both
/// models have are compared by the ratio of B's weight to A's: the ratio most of them share
/// is the rescaling that B's normalisation made, and a criterion with another ratio changed.
fn weight_changes(a: &Model, b: &Model) -> Vec<(usize, usize, f64)> {
    let common: Vec<(usize, usize)> = a
        .criteria
        .iter()
        .enumerate()
        .filter_map(|(ja, c)| b.criterion_index(&c.id).map(|jb| (ja, jb)))
        .collect();
    let (wa, wb) = (a.weights.as_slice(), b.weights.as_slice());
    let ratios: Vec<f64> = common
        .iter()
        .filter(|&&(ja, _)| wa[ja] > 0.0)
        .map(|&(ja, jb)| wb[jb] / wa[ja])
        .collect();
    // The ratio shared by most criteria (the first such, on a tie); 1 when none is shared.
    let mut c = 1.0;
    let mut best = 1;
    for &r in &ratios {
        let count = ratios.iter().filter(|&&q| near(q, r)).count();
        if count > best {
            best = count;
            c = r;
        }
    }
    if best == 1 && ratios.len() > 1 {
        c = 1.0;
    }
    common
        .into_iter()
        .filter(|&(ja, jb)| !near(wa[ja] * c, wb[jb]))
        .map(|(ja, jb)| (ja, jb, wb[jb] / c))
        .collect()
}

/// Every change from A to B, in the order: method, criteria removed, added, directions,
/// scales, weights, alternatives removed, added, scores.
pub fn find(a: &Model, b: &Model) -> Vec<Change> {
    let mut out = Vec::new();
    if a.method != b.method {
        out.push(Change {
            kind: "method",
            path: "method".into(),
            before: json!(a.method),
            after: json!(b.method),
            op: Op::Method,
        });
    }
    for c in &a.criteria {
        if b.criterion_index(&c.id).is_none() {
            out.push(Change {
                kind: "criterion_removed",
                path: format!("criteria.{}", c.id),
                before: json!({"name": c.name, "direction": c.direction}),
                after: Value::Null,
                op: Op::RemoveCriterion(c.id.clone()),
            });
        }
    }
    for (jb, c) in b.criteria.iter().enumerate() {
        if a.criterion_index(&c.id).is_none() {
            out.push(Change {
                kind: "criterion_added",
                path: format!("criteria.{}", c.id),
                before: Value::Null,
                after: json!({"name": c.name, "direction": c.direction, "weight": b.weights.as_slice()[jb]}),
                op: Op::AddCriterion(c.id.clone()),
            });
        }
    }
    for ca in &a.criteria {
        let Some(jb) = b.criterion_index(&ca.id) else {
            continue;
        };
        let cb = &b.criteria[jb];
        if ca.direction != cb.direction {
            out.push(Change {
                kind: "direction",
                path: format!("criteria.{}.direction", ca.id),
                before: json!(ca.direction),
                after: json!(cb.direction),
                op: Op::Direction(ca.id.clone()),
            });
        }
        if !same_scale(ca, cb) {
            out.push(Change {
                kind: "scale",
                path: format!("criteria.{}.scale", ca.id),
                before: scale_value(ca),
                after: scale_value(cb),
                op: Op::Scale(ca.id.clone()),
            });
        }
    }
    for (ja, jb, target) in weight_changes(a, b) {
        let id = &a.criteria[ja].id;
        out.push(Change {
            kind: "weight",
            path: format!("criteria.{id}.weight"),
            before: json!(a.weights.as_slice()[ja]),
            after: json!(b.weights.as_slice()[jb]),
            op: Op::Weight(id.clone(), target),
        });
    }
    let alt_index = |m: &Model, id: &str| m.alternatives.iter().position(|x| x.id == id);
    for x in &a.alternatives {
        if alt_index(b, &x.id).is_none() {
            out.push(Change {
                kind: "alternative_removed",
                path: format!("alternatives.{}", x.id),
                before: json!({"name": x.name}),
                after: Value::Null,
                op: Op::RemoveAlternative(x.id.clone()),
            });
        }
    }
    for x in &b.alternatives {
        if alt_index(a, &x.id).is_none() {
            out.push(Change {
                kind: "alternative_added",
                path: format!("alternatives.{}", x.id),
                before: Value::Null,
                after: json!({"name": x.name}),
                op: Op::AddAlternative(x.id.clone()),
            });
        }
    }
    for (i, x) in a.alternatives.iter().enumerate() {
        let Some(k) = alt_index(b, &x.id) else {
            continue;
        };
        for (ja, c) in a.criteria.iter().enumerate() {
            let Some(jb) = b.criterion_index(&c.id) else {
                continue;
            };
            if score_differs(a, i, ja, b, k, jb) {
                out.push(Change {
                    kind: "score",
                    path: format!("alternatives.{}.scores.{}", x.id, c.id),
                    before: score_value(a, i, ja),
                    after: score_value(b, k, jb),
                    op: Op::Score {
                        alternative: x.id.clone(),
                        criterion: c.id.clone(),
                    },
                });
            }
        }
    }
    out
}
