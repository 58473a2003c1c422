//! `pmatrix diff A.toml B.toml`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::scoring::{MethodArg, NormalizationArg, Scoring, normalize_error};
use super::sink::FileFormatArg;
use crate::diff::DiffError;
use crate::error::Error;
use crate::render::Style;

/// Arguments of `pmatrix diff`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  pmatrix diff old.toml new.toml
  pmatrix diff old.toml new.toml --format csv --table attribution")]
pub struct DiffArgs {
    /// The first version of the model (TOML).
    pub a: PathBuf,
    /// The second version.
    pub b: PathBuf,
    /// Aggregation method for both [default: A's `method`, else wsm].
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,
    /// Normalisation for wsm, wpm and topsis [default: scale for wsm/wpm, vector for topsis].
    #[arg(long, value_enum)]
    pub normalization: Option<NormalizationArg>,
    /// VIKOR's strategy weight v, from 0 to 1.
    #[arg(long, default_value_t = 0.5, value_name = "V")]
    pub vikor_v: f64,
    /// The table `--format csv` writes (xlsx: only that table): changes, rankings,
    /// attribution [default: changes].
    #[arg(long, value_name = "NAME")]
    pub table: Option<String>,
    /// Output format (xlsx needs -o FILE.xlsx).
    #[arg(long, value_enum, default_value_t = FileFormatArg::Table)]
    pub format: FileFormatArg,
    /// Write the output to this file (never over a file unless --force).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the -o file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Runs `pmatrix diff`.
pub fn run(args: &DiffArgs, width: usize, out: &mut dyn Write) -> Result<(), Error> {
    super::sink::check(args.format, args.output.as_deref())?;
    if let Some(path) = &args.output {
        crate::output::check_new(path, args.force)?;
    }
    let a = super::emit::load(&args.a)?;
    let b = super::emit::load(&args.b)?;
    let scoring = Scoring::method_only(args.method, args.normalization, args.vikor_v);
    let method = scoring.single_method(&a)?;
    let opts = scoring.options(method)?;
    // A normalisation that cannot take the data is reported against the version it is in.
    let result = crate::diff::diff(&a, &b, &opts).map_err(|e| match e {
        DiffError::A(e) => normalize_error(e, &a).for_method(method),
        DiffError::B(e) => normalize_error(e, &b).for_method(method),
    })?;
    let mut doc = crate::present::diff::doc(&result, &a, &b);
    doc.lines[0] = format!("A: {} ({})", args.a.display(), a.title);
    doc.lines[1] = format!("B: {} ({})", args.b.display(), b.title);
    let style = Style {
        width,
        table: args.table.clone(),
    };
    super::sink::write(
        args.format,
        args.output.as_deref(),
        args.force,
        out,
        &doc,
        &style,
        &result,
        result.changes.len(),
    )
}
