//! `pmatrix rank MODEL`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::emit;

use super::scoring::{MethodChoice, RankScoringArgs, Scoring, normalize_error};
use crate::error::{Error, UsageError};
use crate::model::Model;
use crate::render::Style;
use crate::weights::swing::Swing;

/// Arguments of `pmatrix rank`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  pmatrix rank model.toml
  pmatrix rank model.toml --method topsis --explain
  pmatrix rank model.toml --profile all --format csv --table summary")]
pub struct RankArgs {
    /// The model file (TOML).
    pub model: PathBuf,
    #[command(flatten)]
    pub scoring: RankScoringArgs,
    /// Show each criterion's contribution and explain why the winner wins.
    #[arg(long)]
    pub explain: bool,
    /// With `--method all` or `--profile all`: every ranking side by side and every
    /// correlation, even with more than 8 rankings (which are otherwise summarised).
    #[arg(long)]
    pub full: bool,
    /// List only the first N alternatives (0: all). Default: all, except that table,
    /// markdown and csv output of more than 1000 alternatives lists the first 100 and says so
    /// (not with --explain).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    #[command(flatten)]
    pub output: super::sink::OutputArgs,
    /// Overwrite the -o file if it exists.
    #[arg(long)]
    pub force: bool,
    /// The table `--format csv` writes: ranking, or breakdown with --explain; with `--method
    /// all` / `--profile all`: rankings, correlations or summary [default: ranking; under
    /// `all`, rankings, or summary beyond 8 rankings].
    #[arg(long, value_name = "NAME")]
    pub table: Option<String>,
}

/// Above this many alternatives, text output lists [`DEFAULT_TOP`] unless `--top` says.
const TOP_FROM: usize = 1000;
/// What text output of a large ranking lists by default.
const DEFAULT_TOP: usize = 100;

/// Runs `pmatrix rank`.
pub fn run(args: &RankArgs, width: usize, out: &mut dyn Write) -> Result<(), Error> {
    args.output.prepare(args.force)?;
    // JSON without --explain is the ranking a data team asks of a large table: its scores
    // may be kept as decimals, scored as they are (half the memory of doubles).
    let options = crate::model::LoadOptions {
        decimal_scores: args.output.is_json() && !args.explain,
        ..super::LOAD_OPTIONS.get()
    };
    let mut model = emit::load_as(&args.model, options)?;
    let scoring = Scoring::from(&args.scoring);
    let style = Style {
        width,
        table: args.table.clone(),
    };
    let choice = scoring.choice(&model);
    let all_profiles = scoring.all_profiles();
    if choice == MethodChoice::All || all_profiles {
        if args.explain {
            return Err(UsageError::Invalid {
                flag: "--explain",
                problem: "explains one ranking; leave out `--method all` / `--profile all`".into(),
            }
            .into());
        }
        let comparison = if all_profiles {
            let method = scoring.single_method(&model).map_err(|_| UsageError::Invalid {
                flag: "--profile all",
                problem: "compares profiles under one method; it cannot be combined with `--method all`".into(),
            })?;
            if model.profiles.is_empty() {
                return Err(UsageError::UnknownProfile {
                    found: "all".into(),
                    known: Vec::new(),
                    all_allowed: true,
                }
                .into());
            }
            crate::compare::profiles(&model, &scoring.options(method)?)
        } else {
            let (weights, _) = scoring.weights(&model)?;
            let vikor_v = scoring.vikor_v()?;
            crate::compare::methods(&model, &weights, scoring.normalization, vikor_v)
        }
        .map_err(|e| normalize_error(e, &model))?;
        let doc = crate::present::compare::doc(&comparison, &model, args.full);
        let data = emit::Summarised {
            result: &comparison,
            summary: crate::present::compare::summary(&comparison, &model),
        };
        return args.output.doc(
            args.force,
            out,
            &doc,
            &style,
            &data,
            comparison.alternatives.len(),
        );
    }
    let plan = scoring.plan(&model)?;
    crate::rank::prepare_scores(
        &mut model,
        &plan.opts,
        crate::rank::RankOptions {
            contributions: args.explain,
            top: None,
        },
    );
    let top = match args.top {
        Some(0) => None,
        Some(k) => Some(k),
        None if !args.output.is_json() && !args.explain && model.alternatives.len() > TOP_FROM => {
            Some(DEFAULT_TOP)
        }
        None => None,
    };
    let list = crate::rank::RankOptions {
        contributions: args.explain,
        top,
    };
    let grouped = args.explain && model.tree.is_some();
    let shown = top.map_or(model.alternatives.len(), |k| {
        k.min(model.alternatives.len())
    });
    if args.output.is_json()
        && shown > emit::PRETTY_JSON_LIMIT
        && !grouped
        && swings(&model, plan.profile.as_deref()).is_none()
    {
        // A large ranking is written as it is serialised, without a copy of every row, and
        // without the score matrix, which is let go once the scores are computed.
        let method = plan.opts.method;
        let listed = crate::rank::listing_without_matrix(
            &mut model,
            &plan.weights,
            plan.profile.as_deref(),
            &plan.opts,
            list,
        );
        let mut listing = match listed {
            Ok(listing) => listing,
            Err(e) => return Err(normalize_error(e, &model).for_method(method)),
        };
        listing.ranking.notes.extend(plan.notes);
        return args
            .output
            .stream(args.force, out, |w| listing.write_json(w));
    }
    let mut listing = crate::rank::listing(
        &model,
        &plan.weights,
        plan.profile.as_deref(),
        &plan.opts,
        list,
    )
    .map_err(|e| normalize_error(e, &model).for_method(plan.opts.method))?;
    listing.ranking.notes.extend(plan.notes);
    let swings = swings(&model, plan.profile.as_deref());
    let ranking = listing.into_ranking();
    let groups = if grouped {
        let b = crate::explain::breakdown(&model, &plan.weights, &ranking);
        crate::groups::subtotals(&model, plan.weights.as_slice(), ranking.method, &b)
    } else {
        Vec::new()
    };
    if args.output.is_json() {
        let data = WithGroups {
            ranking: &ranking,
            groups: &groups,
            swings,
        };
        return args
            .output
            .json(args.force, out, &data, ranking.alternatives.len());
    }
    let mut doc = crate::present::rank::doc(&ranking, &model);
    if args.explain {
        let b = crate::explain::breakdown(&model, &plan.weights, &ranking);
        let ex = crate::present::explain::doc(&model, &ranking, &b);
        doc.tables.extend(ex.tables);
        doc.notes.extend(ex.notes);
        if let Some(g) = crate::present::tree::subtotals_doc(&model, &ranking, &groups) {
            doc.tables.extend(g.tables);
            doc.notes.extend(g.notes);
        }
    }
    args.output.doc(args.force, out, &doc, &style, &ranking, 0)
}

/// The swings of a swing profile.
fn swings<'m>(model: &'m Model, profile: Option<&str>) -> Option<&'m [Swing]> {
    profile
        .and_then(|p| model.profile(p))
        .and_then(|p| match &p.origin {
            crate::weights::Origin::Swing { swings } => Some(swings.as_slice()),
            _ => None,
        })
}

/// A ranking with, under `--explain` on a value tree, each group's subtotals, and under a
/// swing profile the swings.
#[derive(serde::Serialize)]
struct WithGroups<'a> {
    #[serde(flatten)]
    ranking: &'a crate::rank::Ranking,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    groups: &'a [crate::groups::GroupSubtotal],
    /// Under a swing profile: each criterion's points and the swing they cover.
    #[serde(skip_serializing_if = "Option::is_none")]
    swings: Option<&'a [Swing]>,
}
