//! `objective = "entropy"` or `"critic"`: weights computed from the model's scores (levels at
//! their scale values, uncertain scores at their midpoints), one per criterion; in a value
//! tree they apply to the criteria directly.

use toml::Spanned;

use super::Ctx;
use crate::model::Scores;
pub use crate::model::error::objective::ObjectiveProblem;
use crate::model::error::{ModelError, Problem};
use crate::weights::objective::{self, ObjectiveError, ObjectiveMethod};
use crate::weights::{Origin, Weights};

/// The weights and origin of an objective profile.
pub(crate) fn build(
    ctx: &Ctx<'_>,
    method: &Spanned<String>,
    scores: &Scores,
    in_tree: bool,
) -> Result<(Weights, Origin), ModelError> {
    let err = |p| ctx.src.error(method.span(), Problem::Objective(p));
    let m = ObjectiveMethod::from_name(method.get_ref()).ok_or_else(|| {
        err(ObjectiveProblem::Unknown {
            found: method.get_ref().clone(),
        })
    })?;
    let directions: Vec<_> = ctx.criteria.iter().map(|c| c.direction).collect();
    let result = match m {
        ObjectiveMethod::Entropy => objective::entropy(scores.mid()),
        ObjectiveMethod::Critic => objective::critic(scores.mid(), &directions),
    }
    .map_err(|e| match e {
        // A valid model's scores are finite and ≥ 0, so only the lack of information remains.
        ObjectiveError::NoInformation | ObjectiveError::BadScore { .. } => {
            err(ObjectiveProblem::NoInformation {
                profile: ctx.profile.clone(),
                method: m.name(),
            })
        }
    })?;
    let weights = Weights::normalized(&result.weights)
        .map_err(|_| ctx.src.error(method.span(), Problem::AllWeightsZero))?;
    let criteria = ctx
        .criteria
        .iter()
        .zip(result.criteria)
        .map(|(c, info)| objective::Information {
            criterion: c.id.clone(),
            name: c.name.clone(),
            info,
        })
        .collect();
    Ok((
        weights,
        Origin::Objective {
            method: m,
            conflict_free: result.conflict_free,
            in_tree,
            criteria,
        },
    ))
}
