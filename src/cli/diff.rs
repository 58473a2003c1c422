//! `pmatrix diff A.toml B.toml`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::scoring::{MethodChoice, ScoringArgs, normalize_error};
use crate::error::{Error, UsageError};
use crate::normalize::Normalization;
use crate::present::diff::{self as present, DEFAULT_TABLE, TABLES};
use crate::sheet::FileFormat;

/// Arguments of `pmatrix diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The first version of the model (TOML).
    pub a: PathBuf,
    /// The second version.
    pub b: PathBuf,
    /// Aggregation method for both [default: A's `method`, else wsm].
    #[arg(long, value_enum)]
    pub method: Option<MethodChoice>,
    /// Normalisation for wsm, wpm and topsis.
    #[arg(long, value_enum)]
    pub normalization: Option<Normalization>,
    /// VIKOR's strategy weight v, from 0 to 1.
    #[arg(long, default_value_t = 0.5, value_name = "V")]
    pub vikor_v: f64,
    /// Show one table only (CSV shows one per run; default `changes`): changes, rankings,
    /// attribution.
    #[arg(long, value_name = "NAME")]
    pub table: Option<String>,
    /// Output format (xlsx needs -o FILE.xlsx).
    #[arg(long, value_enum, default_value_t = FileFormat::Table)]
    pub format: FileFormat,
    /// Write the output to this file (never over a file unless --force).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the -o file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Runs `pmatrix diff`.
pub fn run(args: &DiffArgs, out: &mut dyn Write) -> Result<(), Error> {
    if let Some(t) = &args.table
        && !TABLES.contains(&t.as_str())
    {
        return Err(UsageError::Invalid {
            flag: "--table",
            problem: format!("unknown table `{t}`; tables: {}", TABLES.join(", ")),
        }
        .into());
    }
    if let Some(path) = &args.output {
        crate::output::check_new(path, args.force)?;
    }
    let a = super::load(&args.a)?;
    let b = super::load(&args.b)?;
    let scoring = ScoringArgs {
        method: args.method,
        normalization: args.normalization,
        profile: None,
        weights: None,
        vikor_v: args.vikor_v,
    };
    let method = scoring.single_method(&a)?;
    let opts = scoring.options(method)?;
    // Each version is ranked first on its own, so that a normalisation that cannot take the
    // data names the version it is in.
    crate::rank::evaluate(&a, &a.weights, &opts).map_err(|e| normalize_error(e, &a))?;
    crate::rank::evaluate(&b, &b.weights, &opts).map_err(|e| normalize_error(e, &b))?;
    let result = crate::diff::diff(&a, &b, &opts).map_err(|e| Error::Run(e.to_string()))?;
    let mut doc = present::doc(&result, &a, &b);
    doc.lines[0] = format!("A: {} ({})", args.a.display(), a.title);
    doc.lines[1] = format!("B: {} ({})", args.b.display(), b.title);
    let table = match (&args.table, args.format) {
        (Some(t), _) => Some(t.as_str()),
        (None, FileFormat::Csv) => Some(DEFAULT_TABLE),
        _ => None,
    };
    if let Some(name) = table {
        doc.tables = present::table(&result, &a, &b, name).into_iter().collect();
    }
    super::sink::write(
        args.format,
        args.output.as_deref(),
        args.force,
        out,
        &doc,
        &result,
        result.changes.len(),
    )
}
