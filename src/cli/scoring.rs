//! The options shared by every command that scores: method, normalisation, weights.

use clap::{Args, ValueEnum};

use crate::error::{Error, UsageError};
use crate::methods::{Method, Options};
use crate::model::Model;
use crate::normalize::Normalization;
use crate::weights::Weights;

/// `--method`: one method, or all of them side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodChoice {
    Wsm,
    Wpm,
    Topsis,
    Vikor,
    Promethee,
    /// Every method side by side, with rank correlations.
    All,
}

impl MethodChoice {
    /// The single method, or `None` for `all`.
    pub fn single(self) -> Option<Method> {
        match self {
            MethodChoice::Wsm => Some(Method::Wsm),
            MethodChoice::Wpm => Some(Method::Wpm),
            MethodChoice::Topsis => Some(Method::Topsis),
            MethodChoice::Vikor => Some(Method::Vikor),
            MethodChoice::Promethee => Some(Method::Promethee),
            MethodChoice::All => None,
        }
    }
}

/// How to score.
#[derive(Debug, Clone, Args)]
pub struct ScoringArgs {
    /// Aggregation method [default: the model's `method`, else wsm].
    #[arg(long, value_enum)]
    pub method: Option<MethodChoice>,
    /// Normalisation for wsm, wpm and topsis [default: scale for wsm/wpm, vector for topsis].
    #[arg(long, value_enum)]
    pub normalization: Option<Normalization>,
    /// Use a named weight profile from the model (`all`: every profile side by side).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Weights for a quick what-if, naming every criterion: id=w,id=w,...
    #[arg(long, value_name = "ID=W,...", conflicts_with = "profile")]
    pub weights: Option<String>,
    /// VIKOR's strategy weight v, from 0 to 1.
    #[arg(long, default_value_t = 0.5, value_name = "V")]
    pub vikor_v: f64,
}

impl ScoringArgs {
    /// The method options for one method.
    pub fn options(&self, method: Method) -> Result<Options, Error> {
        let vikor_v = self.vikor_v()?;
        if self.normalization.is_some()
            && method.default_normalization().is_none()
            && self.method.is_some()
        {
            return Err(UsageError::NormalizationUnused {
                method: method.name(),
            }
            .into());
        }
        Ok(Options {
            method,
            normalization: self.normalization,
            vikor_v,
        })
    }

    /// VIKOR's v, checked to lie in [0, 1].
    pub fn vikor_v(&self) -> Result<f64, Error> {
        if (0.0..=1.0).contains(&self.vikor_v) {
            Ok(self.vikor_v)
        } else {
            Err(UsageError::Invalid {
                flag: "--vikor-v",
                problem: format!("{} is not between 0 and 1", self.vikor_v),
            }
            .into())
        }
    }

    /// The method asked for, or the model's, or wsm.
    pub fn choice(&self, model: &Model) -> MethodChoice {
        self.method
            .unwrap_or(match model.method.unwrap_or(Method::Wsm) {
                Method::Wsm => MethodChoice::Wsm,
                Method::Wpm => MethodChoice::Wpm,
                Method::Topsis => MethodChoice::Topsis,
                Method::Vikor => MethodChoice::Vikor,
                Method::Promethee => MethodChoice::Promethee,
            })
    }

    /// The single method for commands that take one.
    pub fn single_method(&self, model: &Model) -> Result<Method, Error> {
        let method = self.choice(model).single().ok_or_else(|| -> Error {
            UsageError::Invalid {
                flag: "--method",
                problem: "`all` is only for `pmatrix rank`; name one method".into(),
            }
            .into()
        })?;
        if method == Method::Promethee {
            use crate::methods::promethee::{MAX_GAUSSIAN_PAIRS, gaussian_pairs};
            let prefs: Vec<_> = model.criteria.iter().map(|c| c.preference).collect();
            let pairs = gaussian_pairs(model.alternatives.len(), &prefs);
            if pairs > MAX_GAUSSIAN_PAIRS {
                return Err(Error::Run(format!(
                    "PROMETHEE with `gaussian` preference compares every pair of alternatives on each gaussian criterion: {} alternatives make {pairs} comparisons, more than the {MAX_GAUSSIAN_PAIRS} (a few seconds) it takes. Give those criteria `linear` or `v-shape` preference (computed from sorted columns, fast at any size), or rank a shortlist",
                    model.alternatives.len()
                )));
            }
        }
        Ok(method)
    }

    /// The weights to use (and the profile's name), unless `--profile all` was asked for.
    pub fn weights(&self, model: &Model) -> Result<(Weights, Option<String>), Error> {
        if let Some(text) = &self.weights {
            return Ok((parse_weights(text, model)?, None));
        }
        match self.profile.as_deref() {
            None => Ok((model.weights.clone(), None)),
            Some(name) => {
                let p = model
                    .profile(name)
                    .ok_or_else(|| UsageError::UnknownProfile {
                        found: name.to_string(),
                        known: model.profiles.iter().map(|p| p.name.clone()).collect(),
                    })?;
                Ok((p.weights.clone(), Some(p.name.clone())))
            }
        }
    }

    /// Whether every profile was asked for.
    pub fn all_profiles(&self) -> bool {
        self.profile.as_deref() == Some("all")
    }
}

/// Parses `--weights id=w,id=w`, which must name every criterion once.
pub fn parse_weights(text: &str, model: &Model) -> Result<Weights, Error> {
    let example: Vec<String> = model
        .criteria
        .iter()
        .map(|c| format!("{}=1", c.id))
        .collect();
    let bad = |problem: String| -> Error {
        UsageError::BadWeights {
            problem,
            example: example.join(","),
        }
        .into()
    };
    let mut raw: Vec<Option<f64>> = vec![None; model.criteria.len()];
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (id, w) = part
            .split_once('=')
            .ok_or_else(|| bad(format!("`{part}` is not of the form id=w")))?;
        let j = model
            .criterion_index(id.trim())
            .ok_or_else(|| UsageError::UnknownCriterion {
                flag: "--weights",
                found: id.trim().to_string(),
                known: model.criteria.iter().map(|c| c.id.clone()).collect(),
            })?;
        let w: f64 = w
            .trim()
            .parse()
            .map_err(|_| bad(format!("`{}` is not a number", w.trim())))?;
        if !w.is_finite() || w < 0.0 {
            return Err(bad(format!(
                "the weight of `{id}` is {w}; weights are finite and ≥ 0"
            )));
        }
        if raw[j].replace(w).is_some() {
            return Err(bad(format!("`{id}` is named twice")));
        }
    }
    let missing: Vec<&str> = raw
        .iter()
        .zip(&model.criteria)
        .filter(|(w, _)| w.is_none())
        .map(|(_, c)| c.id.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(bad(format!("no weight for {}", missing.join(", "))));
    }
    let raw: Vec<f64> = raw.into_iter().flatten().collect();
    Weights::normalized(&raw).map_err(|_| bad("every weight is zero".into()))
}

/// The user-facing error for data a normalisation cannot take.
pub fn normalize_error(e: crate::normalize::NormalizeError, model: &Model) -> Error {
    Error::Normalize {
        normalization: e.normalization,
        requirement: e.requirement,
        criterion: model.criteria[e.criterion].id.clone(),
        alternative: model.alternatives[e.alternative].id.clone(),
        value: e.value,
        suggestion: e.suggestion,
    }
}
