//! `pmatrix check MODEL`: validate, and summarise the model in a paragraph (or as JSON, for
//! editors and CI).

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use crate::error::Error;
use crate::model::ModelError;

/// Arguments of `pmatrix check`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  pmatrix check model.toml
  pmatrix check model.toml --format json   # an invalid model: the error as JSON, exit 1")]
pub struct CheckArgs {
    /// The model file (TOML).
    pub model: PathBuf,
    /// Output format: json writes the summary, or the error with its file, line and column
    /// (xlsx needs -o FILE.xlsx).
    #[arg(long, value_enum, default_value_t = super::sink::FileFormatArg::Table)]
    pub format: super::sink::FileFormatArg,
    /// Write the output to this file instead of standard output (never over a file unless
    /// --force).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the -o file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// An invalid model, as JSON.
#[derive(serde::Serialize)]
struct Refusal {
    valid: bool,
    error: ErrorJson,
}

#[derive(serde::Serialize)]
struct ErrorJson {
    file: String,
    /// 1-based; `null` when the problem concerns the whole file or the file cannot be read.
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    help: Option<String>,
}

fn refusal(e: &ModelError, file: &str) -> Refusal {
    let error = match e {
        ModelError::Invalid(inv) => ErrorJson {
            file: inv.location.path.display().to_string(),
            line: (inv.location.line > 0).then_some(inv.location.line),
            column: (inv.location.line > 0).then_some(inv.location.column),
            message: inv.problem.to_string(),
            help: inv.problem.help(),
        },
        ModelError::Read { .. } | ModelError::Sheet(_) => ErrorJson {
            file: file.to_string(),
            line: None,
            column: None,
            message: e
                .to_string()
                .trim_start_matches("error: ")
                .lines()
                .next()
                .unwrap_or_default()
                .to_string(),
            help: None,
        },
    };
    Refusal {
        valid: false,
        error,
    }
}

/// Runs `pmatrix check`.
pub fn run(args: &CheckArgs, width: usize, out: &mut dyn Write) -> Result<(), Error> {
    let sink = super::sink::OutputArgs {
        format: args.format,
        output: args.output.clone(),
    };
    sink.prepare(args.force)?;
    let file = args.model.display().to_string();
    let model = match crate::model::load_with(&args.model, &super::LOAD_OPTIONS.get()) {
        Ok(m) => m,
        Err(e) if sink.is_json() => {
            sink.json(args.force, out, &refusal(&e, &file), 0)?;
            return Err(Error::Reported);
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(Err(e)) = crate::participants::from_model(&model) {
        if let (true, crate::participants::ParticipantsError::Invalid(inv)) = (sink.is_json(), &e) {
            let (file, line, column) = match &inv.place {
                crate::participants::Place::Text(l) => {
                    (l.path.display().to_string(), Some(l.line), Some(l.column))
                }
                _ => (file.clone(), None, None),
            };
            let message = match &inv.participant {
                Some(p) => format!("participant `{p}`: {}", inv.problem),
                None => inv.problem.to_string(),
            };
            let error = ErrorJson {
                file,
                line,
                column,
                message,
                help: Some(inv.problem.help()),
            };
            sink.json(
                args.force,
                out,
                &Refusal {
                    valid: false,
                    error,
                },
                0,
            )?;
            return Err(Error::Reported);
        }
        return Err(e.into());
    }
    let summary = crate::summary::summary(&model, &file);
    if sink.is_json() {
        return sink.json(args.force, out, &summary, 0);
    }
    let paragraph = crate::present::check::summary(&model);
    let dominance = crate::present::whatif::dominance_note(&model);
    if args.format == super::sink::FileFormatArg::Xlsx {
        // A workbook holds the same lines, on its About sheet.
        let doc = crate::present::doc::Doc {
            heading: format!("{file}: OK"),
            lines: std::iter::once(paragraph).chain(dominance).collect(),
            ..Default::default()
        };
        let style = crate::render::Style { width, table: None };
        return sink.doc(args.force, out, &doc, &style, &summary, 0);
    }
    let mut text = format!(
        "{file}: OK\n{}\n",
        crate::render::table::wrap(&paragraph, width)
    );
    for line in crate::present::tree::lines(&model) {
        text.push_str(&line);
        text.push('\n');
    }
    if let Some(line) = dominance {
        text.push_str(&crate::render::table::wrap(&line, width));
        text.push('\n');
    }
    sink.bytes(args.force, out, text.as_bytes())
}
