//! `pmatrix smaa MODEL`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::scoring::{ScoringArgs, normalize_error};
use super::sweep::criterion_index;
use crate::doc::{Cell, Doc, Table};
use crate::error::{Error, UsageError};
use crate::model::Model;
use crate::rank::method_line;
use crate::render::{self, Format};
use crate::smaa::{Smaa, SmaaError, SmaaOptions, smaa};

/// Arguments of `pmatrix smaa`.
#[derive(Debug, Args)]
pub struct SmaaArgs {
    /// The model file (TOML).
    pub model: PathBuf,
    /// Number of Monte Carlo samples.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub samples: u64,
    /// Seed of the random generator: the same seed gives the same output.
    #[arg(long, default_value_t = 0, value_name = "S")]
    pub seed: u64,
    /// Criteria from most to least important: weights with w_a ≥ w_b ≥ … only.
    #[arg(long, value_name = "ID,ID,...")]
    pub weight_order: Option<String>,
    /// Intervals of the normalised weights: id=lo:hi,... (e.g. equity=0.1:0.4).
    #[arg(long, value_name = "ID=LO:HI,...")]
    pub weight_bounds: Option<String>,
    #[command(flatten)]
    pub scoring: ScoringArgs,
    /// Also draw the rank acceptability as an SVG chart.
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    /// Overwrite the --chart file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Runs `pmatrix smaa`.
pub fn run(args: &SmaaArgs, out: &mut dyn Write) -> Result<(), Error> {
    let model = super::load(&args.model)?;
    if args.scoring.weights.is_some() || args.scoring.profile.is_some() {
        return Err(UsageError::Invalid {
            flag: if args.scoring.weights.is_some() { "--weights" } else { "--profile" },
            problem: "SMAA draws the weights at random; constrain them with --weight-order or --weight-bounds".into(),
        }
        .into());
    }
    let method = args.scoring.single_method(&model)?;
    let opts = args.scoring.options(method)?;
    if args.samples == 0 {
        return Err(UsageError::Invalid {
            flag: "--samples",
            problem: "must be at least 1".into(),
        }
        .into());
    }
    let s = SmaaOptions {
        samples: args.samples,
        seed: args.seed,
        weight_order: parse_order(&model, args.weight_order.as_deref())?,
        bounds: args
            .weight_bounds
            .as_deref()
            .map(|b| parse_bounds(&model, b))
            .transpose()?,
    };
    let bar = crate::progress::smaa_bar(&model, &opts, s.samples);
    let progress = |k: u64| crate::progress::advance(&bar, k);
    let result = smaa(&model, &opts, &s, &progress).map_err(|e| match e {
        SmaaError::Normalize(e) => normalize_error(e, &model),
        SmaaError::Hopeless { .. } | SmaaError::InfeasibleBounds { .. } => UsageError::Invalid {
            flag: if matches!(e, SmaaError::InfeasibleBounds { .. }) {
                "--weight-bounds"
            } else {
                "--weight-bounds/--weight-order"
            },
            problem: e.to_string(),
        }
        .into(),
        other => Error::Run(other.to_string()),
    })?;
    crate::progress::finish(bar);
    if let Some(path) = &args.chart {
        crate::output::write_new(
            path,
            crate::chart::acceptability_svg(&result).as_bytes(),
            args.force,
        )?;
    }
    match render::text(&doc(&result, &model), args.format) {
        Some(text) => super::emit(out, &text),
        None => super::emit(out, &super::json(&result)),
    }
}

fn parse_order(model: &Model, text: Option<&str>) -> Result<Vec<usize>, Error> {
    let Some(text) = text else {
        return Ok(Vec::new());
    };
    let mut order = Vec::new();
    for id in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let j = criterion_index(model, "--weight-order", id)?;
        if order.contains(&j) {
            return Err(UsageError::Invalid {
                flag: "--weight-order",
                problem: format!("`{id}` is named twice"),
            }
            .into());
        }
        order.push(j);
    }
    Ok(order)
}

fn parse_bounds(model: &Model, text: &str) -> Result<Vec<(f64, f64)>, Error> {
    let bad = |problem: String| -> Error {
        UsageError::Invalid {
            flag: "--weight-bounds",
            problem: format!(
                "{problem}; write id=lo:hi with 0 ≤ lo ≤ hi ≤ 1, e.g. {}=0.1:0.4",
                model.criteria[0].id
            ),
        }
        .into()
    };
    let mut bounds = vec![(0.0, 1.0); model.criteria.len()];
    let mut seen = vec![false; model.criteria.len()];
    for part in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (id, range) = part
            .split_once('=')
            .ok_or_else(|| bad(format!("`{part}` is not of the form id=lo:hi")))?;
        let j = criterion_index(model, "--weight-bounds", id.trim())?;
        let (lo, hi) = range
            .split_once(':')
            .ok_or_else(|| bad(format!("`{range}` is not of the form lo:hi")))?;
        let num = |s: &str| s.trim().parse::<f64>().ok().filter(|x| x.is_finite());
        let (Some(lo), Some(hi)) = (num(lo), num(hi)) else {
            return Err(bad(format!("`{range}` does not hold two numbers")));
        };
        if !(0.0..=1.0).contains(&lo) || !(lo..=1.0).contains(&hi) {
            return Err(bad(format!(
                "`{id}={range}` is not an interval inside [0, 1]"
            )));
        }
        if std::mem::replace(&mut seen[j], true) {
            return Err(bad(format!("`{id}` is named twice")));
        }
        bounds[j] = (lo, hi);
    }
    Ok(bounds)
}

fn pct(x: f64) -> Cell {
    Cell::Text(format!("{:.1}", x * 100.0))
}

pub fn doc(r: &Smaa, model: &Model) -> Doc {
    let n = r.alternatives.len();
    let shown = if n <= 8 { n } else { 6 };
    let mut header: Vec<String> = vec!["Alternative".into()];
    header.extend((1..=shown).map(|k| format!("{k}")));
    if shown < n {
        header.push(format!("{}–{n}", shown + 1));
    }
    let mut acc = Table::new(header).captioned("Rank acceptability (% of samples at each rank)");
    let mut central = Table::new(["Alternative", "First %", "Confidence %", "Central weights"])
        .captioned("Central weights (mean weights when first) and confidence factors");
    for a in &r.alternatives {
        let mut row = vec![Cell::from(a.name.as_str())];
        row.extend(a.rank_acceptability[..shown].iter().map(|&b| pct(b)));
        if shown < n {
            row.push(pct(a.rank_acceptability[shown..].iter().sum()));
        }
        acc.push(row);
        let weights = a.central_weights.as_ref().map_or("–".to_string(), |w| {
            w.iter()
                .map(|(id, x)| format!("{id} {:.0}%", x * 100.0))
                .collect::<Vec<_>>()
                .join(", ")
        });
        central.push(vec![
            Cell::from(a.name.as_str()),
            pct(a.rank_acceptability[0]),
            a.confidence.map_or(Cell::from("–"), pct),
            Cell::from(weights),
        ]);
    }
    let max_se = r
        .alternatives
        .iter()
        .flat_map(|a| &a.rank_acceptability_se)
        .fold(0.0, |m: f64, &x| m.max(x));
    Doc {
        heading: format!("{} — SMAA-2", model.title),
        lines: vec![
            method_line(r.method, r.normalization),
            format!(
                "Weights: {}; {} samples, seed {}",
                r.weights, r.samples, r.seed
            ),
        ],
        tables: vec![acc, central],
        notes: [
            format!(
                "Monte Carlo standard error of each acceptability: at most {:.2} percentage points.",
                max_se * 100.0
            ),
            if r.confidence_samples <= 1 {
                "Scores are certain, so a confidence factor is 100% or 0%: whether the alternative wins at its central weights.".to_string()
            } else {
                format!(
                    "Confidence factors: share of {} draws of the uncertain scores in which the alternative wins at its central weights.",
                    r.confidence_samples
                )
            },
        ]
        .into_iter()
        .chain(super::sweep::fallback_note(&r.minmax_fallback))
        .collect(),
    }
}
