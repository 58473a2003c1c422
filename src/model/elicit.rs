//! Weights elicited from a ranking of criteria or from AHP pairwise judgements.

use toml::Spanned;

use super::error::{ModelError, Problem};
use super::profiles::Ctx;
use super::raw::SpannedMap;
use crate::weights::ahp::{ahp, matrix_from_judgements, parse_judgement, parse_pair};
use crate::weights::rank_order::{RankOrderMethod, rank_order_weights};
use crate::weights::{Judgement, Origin, Weights};

impl Ctx<'_> {
    /// `rank_order = ["a", "b", ...]`, most important first, every criterion once.
    pub fn rank_order(
        &self,
        order: &Spanned<Vec<Spanned<String>>>,
        method: Option<&Spanned<String>>,
    ) -> Result<(Weights, Origin), ModelError> {
        let method = match method {
            None => RankOrderMethod::Roc,
            Some(m) => RankOrderMethod::from_name(m.get_ref()).ok_or_else(|| {
                self.src.error(
                    m.span(),
                    Problem::UnknownRankOrderMethod {
                        found: m.get_ref().clone(),
                    },
                )
            })?,
        };
        let mut position = vec![None; self.criteria.len()];
        for (k, id) in order.get_ref().iter().enumerate() {
            let j = self.criterion(id)?;
            if position[j].is_some() {
                return Err(self.src.error(
                    id.span(),
                    Problem::Repeated {
                        criterion: id.get_ref().clone(),
                    },
                ));
            }
            position[j] = Some(k);
        }
        if let Some(j) = position.iter().position(Option::is_none) {
            return Err(self.src.error(
                order.span(),
                Problem::RankOrderMissing {
                    profile: self.profile.clone(),
                    criterion: self.criteria[j].id.clone(),
                },
            ));
        }
        let by_rank = rank_order_weights(self.criteria.len(), method);
        let raw: Vec<f64> = position.iter().map(|k| by_rank[k.unwrap_or(0)]).collect();
        let weights = Weights::normalized(&raw)
            .map_err(|_| self.src.error(order.span(), Problem::AllWeightsZero))?;
        let order = order
            .get_ref()
            .iter()
            .map(|s| s.get_ref().clone())
            .collect();
        Ok((
            weights,
            Origin::RankOrder {
                method: method.name().to_string(),
                order,
            },
        ))
    }

    /// `ahp = { "a/b" = 3, "a/c" = "1/5", ... }`: every pair of criteria judged once.
    pub fn ahp(
        &self,
        profile_span: std::ops::Range<usize>,
        judgements: &Spanned<SpannedMap<toml::Value>>,
    ) -> Result<(Weights, Origin), ModelError> {
        let m = self.criteria.len();
        let mut given: Vec<Vec<Option<&str>>> = vec![vec![None; m]; m];
        let mut list = Vec::new();
        for (key, v) in judgements.get_ref() {
            let (a, b) = parse_pair(key.get_ref()).ok_or_else(|| {
                self.src.error(
                    key.span(),
                    Problem::BadPair {
                        found: key.get_ref().clone(),
                    },
                )
            })?;
            let at = |s: &str| Spanned::new(key.span(), s.to_string());
            let (i, j) = (self.criterion(&at(a))?, self.criterion(&at(b))?);
            if i == j {
                return Err(self.src.error(
                    key.span(),
                    Problem::SelfPair {
                        found: key.get_ref().clone(),
                        criterion: a.to_string(),
                    },
                ));
            }
            if let Some(first) = given[i][j] {
                return Err(self.src.error(
                    key.span(),
                    Problem::PairTwice {
                        a: a.to_string(),
                        b: b.to_string(),
                        first: format!("{first:?}"),
                    },
                ));
            }
            given[i][j] = Some(key.get_ref());
            given[j][i] = Some(key.get_ref());
            let x = parse_judgement(v.get_ref()).map_err(|e| {
                self.src.error(
                    v.span(),
                    Problem::BadJudgement {
                        problem: e.to_string(),
                    },
                )
            })?;
            list.push((i, j, x));
        }
        if let Some((i, j)) = (0..m)
            .flat_map(|i| (i + 1..m).map(move |j| (i, j)))
            .find(|&(i, j)| given[i][j].is_none())
        {
            let (a, b) = (self.criteria[i].id.clone(), self.criteria[j].id.clone());
            let span = if judgements.get_ref().is_empty() {
                profile_span
            } else {
                judgements.span()
            };
            return Err(self.src.error(
                span,
                Problem::PairMissing {
                    profile: self.profile.clone(),
                    a,
                    b,
                },
            ));
        }
        let result = ahp(&matrix_from_judgements(m, &list)).map_err(|e| {
            self.src.error(
                profile_span.clone(),
                Problem::Ahp {
                    problem: e.to_string(),
                },
            )
        })?;
        let weights = Weights::normalized(&result.weights)
            .map_err(|_| self.src.error(judgements.span(), Problem::AllWeightsZero))?;
        let most_inconsistent = result
            .most_inconsistent
            .map(|(i, j, judged, implied)| Judgement {
                a: self.criteria[i].id.clone(),
                b: self.criteria[j].id.clone(),
                judged,
                implied,
            });
        Ok((
            weights,
            Origin::Ahp {
                lambda_max: result.lambda_max,
                consistency_index: result.ci,
                consistency_ratio: result.cr,
                random_index: result.random_index,
                most_inconsistent,
            },
        ))
    }
}
