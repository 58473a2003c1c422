//! `pmatrix serve MODEL`.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;

use crate::error::Error;

/// Arguments of `pmatrix serve`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  pmatrix serve model.toml
  pmatrix serve model.toml --listen 0.0.0.0:8080 --save participants.csv

On the loopback address (the default) only this machine can connect, and it is the
facilitator. With another address, the printed join link admits participants and the
facilitator link admits the facilitator's controls from elsewhere.")]
pub struct ServeArgs {
    /// The model file (TOML).
    pub model: PathBuf,
    /// The address and port to listen on (port 0 takes a free port).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Append every participant's submission to this CSV file (the participants format of
    /// `pmatrix group`; read back on start, the last row of each participant counts).
    #[arg(long, value_name = "FILE.csv")]
    pub save: Option<PathBuf>,
}

/// Runs `pmatrix serve`.
pub fn run(args: &ServeArgs, out: &mut dyn Write) -> Result<(), Error> {
    let config = crate::serve::Config {
        model: args.model.clone(),
        listen: args.listen,
        save: args.save.clone(),
        load: super::LOAD_OPTIONS.get(),
    };
    crate::serve::run(&config, out)
}
