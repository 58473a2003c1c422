//! `pmatrix stability MODEL`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::scoring::{ScoringArgs, normalize_error};
use crate::doc::percent;
use crate::doc::{Cell, Doc, Table};
use crate::error::Error;
use crate::model::Model;
use crate::rank::{method_line, weights_line};
use crate::render::{self, Format};
use crate::sensitivity::{SensitivityError, Stability, stability};

/// Arguments of `pmatrix stability`.
#[derive(Debug, Args)]
pub struct StabilityArgs {
    /// The model file (TOML).
    pub model: PathBuf,
    #[command(flatten)]
    pub scoring: ScoringArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Runs `pmatrix stability`.
pub fn run(args: &StabilityArgs, out: &mut dyn Write) -> Result<(), Error> {
    let model = super::load(&args.model)?;
    let method = args.scoring.single_method(&model)?;
    let opts = args.scoring.options(method)?;
    let (weights, profile) = args.scoring.weights(&model)?;
    let result = stability(&model, &weights, &opts).map_err(|e| match e {
        SensitivityError::Normalize(e) => normalize_error(e, &model),
        other => Error::Run(other.to_string()),
    })?;
    let doc = doc(&result, &model, &weights, profile.as_deref());
    match render::text(&doc, args.format) {
        Some(text) => super::emit(out, &text),
        None => super::emit(out, &super::json(&result)),
    }
}

fn interval([lo, hi]: [f64; 2]) -> String {
    format!("{} – {}", percent(lo), percent(hi))
}

pub fn doc(
    result: &Stability,
    model: &Model,
    weights: &crate::weights::Weights,
    profile: Option<&str>,
) -> Doc {
    let mut table = Table::new([
        "Criterion",
        "Weight",
        "Winner stays",
        "Ranking stays",
        "Beyond: below / above",
    ])
    .captioned("Weight intervals that keep the winner, and the whole ranking");
    for c in &result.criteria {
        let beyond = format!(
            "{} / {}",
            c.winner_below.as_deref().unwrap_or("–"),
            c.winner_above.as_deref().unwrap_or("–")
        );
        table.push(vec![
            Cell::from(c.name.as_str()),
            Cell::from(percent(c.weight)),
            Cell::from(interval(c.winner_interval)),
            Cell::from(interval(c.ranking_interval)),
            Cell::from(beyond),
        ]);
    }
    let exact = if result.method == crate::methods::Method::Wsm {
        "Interval ends are exact (WSM scores are linear in each weight)."
    } else {
        "Interval ends are found on a grid of 0.5% and refined by bisection to 1e-9."
    };
    Doc {
        heading: format!("{} — stability of the ranking", model.title),
        lines: vec![
            method_line(result.method, result.normalization),
            weights_line(model, weights, profile),
            format!("Winner: {} ({})", result.winner_name, result.winner),
            "One weight moves at a time; the others keep their proportions.".to_string(),
        ],
        tables: vec![table],
        notes: [format!("{}.", result.summary), exact.to_string()]
            .into_iter()
            .chain(super::sweep::fallback_note(&result.minmax_fallback))
            .collect(),
    }
}
