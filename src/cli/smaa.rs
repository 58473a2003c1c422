//! `pmatrix smaa MODEL`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::emit;

use super::scoring::{Scoring, SmaaScoringArgs, criterion_index, normalize_error};
use crate::error::{Error, UsageError};
use crate::model::Model;
use crate::render::Style;
use crate::smaa::{Extras, SamplerChoice, SmaaError, SmaaOptions, smaa_with};

/// Arguments of `pmatrix smaa`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  pmatrix smaa model.toml --samples 20000 --seed 7
  pmatrix smaa model.toml --weight-order equity,cost --format csv --table central
  pmatrix smaa model.toml --weight-constraint \"equity >= 2 * cost\" --weight-constraint \"cost <= 0.3\"
  pmatrix smaa model.toml --pairwise --format csv --table pairwise")]
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
    /// A linear constraint on the normalised weights, e.g. "equity >= 2 * cost" or
    /// "equity + cost <= 0.6" (repeatable; added to the model's [smaa] constraints).
    #[arg(long = "weight-constraint", value_name = "STATEMENT")]
    pub weight_constraint: Vec<String>,
    /// How constrained weights are drawn: auto (rejection when at least 1% of uniform draws
    /// qualify, else hit-and-run), rejection or hit-and-run.
    #[arg(long, value_name = "NAME", default_value = "auto", value_parser = ["auto", "rejection", "hit-and-run"])]
    pub sampler: String,
    /// SMAA-O: treat ordinal scales as ordinal only, drawing the values of their inner
    /// levels (sorted uniforms between the scale's ends) in every sample.
    #[arg(long)]
    pub ordinal: bool,
    /// Also count pairwise winning indices: how often each alternative ranks above each
    /// other (at most 2000 alternatives).
    #[arg(long)]
    pub pairwise: bool,
    #[command(flatten)]
    pub scoring: SmaaScoringArgs,
    /// Also draw the rank acceptability as an SVG chart.
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    /// Overwrite the --chart or -o file if it exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub output: super::sink::OutputArgs,
    /// The table `--format csv` writes: acceptability (every rank), central (central
    /// weights and confidence), entropy (rank entropy) or, with --pairwise, pairwise (the
    /// winning indices) [default: acceptability].
    #[arg(long, value_name = "NAME")]
    pub table: Option<String>,
}

/// Runs `pmatrix smaa`.
pub fn run(args: &SmaaArgs, width: usize, out: &mut dyn Write) -> Result<(), Error> {
    args.output.prepare(args.force)?;
    if let Some(path) = &args.chart {
        crate::output::check_new(path, args.force)?;
    }
    if let Some(problem) = crate::model::limits::samples_problem(args.samples) {
        return Err(UsageError::Invalid {
            flag: "--samples",
            problem,
        }
        .into());
    }
    let model = emit::load(&args.model)?;
    if args.scoring.weights.is_some() || args.scoring.profile.is_some() {
        return Err(UsageError::Invalid {
            flag: if args.scoring.weights.is_some() { "--weights" } else { "--profile" },
            problem: "SMAA draws the weights at random; constrain them with --weight-order or --weight-bounds".into(),
        }
        .into());
    }
    let scoring = Scoring::from(&args.scoring);
    let method = scoring.single_method(&model)?;
    let opts = scoring.options(method)?;
    if args.samples == 0 {
        return Err(UsageError::Invalid {
            flag: "--samples",
            problem: "must be at least 1".into(),
        }
        .into());
    }
    let s = options(&model, args)?;
    let bar = crate::progress::smaa_bar(&model, &opts, s.samples);
    let progress = |k: u64| crate::progress::advance(&bar, k);
    let extras = Extras {
        ordinal: args.ordinal,
        pairwise: args.pairwise,
    };
    let result = smaa_with(&model, &opts, &s, extras, &progress).map_err(|e| match e {
        SmaaError::Normalize(e) => normalize_error(e, &model).for_method(method),
        SmaaError::Hopeless { .. } | SmaaError::InfeasibleBounds { .. } => UsageError::Invalid {
            flag: if matches!(e, SmaaError::InfeasibleBounds { .. }) {
                "--weight-bounds"
            } else {
                "--weight-bounds/--weight-order/--weight-constraint"
            },
            problem: e.to_string(),
        }
        .into(),
        // Constraints of the command line alone are a usage error; with the model's, the
        // model is at fault as much.
        SmaaError::Infeasible { .. } | SmaaError::NoRoom { .. } if model.smaa.is_empty() => {
            UsageError::Invalid {
                flag: "--weight-bounds/--weight-order/--weight-constraint",
                problem: e.to_string(),
            }
            .into()
        }
        SmaaError::PairwiseTooLarge { .. } => UsageError::Invalid {
            flag: "--pairwise",
            problem: e.to_string(),
        }
        .into(),
        other => Error::Smaa(other),
    })?;
    crate::progress::finish(bar);
    if let Some(path) = &args.chart {
        crate::output::write_new(
            path,
            crate::chart::acceptability_svg(&result).as_bytes(),
            args.force,
        )?;
    }
    let doc = crate::present::smaa::doc(&result, &model);
    let style = Style {
        width,
        table: args.table.clone(),
    };
    args.output.doc(args.force, out, &doc, &style, &result, 0)
}

pub(crate) fn parse_order(model: &Model, text: Option<&str>) -> Result<Vec<usize>, Error> {
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

pub(crate) fn parse_bounds(model: &Model, text: &str) -> Result<Vec<(f64, f64)>, Error> {
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

/// The model's `[smaa]` constraints with the command line's added.
fn options(model: &Model, args: &SmaaArgs) -> Result<SmaaOptions, Error> {
    let mut s = SmaaOptions::for_model(model, args.samples, args.seed);
    s.add_order(model, parse_order(model, args.weight_order.as_deref())?);
    if let Some(text) = args.weight_bounds.as_deref() {
        let b = parse_bounds(model, text)?;
        let model_bounds = s.bounds.clone();
        s.add_bounds(b.clone()).map_err(|j| {
            let old = model_bounds.as_ref().map_or((0.0, 1.0), |m| m[j]);
            UsageError::Invalid {
                flag: "--weight-bounds",
                problem: format!(
                    "`{}={}:{}` does not meet the model's [smaa] weight_bounds {} = [{}, {}]; the flag adds to the model's bounds, so both must hold",
                    model.criteria[j].id, b[j].0, b[j].1, model.criteria[j].id, old.0, old.1
                ),
            }
        })?;
    }
    let names = crate::model::constraint::Names::of(model);
    for text in &args.weight_constraint {
        let c = crate::model::constraint::parse(text, &names).map_err(|e| {
            let (caret, column) = crate::model::constraint::caret(text, &e.at);
            UsageError::Invalid {
                flag: "--weight-constraint",
                problem: format!(
                    "{} (column {column})\n{caret}\n  = help: {}",
                    e.problem,
                    e.problem.help()
                ),
            }
        })?;
        s.linear.statements.push(c);
    }
    s.linear.sampler = match args.sampler.as_str() {
        "rejection" => SamplerChoice::Rejection,
        "hit-and-run" => SamplerChoice::HitAndRun,
        _ => SamplerChoice::Auto,
    };
    Ok(s)
}
