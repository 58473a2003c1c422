//! The options shared by every command that scores: method, normalisation, weights.

use clap::{Args, ValueEnum};

use crate::error::{Error, UsageError};
use crate::methods::{Method, Options};
use crate::model::Model;
use crate::normalize::Normalization;
use crate::weights::Weights;

/// `--method` of the commands that take one method (clap's side of [`Method`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
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

impl From<MethodArg> for Method {
    fn from(m: MethodArg) -> Method {
        match m {
            MethodArg::Wsm => Method::Wsm,
            MethodArg::Wpm => Method::Wpm,
            MethodArg::Topsis => Method::Topsis,
            MethodArg::Vikor => Method::Vikor,
            MethodArg::Promethee => Method::Promethee,
        }
    }
}

/// `--normalization` (clap's side of [`Normalization`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NormalizationArg {
    /// Against the ends of the criterion's scale or `range`; min-max where there is none.
    Scale,
    /// Against the observed minimum and maximum.
    Minmax,
    /// Divided by the column maximum.
    Max,
    /// x/max for benefits, min/x for costs.
    Linear,
    /// Divided by the column sum.
    Sum,
    /// Divided by the column's Euclidean norm.
    Vector,
}

impl From<NormalizationArg> for Normalization {
    fn from(n: NormalizationArg) -> Normalization {
        match n {
            NormalizationArg::Scale => Normalization::Scale,
            NormalizationArg::Minmax => Normalization::Minmax,
            NormalizationArg::Max => Normalization::Max,
            NormalizationArg::Linear => Normalization::Linear,
            NormalizationArg::Sum => Normalization::Sum,
            NormalizationArg::Vector => Normalization::Vector,
        }
    }
}

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

/// `--method` and the weight options of `pmatrix rank`, which also takes `all`.
#[derive(Debug, Clone, Args)]
pub struct RankScoringArgs {
    /// Aggregation method, or `all` for every method side by side [default: the model's
    /// `method`, else wsm].
    #[arg(long, value_enum)]
    pub method: Option<MethodChoice>,
    /// Normalisation for wsm, wpm and topsis [default: scale for wsm/wpm, vector for topsis].
    #[arg(long, value_enum)]
    pub normalization: Option<NormalizationArg>,
    /// Use a named weight profile from the model, or `all` for every profile side by side
    /// [default: the criteria's own weights].
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Weights for a quick what-if, naming every criterion: id=w,id=w,...
    #[arg(long, value_name = "ID=W,...", conflicts_with = "profile")]
    pub weights: Option<String>,
    /// VIKOR's strategy weight v, from 0 to 1.
    #[arg(long, default_value_t = 0.5, value_name = "V")]
    pub vikor_v: f64,
}

/// `--method` and the weight options of the commands that take one method and one weight
/// set.
#[derive(Debug, Clone, Args)]
pub struct ScoringArgs {
    /// Aggregation method [default: the model's `method`, else wsm].
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,
    /// Normalisation for wsm, wpm and topsis [default: scale for wsm/wpm, vector for topsis].
    #[arg(long, value_enum)]
    pub normalization: Option<NormalizationArg>,
    /// Use a named weight profile from the model [default: the criteria's own weights].
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Weights for a quick what-if, naming every criterion: id=w,id=w,...
    #[arg(long, value_name = "ID=W,...", conflicts_with = "profile")]
    pub weights: Option<String>,
    /// VIKOR's strategy weight v, from 0 to 1.
    #[arg(long, default_value_t = 0.5, value_name = "V")]
    pub vikor_v: f64,
}

/// `--method` and normalisation for `pmatrix smaa`, which draws the weights itself:
/// `--profile` and `--weights` are accepted only to be refused with a pointer to the
/// constraints SMAA takes, and are not listed in its help.
#[derive(Debug, Clone, Args)]
pub struct SmaaScoringArgs {
    /// Aggregation method [default: the model's `method`, else wsm].
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,
    /// Normalisation for wsm, wpm and topsis [default: scale for wsm/wpm, vector for topsis].
    #[arg(long, value_enum)]
    pub normalization: Option<NormalizationArg>,
    #[arg(long, value_name = "NAME", hide = true)]
    pub profile: Option<String>,
    #[arg(long, value_name = "ID=W,...", hide = true)]
    pub weights: Option<String>,
    /// VIKOR's strategy weight v, from 0 to 1.
    #[arg(long, default_value_t = 0.5, value_name = "V")]
    pub vikor_v: f64,
}

impl Scoring {
    /// A method and its options alone, with the model's own weights: for the commands whose
    /// weights come from elsewhere (`group`, `diff`).
    pub fn method_only(
        method: Option<MethodArg>,
        normalization: Option<NormalizationArg>,
        vikor_v: f64,
    ) -> Scoring {
        Scoring {
            method: method.map(|m| MethodChoice::from(Method::from(m))),
            normalization: normalization.map(Normalization::from),
            profile: None,
            weights: None,
            vikor_v,
            all_allowed: false,
        }
    }
}

impl From<&SmaaScoringArgs> for Scoring {
    fn from(a: &SmaaScoringArgs) -> Scoring {
        Scoring {
            method: a.method.map(|m| MethodChoice::from(Method::from(m))),
            normalization: a.normalization.map(Normalization::from),
            profile: a.profile.clone(),
            weights: a.weights.clone(),
            vikor_v: a.vikor_v,
            all_allowed: false,
        }
    }
}

impl From<&RankScoringArgs> for Scoring {
    fn from(a: &RankScoringArgs) -> Scoring {
        Scoring {
            method: a.method,
            normalization: a.normalization.map(Normalization::from),
            profile: a.profile.clone(),
            weights: a.weights.clone(),
            vikor_v: a.vikor_v,
            all_allowed: true,
        }
    }
}

impl From<&ScoringArgs> for Scoring {
    fn from(a: &ScoringArgs) -> Scoring {
        Scoring {
            method: a.method.map(|m| MethodChoice::from(Method::from(m))),
            normalization: a.normalization.map(Normalization::from),
            profile: a.profile.clone(),
            weights: a.weights.clone(),
            vikor_v: a.vikor_v,
            all_allowed: false,
        }
    }
}

impl From<Method> for MethodChoice {
    fn from(m: Method) -> MethodChoice {
        match m {
            Method::Wsm => MethodChoice::Wsm,
            Method::Wpm => MethodChoice::Wpm,
            Method::Topsis => MethodChoice::Topsis,
            Method::Vikor => MethodChoice::Vikor,
            Method::Promethee => MethodChoice::Promethee,
        }
    }
}

/// How to score, as the command line asked.
#[derive(Debug, Clone)]
pub struct Scoring {
    pub method: Option<MethodChoice>,
    pub normalization: Option<Normalization>,
    pub profile: Option<String>,
    pub weights: Option<String>,
    pub vikor_v: f64,
    /// Whether `all` is a valid `--method` and `--profile` (rank only).
    pub all_allowed: bool,
}

/// One method under one weight set, resolved from the command line: what a command computes.
#[derive(Debug, Clone)]
pub struct Plan {
    pub opts: Options,
    pub weights: Weights,
    pub profile: Option<String>,
    /// What the command line made pmatrix assume (weights normalised from points).
    pub notes: Vec<crate::assumption::Note>,
}

impl Scoring {
    /// The plan for a command that takes one method and one weight set.
    pub fn plan(&self, model: &Model) -> Result<Plan, Error> {
        let method = self.single_method(model)?;
        let opts = self.options(method)?;
        let (weights, profile, notes) = self.weights_and_notes(model)?;
        Ok(Plan {
            opts,
            weights,
            profile,
            notes,
        })
    }

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
                problem: "`all` compares every method; give one method here".into(),
            }
            .into()
        })?;
        if method == Method::Promethee {
            use crate::methods::promethee::{MAX_GAUSSIAN_PAIRS, gaussian_pairs};
            let prefs: Vec<_> = model.criteria.iter().map(|c| c.preference).collect();
            let pairs = gaussian_pairs(model.alternatives.len(), &prefs);
            if pairs > MAX_GAUSSIAN_PAIRS {
                return Err(Error::GaussianTooLarge {
                    alternatives: model.alternatives.len(),
                    pairs,
                    limit: MAX_GAUSSIAN_PAIRS,
                });
            }
        }
        Ok(method)
    }

    /// The weights to use (and the profile's name), unless `--profile all` was asked for.
    pub fn weights(&self, model: &Model) -> Result<(Weights, Option<String>), Error> {
        self.weights_and_notes(model).map(|(w, p, _)| (w, p))
    }

    /// The weights, the profile's name, and the note when `--weights` did not total 100 or 1.
    #[allow(clippy::type_complexity)]
    fn weights_and_notes(
        &self,
        model: &Model,
    ) -> Result<(Weights, Option<String>, Vec<crate::assumption::Note>), Error> {
        if let Some(text) = &self.weights {
            let (w, total) = parse_weights(text, model)?;
            let notes = crate::assumption::weights_total("--weights", total)
                .into_iter()
                .collect();
            return Ok((w, None, notes));
        }
        match self.profile.as_deref() {
            None => Ok((model.weights.clone(), None, Vec::new())),
            Some(name) => {
                let p = model
                    .profile(name)
                    .ok_or_else(|| UsageError::UnknownProfile {
                        found: name.to_string(),
                        known: model.profiles.iter().map(|p| p.name.clone()).collect(),
                        all_allowed: self.all_allowed,
                    })?;
                let notes = match p.origin {
                    crate::weights::Origin::Direct { total } => {
                        crate::assumption::weights_total(&format!("profile {}", p.name), total)
                            .into_iter()
                            .collect()
                    }
                    _ => Vec::new(),
                };
                Ok((p.weights.clone(), Some(p.name.clone()), notes))
            }
        }
    }

    /// Whether every profile was asked for (rank only).
    pub fn all_profiles(&self) -> bool {
        self.all_allowed && self.profile.as_deref() == Some("all")
    }
}

/// Parses `--weights id=w,id=w`, which must name every criterion once: the normalised
/// weights and the total of those given.
pub fn parse_weights(text: &str, model: &Model) -> Result<(Weights, f64), Error> {
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
    let total = raw.iter().sum();
    Weights::normalized(&raw)
        .map(|w| (w, total))
        .map_err(|_| bad("every weight is zero".into()))
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
        method: None,
    }
}

/// The error of a sensitivity analysis, with ids for a normalisation's.
pub fn sensitivity_error(e: crate::sensitivity::SensitivityError, model: &Model) -> Error {
    match e {
        crate::sensitivity::SensitivityError::Normalize(e) => normalize_error(e, model),
        crate::sensitivity::SensitivityError::TooFewSteps(n) => UsageError::Invalid {
            flag: "--steps",
            problem: format!("{n} is too few; a sweep needs at least 2 steps"),
        }
        .into(),
        other => Error::Sensitivity(other),
    }
}

/// The index of a criterion named on the command line.
pub fn criterion_index(model: &Model, flag: &'static str, id: &str) -> Result<usize, Error> {
    model.criterion_index(id).ok_or_else(|| {
        UsageError::UnknownCriterion {
            flag,
            found: id.to_string(),
            known: model.criteria.iter().map(|c| c.id.clone()).collect(),
        }
        .into()
    })
}
