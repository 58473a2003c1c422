//! What an analysis assumed on the reader's behalf, as data: each [`Note`] is one line of the
//! output (written by [`crate::present`]) and one object of the JSON `notes` array, tagged by
//! its `kind`.

use serde::Serialize;

use crate::methods::Options;
use crate::model::Model;
use crate::normalize::Normalization;

/// One assumption.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Note {
    /// Uncertain scores (intervals) were replaced by their midpoints: `scores` of them, on the
    /// criteria named by id.
    Midpoints {
        scores: usize,
        criteria: Vec<String>,
    },
    /// `scale` normalisation used the observed minimum and maximum of these criteria, which
    /// have no scale and no `range`.
    MinmaxFallback { criteria: Vec<String> },
    /// Weights given as points were divided by their total, which was neither 100 nor 1.
    WeightsNormalized {
        /// Where the weights came from: `--weights`, or `profile NAME`.
        source: String,
        total: f64,
    },
}

/// The midpoint note, when the model has uncertain scores and a deterministic method ran.
pub fn midpoints(model: &Model) -> Option<Note> {
    if !model.scores.is_uncertain() {
        return None;
    }
    let (lo, hi) = (model.scores.lower(), model.scores.upper());
    let mut scores = 0;
    let mut criteria = Vec::new();
    for (j, c) in model.criteria.iter().enumerate() {
        let k = (0..lo.nrows())
            .filter(|&i| lo[(i, j)] != hi[(i, j)])
            .count();
        if k > 0 {
            scores += k;
            criteria.push(c.id.clone());
        }
    }
    (scores > 0).then_some(Note::Midpoints { scores, criteria })
}

/// The minmax-fallback note for these criteria ids.
pub fn minmax_fallback(criteria: Vec<String>) -> Option<Note> {
    (!criteria.is_empty()).then_some(Note::MinmaxFallback { criteria })
}

/// The notes of a deterministic analysis of `model` with `opts`: midpoints, then fallback.
pub fn deterministic(model: &Model, opts: &Options) -> Vec<Note> {
    midpoints(model)
        .into_iter()
        .chain(minmax_fallback(fallback_criteria(model, opts)))
        .collect()
}

/// The note for weights whose raw total is neither 100 nor 1.
pub fn weights_total(source: &str, total: f64) -> Option<Note> {
    let round = |t: f64| (total - t).abs() <= 1e-9 * t;
    (!round(100.0) && !round(1.0)).then(|| Note::WeightsNormalized {
        source: source.to_string(),
        total,
    })
}

/// Criteria (ids) for which `scale` normalisation falls back to `minmax`: numeric criteria
/// without a `range`, when the method normalises with `scale`.
pub fn fallback_criteria(model: &Model, opts: &Options) -> Vec<String> {
    if opts.effective_normalization() != Some(Normalization::Scale) {
        return Vec::new();
    }
    model
        .criteria
        .iter()
        .filter(|c| c.bounds().is_none())
        .map(|c| c.id.clone())
        .collect()
}
