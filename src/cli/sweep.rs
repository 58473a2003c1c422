//! `pmatrix sweep MODEL`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::scoring::{ScoringArgs, normalize_error};
use crate::doc::percent;
use crate::doc::{Cell, Doc, Table};
use crate::error::{Error, UsageError};
use crate::model::Model;
use crate::rank::{method_line, weights_line};
use crate::render::{self, Format};
use crate::sensitivity::{SensitivityError, Sweep, sweep};

/// Arguments of `pmatrix sweep`.
#[derive(Debug, Args)]
pub struct SweepArgs {
    /// The model file (TOML).
    pub model: PathBuf,
    /// Sweep only this criterion's weight (default: every criterion).
    #[arg(long, value_name = "ID")]
    pub criterion: Option<String>,
    /// Number of evenly spaced weights from 0 to 1 (at least 2).
    #[arg(long, default_value_t = 21, value_name = "N")]
    pub steps: usize,
    #[command(flatten)]
    pub scoring: ScoringArgs,
    /// Also draw score against weight as an SVG chart.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,
    /// Overwrite the --plot file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Runs `pmatrix sweep`.
pub fn run(args: &SweepArgs, out: &mut dyn Write) -> Result<(), Error> {
    let model = super::load(&args.model)?;
    let method = args.scoring.single_method(&model)?;
    let opts = args.scoring.options(method)?;
    let (weights, profile) = args.scoring.weights(&model)?;
    let criterion = args
        .criterion
        .as_deref()
        .map(|id| criterion_index(&model, "--criterion", id))
        .transpose()?;
    let result = sweep(&model, &weights, &opts, criterion, args.steps).map_err(|e| match e {
        SensitivityError::Normalize(e) => normalize_error(e, &model),
        SensitivityError::TooFewSteps(n) => UsageError::Invalid {
            flag: "--steps",
            problem: format!("{n} is too few; a sweep needs at least 2 steps"),
        }
        .into(),
        e @ SensitivityError::TooManyAlternatives { .. } => Error::Run(e.to_string()),
    })?;
    if let Some(path) = &args.plot {
        let svg = crate::chart::sweep_svg(&model, &weights, &opts, &result)
            .map_err(|e| normalize_error(e, &model))?;
        crate::output::write_new(path, svg.as_bytes(), args.force)?;
    }
    if args.format == Format::Json {
        return compact_json(out, &result);
    }
    let doc = doc(&result, &model, &weights, profile.as_deref());
    match render::text(&doc, args.format) {
        Some(text) => super::emit(out, &text),
        None => compact_json(out, &result),
    }
}

/// The index of a criterion named on the command line.
pub fn criterion_index(model: &Model, flag: &'static str, id: &str) -> Result<usize, Error> {
    model.criterion_index(id).ok_or_else(|| {
        UsageError::UnknownCriterion {
            flag,
            found: id.to_string(),
            known: model.criteria.iter().map(|c| c.id.clone()).collect(),
        }
        .into()
    })
}

/// A ranking as "a > b > c", the first `max` ids then "…".
fn ranking_text<'a>(ids: impl Iterator<Item = &'a str>, max: usize) -> String {
    let ids: Vec<&str> = ids.collect();
    let mut s = ids[..ids.len().min(max)].join(" > ");
    if ids.len() > max {
        s.push_str(&format!(" > … ({} more)", ids.len() - max));
    }
    s
}

pub fn doc(
    result: &Sweep,
    model: &Model,
    weights: &crate::weights::Weights,
    profile: Option<&str>,
) -> Doc {
    let mut tables = Vec::new();
    let mut notes = Vec::new();
    for c in &result.criteria {
        let mut steps = Table::new(["Weight", "Ranking (best first)"]).captioned(format!(
            "Weight of {} (now {}): ranking at each step",
            c.name,
            percent(c.weight)
        ));
        for s in &c.steps {
            steps.push(vec![
                Cell::num(s.weight, 3),
                Cell::from(ranking_text(s.ranking.ids(), 6)),
            ]);
        }
        tables.push(steps);
        if c.changes.is_empty() {
            notes.push(format!(
                "{}: the ranking is the same at every step.",
                c.name
            ));
            continue;
        }
        let mut changes = Table::new(["Changes at", "Swaps", "From", "To"])
            .captioned(format!("Weight of {}: where the ranking changes", c.name));
        for ch in &c.changes {
            let swaps: Vec<String> = ch
                .crossings
                .iter()
                .take(3)
                .map(|x| {
                    let ids: Vec<&str> = x.alternatives.ids().collect();
                    format!("{}↔{} at {}", ids[0], ids[1], percent(x.weight))
                })
                .collect();
            let more = ch.crossings.len().saturating_sub(3);
            let swaps = if more > 0 {
                format!("{} (+{more})", swaps.join(", "))
            } else {
                swaps.join(", ")
            };
            changes.push(vec![
                Cell::num(ch.weight, 4),
                Cell::from(swaps),
                Cell::from(ranking_text(ch.ranking_before.ids(), 4)),
                Cell::from(ranking_text(ch.ranking_after.ids(), 4)),
            ]);
        }
        tables.push(changes);
    }
    notes.extend(fallback_note(&result.minmax_fallback));
    Doc {
        heading: format!("{} — weight sweep", model.title),
        lines: vec![
            method_line(result.method, result.normalization),
            weights_line(model, weights, profile),
            "Each criterion's weight goes from 0 to 1; the others keep their proportions."
                .to_string(),
        ],
        tables,
        notes,
    }
}

/// A sweep holds a ranking and the scores at every step (megabytes for a large model), so its
/// JSON is written compact, on one line with a final newline, straight to the output.
fn compact_json(out: &mut dyn Write, result: &Sweep) -> Result<(), Error> {
    let written = result
        .write_json(out)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: PathBuf::from("<stdout>"),
            reason: e.to_string(),
        }),
        _ => Ok(()),
    }
}

/// The note that `scale` normalisation fell back to `minmax` for some criteria.
pub fn fallback_note(ids: &[String]) -> Option<String> {
    (!ids.is_empty()).then(|| {
        format!(
            "Note: {} {} no scale or `range`, so `scale` normalisation used the observed minimum and maximum (minmax).",
            ids.join(", "),
            if ids.len() == 1 { "has" } else { "have" }
        )
    })
}
