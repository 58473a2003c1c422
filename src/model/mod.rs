//! The decision model: what a TOML file says, validated into types the engine can trust.
//!
//! [`load`] reads a model file (and its `[data] csv`, if any), checks every rule in the
//! specification and returns a [`Model`]: a complete, finite score matrix, resolved scales and
//! weights that sum to one. Nothing after this module checks its input again.

mod common;
pub mod constraint;
mod data;
mod elicit;
mod error;
pub mod limits;
mod load;
mod participants;
mod profiles;
mod raw;
mod scores;
mod sheet;
mod smaa_table;
pub mod source;
pub mod text;
mod tree;
mod value;

pub use data::Alternatives;
pub use error::{Invalid, ModelError, Problem};
pub use load::{LoadOptions, MAX_MODEL_BYTES, load, load_with, parse, parse_in};
pub use participants::{InlineParticipant, InlineParticipants, InlineWeights};
pub use smaa_table::{SmaaSettings, SmaaTableProblem};
pub use tree::{Group, Node, Tree, TreeNode, TreeProblem};
pub use value::ValueProblem;

use nalgebra::DMatrix;

use crate::columns::Decimals;
use serde::Serialize;

use crate::vocabulary::Column;
pub use crate::vocabulary::{Direction, Preference};
use crate::weights::{Profile, Weights};

/// A named ordinal scale: level names in ascending order, with their numeric values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scale {
    pub name: String,
    pub levels: Vec<String>,
    /// Strictly increasing, one per level.
    pub values: Vec<f64>,
}

impl Scale {
    /// The value of a level name, if the scale has it.
    pub fn value_of(&self, level: &str) -> Option<f64> {
        self.levels
            .iter()
            .position(|l| l == level)
            .map(|i| self.values[i])
    }

    /// The name of the level with exactly this value, if there is one.
    pub fn level_of(&self, value: f64) -> Option<&str> {
        self.values
            .iter()
            .position(|&v| v == value)
            .map(|i| self.levels[i].as_str())
    }

    /// The lowest and highest value of the scale.
    pub fn ends(&self) -> (f64, f64) {
        (self.values[0], self.values[self.values.len() - 1])
    }
}

/// One criterion of the model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub direction: Direction,
    /// The ordinal scale its scores are given on; `None` for numeric scores.
    pub scale: Option<Scale>,
    /// The declared `range` of a numeric criterion.
    pub range: Option<(f64, f64)>,
    /// The PROMETHEE preference function (default `usual`).
    pub preference: Preference,
    /// A value function (numeric criteria); its first and last x are then `range`.
    pub value: Option<crate::vocabulary::ValueFunction>,
}

impl Criterion {
    /// The ends used by `scale` normalisation: the scale's, else the declared range.
    pub fn bounds(&self) -> Option<(f64, f64)> {
        self.scale.as_ref().map(Scale::ends).or(self.range)
    }

    /// What normalisation needs to know of this criterion.
    pub fn column(&self) -> Column {
        Column {
            direction: self.direction,
            bounds: self.bounds(),
            value: self.value.clone(),
        }
    }
}

impl From<&Criterion> for crate::methods::CriterionInfo {
    fn from(c: &Criterion) -> Self {
        crate::methods::CriterionInfo {
            column: c.column(),
            preference: c.preference,
        }
    }
}

/// One policy alternative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alternative {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

/// The scores: for each alternative (row) and criterion (column), the lower and upper end of
/// its value. A certain score has `lower == upper`. Every entry is finite and `lower <= upper`.
/// A model without intervals keeps one matrix, not three copies of it.
///
/// A large table of plain decimals read for a ranking may be kept as [`Decimals`] (half the
/// memory), which the fused scorers read as they are; the matrix of doubles is then made the
/// first time something asks for it.
#[derive(Debug, Clone)]
pub struct Scores {
    /// The midpoints, which the deterministic methods use.
    mid: std::sync::OnceLock<DMatrix<f64>>,
    /// The same numbers as digits and powers of ten, when they were read so.
    decimals: Option<Decimals>,
    /// The lower and upper bounds, when some score is an interval.
    bounds: Option<(DMatrix<f64>, DMatrix<f64>)>,
}

impl Scores {
    /// Scores from two bound matrices of the same shape.
    pub fn new(lower: DMatrix<f64>, upper: DMatrix<f64>) -> Scores {
        if lower == upper {
            return Scores::exact(lower);
        }
        let mid = lower.zip_map(&upper, midpoint);
        Scores {
            mid: mid.into(),
            decimals: None,
            bounds: Some((lower, upper)),
        }
    }

    /// Scores that are all certain.
    pub fn exact(values: DMatrix<f64>) -> Scores {
        Scores {
            mid: values.into(),
            decimals: None,
            bounds: None,
        }
    }

    /// Certain scores kept as digits and powers of ten.
    pub(crate) fn decimal(values: Decimals) -> Scores {
        Scores {
            mid: std::sync::OnceLock::new(),
            decimals: Some(values),
            bounds: None,
        }
    }

    /// The midpoints, which the deterministic methods use (made from the decimals the first
    /// time they are asked for, when the scores were kept so).
    pub fn mid(&self) -> &DMatrix<f64> {
        self.mid.get_or_init(|| {
            self.decimals
                .as_ref()
                .map_or_else(|| DMatrix::zeros(0, 0), Decimals::to_matrix)
        })
    }

    /// The scores as digits and powers of ten, when they were read so.
    pub(crate) fn decimals(&self) -> Option<&Decimals> {
        self.decimals.as_ref()
    }

    /// Keeps the scores as doubles alone: the matrix made (if it was not) and the decimals
    /// let go, for work that reads the matrix, so that the two are not held together.
    pub(crate) fn keep_doubles(&mut self) {
        if let Some(decimals) = self.decimals.take() {
            let mid = self.mid.take().unwrap_or_else(|| decimals.to_matrix());
            drop(decimals);
            self.mid = mid.into();
        }
    }

    /// Whether the matrix of doubles has been made (always, unless the scores are kept as
    /// decimals and nothing has asked for it).
    pub fn has_matrix(&self) -> bool {
        self.mid.get().is_some()
    }

    /// The lower ends.
    pub fn lower(&self) -> &DMatrix<f64> {
        self.bounds.as_ref().map_or_else(|| self.mid(), |b| &b.0)
    }

    /// The upper ends.
    pub fn upper(&self) -> &DMatrix<f64> {
        self.bounds.as_ref().map_or_else(|| self.mid(), |b| &b.1)
    }

    /// Whether any score is an interval.
    pub fn is_uncertain(&self) -> bool {
        self.bounds.is_some()
    }
}

/// Scores are equal when their values are, however they are kept.
impl PartialEq for Scores {
    fn eq(&self, other: &Scores) -> bool {
        self.bounds == other.bounds && self.mid() == other.mid()
    }
}

/// The midpoint of [lo, hi], which never overflows: (lo + hi)/2 when that sum is finite,
/// else lo + (hi − lo)/2.
pub fn midpoint(lo: f64, hi: f64) -> f64 {
    let m = (lo + hi) * 0.5;
    if m.is_finite() {
        m
    } else {
        lo + (hi - lo) * 0.5
    }
}

/// A validated decision model.
#[derive(Debug, Clone)]
pub struct Model {
    pub title: String,
    pub description: Option<String>,
    pub source: Option<String>,
    /// The model's default method, if it names one.
    pub method: Option<crate::methods::Method>,
    pub criteria: Vec<Criterion>,
    pub alternatives: Alternatives,
    pub scores: Scores,
    /// The criteria's own weights, normalised to sum 1.
    pub weights: Weights,
    /// Named weight sets, in the file's order.
    pub profiles: Vec<Profile>,
    /// `[participants]`, as written (checked by [`crate::participants::from_model`]).
    pub participants: Option<InlineParticipants>,
    /// The value tree, when the model has `[[groups]]`; `weights` are then its product weights.
    pub tree: Option<Tree>,
    /// `[smaa]`: the weight constraints SMAA respects (empty without the table).
    pub smaa: SmaaSettings,
}

impl Model {
    /// The column descriptions normalisation needs, one per criterion.
    pub fn columns(&self) -> Vec<Column> {
        self.criteria.iter().map(Criterion::column).collect()
    }

    /// The index of a criterion by id.
    pub fn criterion_index(&self, id: &str) -> Option<usize> {
        self.criteria.iter().position(|c| c.id == id)
    }

    /// The name of the alternative with this id (the id itself if there is none).
    pub fn alternative_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.alternatives
            .iter()
            .find(|a| a.id == id)
            .map_or(id, |a| a.name.as_str())
    }

    /// The profile with this name.
    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.name == name)
    }
}
