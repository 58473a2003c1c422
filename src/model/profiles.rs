//! `[profiles.NAME]`: named weight sets given directly, as a ranking of criteria, by AHP
//! (within each group on a value tree), as swing points, or computed from the scores.

pub(crate) mod objective;
pub(crate) mod swing;
pub(crate) mod tree_ahp;

use indexmap::IndexMap;
use toml::Spanned;

use super::common::{Source, check_number, valid_id};
use super::error::{ModelError, Problem, Quantity};
use super::raw::RawProfile;
use super::{Criterion, Scores, Tree};
use crate::weights::{Origin, Profile, Weights};

/// Validates every profile, in the file's order.
pub(crate) fn build(
    src: &Source<'_>,
    raw: &IndexMap<Spanned<String>, Spanned<RawProfile>>,
    criteria: &[Criterion],
    scores: &Scores,
    tree: Option<&Tree>,
) -> Result<Vec<Profile>, ModelError> {
    let mut out = Vec::with_capacity(raw.len());
    for (name, p) in raw {
        if !valid_id(name.get_ref()) {
            return Err(src.error(
                name.span(),
                Problem::BadId {
                    found: name.get_ref().clone(),
                },
            ));
        }
        if matches!(name.get_ref().as_str(), "default" | "all") {
            return Err(src.error(
                name.span(),
                Problem::ReservedProfile {
                    name: name.get_ref().clone(),
                },
            ));
        }
        let ctx = Ctx {
            src,
            profile: name.get_ref(),
            criteria,
        };
        let body = p.get_ref();
        let given: Vec<&str> = [
            body.weights.is_some().then_some("`weights`"),
            body.rank_order.is_some().then_some("`rank_order`"),
            body.ahp.is_some().then_some("`ahp`"),
            body.swing.is_some().then_some("`swing`"),
            body.objective.is_some().then_some("`objective`"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if given.len() != 1 {
            let found = if given.is_empty() {
                "none".to_string()
            } else {
                given.join(" and ")
            };
            return Err(src.error(
                name.span(),
                Problem::ProfileKind {
                    profile: ctx.profile.clone(),
                    found,
                },
            ));
        }
        let (weights, origin) = if let Some(w) = &body.weights {
            {
                let (weights, total) = ctx.direct(w)?;
                (weights, Origin::Direct { total })
            }
        } else if let Some(order) = &body.rank_order {
            ctx.rank_order(order, body.rank_order_method.as_ref())?
        } else if let Some(ahp) = &body.ahp {
            match tree {
                Some(tree) => tree_ahp::build(&ctx, tree, name.span(), ahp)?,
                None => ctx.ahp(name.span(), ahp)?,
            }
        } else if let Some(points) = &body.swing {
            swing::build(&ctx, points)?
        } else if let Some(method) = &body.objective {
            objective::build(&ctx, method, scores, tree.is_some())?
        } else {
            unreachable!("exactly one kind was checked above")
        };
        out.push(Profile {
            name: ctx.profile.clone(),
            description: super::text::clean_opt(body.description.clone()),
            weights,
            origin,
        });
    }
    Ok(out)
}

pub(crate) struct Ctx<'a> {
    pub src: &'a Source<'a>,
    pub profile: &'a String,
    pub criteria: &'a [Criterion],
}

impl Ctx<'_> {
    /// The index of a criterion named in this profile.
    pub fn criterion(&self, id: &Spanned<String>) -> Result<usize, ModelError> {
        self.criteria
            .iter()
            .position(|c| &c.id == id.get_ref())
            .ok_or_else(|| {
                self.src.error(
                    id.span(),
                    Problem::UnknownCriterion {
                        found: id.get_ref().clone(),
                        known: self.criteria.iter().map(|c| c.id.clone()).collect(),
                    },
                )
            })
    }

    pub(crate) fn direct(
        &self,
        w: &Spanned<super::raw::SpannedMap<f64>>,
    ) -> Result<(Weights, f64), ModelError> {
        let mut raw = vec![None; self.criteria.len()];
        for (key, v) in w.get_ref() {
            let j = self.criterion(key)?;
            if raw[j].is_some() {
                return Err(self.src.error(
                    key.span(),
                    Problem::Repeated {
                        criterion: key.get_ref().clone(),
                    },
                ));
            }
            raw[j] = Some(check_number(self.src, v, Quantity::Weight, || {
                format!(
                    "the weight of `{}` in profile `{}`",
                    key.get_ref(),
                    self.profile
                )
            })?);
        }
        let mut values = Vec::with_capacity(raw.len());
        for (j, v) in raw.into_iter().enumerate() {
            let Some(v) = v else {
                return Err(self.src.error(
                    w.span(),
                    Problem::ProfileMissing {
                        profile: self.profile.clone(),
                        criterion: self.criteria[j].id.clone(),
                    },
                ));
            };
            values.push(v);
        }
        let total = values.iter().sum();
        Weights::normalized(&values)
            .map(|weights| (weights, total))
            .map_err(|_| self.src.error(w.span(), Problem::AllWeightsZero))
    }
}
