//! `pmatrix whatif MODEL [--for ALT]`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::emit;
use super::scoring::{Scoring, ScoringArgs, normalize_error};
use crate::error::{Error, UsageError};
use crate::render::Style;
use crate::whatif::{Constraints, LpError, WhatIfError, whatif};

/// Arguments of `pmatrix whatif`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  pmatrix whatif model.toml
  pmatrix whatif model.toml --for status-quo --weight-bounds equity=0.1:0.4
  pmatrix whatif model.toml --format csv --table weights")]
pub struct WhatifArgs {
    /// The model file (TOML).
    pub model: PathBuf,
    /// Ask only about this alternative (id).
    #[arg(long = "for", value_name = "ALT")]
    pub for_alt: Option<String>,
    #[command(flatten)]
    pub scoring: ScoringArgs,
    /// Criteria from most to least important: only weights with w_a ≥ w_b ≥ … count.
    #[arg(long, value_name = "ID,ID,...")]
    pub weight_order: Option<String>,
    /// Intervals of the normalised weights: id=lo:hi,... (e.g. equity=0.1:0.4).
    #[arg(long, value_name = "ID=LO:HI,...")]
    pub weight_bounds: Option<String>,
    #[command(flatten)]
    pub output: super::sink::OutputArgs,
    /// Overwrite the -o file if it exists.
    #[arg(long)]
    pub force: bool,
    /// The table `--format csv` writes: summary, weights, levels, numeric or one-level
    /// [default: summary].
    #[arg(long, value_name = "NAME")]
    pub table: Option<String>,
}

/// Runs `pmatrix whatif`.
pub fn run(args: &WhatifArgs, width: usize, out: &mut dyn Write) -> Result<(), Error> {
    args.output.prepare(args.force)?;
    let model = emit::load(&args.model)?;
    let plan = Scoring::from(&args.scoring).plan(&model)?;
    let cons = Constraints {
        bounds: args
            .weight_bounds
            .as_deref()
            .map(|b| super::smaa::parse_bounds(&model, b))
            .transpose()?
            .unwrap_or_default(),
        order: super::smaa::parse_order(&model, args.weight_order.as_deref())?,
    };
    let only = match &args.for_alt {
        None => None,
        Some(id) => Some(
            model
                .alternatives
                .iter()
                .position(|a| &a.id == id)
                .ok_or_else(|| {
                    let known: Vec<&str> =
                        model.alternatives.iter().map(|a| a.id.as_str()).collect();
                    let hint = crate::diagnostic::closest(id, known.iter().copied())
                        .map(|c| format!("did you mean `{c}`? "))
                        .unwrap_or_default();
                    UsageError::Invalid {
                        flag: "--for",
                        problem: format!(
                            "unknown alternative `{id}`\n  = help: {hint}alternatives: {}",
                            known.join(", ")
                        ),
                    }
                })?,
        ),
    };
    let mut result = whatif(&model, &plan.weights, &plan.opts, &cons, only).map_err(|e| match e {
        WhatIfError::Normalize(e) => normalize_error(e, &model),
        WhatIfError::Lp(LpError::Infeasible) => UsageError::Invalid {
            flag: "--weight-bounds/--weight-order",
            problem: "no weights meet these constraints together (the lower bounds sum to more than 1, the upper bounds to less, or the order contradicts the bounds)".into(),
        }
        .into(),
        WhatIfError::TooManyAlternatives { .. } => UsageError::Invalid {
            flag: "--for",
            problem: e.to_string(),
        }
        .into(),
        other => Error::Whatif(other),
    })?;
    result.notes.extend(plan.notes);
    let doc = crate::present::whatif::doc(&result, &model);
    let style = Style {
        width,
        table: args.table.clone(),
    };
    args.output.doc(
        args.force,
        out,
        &doc,
        &style,
        &result,
        result.alternatives.len(),
    )
}
