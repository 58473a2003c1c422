//! `pmatrix rank MODEL`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::scoring::{MethodChoice, ScoringArgs, normalize_error};
use crate::error::{Error, UsageError};
use crate::render::{self, Format};

/// Arguments of `pmatrix rank`.
#[derive(Debug, Args)]
pub struct RankArgs {
    /// The model file (TOML).
    pub model: PathBuf,
    #[command(flatten)]
    pub scoring: ScoringArgs,
    /// Show each criterion's contribution and explain why the winner wins.
    #[arg(long)]
    pub explain: bool,
    /// List only the first N alternatives (0: all). Default: all, except that table,
    /// markdown and csv output of more than 1000 alternatives lists the first 100 and says so
    /// (not with --explain).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Above this many alternatives, text output lists [`DEFAULT_TOP`] unless `--top` says.
const TOP_FROM: usize = 1000;
/// What text output of a large ranking lists by default.
const DEFAULT_TOP: usize = 100;

/// Runs `pmatrix rank`.
pub fn run(args: &RankArgs, out: &mut dyn Write) -> Result<(), Error> {
    let model = super::load(&args.model)?;
    let choice = args.scoring.choice(&model);
    let all_profiles = args.scoring.all_profiles();
    if choice == MethodChoice::All || all_profiles {
        if args.explain {
            return Err(UsageError::Invalid {
                flag: "--explain",
                problem: "explains one ranking; leave out `--method all` / `--profile all`".into(),
            }
            .into());
        }
        let comparison = if all_profiles {
            let method = args.scoring.single_method(&model).map_err(|_| UsageError::Invalid {
                flag: "--profile all",
                problem: "compares profiles under one method; it cannot be combined with `--method all`".into(),
            })?;
            if model.profiles.is_empty() {
                return Err(UsageError::UnknownProfile { found: "all".into(), known: Vec::new() }.into());
            }
            crate::compare::profiles(&model, &args.scoring.options(method)?)
        } else {
            let (weights, _) = args.scoring.weights(&model)?;
            let vikor_v = args.scoring.vikor_v()?;
            crate::compare::methods(&model, &weights, args.scoring.normalization, vikor_v)
        }
        .map_err(|e| normalize_error(e, &model))?;
        return match render::text(&comparison.doc(&model), args.format) {
            Some(text) => super::emit(out, &text),
            None => super::emit_json(out, &comparison, comparison.alternatives.len()),
        };
    }
    let method = args.scoring.single_method(&model)?;
    let opts = args.scoring.options(method)?;
    let (weights, profile) = args.scoring.weights(&model)?;
    let top = match args.top {
        Some(0) => None,
        Some(k) => Some(k),
        None if args.format != Format::Json
            && !args.explain
            && model.alternatives.len() > TOP_FROM =>
        {
            Some(DEFAULT_TOP)
        }
        None => None,
    };
    let list = crate::rank::RankOptions {
        contributions: args.explain,
        top,
    };
    let ranking = crate::rank::rank_with(&model, &weights, profile.as_deref(), &opts, list)
        .map_err(|e| normalize_error(e, &model))?;
    if args.format == Format::Json {
        return super::emit_json(out, &ranking, ranking.alternatives.len());
    }
    let mut doc = ranking.doc(&model, &weights);
    if args.explain {
        let ex = crate::explain::explain(&model, &weights, &ranking);
        doc.tables.extend(ex.tables);
        doc.notes.extend(ex.notes);
    }
    super::emit(out, &render::text(&doc, args.format).unwrap_or_default())
}
