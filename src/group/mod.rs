//! `pmatrix group`: many participants' weights for one model, combined and compared.
//!
//! Each participant's weights (see [`crate::participants`]) rank the model's alternatives;
//! the group's weights are the mean of the participants' normalised weights. The analysis
//! reports the spread of the weights, the ranking under the group's weights, how far the
//! participants' own rankings agree (first places, best / median / worst rank, Kendall's W,
//! Borda and Copeland counts), who dissents, and the same per group. For AHP files it also
//! aggregates the judgements (AIJ) and the priorities (AIP) by geometric means (Forman &
//! Peniwati 1998). The result is plain data; [`crate::present::group`] writes it out.

pub mod stats;

use indexmap::IndexMap;
use serde::Serialize;

use crate::consensus::{average_ranks, borda};
use crate::methods::{Method, Options, ScoreOrder};
use crate::model::Model;
use crate::normalize::{Normalization, NormalizeError};
use crate::participants::{Kind, Participant, Participants};
use crate::ranking;
use crate::weights::Weights;
use crate::weights::ahp::{self, matrix_from_judgements};
use stats::{Spread, copeland, kendall_w, median, spread};

/// One participant's own ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Individual {
    pub id: String,
    pub group: Option<String>,
    /// Normalised weights by criterion id.
    pub weights: IndexMap<String, f64>,
    /// The points given in all (points files).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_points: Option<f64>,
    /// Saaty's consistency ratio (AHP files; `null` for two criteria).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consistency_ratio: Option<Option<f64>>,
    /// Alternative ids, best first (ties in the model's order).
    pub ranking: Vec<String>,
    /// Competition rank of each alternative, by id.
    pub ranks: IndexMap<String, usize>,
    #[serde(skip)]
    pub rank_vec: Vec<usize>,
    #[serde(skip)]
    pub average_ranks: Vec<f64>,
}

/// How the participants placed one alternative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placement {
    pub id: String,
    pub name: String,
    /// Its rank under the group's weights.
    pub group_rank: usize,
    /// How many participants put it first (alone or tied).
    pub first: usize,
    pub best: usize,
    pub median: f64,
    pub worst: usize,
    /// `rank_counts[k]`: how many participants put it at rank k + 1.
    pub rank_counts: Vec<usize>,
}

/// Participants who put an alternative first that the group does not, and the criterion
/// whose weight sets them most apart from the rest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dissent {
    pub alternative: String,
    pub participants: usize,
    pub of: usize,
    pub criterion: String,
    /// Their mean weight on the criterion, and everyone else's.
    pub their_weight: f64,
    pub others_weight: f64,
}

/// The group's weights from AHP judgements, aggregated two ways.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AhpGroup {
    /// Aggregation of individual judgements: the eigenvector of the matrix of geometric means
    /// of the judgements.
    pub aij_weights: IndexMap<String, f64>,
    /// The consistency ratio of that matrix.
    pub aij_consistency_ratio: Option<f64>,
    /// The alternatives best first under the AIJ weights, and each one's rank (1 = best;
    /// tied alternatives share the best rank of their tie).
    pub aij_ranking: Vec<String>,
    pub aij_ranks: IndexMap<String, usize>,
    /// Aggregation of individual priorities: geometric means of each participant's weights,
    /// normalised to sum 1.
    pub aip_weights: IndexMap<String, f64>,
    pub aip_ranking: Vec<String>,
    pub aip_ranks: IndexMap<String, usize>,
    /// Participants whose consistency ratio is above 0.1.
    pub inconsistent: Vec<String>,
}

/// The analysis of a set of participants (everyone, or one group).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub participants: usize,
    /// The mean of the participants' normalised weights.
    pub weights: IndexMap<String, f64>,
    pub weights_median: IndexMap<String, f64>,
    /// Min, quartiles and max of each criterion's weight.
    pub weights_spread: IndexMap<String, Spread>,
    /// Alternative ids best first under `weights`.
    pub ranking: Vec<String>,
    /// The alternatives tied first under `weights`.
    pub tied_first: Vec<String>,
    /// In the model's order.
    pub alternatives: Vec<Placement>,
    /// Kendall's W over the participants' rankings, with the tie correction; `null` when
    /// undefined (one alternative, or every participant ties them all).
    pub kendall_w: Option<f64>,
    /// Borda points: n − rank from each participant, summed.
    pub borda: IndexMap<String, f64>,
    /// Copeland scores: pairwise majority wins minus losses.
    pub copeland: IndexMap<String, f64>,
    pub dissent: Vec<Dissent>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ahp: Option<AhpGroup>,
}

/// The result of `pmatrix group`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupResult {
    pub title: String,
    pub method: Method,
    pub normalization: Option<Normalization>,
    pub kind: Kind,
    #[serde(flatten)]
    pub all: Summary,
    /// Per group named in the file, in order of first appearance.
    pub groups: IndexMap<String, Summary>,
    pub individuals: Vec<Individual>,
    /// Criteria for which `scale` normalisation used the observed minimum and maximum.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub minmax_fallback: Vec<String>,
}

/// `group` keeps every participant's full ranking, so it takes at most this many
/// alternatives.
pub const MAX_ALTERNATIVES: usize = 2000;

/// Why the group analysis cannot run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GroupError {
    #[error(transparent)]
    Normalize(#[from] NormalizeError),
    #[error(
        "the model has {n} alternatives; a group analysis keeps every participant's ranking and takes at most {max}: analyse a shortlist"
    )]
    TooManyAlternatives { n: usize, max: usize },
}

/// Runs the group analysis.
pub fn group(
    model: &Model,
    people: &Participants,
    opts: &Options,
) -> Result<GroupResult, GroupError> {
    if model.alternatives.len() > MAX_ALTERNATIVES {
        return Err(GroupError::TooManyAlternatives {
            n: model.alternatives.len(),
            max: MAX_ALTERNATIVES,
        });
    }
    let mut individuals = Vec::with_capacity(people.list.len());
    let mut fallback = Vec::new();
    let mut method = opts.method;
    let mut normalization = None;
    for p in &people.list {
        let ev = crate::rank::evaluate(model, &p.weights, opts)?;
        fallback.clone_from(&ev.fallback);
        method = ev.method;
        normalization = ev.normalization;
        individuals.push(individual(model, p, &ev.scores, ev.order));
    }
    let all_idx: Vec<usize> = (0..people.list.len()).collect();
    let all = summary(model, people, &individuals, &all_idx, opts)?;
    let mut groups = IndexMap::new();
    for g in people.groups() {
        let idx: Vec<usize> = (0..people.list.len())
            .filter(|&i| people.list[i].group.as_deref() == Some(g.as_str()))
            .collect();
        groups.insert(g, summary(model, people, &individuals, &idx, opts)?);
    }
    Ok(GroupResult {
        title: model.title.clone(),
        method,
        normalization,
        kind: people.kind,
        all,
        groups,
        individuals,
        minmax_fallback: fallback
            .iter()
            .map(|&j| model.criteria[j].id.clone())
            .collect(),
    })
}

/// `values[k]` under the `k`-th id.
fn keyed<'a, T: Copy>(ids: impl Iterator<Item = &'a String>, values: &[T]) -> IndexMap<String, T> {
    ids.zip(values).map(|(id, &x)| (id.clone(), x)).collect()
}

/// Each criterion's weight, by id, in the model's order.
fn weight_map(model: &Model, w: &[f64]) -> IndexMap<String, f64> {
    keyed(model.criteria.iter().map(|c| &c.id), w)
}

fn ids(model: &Model, order: &[usize]) -> Vec<String> {
    order
        .iter()
        .map(|&i| model.alternatives[i].id.clone())
        .collect()
}

fn individual(model: &Model, p: &Participant, scores: &[f64], order: ScoreOrder) -> Individual {
    let ranks = ranking::ranks(scores, order);
    let best_first = ranking::order_best_first(scores, order);
    Individual {
        id: p.id.clone(),
        group: p.group.clone(),
        weights: weight_map(model, p.weights.as_slice()),
        total_points: p.total,
        consistency_ratio: p.judgements.as_ref().map(|j| j.analysis.cr),
        ranking: ids(model, &best_first),
        ranks: model
            .alternatives
            .iter()
            .zip(&ranks)
            .map(|(a, &r)| (a.id.clone(), r))
            .collect(),
        average_ranks: average_ranks(scores, order == ScoreOrder::Descending),
        rank_vec: ranks,
    }
}

/// A ranking under some weights: ids best first, the ids tied first, competition ranks.
/// Each alternative's rank, by id, in the model's order.
fn rank_map(model: &Model, ranks: &[usize]) -> IndexMap<String, usize> {
    keyed(model.alternatives.iter().map(|a| &a.id), ranks)
}

struct Ranked {
    best_first: Vec<String>,
    tied_first: Vec<String>,
    ranks: Vec<usize>,
}

fn rank_under(model: &Model, w: &Weights, opts: &Options) -> Result<Ranked, NormalizeError> {
    let ev = crate::rank::evaluate(model, w, opts)?;
    let ranks = ranking::ranks(&ev.scores, ev.order);
    let order = ranking::order_best_first(&ev.scores, ev.order);
    let tied: Vec<usize> = order.iter().copied().filter(|&i| ranks[i] == 1).collect();
    Ok(Ranked {
        best_first: ids(model, &order),
        tied_first: ids(model, &tied),
        ranks,
    })
}

fn summary(
    model: &Model,
    people: &Participants,
    all: &[Individual],
    idx: &[usize],
    opts: &Options,
) -> Result<Summary, NormalizeError> {
    let m = model.criteria.len();
    let n = model.alternatives.len();
    let k = idx.len() as f64;
    let column = |j: usize| -> Vec<f64> {
        idx.iter()
            .map(|&i| people.list[i].weights.as_slice()[j])
            .collect()
    };
    let spreads: Vec<Spread> = (0..m).map(|j| spread(&column(j))).collect();
    let mean: Vec<f64> = (0..m).map(|j| column(j).iter().sum::<f64>() / k).collect();
    // The mean of weights that each sum to 1 sums to 1 up to rounding.
    let mean_w = Weights::normalized(&mean).unwrap_or_else(|_| Weights::equal(m));
    let Ranked {
        best_first: ranking_ids,
        tied_first,
        ranks: group_ranks,
    } = rank_under(model, &mean_w, opts)?;
    let ranks: Vec<Vec<usize>> = idx.iter().map(|&i| all[i].rank_vec.clone()).collect();
    let avg: Vec<Vec<f64>> = idx.iter().map(|&i| all[i].average_ranks.clone()).collect();
    // Every individual ranking has n ranks in 1..=n, so Borda cannot refuse them.
    let points = borda(&ranks).unwrap_or_else(|_| vec![0.0; n]);
    let cope = copeland(&ranks);
    let alternatives = model
        .alternatives
        .iter()
        .enumerate()
        .map(|(a, alt)| {
            let r: Vec<usize> = ranks.iter().map(|r| r[a]).collect();
            let mut counts = vec![0; n];
            for &x in &r {
                counts[x - 1] += 1;
            }
            Placement {
                id: alt.id.clone(),
                name: alt.name.clone(),
                group_rank: group_ranks[a],
                first: counts[0],
                best: r.iter().copied().min().unwrap_or(0),
                median: if r.is_empty() { 0.0 } else { median(&r) },
                worst: r.iter().copied().max().unwrap_or(0),
                rank_counts: counts,
            }
        })
        .collect();
    let by_alt = |v: &[f64]| -> IndexMap<String, f64> {
        model
            .alternatives
            .iter()
            .zip(v)
            .map(|(a, &x)| (a.id.clone(), x))
            .collect()
    };
    let dissent = dissent(model, people, all, idx, &tied_first);
    let ahp = match people.kind {
        Kind::Ahp => Some(ahp_group(model, people, idx, opts)?),
        _ => None,
    };
    Ok(Summary {
        participants: idx.len(),
        weights: weight_map(model, mean_w.as_slice()),
        weights_median: weight_map(model, &spreads.iter().map(|s| s.median).collect::<Vec<_>>()),
        weights_spread: model
            .criteria
            .iter()
            .zip(&spreads)
            .map(|(c, s)| (c.id.clone(), *s))
            .collect(),
        ranking: ranking_ids,
        tied_first,
        alternatives,
        kendall_w: kendall_w(&avg),
        borda: by_alt(&points),
        copeland: by_alt(&cope),
        dissent,
        ahp,
    })
}

/// For each alternative that some, but not all, participants put first and the group's
/// weights do not: how many, and the criterion whose mean weight differs most between them
/// and the others (ties go to the first criterion).
fn dissent(
    model: &Model,
    people: &Participants,
    all: &[Individual],
    idx: &[usize],
    group_first: &[String],
) -> Vec<Dissent> {
    let mut out = Vec::new();
    for (a, alt) in model.alternatives.iter().enumerate() {
        if group_first.contains(&alt.id) {
            continue;
        }
        let (them, rest): (Vec<usize>, Vec<usize>) =
            idx.iter().partition(|&&i| all[i].rank_vec[a] == 1);
        if them.is_empty() || rest.is_empty() {
            continue;
        }
        let mean = |who: &[usize], j: usize| {
            who.iter()
                .map(|&i| people.list[i].weights.as_slice()[j])
                .sum::<f64>()
                / who.len() as f64
        };
        let mut best: Option<(usize, f64, f64)> = None;
        for j in 0..model.criteria.len() {
            let (x, y) = (mean(&them, j), mean(&rest, j));
            if best.is_none_or(|(_, bx, by)| (x - y).abs() > (bx - by).abs()) {
                best = Some((j, x, y));
            }
        }
        if let Some((j, x, y)) = best {
            out.push(Dissent {
                alternative: alt.id.clone(),
                participants: them.len(),
                of: idx.len(),
                criterion: model.criteria[j].id.clone(),
                their_weight: x,
                others_weight: y,
            });
        }
    }
    out
}

/// AIJ and AIP (Forman & Peniwati 1998): geometric means of the judgements, and of the
/// priorities, of the participants in `idx`.
fn ahp_group(
    model: &Model,
    people: &Participants,
    idx: &[usize],
    opts: &Options,
) -> Result<AhpGroup, NormalizeError> {
    let m = model.criteria.len();
    let judgements: Vec<&crate::participants::Judgements> = idx
        .iter()
        .filter_map(|&i| people.list[i].judgements.as_ref())
        .collect();
    let (aij, aip) = aggregate(m, &judgements);
    let aij_result = ahp::ahp(&matrix_from_judgements(m, &aij)).ok();
    let aij_w = aij_result.as_ref().map_or_else(
        || Weights::equal(m),
        |r| Weights::normalized(&r.weights).unwrap_or_else(|_| Weights::equal(m)),
    );
    let aip_w = Weights::normalized(&aip).unwrap_or_else(|_| Weights::equal(m));
    let (aij_r, aip_r) = (
        rank_under(model, &aij_w, opts)?,
        rank_under(model, &aip_w, opts)?,
    );
    Ok(AhpGroup {
        aij_weights: weight_map(model, aij_w.as_slice()),
        aij_consistency_ratio: aij_result.as_ref().and_then(|r| r.cr),
        aij_ranks: rank_map(model, &aij_r.ranks),
        aij_ranking: aij_r.best_first,
        aip_weights: weight_map(model, aip_w.as_slice()),
        aip_ranks: rank_map(model, &aip_r.ranks),
        aip_ranking: aip_r.best_first,
        inconsistent: idx
            .iter()
            .filter(|&&i| {
                people.list[i]
                    .judgements
                    .as_ref()
                    .is_some_and(|j| !j.analysis.is_acceptable())
            })
            .map(|&i| people.list[i].id.clone())
            .collect(),
    })
}

/// The geometric means of the judgements, pair by pair (`(i, j, āᵢⱼ)`, i < j), and of the
/// priorities, criterion by criterion (not yet normalised). The geometric mean is the one
/// aggregation of judgements that keeps the matrix reciprocal (Aczél & Saaty 1983).
pub fn aggregate(
    m: usize,
    judgements: &[&crate::participants::Judgements],
) -> (Vec<(usize, usize, f64)>, Vec<f64>) {
    let k = judgements.len().max(1) as f64;
    let mut log_pairs = vec![0.0; m * m];
    let mut log_w = vec![0.0; m];
    for jd in judgements {
        for &(i, j, v) in &jd.pairs {
            log_pairs[i * m + j] += v.ln();
        }
        for (l, w) in log_w.iter_mut().zip(&jd.analysis.weights) {
            *l += w.ln();
        }
    }
    let mut pairs = Vec::new();
    for i in 0..m {
        for j in i + 1..m {
            pairs.push((i, j, (log_pairs[i * m + j] / k).exp()));
        }
    }
    (pairs, log_w.iter().map(|l| (l / k).exp()).collect())
}
