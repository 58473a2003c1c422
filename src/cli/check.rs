//! `pmatrix check MODEL`: validate, and summarise the model in a paragraph (or as JSON, for
//! editors and CI).

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::emit;

use crate::error::Error;
use crate::model::ModelError;
use crate::render::Format;

/// Arguments of `pmatrix check`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  pmatrix check model.toml
  pmatrix check model.toml --format json   # an invalid model: the error as JSON, exit 1")]
pub struct CheckArgs {
    /// The model file (TOML).
    pub model: PathBuf,
    /// Output format: json writes the summary, or the error with its file, line and column.
    #[arg(long, value_enum, default_value_t = emit::FormatArg::Table)]
    pub format: emit::FormatArg,
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
        ModelError::Read { .. } => ErrorJson {
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
    let file = args.model.display().to_string();
    let model = match crate::model::load(&args.model) {
        Ok(m) => m,
        Err(e) if Format::from(args.format) == Format::Json => {
            emit::emit_json(out, &refusal(&e, &file), 0)?;
            return Err(Error::Reported);
        }
        Err(e) => return Err(e.into()),
    };
    if Format::from(args.format) == Format::Json {
        return emit::emit_json(out, &crate::summary::summary(&model, &file), 0);
    }
    let paragraph = crate::present::check::summary(&model);
    let mut text = format!(
        "{file}: OK\n{}\n",
        crate::render::table::wrap(&paragraph, width)
    );
    for line in crate::present::tree::lines(&model) {
        text.push_str(&line);
        text.push('\n');
    }
    if let Some(line) = crate::present::whatif::dominance_note(&model) {
        text.push_str(&crate::render::table::wrap(&line, width));
        text.push('\n');
    }
    emit::emit(out, &text)
}
