//! `pmatrix rank`: one method, one weight set, a ranked list with the method's details.

use std::sync::Arc;

use indexmap::IndexMap;
use nalgebra::DMatrix;
use serde::Serialize;

use crate::assumption::Note;
use crate::methods::{self, CriterionInfo, Details, Evaluation, Method, Options, ScoreOrder};
use crate::model::Model;
use crate::normalize::{Normalization, NormalizeError};
use crate::ranking;
use crate::weights::Weights;

/// A method's intermediate values for one alternative, as SPEC's JSON names them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AltDetails {
    Contributions {
        contributions: Contributions,
    },
    Topsis {
        d_plus: f64,
        d_minus: f64,
    },
    Vikor {
        s: f64,
        r: f64,
        q: f64,
    },
    Promethee {
        phi_plus: f64,
        phi_minus: f64,
        phi: f64,
    },
    /// WSM or WPM contributions left out (see [`CONTRIBUTIONS_LIMIT`]): `{}`.
    Omitted {},
}

/// Up to this many alternatives, a WSM or WPM ranking lists every alternative's
/// per-criterion contributions; above, only when asked ([`RankOptions::contributions`]), as
/// they are m numbers per alternative (on a million alternatives, most of the output).
pub const CONTRIBUTIONS_LIMIT: usize = 10_000;

/// What a ranking lists beyond each alternative's rank and score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RankOptions {
    /// List WSM and WPM contributions whatever the number of alternatives (`--explain`).
    pub contributions: bool,
    /// List only the first `top` alternatives (ties at the cut are cut too).
    pub top: Option<usize>,
}

/// Per-criterion values of one alternative, serialised as a map keyed by criterion id. The ids
/// are shared between alternatives, so a ranking of many alternatives builds no keys.
#[derive(Debug, Clone, PartialEq)]
pub struct Contributions {
    pub ids: Arc<[String]>,
    pub values: Vec<f64>,
}

impl Contributions {
    /// The value for a criterion id.
    pub fn get(&self, id: &str) -> Option<f64> {
        self.ids
            .iter()
            .position(|i| i == id)
            .map(|j| self.values[j])
    }
}

impl Serialize for Contributions {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.values.len()))?;
        for (id, v) in self.ids.iter().zip(&self.values) {
            map.serialize_entry(id, v)?;
        }
        map.end()
    }
}

/// One alternative in a ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub rank: usize,
    pub id: String,
    pub name: String,
    pub score: f64,
    pub details: AltDetails,
    /// Index in the model.
    #[serde(skip)]
    pub index: usize,
}

/// VIKOR's compromise conditions, with ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VikorCompromise {
    pub dq: f64,
    pub acceptable_advantage: bool,
    pub acceptable_stability: bool,
    pub compromise_set: Vec<String>,
}

/// The result of `pmatrix rank`, serialised as SPEC's `rank` JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranking {
    pub title: String,
    pub method: Method,
    pub normalization: Option<Normalization>,
    pub profile: Option<String>,
    pub score_order: ScoreOrder,
    pub weights: IndexMap<String, f64>,
    pub alternatives: Vec<Ranked>,
    /// Criteria for which `scale` normalisation used the observed minimum and maximum.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub minmax_fallback: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vikor: Option<VikorCompromise>,
    /// PROMETHEE I: pairs of alternatives (ids) that the partial preorder leaves incomparable;
    /// the first [`methods::promethee::INCOMPARABLE_LISTED`] of them when there are more.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incomparable: Option<Vec<[String; 2]>>,
    /// What was assumed: midpoints of uncertain scores, the minmax fallback, weights
    /// normalised from points.
    pub notes: Vec<Note>,
    /// PROMETHEE I: how many pairs are incomparable in all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incomparable_count: Option<u64>,
    /// Alternatives left out of `alternatives` by `--top`.
    #[serde(skip_serializing_if = "is_zero")]
    pub left_out: usize,
    /// Whether WSM or WPM contributions were left out of `details` (above
    /// [`CONTRIBUTIONS_LIMIT`] alternatives, without `--explain`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub contributions_omitted: bool,
    /// The evaluation behind the ranking.
    #[serde(skip)]
    pub evaluation: Evaluation,
}

/// The per-criterion information the methods need.
pub fn criteria_info(model: &Model) -> Vec<CriterionInfo> {
    model.criteria.iter().map(CriterionInfo::from).collect()
}

/// Runs a method on a model with the given weights.
pub fn evaluate(
    model: &Model,
    weights: &Weights,
    opts: &Options,
) -> Result<Evaluation, NormalizeError> {
    methods::evaluate(
        &model.scores.mid,
        &criteria_info(model),
        weights.as_slice(),
        opts,
    )
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Ranks a model's alternatives, listing every alternative (and, up to
/// [`CONTRIBUTIONS_LIMIT`] alternatives, WSM and WPM contributions).
pub fn rank(
    model: &Model,
    weights: &Weights,
    profile: Option<&str>,
    opts: &Options,
) -> Result<Ranking, NormalizeError> {
    rank_with(model, weights, profile, opts, RankOptions::default())
}

/// Ranks a model's alternatives, with what to list.
pub fn rank_with(
    model: &Model,
    weights: &Weights,
    profile: Option<&str>,
    opts: &Options,
    list: RankOptions,
) -> Result<Ranking, NormalizeError> {
    let ev = evaluate(model, weights, opts)?;
    let ranks = ranking::ranks(&ev.scores, ev.order);
    let mut order: Vec<usize> = (0..ranks.len()).collect();
    order.sort_unstable_by_key(|&i| (ranks[i], i));
    let left_out = list.top.map_or(0, |k| order.len().saturating_sub(k));
    order.truncate(order.len() - left_out);
    let contributions_omitted = matches!(ev.details, Details::Contributions(_))
        && !list.contributions
        && model.alternatives.len() > CONTRIBUTIONS_LIMIT;
    let ids = |is: &[usize]| {
        is.iter()
            .map(|&i| model.alternatives[i].id.clone())
            .collect::<Vec<_>>()
    };
    let criterion_ids: Arc<[String]> = model.criteria.iter().map(|c| c.id.clone()).collect();
    // nalgebra stores by column; one transpose makes each alternative's contributions
    // contiguous instead of a strided walk per alternative.
    let by_alternative = match &ev.details {
        Details::Contributions(c) if !contributions_omitted => Some(c.transpose()),
        _ => None,
    };
    let alternatives = order
        .iter()
        .map(|&i| Ranked {
            rank: ranks[i],
            id: model.alternatives[i].id.clone(),
            name: model.alternatives[i].name.clone(),
            score: ev.scores[i],
            details: if contributions_omitted {
                AltDetails::Omitted {}
            } else {
                details(&criterion_ids, &ev.details, by_alternative.as_ref(), i)
            },
            index: i,
        })
        .collect();
    let vikor = match &ev.details {
        Details::Vikor(v) => Some(VikorCompromise {
            dq: v.compromise.dq,
            acceptable_advantage: v.compromise.acceptable_advantage,
            acceptable_stability: v.compromise.acceptable_stability,
            compromise_set: ids(&v.compromise.set),
        }),
        _ => None,
    };
    let (incomparable, incomparable_count) = match &ev.details {
        Details::Promethee(p) => {
            let tol = ranking::TIE_TOLERANCE
                * ranking::magnitude(&p.phi_plus).max(ranking::magnitude(&p.phi_minus));
            let found = methods::promethee::incomparable_pairs(p, tol);
            let pairs = found
                .first
                .iter()
                .map(|&(a, b)| {
                    [
                        model.alternatives[a].id.clone(),
                        model.alternatives[b].id.clone(),
                    ]
                })
                .collect();
            (Some(pairs), Some(found.count))
        }
        _ => (None, None),
    };
    let minmax_fallback: Vec<String> = ev
        .fallback
        .iter()
        .map(|&j| model.criteria[j].id.clone())
        .collect();
    let notes = crate::assumption::midpoints(model)
        .into_iter()
        .chain(crate::assumption::minmax_fallback(minmax_fallback.clone()))
        .collect();
    Ok(Ranking {
        title: model.title.clone(),
        method: ev.method,
        normalization: ev.normalization,
        profile: profile.map(str::to_string),
        score_order: ev.order,
        weights: weight_map(model, weights),
        alternatives,
        minmax_fallback,
        vikor,
        notes,
        incomparable,
        incomparable_count,
        left_out,
        contributions_omitted,
        evaluation: ev,
    })
}

/// Weights keyed by criterion id, in the model's order.
pub fn weight_map(model: &Model, weights: &Weights) -> IndexMap<String, f64> {
    model
        .criteria
        .iter()
        .zip(weights.as_slice())
        .map(|(c, &w)| (c.id.clone(), w))
        .collect()
}

/// The method's values for alternative `i`. `by_alternative` is the contributions matrix
/// transposed (alternatives as columns), when the caller made it.
fn details(
    ids: &Arc<[String]>,
    d: &Details,
    by_alternative: Option<&DMatrix<f64>>,
    i: usize,
) -> AltDetails {
    match d {
        Details::Contributions(c) => AltDetails::Contributions {
            contributions: Contributions {
                ids: Arc::clone(ids),
                values: match by_alternative {
                    Some(t) => t.column(i).iter().copied().collect(),
                    None => c.row(i).iter().copied().collect(),
                },
            },
        },
        Details::Topsis { d_plus, d_minus } => AltDetails::Topsis {
            d_plus: d_plus[i],
            d_minus: d_minus[i],
        },
        Details::Vikor(v) => AltDetails::Vikor {
            s: v.s[i],
            r: v.r[i],
            q: v.q[i],
        },
        Details::Promethee(p) => AltDetails::Promethee {
            phi_plus: p.phi_plus[i],
            phi_minus: p.phi_minus[i],
            phi: p.phi[i],
        },
    }
}
