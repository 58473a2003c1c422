//! The TOML file as written: serde structs that mirror it, with spans kept where a later check
//! must point at a value. Nothing here is validated beyond TOML types and known keys.

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

/// The points of a value function, `[[x, v], …]`, each number with its span.
pub type RawPoints = Spanned<Vec<Spanned<Vec<Spanned<f64>>>>>;

/// A map whose keys keep their spans.
pub type SpannedMap<V> = IndexMap<Spanned<String>, Spanned<V>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawModel {
    pub title: Option<Spanned<String>>,
    pub description: Option<String>,
    pub source: Option<String>,
    pub method: Option<Spanned<String>>,
    #[serde(default)]
    pub scales: IndexMap<Spanned<String>, Spanned<RawScale>>,
    #[serde(default)]
    pub criteria: Vec<Spanned<RawCriterion>>,
    pub alternatives: Option<Spanned<Vec<Spanned<RawAlternative>>>>,
    #[serde(default)]
    pub profiles: IndexMap<Spanned<String>, Spanned<RawProfile>>,
    pub data: Option<Spanned<RawData>>,
    pub participants: Option<Spanned<IndexMap<Spanned<String>, Spanned<RawParticipant>>>>,
    /// The value tree's groups (`[[groups]]`).
    #[serde(default)]
    pub groups: Vec<Spanned<RawGroup>>,
    /// `[smaa]`: weight constraints for SMAA.
    pub smaa: Option<Spanned<RawSmaa>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScale {
    pub levels: Spanned<Vec<Spanned<String>>>,
    pub values: Option<Spanned<Vec<Spanned<f64>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCriterion {
    pub id: Spanned<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub direction: Spanned<RawDirection>,
    pub scale: Option<Spanned<String>>,
    pub weight: Option<Spanned<f64>>,
    pub range: Option<Spanned<Vec<Spanned<f64>>>>,
    pub preference: Option<Spanned<RawPreference>>,
    pub q: Option<Spanned<f64>>,
    pub p: Option<Spanned<f64>>,
    pub s: Option<Spanned<f64>>,
    /// The value-tree group this criterion belongs to.
    pub parent: Option<Spanned<String>>,
    /// A piecewise-linear value function, `[[x, v], …]`.
    pub value: Option<RawPoints>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawDirection {
    Benefit,
    Cost,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum RawPreference {
    Usual,
    UShape,
    VShape,
    Level,
    Linear,
    Gaussian,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAlternative {
    pub id: Spanned<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub scores: Option<Spanned<SpannedMap<toml::Value>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProfile {
    pub description: Option<String>,
    pub weights: Option<Spanned<SpannedMap<f64>>>,
    pub rank_order: Option<Spanned<Vec<Spanned<String>>>>,
    pub rank_order_method: Option<Spanned<String>>,
    pub ahp: Option<Spanned<SpannedMap<toml::Value>>>,
    /// Swing weights: points per criterion, 100 for the most important swing.
    pub swing: Option<Spanned<SpannedMap<f64>>>,
    /// Weights computed from the scores: `"entropy"` or `"critic"`.
    pub objective: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawData {
    pub csv: Option<Spanned<String>>,
    pub xlsx: Option<Spanned<String>>,
    pub ods: Option<Spanned<String>>,
    pub xls: Option<Spanned<String>>,
    /// A Parquet file: the same columns as the CSV file.
    pub parquet: Option<Spanned<String>>,
    /// The sheet of a workbook (default: the first).
    pub sheet: Option<Spanned<String>>,
}

/// `[participants.ID]`: one participant of a small workshop, written in the model. The keys
/// follow the columns of a participants file: `group`, then one kind of weights.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParticipant {
    pub group: Option<Spanned<String>>,
    /// Points per criterion id, any total.
    pub points: Option<Spanned<SpannedMap<f64>>>,
    /// Criterion ids from most to least important.
    pub rank_order: Option<Spanned<Vec<Spanned<String>>>>,
    /// Saaty's judgements, `"a/b" = 3`.
    pub ahp: Option<Spanned<SpannedMap<toml::Value>>>,
}

/// A group of the value tree: criteria (or other groups) whose weights are given within it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    pub id: Spanned<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub weight: Option<Spanned<f64>>,
    pub parent: Option<Spanned<String>>,
}

/// `[smaa]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSmaa {
    pub constraints: Option<Vec<Spanned<String>>>,
    pub weight_order: Option<Vec<Spanned<String>>>,
    pub weight_bounds: Option<SpannedMap<Vec<Spanned<f64>>>>,
}
