//! Several rankings of the same alternatives side by side: every method (`--method all`) or
//! every weight profile (`--profile all`), with rank correlations between them and, across
//! profiles, a consensus ranking by Borda count.

use indexmap::IndexMap;
use serde::Serialize;

use crate::consensus::{borda, kendall_tau_b, spearman};
use crate::doc::percent;
use crate::doc::{Cell, Doc, Table};
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
    /// The winner's id (the first in model order when several tie).
    pub winner: String,
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
    /// Whether every column has the same winner.
    pub same_winner: bool,
    /// The conclusion in a sentence or two.
    pub summary: String,
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
    Ok(finish(model, Compared::Methods, columns))
}

/// One method under the model's own weights and every profile.
pub fn profiles(model: &Model, opts: &Options) -> Result<Comparison, NormalizeError> {
    let mut columns = vec![column(model, "default".to_string(), &model.weights, opts)?];
    for p in &model.profiles {
        columns.push(column(model, p.name.clone(), &p.weights, opts)?);
    }
    Ok(finish(model, Compared::Profiles, columns))
}

fn column(
    model: &Model,
    label: String,
    weights: &Weights,
    opts: &Options,
) -> Result<Column, NormalizeError> {
    let ev = crate::rank::evaluate(model, weights, opts)?;
    let ranks = ranking::ranks(&ev.scores, ev.order);
    let best = ranking::order_best_first(&ev.scores, ev.order)[0];
    Ok(Column {
        label,
        method: ev.method,
        normalization: ev.normalization,
        weights: weight_map(model, weights),
        ranks,
        scores: ev.scores,
        winner: model.alternatives[best].id.clone(),
    })
}

fn finish(model: &Model, compared: Compared, columns: Vec<Column>) -> Comparison {
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
    let (points, consensus) = if compared == Compared::Profiles {
        let rankings: Vec<Vec<usize>> = columns.iter().map(|c| c.ranks.clone()).collect();
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
        })
        .collect();
    let same_winner = columns.windows(2).all(|w| w[0].winner == w[1].winner);
    let summary = summary(model, compared, &columns, consensus.as_deref());
    Comparison {
        title: model.title.clone(),
        compared,
        columns,
        alternatives,
        correlations,
        same_winner,
        summary,
    }
}

fn summary(
    model: &Model,
    compared: Compared,
    columns: &[Column],
    consensus: Option<&[usize]>,
) -> String {
    let what = match compared {
        Compared::Methods => "method",
        Compared::Profiles => "profile",
    };
    let mut winners: IndexMap<&str, Vec<&str>> = IndexMap::new();
    for c in columns {
        winners
            .entry(c.winner.as_str())
            .or_default()
            .push(c.label.as_str());
    }
    let mut s = if winners.len() == 1 {
        format!(
            "Every {what} puts {} first.",
            columns
                .first()
                .map_or("", |c| model.alternative_name(&c.winner))
        )
    } else {
        let parts: Vec<String> = winners
            .iter()
            .map(|(id, labels)| {
                format!(
                    "{} {} {}",
                    labels.join(", "),
                    if labels.len() == 1 { "picks" } else { "pick" },
                    model.alternative_name(id)
                )
            })
            .collect();
        format!("The {what}s disagree on the winner: {}.", parts.join("; "))
    };
    if let Some(ranks) = consensus {
        let mut order: Vec<usize> = (0..ranks.len()).collect();
        order.sort_by_key(|&i| (ranks[i], i));
        let names: Vec<&str> = order
            .iter()
            .map(|&i| model.alternatives[i].name.as_str())
            .collect();
        s.push_str(&format!(
            " Consensus (Borda count: an alternative ranked r of n by a profile earns n − r points): {}.",
            names.join(" > ")
        ));
    }
    s
}

impl Comparison {
    /// The comparison as a document: one table of ranks and scores, one of correlations.
    pub fn doc(&self, model: &Model) -> Doc {
        let mut lines = Vec::new();
        match self.compared {
            Compared::Methods => {
                if let Some(c) = self.columns.first() {
                    let parts: Vec<String> = model
                        .criteria
                        .iter()
                        .map(|cr| format!("{} {}", cr.name, percent(c.weights[&cr.id])))
                        .collect();
                    lines.push(format!("Weights: {}", parts.join(", ")));
                }
                let norms: Vec<String> = self
                    .columns
                    .iter()
                    .map(|c| {
                        format!(
                            "{} {}",
                            c.label,
                            c.normalization
                                .map_or("raw values".to_string(), |n| n.to_string())
                        )
                    })
                    .collect();
                lines.push(format!("Normalisation: {}", norms.join(", ")));
                lines.push("Scores: higher is better except VIKOR's Q (lower is better).".into());
            }
            Compared::Profiles => {
                if let Some(c) = self.columns.first() {
                    lines.push(crate::rank::method_line(c.method, c.normalization));
                }
                for c in &self.columns {
                    let parts: Vec<String> = model
                        .criteria
                        .iter()
                        .map(|cr| format!("{} {}", cr.id, percent(c.weights[&cr.id])))
                        .collect();
                    lines.push(format!("  {}: {}", c.label, parts.join(", ")));
                }
                lines.extend(
                    model
                        .profiles
                        .iter()
                        .flat_map(crate::weights::profile_notes),
                );
            }
        }
        let mut header = vec!["Alternative".to_string()];
        header.extend(self.columns.iter().map(|c| c.label.clone()));
        if self.compared == Compared::Profiles {
            header.push("consensus".into());
        }
        let mut table = Table::new(header).captioned("Rank (score)");
        let mut order: Vec<usize> = (0..self.alternatives.len()).collect();
        let key = |i: usize| {
            self.alternatives[i]
                .consensus_rank
                .unwrap_or(self.columns.first().map_or(0, |c| c.ranks[i]))
        };
        order.sort_by_key(|&i| (key(i), i));
        for &i in &order {
            let a = &self.alternatives[i];
            let mut row = vec![Cell::from(a.id.as_str())];
            row.extend(
                a.results
                    .values()
                    .map(|r| Cell::Text(format!("{} ({:.4})", r.rank, r.score))),
            );
            if let (Some(rank), Some(points)) = (a.consensus_rank, a.borda) {
                row.push(Cell::Text(format!("{rank} ({points} pts)")));
            }
            table.push(row);
        }
        let mut corr =
            Table::new(["A", "B", "Spearman rho", "Kendall tau-b"]).captioned("Rank correlations");
        let show = |x: Option<f64>| x.map_or(Cell::from("n/a"), |v| Cell::num(v, 3));
        for c in &self.correlations {
            corr.push(vec![
                Cell::from(c.a.as_str()),
                Cell::from(c.b.as_str()),
                show(c.spearman),
                show(c.kendall),
            ]);
        }
        Doc {
            heading: self.title.clone(),
            lines,
            tables: vec![table, corr],
            notes: vec![self.summary.clone()],
        }
    }
}
