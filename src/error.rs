//! The errors a command can end with, and their exit codes.

use std::path::PathBuf;

use crate::model::ModelError;
use crate::normalize::Normalization;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The model file is invalid (exit 1).
    #[error(transparent)]
    Model(#[from] ModelError),
    /// The participants file is invalid (exit 1).
    #[error(transparent)]
    Participants(#[from] crate::participants::ParticipantsError),
    /// A command-line option is wrong (exit 2).
    #[error("error: {0}")]
    Usage(#[from] UsageError),
    /// A normalisation cannot take the data (exit 1).
    #[error(
        "error: {normalization} normalisation {requirement}, but `{alternative}` scores {value} on `{criterion}`\n  = help: use --normalization {suggestion}"
    )]
    Normalize {
        normalization: Normalization,
        requirement: &'static str,
        criterion: String,
        alternative: String,
        value: f64,
        suggestion: Normalization,
    },
    /// An output file could not be written (exit 1).
    #[error("error: cannot write {}: {reason}", path.display())]
    Write { path: PathBuf, reason: String },
    /// The analysis cannot be run on this model (exit 1).
    #[error("error: {0}")]
    Run(String),
}

impl Error {
    /// The process exit code: 2 for command-line usage, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

/// A wrong command-line option.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum UsageError {
    #[error("{flag}: unknown criterion `{found}`\n  = help: {}criteria: {}", hint(.found, .known), .known.join(", "))]
    UnknownCriterion {
        flag: &'static str,
        found: String,
        known: Vec<String>,
    },
    #[error("--profile: unknown profile `{found}`\n  = help: {}", profiles_help(.found, .known))]
    UnknownProfile { found: String, known: Vec<String> },
    #[error(
        "--weights: {problem}\n  = help: write --weights id=w,id=w naming every criterion once, with weights ≥ 0, e.g. --weights {example}"
    )]
    BadWeights { problem: String, example: String },
    #[error("{flag}: {problem}")]
    Invalid { flag: &'static str, problem: String },
    #[error("--normalization applies to wsm, wpm and topsis; {method} uses the raw values")]
    NormalizationUnused { method: &'static str },
}

fn hint(found: &str, known: &[String]) -> String {
    crate::diagnostic::closest(found, known.iter().map(String::as_str))
        .map(|c| format!("did you mean `{c}`? "))
        .unwrap_or_default()
}

fn profiles_help(found: &str, known: &[String]) -> String {
    if known.is_empty() {
        "the model defines no profiles; add one as [profiles.NAME] with `weights = { ... }`"
            .to_string()
    } else {
        format!(
            "{}profiles: {}, or `all`",
            hint(found, known),
            known.join(", ")
        )
    }
}
