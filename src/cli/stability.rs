//! `pmatrix stability MODEL`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::emit;

use super::scoring::{Scoring, ScoringArgs, sensitivity_error};
use crate::error::Error;
use crate::render::Style;
use crate::sensitivity::stability;

/// Arguments of `pmatrix stability`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  pmatrix stability model.toml
  pmatrix stability model.toml --method topsis --format json")]
pub struct StabilityArgs {
    /// The model file (TOML).
    pub model: PathBuf,
    #[command(flatten)]
    pub scoring: ScoringArgs,
    #[command(flatten)]
    pub output: super::sink::OutputArgs,
    /// Overwrite the -o file if it exists.
    #[arg(long)]
    pub force: bool,
    /// The table `--format csv` writes: intervals, or groups (a value tree's group shares)
    /// [default: intervals].
    #[arg(long, value_name = "NAME")]
    pub table: Option<String>,
}

/// Runs `pmatrix stability`.
pub fn run(args: &StabilityArgs, width: usize, out: &mut dyn Write) -> Result<(), Error> {
    args.output.prepare(args.force)?;
    let model = emit::load(&args.model)?;
    let plan = Scoring::from(&args.scoring).plan(&model)?;
    let mut result = stability(&model, &plan.weights, &plan.opts)
        .map_err(|e| sensitivity_error(e, &model).for_method(plan.opts.method))?;
    result.notes.extend(plan.notes);
    let doc = crate::present::stability::doc(
        &result,
        &model,
        plan.weights.as_slice(),
        plan.profile.as_deref(),
    );
    let data = emit::Summarised {
        result: &result,
        summary: crate::present::stability::summary(&result, &model),
    };
    let style = Style {
        width,
        table: args.table.clone(),
    };
    args.output.doc(args.force, out, &doc, &style, &data, 0)
}
