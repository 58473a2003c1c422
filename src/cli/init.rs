//! `pmatrix init [PATH]`: a commented starter model.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::emit;

use crate::error::Error;

/// Arguments of `pmatrix init`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  pmatrix init                 # writes model.toml
  pmatrix init transport.toml")]
pub struct InitArgs {
    /// Where to write the model; an existing file is never overwritten.
    #[arg(default_value = "model.toml")]
    pub path: PathBuf,
}

/// The starter model: a small, valid, commented example to edit.
pub const STARTER: &str = include_str!("starter.toml");

/// Runs `pmatrix init`.
pub fn run(args: &InitArgs, out: &mut dyn Write) -> Result<(), Error> {
    crate::output::write_new(&args.path, STARTER.as_bytes(), false)?;
    emit::emit(
        out,
        &format!(
            "wrote {}\nnext: edit it, then run `pmatrix check {0}` and `pmatrix rank {0}`\n",
            args.path.display()
        ),
    )
}
