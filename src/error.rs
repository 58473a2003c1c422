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
        "error: {normalization} normalisation {requirement}, but `{alternative}` scores {value} on `{criterion}`\n  = help: {}", normalize_help(.requirement, *.suggestion, .criterion, *.method)
    )]
    Normalize {
        normalization: Normalization,
        requirement: &'static str,
        criterion: String,
        alternative: String,
        value: f64,
        suggestion: Normalization,
        /// The method that ran, when one did (its advice depends on it).
        method: Option<crate::methods::Method>,
    },
    /// An output file could not be written (exit 1).
    #[error("error: cannot write {}: {reason}", path.display())]
    Write { path: PathBuf, reason: String },
    /// A sensitivity analysis cannot be run on this model (exit 1).
    #[error("error: {0}")]
    Sensitivity(crate::sensitivity::SensitivityError),
    /// SMAA cannot be run on this model (exit 1).
    #[error("error: {0}")]
    Smaa(crate::smaa::SmaaError),
    /// The group analysis cannot be run on this model (exit 1).
    #[error("error: {0}")]
    Group(crate::group::GroupError),
    /// Gaussian PROMETHEE on more alternatives than it can compare in a few seconds (exit 1).
    #[error(
        "error: PROMETHEE with `gaussian` preference compares every pair of alternatives on each gaussian criterion: {alternatives} alternatives make {pairs} comparisons, more than the {limit} (a few seconds) it takes\n  = help: give those criteria `linear` or `v-shape` preference (computed from sorted columns, fast at any size), or rank a shortlist"
    )]
    GaussianTooLarge {
        alternatives: usize,
        pairs: u64,
        limit: u64,
    },
    /// `whatif` cannot be run on this model (exit 1).
    #[error("error: {0}")]
    Whatif(crate::whatif::WhatIfError),
    /// The failure was already written to the output, as JSON (exit 1, nothing on stderr).
    #[error("")]
    Reported,
    /// The output cannot be rendered as asked (exit 2 for a wrong `--table`, else 1).
    #[error("error: {0}")]
    Render(#[from] crate::render::RenderError),
}

/// The advice for data a normalisation cannot take: one that works. Under WPM a score outside
/// the criterion's range has no real power; minmax would give the worst alternative a 0, which
/// zeroes its whole product, so the advice is the weighted sum or a wider range.
fn normalize_help(
    requirement: &str,
    suggestion: Normalization,
    criterion: &str,
    method: Option<crate::methods::Method>,
) -> String {
    if requirement.contains("for wpm") {
        format!(
            "widen the `range` of `{criterion}` to include every score, or use --method wsm (a weighted sum takes any normalised value)"
        )
    } else if method == Some(crate::methods::Method::Wpm) && suggestion == Normalization::Minmax {
        "use --method wsm: under wpm, minmax (like any normalisation that maps this score to 0) makes the whole product 0, while a weighted sum adds the criteria".to_string()
    } else {
        format!("use --normalization {suggestion}")
    }
}

impl Error {
    /// The error with the method that ran, so that its advice fits the method.
    pub fn for_method(mut self, m: crate::methods::Method) -> Error {
        if let Error::Normalize { method, .. } = &mut self {
            *method = Some(m);
        }
        self
    }
}

impl Error {
    /// The process exit code: 2 for command-line usage, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) | Error::Render(crate::render::RenderError::UnknownTable { .. }) => 2,
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
    #[error("--profile: unknown profile `{found}`\n  = help: {}", profiles_help(.found, .known, *.all_allowed))]
    UnknownProfile {
        found: String,
        known: Vec<String>,
        /// Whether `all` is accepted too (rank only).
        all_allowed: bool,
    },
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

fn profiles_help(found: &str, known: &[String], all_allowed: bool) -> String {
    if known.is_empty() {
        "the model defines no profiles; add one as [profiles.NAME] with `weights = { ... }`"
            .to_string()
    } else {
        format!(
            "{}profiles: {}{}",
            hint(found, known),
            known.join(", "),
            if all_allowed { ", or `all`" } else { "" }
        )
    }
}
