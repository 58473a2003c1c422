//! `pmatrix report MODEL -o report.html`: one self-contained HTML page with the model, the
//! ranking and why, every method side by side, the stakeholder profiles, the stability of the
//! winner, weight sweeps and SMAA, with their charts inline.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::emit;

use super::scoring::{Scoring, ScoringArgs, normalize_error, sensitivity_error};
use crate::error::{Error, UsageError};
use crate::model::Model;
use crate::render::html::{escape, section};
use crate::smaa::SmaaOptions;

/// Arguments of `pmatrix report`.
#[derive(Debug, Args)]
#[command(after_help = "Example:
  pmatrix report model.toml -o report.html --samples 20000")]
pub struct ReportArgs {
    /// The model file (TOML).
    pub model: PathBuf,
    /// Where to write the HTML page.
    #[arg(short, long, value_name = "FILE.html")]
    pub output: PathBuf,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub scoring: ScoringArgs,
    /// Monte Carlo samples for the SMAA section.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub samples: u64,
    /// Seed of the SMAA random generator.
    #[arg(long, default_value_t = 0, value_name = "S")]
    pub seed: u64,
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}\
table{border-collapse:collapse;margin:1rem 0}caption{text-align:left;font-weight:600;padding:.3rem 0}\
th,td{border:1px solid #ccc;padding:.25rem .6rem;vertical-align:top}th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}\
p.context{margin:.2rem 0;color:#555}section{margin-bottom:2.5rem}figure{margin:1rem 0}svg{max-width:100%;height:auto}";

/// Runs `pmatrix report`.
pub fn run(args: &ReportArgs, out: &mut dyn Write) -> Result<(), Error> {
    crate::output::check_new(&args.output, args.force)?;
    if let Some(problem) = crate::model::limits::samples_problem(args.samples) {
        return Err(UsageError::Invalid {
            flag: "--samples",
            problem,
        }
        .into());
    }
    let model = emit::load(&args.model)?;
    if args.samples == 0 {
        return Err(UsageError::Invalid {
            flag: "--samples",
            problem: "must be at least 1".into(),
        }
        .into());
    }
    crate::output::check_new(&args.output, args.force)?;
    let html = page(&model, args)?;
    crate::output::write_new(&args.output, html.as_bytes(), args.force)?;
    emit::emit(out, &format!("wrote {}\n", args.output.display()))
}

/// The whole page.
pub fn page(model: &Model, args: &ReportArgs) -> Result<String, Error> {
    let scoring = Scoring::from(&args.scoring);
    let method = scoring.single_method(model)?;
    let opts = scoring.options(method)?;
    let (weights, profile) = scoring.weights(model)?;
    let normalize = |e| normalize_error(e, model);
    let sensitivity = |e| sensitivity_error(e, model);

    let mut body = String::new();
    body.push_str(&format!("<h1>{}</h1>\n", escape(&model.title)));
    if let Some(d) = &model.description {
        body.push_str(&format!("<p>{}</p>\n", escape(d.trim())));
    }
    if let Some(s) = &model.source {
        body.push_str(&format!("<p><em>Source:</em> {}</p>\n", escape(s)));
    }
    body.push_str(&section(&crate::present::model::doc(model)));

    let ranking =
        crate::rank::rank(model, &weights, profile.as_deref(), &opts).map_err(normalize)?;
    let mut doc = crate::present::rank::doc(&ranking, model);
    doc.heading = "Ranking".into();
    let b = crate::explain::breakdown(model, &weights, &ranking);
    let ex = crate::present::explain::doc(model, &ranking, &b);
    doc.tables.extend(ex.tables);
    doc.notes.extend(ex.notes);
    body.push_str(&section(&doc));

    let methods = crate::compare::methods(model, &weights, scoring.normalization, scoring.vikor_v)
        .map_err(normalize)?;
    let mut doc = crate::present::compare::doc(&methods, model, false);
    doc.heading = "Every method side by side".into();
    body.push_str(&section(&doc));

    if !model.profiles.is_empty() {
        let profiles = crate::compare::profiles(model, &opts).map_err(normalize)?;
        let mut doc = crate::present::compare::doc(&profiles, model, false);
        doc.heading = "Stakeholder profiles".into();
        body.push_str(&section(&doc));
    }

    let stability =
        crate::sensitivity::stability::stability(model, &weights, &opts).map_err(sensitivity)?;
    let mut doc =
        crate::present::stability::doc(&stability, model, weights.as_slice(), profile.as_deref());
    doc.heading = "How stable is the winner?".into();
    body.push_str(&section(&doc));

    let sweep = crate::sensitivity::sweep(model, &weights, &opts, None, 21).map_err(sensitivity)?;
    let names: Vec<String> = model.alternatives.iter().map(|a| a.name.clone()).collect();
    body.push_str("<section>\n<h2>Weight sweeps</h2>\n<p>Each chart moves one criterion's weight from 0 to 1, the others keeping their proportions; the dashed line marks the current weight.</p>\n");
    body.push_str(&format!(
        "<figure>{}</figure>\n</section>\n",
        crate::chart::sweep_svg(&sweep, &names)
    ));

    let s = SmaaOptions {
        samples: args.samples,
        seed: args.seed,
        weight_order: Vec::new(),
        bounds: None,
    };
    let smaa = crate::smaa::smaa(model, &opts, &s, &|_| {}).map_err(|e| match e {
        crate::smaa::SmaaError::Normalize(e) => normalize_error(e, model),
        other => Error::Smaa(other),
    })?;
    let mut doc = crate::present::smaa::doc(&smaa, model);
    doc.heading = format!(
        "Monte Carlo over all weights (SMAA-2, {} samples, seed {})",
        args.samples, args.seed
    );
    body.push_str(&section(&doc).replacen(
        "</section>",
        &format!(
            "<figure>{}</figure>\n</section>",
            crate::chart::acceptability_svg(&smaa)
        ),
        1,
    ));

    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}<footer><p>Made with pmatrix {}.</p></footer>\n</body>\n</html>\n",
        escape(&model.title),
        env!("CARGO_PKG_VERSION")
    ))
}
