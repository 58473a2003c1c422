//! `pmatrix group MODEL PARTICIPANTS`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::scoring::{MethodChoice, ScoringArgs, normalize_error};
use crate::doc::Doc;
use crate::error::{Error, UsageError};
use crate::normalize::Normalization;
use crate::present::group::{self as present, DEFAULT_TABLE, TABLES};
use crate::sheet::FileFormat;

/// Arguments of `pmatrix group`.
#[derive(Debug, Args)]
pub struct GroupArgs {
    /// The model file (TOML).
    pub model: PathBuf,
    /// The participants: CSV, or a workbook (.xlsx, .xls, .ods) with header `id`, optional
    /// `group`, then points per criterion id, or `rank_order`, or AHP pairs `a/b`.
    pub participants: PathBuf,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Aggregation method [default: the model's `method`, else wsm].
    #[arg(long, value_enum)]
    pub method: Option<MethodChoice>,
    /// Normalisation for wsm, wpm and topsis.
    #[arg(long, value_enum)]
    pub normalization: Option<Normalization>,
    /// VIKOR's strategy weight v, from 0 to 1.
    #[arg(long, default_value_t = 0.5, value_name = "V")]
    pub vikor_v: f64,
    /// Also show each participant's weights and ranking.
    #[arg(long = "participants")]
    pub show_participants: bool,
    /// Show one table only (CSV shows one table per run; default `agreement`):
    /// weights, agreement, ranks, groups, group_ranks, ahp, participants.
    #[arg(long, value_name = "NAME")]
    pub table: Option<String>,
    /// Also draw how many participants put each alternative at each rank, as SVG.
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    /// Overwrite the --chart or -o file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Output format (xlsx needs -o FILE.xlsx).
    #[arg(long, value_enum, default_value_t = FileFormat::Table)]
    pub format: FileFormat,
    /// Write the output to this file instead of standard output (never over a file unless
    /// --force).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `pmatrix group`.
pub fn run(args: &GroupArgs, out: &mut dyn Write) -> Result<(), Error> {
    if args.format == FileFormat::Xlsx && args.output.is_none() {
        return Err(UsageError::Invalid {
            flag: "--format xlsx",
            problem: "a workbook is written to a file: add -o FILE.xlsx".into(),
        }
        .into());
    }
    if let Some(t) = &args.table
        && !TABLES.contains(&t.as_str())
    {
        return Err(unknown_table(t));
    }
    for path in [&args.chart, &args.output].into_iter().flatten() {
        crate::output::check_new(path, args.force)?;
    }
    let model = super::load(&args.model)?;
    let people = crate::participants::read(&args.participants, &model, args.sheet.as_deref())?;
    let scoring = ScoringArgs {
        method: args.method,
        normalization: args.normalization,
        profile: None,
        weights: None,
        vikor_v: args.vikor_v,
    };
    let method = scoring.single_method(&model)?;
    let opts = scoring.options(method)?;
    let result = crate::group::group(&model, &people, &opts).map_err(|e| match e {
        crate::group::GroupError::Normalize(e) => normalize_error(e, &model),
        e => Error::Run(e.to_string()),
    })?;
    if let Some(path) = &args.chart {
        crate::output::write_new(
            path,
            present::chart_svg(&result, &model).as_bytes(),
            args.force,
        )?;
    }
    let mut doc = present::doc(&result, &model, args.show_participants);
    if matches!(args.format, FileFormat::Table | FileFormat::Markdown) && args.table.is_none() {
        doc = present::without_ids(doc);
    }
    let table = match (&args.table, args.format) {
        (Some(t), _) => Some(t.as_str()),
        (None, FileFormat::Csv) => Some(DEFAULT_TABLE),
        _ => None,
    };
    if let Some(name) = table {
        let t = present::table(&result, &model, name).ok_or_else(|| UsageError::Invalid {
            flag: "--table",
            problem: format!(
                "this run has no `{name}` table (`groups` needs a `group` column, `ahp` an AHP file)"
            ),
        })?;
        doc.tables = vec![t];
    } else if args.format == FileFormat::Xlsx {
        doc.tables = TABLES
            .iter()
            .filter_map(|n| present::table(&result, &model, n))
            .collect();
    }
    write(args, out, &doc, &result, result.individuals.len())
}

fn unknown_table(t: &str) -> Error {
    UsageError::Invalid {
        flag: "--table",
        problem: format!("unknown table `{t}`; tables: {}", TABLES.join(", ")),
    }
    .into()
}

fn write<T: serde::Serialize>(
    args: &GroupArgs,
    out: &mut dyn Write,
    doc: &Doc,
    result: &T,
    items: usize,
) -> Result<(), Error> {
    super::sink::write(
        args.format,
        args.output.as_deref(),
        args.force,
        out,
        doc,
        result,
        items,
    )
}
