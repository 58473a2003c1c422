//! `pmatrix rank`: one method, one weight set, a ranked list with the method's details.

use std::sync::Arc;

use indexmap::IndexMap;
use nalgebra::DMatrix;
use serde::Serialize;

use crate::doc::{Cell, Doc, Table, percent};
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
    Ok(Ranking {
        title: model.title.clone(),
        method: ev.method,
        normalization: ev.normalization,
        profile: profile.map(str::to_string),
        score_order: ev.order,
        weights: weight_map(model, weights),
        alternatives,
        minmax_fallback: ev
            .fallback
            .iter()
            .map(|&j| model.criteria[j].id.clone())
            .collect(),
        vikor,
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

/// "wsm, scale normalisation" — how the scores were made.
pub fn method_line(method: Method, normalization: Option<Normalization>) -> String {
    let what = match method {
        Method::Wsm => "weighted sum (WSM)",
        Method::Wpm => "weighted product (WPM)",
        Method::Topsis => "TOPSIS closeness to the ideal",
        Method::Vikor => "VIKOR compromise index Q (lower is better)",
        Method::Promethee => "PROMETHEE II net flow",
    };
    match normalization {
        Some(n) => format!("Method: {what}, {n} normalisation"),
        None => format!("Method: {what}, on raw values"),
    }
}

/// "Weights: equity 20%, cost 30%, ..." with the profile's name.
pub fn weights_line(model: &Model, weights: &Weights, profile: Option<&str>) -> String {
    let parts: Vec<String> = model
        .criteria
        .iter()
        .zip(weights.as_slice())
        .map(|(c, w)| format!("{} {}", c.name, percent(*w)))
        .collect();
    let from = profile.map_or_else(String::new, |p| format!(" (profile {p})"));
    format!("Weights{from}: {}", parts.join(", "))
}

impl Ranking {
    /// The ranking as a document: context lines, the ranked table and the method's remarks.
    pub fn doc(&self, model: &Model, weights: &Weights) -> Doc {
        let mut lines = vec![
            method_line(self.method, self.normalization),
            weights_line(model, weights, self.profile.as_deref()),
        ];
        if let Some(src) = &model.source {
            lines.insert(0, format!("Source: {src}"));
        }
        if let Some(p) = self.profile.as_deref().and_then(|name| model.profile(name)) {
            lines.extend(crate::weights::profile_notes(p));
        }
        let mut header = vec!["Rank", "Alternative", "Score"];
        header.extend(match self.method {
            Method::Topsis => vec!["d+", "d-"],
            Method::Vikor => vec!["S", "R"],
            Method::Promethee => vec!["phi+", "phi-"],
            _ => vec![],
        });
        let mut table = Table::new(header);
        for a in &self.alternatives {
            let mut row = vec![
                Cell::from(a.rank),
                Cell::from(a.name.as_str()),
                Cell::num(a.score, 4),
            ];
            match a.details {
                AltDetails::Topsis { d_plus, d_minus } => {
                    row.extend([Cell::num(d_plus, 4), Cell::num(d_minus, 4)])
                }
                AltDetails::Vikor { s, r, .. } => row.extend([Cell::num(s, 4), Cell::num(r, 4)]),
                AltDetails::Promethee {
                    phi_plus,
                    phi_minus,
                    ..
                } => row.extend([Cell::num(phi_plus, 4), Cell::num(phi_minus, 4)]),
                AltDetails::Contributions { .. } | AltDetails::Omitted {} => {}
            }
            table.push(row);
        }
        let mut notes = Vec::new();
        if !self.minmax_fallback.is_empty() {
            notes.push(format!(
                "Note: {} {} no scale or `range`, so `scale` normalisation used the observed minimum and maximum (minmax).",
                self.minmax_fallback.join(", "),
                if self.minmax_fallback.len() == 1 { "has" } else { "have" }
            ));
        }
        if self.left_out > 0 {
            notes.push(format!(
                "Showing the first {} of {} alternatives; --top N shows more.",
                self.alternatives.len(),
                self.alternatives.len() + self.left_out
            ));
        }
        if self.method == Method::Wpm {
            notes.extend(wpm_zero_note(&self.alternatives, &self.evaluation, model));
        }
        if let Some(v) = &self.vikor {
            notes.push(vikor_note(v, model));
        }
        if let Some(pairs) = &self.incomparable {
            let count = self.incomparable_count.unwrap_or(pairs.len() as u64);
            notes.push(incomparable_note(pairs, count, model));
        }
        Doc {
            heading: self.title.clone(),
            lines,
            tables: vec![table],
            notes,
        }
    }
}

/// WPM: the alternatives whose product is 0 because one factor is 0, with the criteria that
/// zeroed it. Their shared score hides how they compare on everything else, so say so.
fn wpm_zero_note(alternatives: &[Ranked], ev: &Evaluation, model: &Model) -> Option<String> {
    let Details::Contributions(factors) = &ev.details else {
        return None;
    };
    let zeroed: Vec<String> = alternatives
        .iter()
        .filter_map(|a| {
            let at_zero: Vec<&str> = factors
                .row(a.index)
                .iter()
                .zip(&model.criteria)
                .filter(|&(&f, _)| f == 0.0)
                .map(|(_, c)| c.name.as_str())
                .collect();
            (!at_zero.is_empty()).then(|| format!("{} ({})", a.name, at_zero.join(", ")))
        })
        .collect();
    if zeroed.is_empty() {
        return None;
    }
    let count = match zeroed.len() {
        1 => "1 alternative scores".to_string(),
        n => format!("{n} alternatives score"),
    };
    Some(format!(
        "WPM: {count} 0, because each sits at the worst end of a weighted criterion (normalised value 0) and one zero factor makes the whole product 0: {}. Their scores say nothing about the other criteria; the weighted sum (--method wsm) compares them on all of them.",
        zeroed.join("; ")
    ))
}

fn vikor_note(v: &VikorCompromise, model: &Model) -> String {
    let first = v
        .compromise_set
        .first()
        .map_or("", |id| model.alternative_name(id));
    if v.acceptable_advantage && v.acceptable_stability {
        return format!(
            "VIKOR: {first} is the compromise solution: it leads by at least DQ = {:.4} (acceptable advantage) and is also best by S or R (acceptable stability).",
            v.dq
        );
    }
    let names: Vec<&str> = v
        .compromise_set
        .iter()
        .map(|id| model.alternative_name(id))
        .collect();
    let why = match (v.acceptable_advantage, v.acceptable_stability) {
        (false, _) => format!(
            "the lead in Q is less than DQ = {:.4} (no acceptable advantage)",
            v.dq
        ),
        _ => "the leader by Q is best by neither S nor R (no acceptable stability)".to_string(),
    };
    format!(
        "VIKOR: {why}, so the compromise set is: {}.",
        names.join(", ")
    )
}

fn incomparable_note(pairs: &[[String; 2]], count: u64, model: &Model) -> String {
    if count as usize > pairs.len() {
        let list: Vec<String> = pairs
            .iter()
            .map(|[a, b]| {
                format!(
                    "{} and {}",
                    model.alternative_name(a),
                    model.alternative_name(b)
                )
            })
            .collect();
        return format!(
            "PROMETHEE I: {count} pairs are incomparable (one is better on φ+, the other on φ−); the first {}: {}.",
            list.len(),
            list.join("; ")
        );
    }
    if pairs.is_empty() {
        return "PROMETHEE I: every pair of alternatives is comparable (the partial ranking agrees with the net flow)."
            .to_string();
    }
    let list: Vec<String> = pairs
        .iter()
        .map(|[a, b]| {
            format!(
                "{} and {}",
                model.alternative_name(a),
                model.alternative_name(b)
            )
        })
        .collect();
    format!(
        "PROMETHEE I: {} incomparable (one is better on φ+, the other on φ−).",
        if list.len() == 1 {
            format!("{} are", list[0])
        } else {
            format!("these pairs are: {}", list.join("; "))
        }
    )
}
