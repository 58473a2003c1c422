//! The aggregation methods, and one entry point that runs any of them.
//!
//! Each method is a small pure function in its own module, checked against its published
//! formula. [`evaluate`] normalises the matrix where the method asks for it and returns an
//! [`Evaluation`]: the scores, their order (higher or lower is better) and the method's
//! intermediate values.

pub mod promethee;
pub mod topsis;
pub mod vikor;
pub mod wpm;
pub mod wsm;

use nalgebra::DMatrix;
use serde::Serialize;

use crate::model::{Criterion, Direction, Preference};
use crate::normalize::{Column, Normalization, NormalizeError, normalize};

/// An aggregation method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Weighted sum of normalised scores (SAW).
    Wsm,
    /// Weighted product of normalised scores.
    Wpm,
    /// Closeness to the ideal solution.
    Topsis,
    /// Compromise ranking (Q; lower is better).
    Vikor,
    /// PROMETHEE II net outranking flow.
    Promethee,
}

impl Method {
    /// Every method, in the order tables list them.
    pub const ALL: [Method; 5] = [
        Method::Wsm,
        Method::Wpm,
        Method::Topsis,
        Method::Vikor,
        Method::Promethee,
    ];

    /// The name used on the command line, in model files and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Method::Wsm => "wsm",
            Method::Wpm => "wpm",
            Method::Topsis => "topsis",
            Method::Vikor => "vikor",
            Method::Promethee => "promethee",
        }
    }

    /// A method by name.
    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.name() == name)
    }

    /// The normalisation used when none is asked for; `None` for methods on raw values.
    pub fn default_normalization(self) -> Option<Normalization> {
        match self {
            Method::Wsm | Method::Wpm => Some(Normalization::Scale),
            Method::Topsis => Some(Normalization::Vector),
            Method::Vikor | Method::Promethee => None,
        }
    }

    /// Whether a higher or a lower score is better.
    pub fn score_order(self) -> ScoreOrder {
        match self {
            Method::Vikor => ScoreOrder::Ascending,
            _ => ScoreOrder::Descending,
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether the best alternative has the highest (`descending`) or the lowest score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ScoreOrder {
    /// Higher is better.
    Descending,
    /// Lower is better.
    Ascending,
}

impl ScoreOrder {
    /// Whether score `a` is strictly better than score `b`.
    pub fn better(self, a: f64, b: f64) -> bool {
        match self {
            ScoreOrder::Descending => a > b,
            ScoreOrder::Ascending => a < b,
        }
    }
}

/// How to run a method.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    pub method: Method,
    /// The normalisation for `wsm`, `wpm` and `topsis`; `None` for the method's default.
    pub normalization: Option<Normalization>,
    /// VIKOR's strategy weight v (weight of group utility S against regret R).
    pub vikor_v: f64,
}

impl Options {
    /// The method with its default normalisation and v = 0.5.
    pub fn new(method: Method) -> Options {
        Options {
            method,
            normalization: None,
            vikor_v: 0.5,
        }
    }

    /// The normalisation that will actually be used.
    pub fn effective_normalization(&self) -> Option<Normalization> {
        self.method
            .default_normalization()
            .map(|d| self.normalization.unwrap_or(d))
    }
}

/// A method's intermediate values.
#[derive(Debug, Clone, PartialEq)]
pub enum Details {
    /// WSM terms w·r, or WPM factors r^w (alternatives × criteria).
    Contributions(DMatrix<f64>),
    Topsis {
        d_plus: Vec<f64>,
        d_minus: Vec<f64>,
    },
    Vikor(vikor::Vikor),
    Promethee(promethee::Promethee),
}

/// The result of running one method on one matrix with one weight vector.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub method: Method,
    pub normalization: Option<Normalization>,
    /// Criteria (indices) for which `scale` normalisation fell back to `minmax`.
    pub fallback: Vec<usize>,
    pub order: ScoreOrder,
    pub scores: Vec<f64>,
    pub details: Details,
}

/// What a method needs to know of each criterion.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionInfo {
    pub column: Column,
    pub preference: Preference,
}

impl From<&Criterion> for CriterionInfo {
    fn from(c: &Criterion) -> Self {
        CriterionInfo {
            column: c.column(),
            preference: c.preference,
        }
    }
}

/// Runs a method on the matrix `x` (alternatives × criteria) with weights `w` (summing to 1).
pub fn evaluate(
    x: &DMatrix<f64>,
    criteria: &[CriterionInfo],
    w: &[f64],
    opts: &Options,
) -> Result<Evaluation, NormalizeError> {
    let normalization = opts.effective_normalization();
    let dirs: Vec<Direction> = criteria.iter().map(|c| c.column.direction).collect();
    let mut fallback = Vec::new();
    let (scores, details) = match (opts.method, normalization) {
        (Method::Vikor, _) => {
            let out = vikor::vikor(x, &dirs, w, opts.vikor_v);
            (out.q.clone(), Details::Vikor(out))
        }
        (Method::Promethee, _) => {
            let prefs: Vec<Preference> = criteria.iter().map(|c| c.preference).collect();
            let out = promethee::promethee(x, &dirs, w, &prefs);
            (out.phi.clone(), Details::Promethee(out))
        }
        (method, norm) => {
            let columns: Vec<Column> = criteria.iter().map(|c| c.column).collect();
            let n = normalize(x, &columns, norm.unwrap_or(Normalization::Scale))?;
            fallback = n.fallback;
            match method {
                Method::Wsm => {
                    let (s, c) = wsm::wsm(&n.matrix, w);
                    (s, Details::Contributions(c))
                }
                Method::Wpm => {
                    let (s, c) = wpm::wpm(&n.matrix, w);
                    (s, Details::Contributions(c))
                }
                _ => {
                    let t = topsis::topsis(&n.matrix, w);
                    (
                        t.closeness,
                        Details::Topsis {
                            d_plus: t.d_plus,
                            d_minus: t.d_minus,
                        },
                    )
                }
            }
        }
    };
    Ok(Evaluation {
        method: opts.method,
        normalization,
        fallback,
        order: opts.method.score_order(),
        scores,
        details,
    })
}
