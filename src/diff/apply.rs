//! Applying changes to A, in memory, to see what each one does alone.

use nalgebra::DMatrix;

use super::changes::Op;
use crate::model::{Alternative, Criterion, Model, Scores};
use crate::weights::Weights;

/// A's contents in a shape that is easy to change.
struct Work {
    criteria: Vec<Criterion>,
    weights: Vec<f64>,
    alternatives: Vec<Alternative>,
    /// Per alternative, per criterion: (lower, upper).
    rows: Vec<Vec<(f64, f64)>>,
}

/// A value of B's criterion `from` in the units of `to`: the same level's value when both have
/// scales, the number itself when neither has.
fn carry(v: f64, from: &Criterion, to: &Criterion) -> Result<f64, String> {
    match (&from.scale, &to.scale) {
        (Some(sf), Some(st)) => {
            let level = sf
                .level_of(v)
                .ok_or_else(|| format!("{v} is not a level of `{}`", from.id))?;
            st.value_of(level).ok_or_else(|| {
                format!(
                    "level \"{level}\" is not on the scale `{}` has in the other version",
                    to.id
                )
            })
        }
        (None, None) => Ok(v),
        _ => Err(format!(
            "`{}` is on a scale in one version and numeric in the other",
            to.id
        )),
    }
}

fn carry_pair(p: (f64, f64), from: &Criterion, to: &Criterion) -> Result<(f64, f64), String> {
    Ok((carry(p.0, from, to)?, carry(p.1, from, to)?))
}

fn b_score(b: &Model, alt: &str, jb: usize) -> Option<(f64, f64)> {
    let k = b.alternatives.iter().position(|x| x.id == alt)?;
    Some((b.scores.lower()[(k, jb)], b.scores.upper()[(k, jb)]))
}

impl Work {
    fn from(a: &Model) -> Work {
        let (lo, hi) = (a.scores.lower(), a.scores.upper());
        Work {
            criteria: a.criteria.clone(),
            weights: a.weights.as_slice().to_vec(),
            alternatives: a.alternatives.to_vec(),
            rows: (0..a.alternatives.len())
                .map(|i| {
                    (0..a.criteria.len())
                        .map(|j| (lo[(i, j)], hi[(i, j)]))
                        .collect()
                })
                .collect(),
        }
    }

    fn crit(&self, id: &str) -> Result<usize, String> {
        self.criteria
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| format!("criterion `{id}` is gone"))
    }

    fn alt(&self, id: &str) -> Result<usize, String> {
        self.alternatives
            .iter()
            .position(|x| x.id == id)
            .ok_or_else(|| format!("alternative `{id}` is gone"))
    }

    fn apply(&mut self, b: &Model, op: &Op) -> Result<(), String> {
        let in_b = |id: &str| {
            b.criterion_index(id)
                .ok_or_else(|| format!("criterion `{id}` is not in B"))
        };
        match op {
            Op::AddCriterion(id) => {
                let jb = in_b(id)?;
                let mut column = Vec::with_capacity(self.alternatives.len());
                for x in &self.alternatives {
                    column.push(b_score(b, &x.id, jb).ok_or_else(|| {
                        format!("`{}` has no score on `{id}`: it is not in B", x.id)
                    })?);
                }
                let wb = b.weights.as_slice()[jb];
                let total: f64 = self.weights.iter().sum();
                if total > 0.0 {
                    for w in &mut self.weights {
                        *w *= (1.0 - wb) / total;
                    }
                }
                self.weights.push(wb);
                self.criteria.push(b.criteria[jb].clone());
                for (row, s) in self.rows.iter_mut().zip(column) {
                    row.push(s);
                }
            }
            Op::RemoveCriterion(id) => {
                let j = self.crit(id)?;
                if self.criteria.len() == 1 {
                    return Err("it is the only criterion".into());
                }
                self.criteria.remove(j);
                self.weights.remove(j);
                for row in &mut self.rows {
                    row.remove(j);
                }
            }
            Op::Direction(id) => {
                let j = self.crit(id)?;
                self.criteria[j].direction = b.criteria[in_b(id)?].direction;
            }
            Op::Scale(id) => {
                let (j, jb) = (self.crit(id)?, in_b(id)?);
                let (old, new) = (self.criteria[j].clone(), b.criteria[jb].clone());
                for (x, row) in self.alternatives.iter().zip(&mut self.rows) {
                    row[j] = match carry_pair(row[j], &old, &new) {
                        Ok(p) => p,
                        Err(e) => b_score(b, &x.id, jb).ok_or(e)?,
                    };
                }
                self.criteria[j].scale = new.scale;
                self.criteria[j].range = new.range;
            }
            Op::Weight(id, target) => {
                let j = self.crit(id)?;
                self.weights[j] = *target;
            }
            Op::Score {
                alternative,
                criterion,
            } => {
                let (i, j, jb) = (
                    self.alt(alternative)?,
                    self.crit(criterion)?,
                    in_b(criterion)?,
                );
                let s = b_score(b, alternative, jb)
                    .ok_or_else(|| format!("`{alternative}` is not in B"))?;
                self.rows[i][j] = carry_pair(s, &b.criteria[jb], &self.criteria[j])?;
            }
            Op::AddAlternative(id) => {
                let k = b
                    .alternatives
                    .iter()
                    .position(|x| &x.id == id)
                    .ok_or_else(|| format!("`{id}` is not in B"))?;
                let mut row = Vec::with_capacity(self.criteria.len());
                for c in &self.criteria {
                    let jb = b.criterion_index(&c.id).ok_or_else(|| {
                        format!(
                            "B has no score for `{id}` on `{}`, which B does not have",
                            c.id
                        )
                    })?;
                    let s = (b.scores.lower()[(k, jb)], b.scores.upper()[(k, jb)]);
                    row.push(carry_pair(s, &b.criteria[jb], c)?);
                }
                self.alternatives.push(b.alternatives[k].clone());
                self.rows.push(row);
            }
            Op::RemoveAlternative(id) => {
                let i = self.alt(id)?;
                if self.alternatives.len() == 1 {
                    return Err("it is the only alternative".into());
                }
                self.alternatives.remove(i);
                self.rows.remove(i);
            }
            Op::Method => {
                return Err(
                    "both versions are ranked under one method, so a change of the default method is not applied"
                        .into(),
                );
            }
        }
        Ok(())
    }

    fn into_model(self, a: &Model) -> Result<Model, String> {
        let (n, m) = (self.alternatives.len(), self.criteria.len());
        let lower = DMatrix::from_fn(n, m, |i, j| self.rows[i][j].0);
        let upper = DMatrix::from_fn(n, m, |i, j| self.rows[i][j].1);
        let weights = Weights::normalized(&self.weights)
            .map_err(|_| "every remaining weight is zero".to_string())?;
        Ok(Model {
            title: a.title.clone(),
            description: a.description.clone(),
            source: a.source.clone(),
            method: a.method,
            criteria: self.criteria,
            alternatives: self.alternatives.into(),
            scores: Scores::new(lower, upper),
            weights,
            profiles: Vec::new(),
            participants: None,
            tree: None,
            smaa: Default::default(),
        })
    }
}

/// A with the given changes made (taking the new values from B), or why they cannot be made.
pub fn apply(a: &Model, b: &Model, ops: &[&Op]) -> Result<Model, String> {
    let mut w = Work::from(a);
    for op in ops {
        w.apply(b, op)?;
    }
    w.into_model(a)
}
