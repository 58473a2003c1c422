//! `pmatrix sweep MODEL`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::emit;

use super::scoring::{Scoring, ScoringArgs, criterion_index, normalize_error, sensitivity_error};
use crate::error::{Error, UsageError};
use crate::render::Style;
use crate::sensitivity::{Sweep, sweep};

/// Arguments of `pmatrix sweep`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  pmatrix sweep model.toml --criterion equity
  pmatrix sweep model.toml --steps 11 --plot sweep.svg
  pmatrix sweep model.toml --format csv --table changes")]
pub struct SweepArgs {
    /// The model file (TOML).
    pub model: PathBuf,
    /// Sweep only this criterion's weight [default: every criterion].
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
    /// Overwrite the --plot or -o file if it exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub output: super::sink::OutputArgs,
    /// The table `--format csv` writes: steps (the ranking and every score at each step) or
    /// changes [default: steps].
    #[arg(long, value_name = "NAME")]
    pub table: Option<String>,
}

/// Runs `pmatrix sweep`.
pub fn run(args: &SweepArgs, width: usize, out: &mut dyn Write) -> Result<(), Error> {
    args.output.prepare(args.force)?;
    if let Some(path) = &args.plot {
        crate::output::check_new(path, args.force)?;
    }
    // The number of steps alone, before the model is read; its size with the model's.
    if let Some(problem) = crate::model::limits::sweep_problem(args.steps, 0, 0) {
        return Err(UsageError::Invalid {
            flag: "--steps",
            problem,
        }
        .into());
    }
    let model = emit::load(&args.model)?;
    let plan = Scoring::from(&args.scoring).plan(&model)?;
    let criterion = args
        .criterion
        .as_deref()
        .map(|id| criterion_index(&model, "--criterion", id))
        .transpose()?;
    let swept = if criterion.is_some() {
        1
    } else {
        model.criteria.len()
    };
    if let Some(problem) =
        crate::model::limits::sweep_problem(args.steps, swept, model.alternatives.len())
    {
        return Err(UsageError::Invalid {
            flag: "--steps",
            problem,
        }
        .into());
    }
    let mut result = sweep(&model, &plan.weights, &plan.opts, criterion, args.steps)
        .map_err(|e| sensitivity_error(e, &model).for_method(plan.opts.method))?;
    result.notes.extend(plan.notes);
    if let Some(path) = &args.plot {
        let svg = crate::chart::sweep_svg(&model, &plan.weights, &plan.opts, &result)
            .map_err(|e| normalize_error(e, &model).for_method(plan.opts.method))?;
        crate::output::write_new(path, svg.as_bytes(), args.force)?;
    }
    if args.output.is_json() {
        return match &args.output.output {
            None => compact_json(out, &result),
            Some(_) => {
                let mut bytes = Vec::new();
                compact_json(&mut bytes, &result)?;
                args.output.bytes(args.force, out, &bytes)
            }
        };
    }
    let doc = crate::present::sweep::doc(
        &result,
        &model,
        plan.weights.as_slice(),
        plan.profile.as_deref(),
    );
    let style = Style {
        width,
        table: args.table.clone(),
    };
    args.output.doc(args.force, out, &doc, &style, &result, 0)
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
