//! `pmatrix whatif MODEL [--for ALT]`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::scoring::{ScoringArgs, normalize_error};
use crate::error::{Error, UsageError};
use crate::render::{self, Format};
use crate::whatif::{Constraints, LpError, WhatIfError, whatif};

/// Arguments of `pmatrix whatif`.
#[derive(Debug, Args)]
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
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Runs `pmatrix whatif`.
pub fn run(args: &WhatifArgs, out: &mut dyn Write) -> Result<(), Error> {
    let model = super::load(&args.model)?;
    let method = args.scoring.single_method(&model)?;
    let opts = args.scoring.options(method)?;
    let (weights, _profile) = args.scoring.weights(&model)?;
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
    let result = whatif(&model, &weights, &opts, &cons, only).map_err(|e| match e {
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
        other => Error::Run(other.to_string()),
    })?;
    let doc = crate::present::whatif::doc(&result, &model);
    match render::text(&doc, args.format) {
        Some(text) => super::emit(out, &text),
        None => super::emit_json(out, &result, result.alternatives.len()),
    }
}
