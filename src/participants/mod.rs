//! Participants: many people's weights for one model, read from a CSV file or a sheet.
//!
//! A participants file has one row per participant. The header is `id`, an optional `group`
//! (such as "ministry" or "ngo"), then one of three kinds of weight columns, the same for
//! every row of a file:
//!
//! - **points**: one column per criterion id, any total (each row is normalised to sum 1);
//! - **rank order**: one column `rank_order` holding the criterion ids from most to least
//!   important, `a>b>c`, turned into rank-order centroid weights;
//! - **AHP**: one column per pair `a/b`, every pair of criteria once, holding Saaty's
//!   judgement of how many times a matters more than b (`3`, `1/5`); the weights are the
//!   principal eigenvector, with each participant's consistency ratio.
//!
//! A small workshop can write its participants in the model instead (`[participants.ID]`,
//! see [`from_model`]).
//!
//! Lines starting with `#` in a CSV file are comments. Every problem is reported with the
//! file, line and column (or sheet and cell) and the participant's id.

mod error;
mod inline;
mod parse;

use std::path::Path;

use serde::Serialize;

pub use error::{Invalid, ParticipantsError, Place, Problem};
pub use inline::from_model;

use crate::model::Model;
use crate::weights::Weights;
use crate::weights::ahp::Ahp;

/// The kind of weights a participants file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Points per criterion, normalised per participant.
    Points,
    /// A ranking of criteria, turned into rank-order centroid (ROC) weights.
    RankOrder,
    /// Saaty's pairwise judgements.
    Ahp,
}

/// One participant's pairwise judgements and their analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgements {
    /// `(i, j, aᵢⱼ)` with i < j in the model's criterion order.
    pub pairs: Vec<(usize, usize, f64)>,
    pub analysis: Ahp,
}

/// One participant.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    pub id: String,
    pub group: Option<String>,
    /// Normalised weights, in the model's criterion order.
    pub weights: Weights,
    /// The sum of the points given (points files only).
    pub total: Option<f64>,
    /// The judgements (AHP files only).
    pub judgements: Option<Judgements>,
}

/// Everyone in a participants file, in the file's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Participants {
    pub kind: Kind,
    pub list: Vec<Participant>,
}

impl Participants {
    /// The groups named in the file, in order of first appearance.
    pub fn groups(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for p in &self.list {
            if let Some(g) = &p.group
                && !out.contains(g)
            {
                out.push(g.clone());
            }
        }
        out
    }
}

/// Reads a participants file for `model`: a workbook (`.xlsx`, `.xls`, `.ods`; the first
/// sheet, or `sheet`) or else CSV.
pub fn read(
    path: &Path,
    model: &Model,
    sheet: Option<&str>,
) -> Result<Participants, ParticipantsError> {
    if crate::sheet::is_workbook(path) {
        let grid = crate::sheet::read_grid(path, sheet)?;
        parse::Input::from_grid(grid).participants(model)
    } else {
        let bytes = std::fs::read(path).map_err(|e| ParticipantsError::Read {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let text = String::from_utf8(bytes).map_err(|_| ParticipantsError::Read {
            path: path.to_path_buf(),
            reason: "the file is not UTF-8 text".into(),
        })?;
        parse_csv(path, &text, model)
    }
}

/// Reads participants from CSV text; `path` names it in messages.
pub fn parse_csv(
    path: &Path,
    text: &str,
    model: &Model,
) -> Result<Participants, ParticipantsError> {
    parse::Input::from_csv(path, text)?.participants(model)
}
