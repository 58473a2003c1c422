//! `pmatrix group MODEL PARTICIPANTS`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::scoring::{MethodArg, NormalizationArg, Scoring, normalize_error};
use super::sink::FileFormatArg;
use crate::error::Error;
use crate::present::group::{self as present, DEFAULT_TABLE};
use crate::render::Style;

/// Arguments of `pmatrix group`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  pmatrix group model.toml participants.csv
  pmatrix group workshop.toml             # the model's own [participants]
  pmatrix group model.toml participants.xlsx --sheet Weights --participants
  pmatrix group model.toml participants.csv --format csv --table weights")]
pub struct GroupArgs {
    /// The model file (TOML).
    pub model: PathBuf,
    /// The participants: CSV, or a workbook (.xlsx, .xls, .ods) with header `id`, optional
    /// `group`, then points per criterion id, or `rank_order`, or AHP pairs `a/b`
    /// [default: the model's `[participants]`].
    pub participants: Option<PathBuf>,
    /// The sheet of a workbook to read [default: the first].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Aggregation method [default: the model's `method`, else wsm].
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,
    /// Normalisation for wsm, wpm and topsis [default: scale for wsm/wpm, vector for topsis].
    #[arg(long, value_enum)]
    pub normalization: Option<NormalizationArg>,
    /// VIKOR's strategy weight v, from 0 to 1.
    #[arg(long, default_value_t = 0.5, value_name = "V")]
    pub vikor_v: f64,
    /// Also show each participant's weights and ranking.
    #[arg(long = "participants")]
    pub show_participants: bool,
    /// The table `--format csv` writes (xlsx: only that table): weights, agreement, ranks,
    /// groups (with a `group` column), group_ranks (likewise), ahp (AHP files),
    /// participants [default: agreement].
    #[arg(long, value_name = "NAME")]
    pub table: Option<String>,
    /// Also draw how many participants put each alternative at each rank, as SVG.
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    /// Overwrite the --chart or -o file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Output format (xlsx needs -o FILE.xlsx).
    #[arg(long, value_enum, default_value_t = FileFormatArg::Table)]
    pub format: FileFormatArg,
    /// Write the output to this file instead of standard output (never over a file unless
    /// --force).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `pmatrix group`.
pub fn run(args: &GroupArgs, width: usize, out: &mut dyn Write) -> Result<(), Error> {
    super::sink::check(args.format, args.output.as_deref())?;
    for path in [&args.chart, &args.output].into_iter().flatten() {
        crate::output::check_new(path, args.force)?;
    }
    let model = super::emit::load(&args.model)?;
    let people = participants(args.participants.as_deref(), args.sheet.as_deref(), &model)?;
    let scoring = Scoring::method_only(args.method, args.normalization, args.vikor_v);
    let method = scoring.single_method(&model)?;
    let opts = scoring.options(method)?;
    let result = crate::group::group(&model, &people, &opts).map_err(|e| match e {
        crate::group::GroupError::Normalize(e) => normalize_error(e, &model).for_method(method),
        e => Error::Group(e),
    })?;
    if let Some(path) = &args.chart {
        crate::output::write_new(
            path,
            present::chart_svg(&result, &model).as_bytes(),
            args.force,
        )?;
    }
    let doc = present::doc(&result, &model, args.show_participants);
    let table = match (&args.table, args.format) {
        (Some(t), _) => Some(t.clone()),
        (None, FileFormatArg::Csv) => Some(DEFAULT_TABLE.to_string()),
        _ => None,
    };
    let style = Style { width, table };
    super::sink::write(
        args.format,
        args.output.as_deref(),
        args.force,
        out,
        &doc,
        &style,
        &result,
        result.individuals.len(),
    )
}

/// The participants of a file, or else the model's own `[participants]`.
pub fn participants(
    file: Option<&std::path::Path>,
    sheet: Option<&str>,
    model: &crate::model::Model,
) -> Result<crate::participants::Participants, Error> {
    if let Some(path) = file {
        return Ok(crate::participants::read(path, model, sheet)?);
    }
    if sheet.is_some() {
        return Err(crate::error::UsageError::Invalid {
            flag: "--sheet",
            problem: "picks a sheet of a participants workbook: give the workbook after the model"
                .into(),
        }
        .into());
    }
    match crate::participants::from_model(model) {
        Some(people) => Ok(people?),
        None => Err(crate::error::UsageError::Invalid {
            flag: "PARTICIPANTS",
            problem: "the model has no `[participants]`: give a participants file (CSV or workbook) after the model, or write `[participants.ID]` tables in it".into(),
        }
        .into()),
    }
}
