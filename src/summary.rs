//! What `pmatrix check` reports of a valid model, as data.

use indexmap::IndexMap;
use serde::Serialize;

use crate::methods::Method;
use crate::model::Model;
use crate::vocabulary::Direction;

/// A valid model in brief.
#[derive(Debug, Clone, Serialize)]
pub struct ModelSummary {
    pub valid: bool,
    pub file: String,
    pub title: String,
    pub source: Option<String>,
    pub method: Option<Method>,
    pub alternatives: usize,
    pub criteria: Vec<CriterionSummary>,
    /// How many scores are intervals.
    pub uncertain_scores: usize,
    pub profiles: Vec<String>,
    /// The value tree, top down, when the model has `[[groups]]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tree: Option<Vec<crate::model::TreeNode>>,
    /// Per AHP profile on a value tree: each parent's consistency, top first.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub consistency: IndexMap<String, Vec<crate::weights::ahp::GroupAhp>>,
    /// Per objective profile: the method and what each criterion's weight came from.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub objective: IndexMap<String, crate::weights::objective::Summary>,
}

/// One criterion in brief.
#[derive(Debug, Clone, Serialize)]
pub struct CriterionSummary {
    pub id: String,
    pub name: String,
    pub direction: Direction,
    /// The scale's name; `None` for numeric scores.
    pub scale: Option<String>,
    /// The normalised weight.
    pub weight: f64,
}

/// The summary of a valid model read from `file`.
pub fn summary(model: &Model, file: &str) -> ModelSummary {
    let (lo, hi) = (model.scores.lower(), model.scores.upper());
    ModelSummary {
        valid: true,
        file: file.to_string(),
        title: model.title.clone(),
        source: model.source.clone(),
        method: model.method,
        alternatives: model.alternatives.len(),
        criteria: model
            .criteria
            .iter()
            .zip(model.weights.as_slice())
            .map(|(c, &w)| CriterionSummary {
                id: c.id.clone(),
                name: c.name.clone(),
                direction: c.direction,
                scale: c.scale.as_ref().map(|s| s.name.clone()),
                weight: w,
            })
            .collect(),
        uncertain_scores: lo.iter().zip(hi.iter()).filter(|(a, b)| a != b).count(),
        profiles: model.profiles.iter().map(|p| p.name.clone()).collect(),
        tree: model
            .tree
            .as_ref()
            .map(|t| t.nodes(&model.criteria, model.weights.as_slice())),
        consistency: model
            .profiles
            .iter()
            .filter_map(|p| {
                crate::weights::ahp::tree_consistency(&p.origin).map(|c| (p.name.clone(), c))
            })
            .collect(),
        objective: model
            .profiles
            .iter()
            .filter_map(|p| {
                crate::weights::objective::summary(&p.origin).map(|o| (p.name.clone(), o))
            })
            .collect(),
    }
}
