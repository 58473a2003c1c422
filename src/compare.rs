//! Several rankings of the same alternatives side by side: every method (`--method all`) or
//! every weight profile (`--profile all`), with rank correlations between them and, across
//! profiles, a consensus ranking by Borda count.

use indexmap::IndexMap;
use serde::Serialize;

use crate::assumption::Note;
use crate::consensus::{borda, kendall_tau_b, spearman};
use crate::methods::{Method, Options};
use crate::model::Model;
use crate::normalize::{Normalization, NormalizeError};
use crate::rank::weight_map;
use crate::ranking;
use crate::weights::Weights;

/// One ranking among several: a method under a weight set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// The method's name (`--method all`) or the profile's (`--profile all`).
    pub label: String,
    pub method: Method,
    pub normalization: Option<Normalization>,
    pub weights: IndexMap<String, f64>,
    /// Competition ranks, in the model's order of alternatives.
    #[serde(skip)]
    pub ranks: Vec<usize>,
    #[serde(skip)]
    pub scores: Vec<f64>,
    /// The winner's id; `None` when several alternatives tie for first.
    pub winner: Option<String>,
    /// The ids of the alternatives ranked first (one, or all that tie).
    pub tied_first: Vec<String>,
    /// An AHP profile on a value tree: each parent's judgements and consistency, top first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consistency: Option<Vec<crate::weights::ahp::GroupAhp>>,
    /// An objective profile: the method and what each criterion's weight came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub objective: Option<crate::weights::objective::Summary>,
}

/// One alternative's rank and score in every column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub results: IndexMap<String, RankScore>,
    /// Borda points over the columns (profiles only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub borda: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consensus_rank: Option<usize>,
    /// How many columns rank it first (a shared first place counts for each alternative in it).
    pub first: usize,
    /// Its best, median and worst rank over the columns.
    pub best: usize,
    pub median: f64,
    pub worst: usize,
}

/// A rank with its score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RankScore {
    pub rank: usize,
    pub score: f64,
}

/// Agreement of two columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Correlation {
    pub a: String,
    pub b: String,
    /// Spearman's ρ; `None` when a column ranks every alternative the same.
    pub spearman: Option<f64>,
    /// Kendall's τ-b; `None` likewise.
    pub kendall: Option<f64>,
}

/// What the columns compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Compared {
    Methods,
    Profiles,
}

/// Several rankings side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub title: String,
    pub compared: Compared,
    pub columns: Vec<Column>,
    /// In the model's order.
    pub alternatives: Vec<Row>,
    pub correlations: Vec<Correlation>,
    /// Whether every column ranks the same alternatives first.
    pub same_winner: bool,
    /// The mean of the pairwise Spearman's ρ (pairs where it is defined); `None` when none is.
    pub mean_spearman: Option<f64>,
    /// The mean of the pairwise Kendall's τ-b, likewise.
    pub mean_kendall: Option<f64>,
    /// The labels of the columns whose rankings the Borda consensus counts (profiles only):
    /// the model's own weights are shown but do not vote.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voters: Option<Vec<String>>,
    /// What was assumed.
    pub notes: Vec<Note>,
}

/// Every method on one weight set.
pub fn methods(
    model: &Model,
    weights: &Weights,
    normalization: Option<Normalization>,
    vikor_v: f64,
) -> Result<Comparison, NormalizeError> {
    let mut columns = Vec::new();
    for method in Method::ALL {
        let opts = Options {
            method,
            normalization: normalization.filter(|_| method.default_normalization().is_some()),
            vikor_v,
        };
        columns.push(column(model, method.name().to_string(), weights, &opts)?);
    }
    let wsm = Options {
        method: Method::Wsm,
        normalization,
        vikor_v,
    };
    let notes = crate::assumption::deterministic(model, &wsm);
    Ok(finish(model, Compared::Methods, columns, notes))
}

/// One method under the model's own weights and every profile.
pub fn profiles(model: &Model, opts: &Options) -> Result<Comparison, NormalizeError> {
    let mut columns = vec![column(model, "default".to_string(), &model.weights, opts)?];
    for p in &model.profiles {
        let mut col = column(model, p.name.clone(), &p.weights, opts)?;
        col.consistency = crate::weights::ahp::tree_consistency(&p.origin);
        col.objective = crate::weights::objective::summary(&p.origin);
        columns.push(col);
    }
    let notes = crate::assumption::deterministic(model, opts);
    Ok(finish(model, Compared::Profiles, columns, notes))
}

fn column(
    model: &Model,
    label: String,
    weights: &Weights,
    opts: &Options,
) -> Result<Column, NormalizeError> {
    let ev = crate::rank::evaluate(model, weights, opts)?;
    let ranks = ranking::ranks(&ev.scores, ev.order);
    let tied_first: Vec<String> = (0..ranks.len())
        .filter(|&i| ranks[i] == 1)
        .map(|i| model.alternatives[i].id.clone())
        .collect();
    Ok(Column {
        label,
        method: ev.method,
        normalization: ev.normalization,
        weights: weight_map(model, weights),
        ranks,
        scores: ev.scores,
        winner: (tied_first.len() == 1).then(|| tied_first[0].clone()),
        tied_first,
        consistency: None,
        objective: None,
    })
}

fn finish(model: &Model, compared: Compared, columns: Vec<Column>, notes: Vec<Note>) -> Comparison {
    let as_f64 = |c: &Column| c.ranks.iter().map(|&r| r as f64).collect::<Vec<f64>>();
    let mut correlations = Vec::new();
    for (k, a) in columns.iter().enumerate() {
        for b in &columns[k + 1..] {
            let (ra, rb) = (as_f64(a), as_f64(b));
            correlations.push(Correlation {
                a: a.label.clone(),
                b: b.label.clone(),
                spearman: spearman(&ra, &rb),
                kendall: kendall_tau_b(&ra, &rb),
            });
        }
    }
    // The model's own weights (the first column) are shown beside the profiles but do not
    // vote: the consensus is that of the profiles.
    let voting = match compared {
        Compared::Profiles => &columns[1..],
        Compared::Methods => &columns[..0],
    };
    let (points, consensus) = if compared == Compared::Profiles && !voting.is_empty() {
        let rankings: Vec<Vec<usize>> = voting.iter().map(|c| c.ranks.clone()).collect();
        // Every column ranks the same n alternatives 1..=n, so Borda cannot fail here.
        let points = borda(&rankings).ok();
        let ranks = points
            .as_ref()
            .map(|p| ranking::ranks(p, crate::methods::ScoreOrder::Descending));
        (points, ranks)
    } else {
        (None, None)
    };
    let alternatives = model
        .alternatives
        .iter()
        .enumerate()
        .map(|(i, a)| Row {
            id: a.id.clone(),
            name: a.name.clone(),
            results: columns
                .iter()
                .map(|c| {
                    (
                        c.label.clone(),
                        RankScore {
                            rank: c.ranks[i],
                            score: c.scores[i],
                        },
                    )
                })
                .collect(),
            borda: points.as_ref().map(|p| p[i]),
            consensus_rank: consensus.as_ref().map(|r| r[i]),
            first: columns.iter().filter(|c| c.ranks[i] == 1).count(),
            best: columns.iter().map(|c| c.ranks[i]).min().unwrap_or(0),
            median: median(columns.iter().map(|c| c.ranks[i]).collect()),
            worst: columns.iter().map(|c| c.ranks[i]).max().unwrap_or(0),
        })
        .collect();
    let same_winner = columns
        .windows(2)
        .all(|w| w[0].tied_first == w[1].tied_first);
    let mean = |f: fn(&Correlation) -> Option<f64>| {
        let v: Vec<f64> = correlations.iter().filter_map(f).collect();
        (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
    };
    let (mean_spearman, mean_kendall) = (mean(|c| c.spearman), mean(|c| c.kendall));
    let voters =
        (compared == Compared::Profiles).then(|| voting.iter().map(|c| c.label.clone()).collect());
    Comparison {
        title: model.title.clone(),
        compared,
        columns,
        alternatives,
        correlations,
        same_winner,
        mean_spearman,
        mean_kendall,
        voters,
        notes,
    }
}

/// The median of some ranks: the middle one, or the mean of the two middle ones.
fn median(mut ranks: Vec<usize>) -> f64 {
    ranks.sort_unstable();
    let n = ranks.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => ranks[n / 2] as f64,
        _ => (ranks[n / 2 - 1] + ranks[n / 2]) as f64 / 2.0,
    }
}
