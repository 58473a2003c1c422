//! The command line: clap definitions and one module per command.

pub mod check;
pub mod completions;
pub mod diff;
pub mod emit;
pub mod group;
pub mod init;
pub mod rank;
pub mod report;
pub mod scoring;
pub mod serve;
pub mod sink;
pub mod smaa;
pub mod stability;
pub mod sweep;
pub mod whatif;

use std::io::Write;

use clap::{Parser, Subcommand};

use crate::error::Error;

/// Rank policy alternatives with established multi-criteria methods, and test how robust the
/// answer is.
#[derive(Debug, Parser)]
#[command(name = "pmatrix", version, about, long_about = None)]
pub struct Cli {
    /// Width of terminal tables and text, in columns [default: the terminal's width, or 80
    /// when the output is not a terminal].
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,
    #[command(subcommand)]
    pub command: Command,
    /// Read `[data] csv` even outside the model's folder.
    #[arg(long, global = true)]
    pub allow_data_outside: bool,
}

/// The width tables are laid out for: `--width`, else the terminal's, else 80 (so output
/// that goes to a file or a pipe is the same everywhere).
pub fn width(asked: Option<u16>) -> usize {
    use std::io::IsTerminal;
    if let Some(w) = asked {
        return w.into();
    }
    if std::io::stdout().is_terminal()
        && let Some(w) = comfy_table::Table::new().width()
        && w >= 20
    {
        return w.into();
    }
    crate::render::table::WIDTH
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
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff), for `man -l` or a man1 directory.
    Man(completions::ManArgs),
    /// Combine many participants' weights: group weights, agreement and dissent.
    Group(group::GroupArgs),
    /// What changed between two models, and which change moved which alternative.
    Diff(diff::DiffArgs),
    /// What would it take for each alternative to come first: weights, scores, dominance.
    Whatif(whatif::WhatifArgs),
    /// A live decision conference: weight sliders in the browser, participants joining.
    Serve(serve::ServeArgs),
}

/// Runs a parsed command line, writing its output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<(), Error> {
    let width = width(cli.width);
    LOAD_OPTIONS.set(crate::model::LoadOptions {
        allow_data_outside: cli.allow_data_outside,
        decimal_scores: false,
    });
    match cli.command {
        Command::Rank(args) => rank::run(&args, width, out),
        Command::Check(args) => check::run(&args, width, out),
        Command::Init(args) => init::run(&args, out),
        Command::Sweep(args) => sweep::run(&args, width, out),
        Command::Stability(args) => stability::run(&args, width, out),
        Command::Smaa(args) => smaa::run(&args, width, out),
        Command::Report(args) => report::run(&args, out),
        Command::Completions(args) => completions::completions(&args, out),
        Command::Man(args) => completions::man(&args, out),
        Command::Group(args) => group::run(&args, width, out),
        Command::Diff(args) => diff::run(&args, width, out),
        Command::Whatif(args) => whatif::run(&args, width, out),
        Command::Serve(args) => serve::run(&args, out),
    }
}

thread_local! {
    /// The loader options of the command line being run (set by [`run`]).
    pub(crate) static LOAD_OPTIONS: std::cell::Cell<crate::model::LoadOptions> =
        std::cell::Cell::new(crate::model::LoadOptions::default());
}
