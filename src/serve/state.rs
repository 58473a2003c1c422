//! What the server holds (the model as loaded, its text, the tokens, the participants) and
//! how a request's weights, scores and method become what the analyses take, exactly as the
//! command line resolves `--weights` and `--method`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use indexmap::IndexMap;
use serde::Deserialize;
use toml_edit::DocumentMut;

use super::error::ApiError;
use super::token::Tokens;
use crate::cli::scoring::{MethodChoice, Plan, Scoring};
use crate::error::Error;
use crate::methods::Method;
use crate::model::Model;
use crate::normalize::Normalization;
use crate::weights::Weights;

/// The server's state, shared by every request.
pub struct App {
    pub path: PathBuf,
    /// The model as loaded at start.
    pub model: Arc<Model>,
    /// Its text, parsed for editing.
    pub doc: DocumentMut,
    /// Whether scores can be changed (they are in the TOML, not in `[data] csv`).
    pub scores_editable: bool,
    pub load: crate::model::LoadOptions,
    pub tokens: Tokens,
    pub store: Mutex<super::store::Store>,
    /// Bumped on every submission; the event streams watch it.
    pub version: tokio::sync::watch::Sender<u64>,
    /// Set when the server stops, to end the event streams.
    pub stopping: tokio::sync::watch::Sender<bool>,
    /// Reports rendered for the "open the report" button, by id (the last few).
    pub reports: Mutex<Vec<(String, Arc<String>)>>,
}

impl App {
    /// Loads the model and the participants file, and draws the tokens.
    pub fn load(config: &super::Config) -> Result<App, Error> {
        let model = crate::model::load_with(&config.model, &config.load)?;
        // The loader has read and validated the text; it is read again only to keep its
        // comments and layout for editing.
        let text =
            std::fs::read_to_string(&config.model).map_err(|e| crate::model::ModelError::Read {
                path: config.model.clone(),
                source: e,
            })?;
        let doc: DocumentMut = text
            .parse()
            .map_err(|e: toml_edit::TomlError| Error::Write {
                path: config.model.clone(),
                reason: format!("cannot edit the model's TOML: {e}"),
            })?;
        let store = super::store::Store::open(config.save.as_deref(), &model)?;
        let token = || {
            super::token::fresh().map_err(|e| Error::Write {
                path: PathBuf::from("<tokens>"),
                reason: format!("the operating system gave no random bytes: {e}"),
            })
        };
        let tokens = Tokens {
            join: token()?,
            facilitator: token()?,
        };
        Ok(App {
            path: config.model.clone(),
            scores_editable: super::edit::has_inline_alternatives(&doc),
            doc,
            model: Arc::new(model),
            load: config.load,
            tokens,
            store: Mutex::new(store),
            version: tokio::sync::watch::channel(0).0,
            stopping: tokio::sync::watch::channel(false).0,
            reports: Mutex::new(Vec::new()),
        })
    }

    /// Ends the event streams.
    pub fn stop(&self) {
        self.stopping.send_replace(true);
    }

    /// The model's default method, else wsm.
    pub fn default_method(&self) -> Method {
        self.model.method.unwrap_or(Method::Wsm)
    }
}

/// A weight set on one criterion, the others keeping their proportions (as in `sweep`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetWeight {
    pub criterion: String,
    pub weight: f64,
}

/// Points (percentage points of weight) moved from one criterion to another.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MovePoints {
    pub from: String,
    pub to: String,
    pub points: f64,
}

/// What the facilitator's page sends: the state to rank.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scene {
    /// A method name; the model's `method`, else wsm, when absent.
    pub method: Option<String>,
    /// A normalisation name; the method's default when absent.
    pub normalization: Option<String>,
    /// VIKOR's v (0.5 when absent).
    pub vikor_v: Option<f64>,
    /// Weights by criterion id, naming every criterion, any total (like `--weights`); the
    /// model's own when absent.
    pub weights: Option<IndexMap<String, f64>>,
    /// Then one weight set, the others keeping their proportions.
    pub set_weight: Option<SetWeight>,
    /// Or points moved between two criteria.
    pub move_points: Option<MovePoints>,
    /// Changed scores: alternative id → criterion id → number, level or [lower, upper].
    #[serde(default)]
    pub scores: IndexMap<String, IndexMap<String, serde_json::Value>>,
}

/// A scene resolved: the model with its changed scores, the plan, and the edited text.
pub struct Resolved {
    pub model: Arc<Model>,
    pub plan: Plan,
    pub doc: DocumentMut,
    pub normalization: Option<Normalization>,
}

impl App {
    /// Resolves a scene as the command line would: `--method`, `--normalization`, `--vikor-v`
    /// and `--weights`, on the model with its scores changed.
    pub fn resolve(&self, scene: &Scene) -> Result<Resolved, ApiError> {
        let (model, doc) = self.with_scores(&scene.scores)?;
        let method = match &scene.method {
            None => None,
            Some(name) => Some(Method::from_name(name).ok_or_else(|| {
                ApiError::bad(format!(
                    "unknown method `{name}`; methods: {}",
                    Method::ALL.map(Method::name).join(", ")
                ))
            })?),
        };
        let normalization = match &scene.normalization {
            None => None,
            Some(name) => Some(
                Normalization::ALL
                    .into_iter()
                    .find(|n| n.name() == name)
                    .ok_or_else(|| {
                        ApiError::bad(format!(
                            "unknown normalization `{name}`; normalizations: {}",
                            Normalization::ALL.map(Normalization::name).join(", ")
                        ))
                    })?,
            ),
        };
        let scoring = Scoring {
            method: method.map(MethodChoice::from),
            normalization,
            profile: None,
            weights: None,
            vikor_v: scene.vikor_v.unwrap_or(0.5),
            all_allowed: false,
        };
        let method = scoring.single_method(&model)?;
        let opts = scoring.options(method)?;
        let (weights, notes) = self.weights(&model, scene)?;
        Ok(Resolved {
            model,
            plan: Plan {
                opts,
                weights,
                profile: None,
                notes,
            },
            doc,
            normalization,
        })
    }

    /// The model with the scene's scores, and its edited text.
    fn with_scores(
        &self,
        scores: &IndexMap<String, IndexMap<String, serde_json::Value>>,
    ) -> Result<(Arc<Model>, DocumentMut), ApiError> {
        let mut doc = self.doc.clone();
        if scores.values().all(IndexMap::is_empty) {
            return Ok((self.model.clone(), doc));
        }
        if !self.scores_editable {
            return Err(ApiError::bad(
                "this model reads its scores from [data]; only its weights and method can change here",
            ));
        }
        for (alt, row) in scores {
            for (c, v) in row {
                if self.model.criterion_index(c).is_none() {
                    return Err(ApiError::bad(format!("the model has no criterion `{c}`")));
                }
                let v = super::edit::score_value(v)
                    .map_err(|m| ApiError::bad(format!("score of `{alt}` on `{c}`: {m}")))?;
                super::edit::set_score(&mut doc, alt, c, v)?;
            }
        }
        let text = doc.to_string();
        let base = match self.path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => std::path::Path::new("."),
        };
        let model = crate::model::parse_in(&self.path, &text, base, &self.load).map_err(|e| {
            ApiError::unprocessable(format!("the changed scores make the model invalid: {e}"))
        })?;
        if model.criteria.len() != self.model.criteria.len()
            || model.alternatives.len() != self.model.alternatives.len()
        {
            return Err(ApiError::bad(
                "a score change may not add criteria or alternatives",
            ));
        }
        Ok((Arc::new(model), doc))
    }

    /// The scene's weights, normalised, and the note when they did not total 100 or 1.
    fn weights(
        &self,
        model: &Model,
        scene: &Scene,
    ) -> Result<(Weights, Vec<crate::assumption::Note>), ApiError> {
        let index = |id: &str| {
            model
                .criterion_index(id)
                .ok_or_else(|| ApiError::bad(format!("the model has no criterion `{id}`")))
        };
        let (mut weights, notes) = match &scene.weights {
            None => (model.weights.clone(), Vec::new()),
            Some(map) => {
                let mut raw = vec![None; model.criteria.len()];
                for (id, &w) in map {
                    raw[index(id)?] = Some(w);
                }
                let missing: Vec<&str> = raw
                    .iter()
                    .zip(&model.criteria)
                    .filter(|(w, _)| w.is_none())
                    .map(|(_, c)| c.id.as_str())
                    .collect();
                if !missing.is_empty() {
                    return Err(ApiError::bad(format!(
                        "weights name every criterion; missing: {}",
                        missing.join(", ")
                    )));
                }
                let raw: Vec<f64> = raw.into_iter().flatten().collect();
                let total: f64 = raw.iter().sum();
                let w = Weights::normalized(&raw).map_err(|e| ApiError::bad(e.to_string()))?;
                let notes = crate::assumption::weights_total("weights", total)
                    .into_iter()
                    .collect();
                (w, notes)
            }
        };
        if let Some(s) = &scene.set_weight {
            let j = index(&s.criterion)?;
            if !(0.0..=1.0).contains(&s.weight) {
                return Err(ApiError::bad(format!(
                    "the weight of `{}` is {}; set_weight takes 0 to 1",
                    s.criterion, s.weight
                )));
            }
            weights = weights.with_weight(j, s.weight);
        }
        if let Some(m) = &scene.move_points {
            let (from, to) = (index(&m.from)?, index(&m.to)?);
            if !(m.points.is_finite() && m.points >= 0.0) {
                return Err(ApiError::bad("points moved are a finite number ≥ 0"));
            }
            let mut w = weights.as_slice().to_vec();
            let moved = (m.points / 100.0).min(w[from]);
            w[from] -= moved;
            w[to] += moved;
            weights = Weights::normalized(&w).map_err(|e| ApiError::bad(e.to_string()))?;
        }
        Ok((weights, notes))
    }
}
