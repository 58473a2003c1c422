//! The command line: clap definitions and one module per command.

pub mod check;
pub mod init;
pub mod rank;
pub mod report;
pub mod scoring;
pub mod smaa;
pub mod stability;
pub mod sweep;
pub mod whatif;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::error::Error;

/// Rank policy alternatives with established multi-criteria methods, and test how robust the
/// answer is.
#[derive(Debug, Parser)]
#[command(name = "pmatrix", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rank the alternatives of a model.
    Rank(rank::RankArgs),
    /// Validate a model and summarise it.
    Check(check::CheckArgs),
    /// Write a commented starter model (never overwrites a file).
    Init(init::InitArgs),
    /// Sweep one weight at a time from 0 to 1 and show where the ranking changes.
    Sweep(sweep::SweepArgs),
    /// How far each weight can move before the winner or the ranking changes.
    Stability(stability::StabilityArgs),
    /// SMAA-2: rank acceptability under random weights and uncertain scores.
    Smaa(smaa::SmaaArgs),
    /// Write one self-contained HTML page with the tables and charts.
    Report(report::ReportArgs),
    /// What would it take for each alternative to come first: weights, scores, dominance.
    Whatif(whatif::WhatifArgs),
}

/// Runs a parsed command line, writing its output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<(), Error> {
    match cli.command {
        Command::Rank(args) => rank::run(&args, out),
        Command::Check(args) => check::run(&args, out),
        Command::Init(args) => init::run(&args, out),
        Command::Sweep(args) => sweep::run(&args, out),
        Command::Stability(args) => stability::run(&args, out),
        Command::Smaa(args) => smaa::run(&args, out),
        Command::Report(args) => report::run(&args, out),
        Command::Whatif(args) => whatif::run(&args, out),
    }
}

/// Loads the model named on the command line.
pub fn load(path: &std::path::Path) -> Result<crate::model::Model, Error> {
    Ok(crate::model::load(path)?)
}

/// Writes text to the output; a closed pipe is not an error for the caller to report.
pub fn emit(out: &mut dyn Write, text: &str) -> Result<(), Error> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Write {
            path: PathBuf::from("<stdout>"),
            reason: e.to_string(),
        }),
    }
}

/// Results with more alternatives than this are written as JSON on one line.
pub const PRETTY_JSON_LIMIT: usize = 1000;

/// Writes a result as JSON with a final newline: indented, or on one line for large results
/// (`items` above [`PRETTY_JSON_LIMIT`]), streamed through a buffer.
pub fn emit_json<T: serde::Serialize>(
    out: &mut dyn Write,
    value: &T,
    items: usize,
) -> Result<(), Error> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    let written = if items > PRETTY_JSON_LIMIT {
        serde_json::to_writer(&mut w, value)
    } else {
        serde_json::to_writer_pretty(&mut w, value)
    };
    let result = written
        .map_err(std::io::Error::from)
        .and_then(|()| w.write_all(b"\n"))
        .and_then(|()| w.flush());
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Write {
            path: PathBuf::from("<stdout>"),
            reason: e.to_string(),
        }),
    }
}

/// Serialises a result as pretty JSON with a final newline.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    let mut s =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
