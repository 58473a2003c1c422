//! The routes: the two pages, their assets, and the JSON API.
//!
//! | route | who | what |
//! | --- | --- | --- |
//! | `GET /` , `GET /facilitator/TOKEN` | facilitator | the facilitator's page |
//! | `GET /join/TOKEN` | participant | the participant's page |
//! | `GET /api/model` | both | criteria, scales, alternatives, scores, weights, methods |
//! | `POST /api/rank` | facilitator | a scene → ranking, explanation, stability, runner-up's what-if |
//! | `POST /api/save` | facilitator | a scene → a new model file beside the model |
//! | `POST /api/report` | facilitator | a scene → the HTML report, at `GET /report/ID` |
//! | `POST /api/join` | participant | a name → a participant key |
//! | `POST /api/preview` | participant | points or an order → their ranking |
//! | `POST /api/submit` | participant | points or an order → saved; the last one counts |
//! | `GET /api/group` , `GET /api/events` | facilitator | the group analysis, and its live stream |

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::access;
use super::error::ApiError;
use super::state::{App, Resolved, Scene};
use crate::rank::RankOptions;

/// The largest request body.
pub const MAX_BODY: usize = 64 * 1024;
/// How many rendered reports are kept for their links.
const REPORTS_KEPT: usize = 8;

type Shared = Arc<App>;

/// The server's routes.
pub fn router(app: Shared) -> Router {
    Router::new()
        .route("/", get(facilitator_page))
        .route("/facilitator/{token}", get(facilitator_link))
        .route("/join/{token}", get(participant_page))
        .route("/assets/{name}", get(asset))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/api/model", get(model))
        .route("/api/rank", post(rank))
        .route("/api/save", post(save))
        .route("/api/report", post(report))
        .route("/report/{id}", get(report_page))
        .route("/api/join", post(join))
        .route("/api/preview", post(preview))
        .route("/api/submit", post(submit))
        .route("/api/group", get(group))
        .route("/api/events", get(events))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no such page") })
        .with_state(app)
}

fn peer(req: &Request) -> SocketAddr {
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(SocketAddr::from(([0, 0, 0, 0], 0)), |c| c.0)
}

fn facilitator(app: &App, req: &Request) -> Result<(), ApiError> {
    access::facilitator(app, peer(req), req.headers(), req.uri())
}

/// Reads a JSON body of at most [`MAX_BODY`] bytes: 413 above, 415 without a JSON content
/// type (which keeps other sites' pages from posting to the server), 400 when malformed.
async fn body<T: DeserializeOwned>(req: Request) -> Result<T, ApiError> {
    let json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("application/json"));
    if !json {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send JSON with Content-Type: application/json",
        ));
    }
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than {} KiB", MAX_BODY / 1024),
        )
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return Err(too_large());
    }
    let bytes = axum::body::to_bytes(req.into_body(), MAX_BODY)
        .await
        .map_err(|_| too_large())?;
    serde_json::from_slice(&bytes).map_err(|e| ApiError::bad(format!("malformed JSON: {e}")))
}

/// Runs a computation off the server's threads.
async fn compute<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::internal(format!("the computation failed: {e}")))?
}

fn ok(v: Value) -> Response {
    let mut r = axum::Json(v).into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

// Pages and assets.

fn html(page: &'static str) -> Response {
    let mut r = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response();
    super::page::secure(r.headers_mut(), super::page::PAGE_POLICY);
    r
}

async fn facilitator_page(State(app): State<Shared>, req: Request) -> Response {
    match facilitator(&app, &req) {
        Ok(()) => html(super::page::FACILITATOR_HTML),
        Err(e) => e.into_response(),
    }
}

async fn facilitator_link(State(app): State<Shared>, Path(t): Path<String>) -> Response {
    if super::token::same(&t, &app.tokens.facilitator) {
        html(super::page::FACILITATOR_HTML)
    } else {
        ApiError::forbidden("this facilitator link is not valid for this run of the server")
            .into_response()
    }
}

async fn participant_page(State(app): State<Shared>, Path(t): Path<String>) -> Response {
    if super::token::same(&t, &app.tokens.join) {
        html(super::page::PARTICIPANT_HTML)
    } else {
        ApiError::forbidden("this join link is not valid for this run of the server: ask the facilitator for the current one").into_response()
    }
}

async fn asset(Path(name): Path<String>) -> Response {
    match super::page::asset(&name) {
        Some((kind, text)) => {
            let mut r = ([(header::CONTENT_TYPE, kind)], text).into_response();
            super::page::secure(r.headers_mut(), super::page::PAGE_POLICY);
            r
        }
        None => ApiError::new(StatusCode::NOT_FOUND, "no such asset").into_response(),
    }
}

// The model.

/// A score as the page shows and edits it: the number, the level name, or [lower, upper].
fn score_json(model: &crate::model::Model, i: usize, j: usize) -> Value {
    let c = &model.criteria[j];
    let one = |x: f64| match c.scale.as_ref().and_then(|s| s.level_of(x)) {
        Some(level) => json!(level),
        None => json!(x),
    };
    let (lo, hi) = (model.scores.lower()[(i, j)], model.scores.upper()[(i, j)]);
    if lo == hi {
        one(lo)
    } else {
        json!([one(lo), one(hi)])
    }
}

fn model_json(app: &App, facilitator: bool) -> Value {
    let m = &app.model;
    let criteria: Vec<Value> = m
        .criteria
        .iter()
        .enumerate()
        .map(|(j, c)| {
            json!({
                "id": c.id, "name": c.name, "description": c.description,
                "direction": c.direction,
                "scale": c.scale.as_ref().map(|s| json!({"name": s.name, "levels": s.levels, "values": s.values})),
                "range": c.range.map(|(lo, hi)| [lo, hi]),
                "weight": m.weights.as_slice()[j],
            })
        })
        .collect();
    let alternatives: Vec<Value> = m
        .alternatives
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let scores: IndexMap<&str, Value> = m
                .criteria
                .iter()
                .enumerate()
                .map(|(j, c)| (c.id.as_str(), score_json(m, i, j)))
                .collect();
            json!({"id": a.id, "name": a.name, "description": a.description, "scores": scores})
        })
        .collect();
    let mut v = json!({
        "title": m.title, "description": m.description, "source": m.source,
        "method": app.default_method().name(),
        "methods": crate::methods::Method::ALL.map(|x| x.name()),
        "normalizations": crate::normalize::Normalization::ALL.map(|x| x.name()),
        "criteria": criteria, "alternatives": alternatives,
        "scores_editable": app.scores_editable,
        "profiles": m.profiles.iter().map(|p| json!({"name": p.name, "weights": crate::rank::weight_map(m, &p.weights)})).collect::<Vec<_>>(),
    });
    if facilitator {
        v["join_path"] = json!(format!("/join/{}", app.tokens.join));
        v["file"] = json!(
            app.path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        );
        v["saves_participants"] = json!(app.store.lock().map(|s| s.count()).unwrap_or(0));
    }
    v
}

async fn model(State(app): State<Shared>, req: Request) -> Response {
    let fac = facilitator(&app, &req).is_ok();
    if !fac && let Err(e) = access::participant(&app, req.headers(), req.uri()) {
        return e.into_response();
    }
    ok(model_json(&app, fac))
}

// Ranking.

/// Ranks a resolved scene as `pmatrix rank --weights … --format json` does, with the
/// explanation, the stability intervals and what it would take for the runner-up.
pub fn analyse(r: &Resolved) -> Result<Value, ApiError> {
    use crate::cli::scoring::{normalize_error, sensitivity_error};
    let model = &*r.model;
    let plan = &r.plan;
    let mut ranking = crate::rank::rank_with(
        model,
        &plan.weights,
        None,
        &plan.opts,
        RankOptions::default(),
    )
    .map_err(|e| ApiError::from(normalize_error(e, model).for_method(plan.opts.method)))?;
    ranking.notes.extend(plan.notes.iter().cloned());
    let b = crate::explain::breakdown(model, &plan.weights, &ranking);
    let explanation = crate::present::explain::why(model, &ranking, &b);
    let stability = match crate::sensitivity::stability::stability(model, &plan.weights, &plan.opts)
    {
        Ok(mut s) => {
            s.notes.extend(plan.notes.iter().cloned());
            let summary = crate::present::stability::summary(&s, model);
            let mut v = serde_json::to_value(&s).unwrap_or(Value::Null);
            v["summary"] = json!(summary);
            v
        }
        Err(e) => json!({"error": ApiError::from(sensitivity_error(e, model)).message}),
    };
    let runner = ranking
        .alternatives
        .iter()
        .find(|a| a.rank > 1)
        .map(|a| (a.index, a.id.clone(), a.name.clone()));
    let runner_up = match runner {
        None => Value::Null,
        Some((index, id, name)) => {
            match crate::whatif::whatif(
                model,
                &plan.weights,
                &plan.opts,
                &crate::whatif::Constraints::default(),
                Some(index),
            ) {
                Ok(w) => {
                    let sentence = w
                        .alternatives
                        .first()
                        .map(|a| crate::present::whatif::weight_sentence(&w, model, a));
                    json!({"id": id, "name": name, "sentence": sentence, "whatif": w})
                }
                Err(e) => json!({"id": id, "name": name, "error": e.to_string()}),
            }
        }
    };
    let scores: IndexMap<&str, IndexMap<&str, Value>> = model
        .alternatives
        .iter()
        .enumerate()
        .map(|(i, a)| {
            (
                a.id.as_str(),
                model
                    .criteria
                    .iter()
                    .enumerate()
                    .map(|(j, c)| (c.id.as_str(), score_json(model, i, j)))
                    .collect(),
            )
        })
        .collect();
    Ok(json!({
        "weights": crate::rank::weight_map(model, &plan.weights),
        "ranking": ranking,
        "explanation": explanation,
        "stability": stability,
        "runner_up": runner_up,
        "scores": scores,
    }))
}

async fn rank(State(app): State<Shared>, req: Request) -> Result<Response, ApiError> {
    facilitator(&app, &req)?;
    let scene: Scene = body(req).await?;
    compute(move || {
        let r = app.resolve(&scene)?;
        analyse(&r).map(ok)
    })
    .await
}

// Save and report.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SaveRequest {
    #[serde(default)]
    scene: Scene,
    /// A file name (no folder) ending in `.toml`; a fresh `NAME-k.toml` when absent.
    name: Option<String>,
}

/// The model's text for a resolved scene: its scores, the weights it ranks with and its method.
fn saved_text(app: &App, r: &Resolved) -> String {
    let mut doc = r.doc.clone();
    let ids: Vec<String> = app.model.criteria.iter().map(|c| c.id.clone()).collect();
    super::edit::set_weights(&mut doc, &ids, r.plan.weights.as_slice());
    super::edit::set_method(&mut doc, r.plan.opts.method);
    doc.to_string()
}

async fn save(State(app): State<Shared>, req: Request) -> Result<Response, ApiError> {
    facilitator(&app, &req)?;
    let asked: SaveRequest = body(req).await?;
    compute(move || {
        let r = app.resolve(&asked.scene)?;
        let dir = match app.path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        let path = match &asked.name {
            None => super::edit::fresh_name(&app.path),
            Some(n) => {
                let plain = !n.is_empty()
                    && n.len() <= 100
                    && n.ends_with(".toml")
                    && !n.starts_with('.')
                    && n.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
                if !plain {
                    return Err(ApiError::bad(
                        "a file name of letters, digits, `.`, `_` and `-`, ending in .toml, with no folder",
                    ));
                }
                dir.join(n)
            }
        };
        let text = saved_text(&app, &r);
        crate::output::write_new(&path, text.as_bytes(), false).map_err(|e| {
            ApiError::new(
                StatusCode::CONFLICT,
                e.to_string().trim_start_matches("error: ").to_string(),
            )
        })?;
        Ok(ok(json!({
            "path": path.display().to_string(),
            "name": path.file_name().map(|n| n.to_string_lossy().into_owned()),
            "next": super::edit::fresh_name(&app.path).file_name().map(|n| n.to_string_lossy().into_owned()),
        })))
    })
    .await
}

fn normalization_arg(n: crate::normalize::Normalization) -> crate::cli::scoring::NormalizationArg {
    use crate::cli::scoring::NormalizationArg;
    use crate::normalize::Normalization;
    match n {
        Normalization::Scale => NormalizationArg::Scale,
        Normalization::Minmax => NormalizationArg::Minmax,
        Normalization::Max => NormalizationArg::Max,
        Normalization::Linear => NormalizationArg::Linear,
        Normalization::Sum => NormalizationArg::Sum,
        Normalization::Vector => NormalizationArg::Vector,
    }
}

/// The report `pmatrix report` writes for the model saved from this scene.
pub fn report_html(app: &App, r: &Resolved) -> Result<String, ApiError> {
    let text = saved_text(app, r);
    let model = crate::model::parse_in(
        &app.path,
        &text,
        app.path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new(".")),
        &app.load,
    )
    .map_err(|e| ApiError::unprocessable(e.to_string()))?;
    let args = crate::cli::report::ReportArgs {
        model: app.path.clone(),
        output: std::path::PathBuf::from("report.html"),
        force: false,
        scoring: crate::cli::scoring::ScoringArgs {
            method: None,
            normalization: r.normalization.map(normalization_arg),
            profile: None,
            weights: None,
            vikor_v: r.plan.opts.vikor_v,
        },
        samples: 10_000,
        seed: 0,
        // The model's own `[participants]`, if any, as `pmatrix report` takes them.
        participants: None,
        sheet: None,
        ordinal: false,
    };
    crate::cli::report::page(&model, &args).map_err(ApiError::from)
}

async fn report(State(app): State<Shared>, req: Request) -> Result<Response, ApiError> {
    facilitator(&app, &req)?;
    let scene: Scene = body(req).await?;
    compute(move || {
        let r = app.resolve(&scene)?;
        let page = report_html(&app, &r)?;
        let id = super::token::fresh().map_err(|e| ApiError::internal(e.to_string()))?;
        let mut kept = app
            .reports
            .lock()
            .map_err(|_| ApiError::internal("the report store failed"))?;
        kept.push((id.clone(), Arc::new(page)));
        let len = kept.len();
        if len > REPORTS_KEPT {
            kept.drain(..len - REPORTS_KEPT);
        }
        Ok(ok(json!({"url": format!("/report/{id}")})))
    })
    .await
}

async fn report_page(
    State(app): State<Shared>,
    Path(id): Path<String>,
    req: Request,
) -> Result<Response, ApiError> {
    facilitator(&app, &req)?;
    let page = app
        .reports
        .lock()
        .map_err(|_| ApiError::internal("the report store failed"))?
        .iter()
        .find(|(k, _)| super::token::same(k, &id))
        .map(|(_, p)| p.clone())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "no such report (only the last few are kept)",
            )
        })?;
    let mut r = (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page.as_str().to_owned(),
    )
        .into_response();
    super::page::secure(r.headers_mut(), super::page::REPORT_POLICY);
    Ok(r)
}

// Participants.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JoinRequest {
    name: String,
    group: Option<String>,
}

async fn join(State(app): State<Shared>, req: Request) -> Result<Response, ApiError> {
    access::participant(&app, req.headers(), req.uri())?;
    let asked: JoinRequest = body(req).await?;
    let name = super::store::clean_text(&asked.name, super::store::MAX_NAME, "name")
        .map_err(ApiError::bad)?;
    let group = match asked.group.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(g) => Some(
            super::store::clean_text(g, super::store::MAX_GROUP, "group").map_err(ApiError::bad)?,
        ),
    };
    let key = super::token::fresh().map_err(|e| ApiError::internal(e.to_string()))?;
    let mut store = app
        .store
        .lock()
        .map_err(|_| ApiError::internal("the participants store failed"))?;
    store
        .join(name.clone(), key.clone())
        .map_err(|m| ApiError::new(StatusCode::CONFLICT, m))?;
    let previous = store.entries.get(&name).map(|e| e.points.clone());
    Ok(ok(
        json!({"key": key, "name": name, "group": group, "previous_points": previous}),
    ))
}

/// Weights as a participant gives them: points per criterion, or an order of the criteria.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Allocation {
    key: Option<String>,
    group: Option<String>,
    points: Option<IndexMap<String, f64>>,
    order: Option<Vec<String>>,
}

/// The points of an allocation, in the model's order (an order becomes rank-order centroid
/// weights, as points out of 100).
fn points_of(model: &crate::model::Model, a: &Allocation) -> Result<Vec<f64>, ApiError> {
    let m = model.criteria.len();
    let index = |id: &str| {
        model
            .criterion_index(id)
            .ok_or_else(|| ApiError::bad(format!("the model has no criterion `{id}`")))
    };
    let points: Vec<f64> = match (&a.points, &a.order) {
        (Some(p), None) => {
            let mut raw = vec![None; m];
            for (id, &v) in p {
                if !(v.is_finite() && (0.0..=1e9).contains(&v)) {
                    return Err(ApiError::bad(format!(
                        "the points of `{id}` are {v}; points are 0 to 1e9"
                    )));
                }
                raw[index(id)?] = Some(v);
            }
            if raw.iter().any(Option::is_none) {
                return Err(ApiError::bad(
                    "give points to every criterion (0 is allowed)",
                ));
            }
            raw.into_iter().flatten().collect()
        }
        (None, Some(order)) => {
            if order.len() != m {
                return Err(ApiError::bad(format!(
                    "an order lists all {m} criteria once"
                )));
            }
            let roc = crate::weights::rank_order::rank_order_weights(
                m,
                crate::weights::rank_order::RankOrderMethod::Roc,
            );
            let mut raw = vec![None; m];
            for (k, id) in order.iter().enumerate() {
                if raw[index(id)?].replace(roc[k] * 100.0).is_some() {
                    return Err(ApiError::bad(format!("`{id}` is listed twice")));
                }
            }
            raw.into_iter().flatten().collect()
        }
        _ => return Err(ApiError::bad("give either points or an order")),
    };
    if crate::weights::Weights::normalized(&points).is_err() {
        return Err(ApiError::bad("at least one criterion needs points"));
    }
    Ok(points)
}

async fn preview(State(app): State<Shared>, req: Request) -> Result<Response, ApiError> {
    access::participant(&app, req.headers(), req.uri())?;
    let a: Allocation = body(req).await?;
    compute(move || {
        let points = points_of(&app.model, &a)?;
        let weights = crate::weights::Weights::normalized(&points)
            .map_err(|e| ApiError::bad(e.to_string()))?;
        let opts = crate::methods::Options::new(app.default_method());
        let ranking = crate::rank::rank(&app.model, &weights, None, &opts).map_err(|e| {
            ApiError::from(
                crate::cli::scoring::normalize_error(e, &app.model).for_method(opts.method),
            )
        })?;
        Ok(ok(json!({
            "weights": crate::rank::weight_map(&app.model, &weights),
            "ranking": ranking,
        })))
    })
    .await
}

async fn submit(State(app): State<Shared>, req: Request) -> Result<Response, ApiError> {
    access::participant(&app, req.headers(), req.uri())?;
    let a: Allocation = body(req).await?;
    let points = points_of(&app.model, &a)?;
    let group = match a.group.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(g) => Some(
            super::store::clean_text(g, super::store::MAX_GROUP, "group").map_err(ApiError::bad)?,
        ),
    };
    let key = a
        .key
        .clone()
        .ok_or_else(|| ApiError::bad("join first: the key is missing"))?;
    let app2 = app.clone();
    let (name, revision) = compute(move || {
        let mut store = app2
            .store
            .lock()
            .map_err(|_| ApiError::internal("the participants store failed"))?;
        let name = store
            .name_of(&key)
            .ok_or_else(|| ApiError::forbidden("unknown participant key: join again"))?
            .to_string();
        let revision = store
            .submit(&name, group, points)
            .map_err(ApiError::internal)?;
        Ok((name, revision))
    })
    .await?;
    app.version.send_modify(|v| *v += 1);
    Ok(ok(json!({"name": name, "revision": revision})))
}

/// The group analysis of the submissions so far, with the dissent sentences.
pub fn group_json(app: &App) -> Value {
    let people = match app.store.lock() {
        Ok(s) => s.participants(),
        Err(_) => return json!({"error": "the participants store failed"}),
    };
    let n = people.list.len();
    if n == 0 {
        return json!({"participants": 0});
    }
    let opts = crate::methods::Options::new(app.default_method());
    match crate::group::group(&app.model, &people, &opts) {
        Ok(r) => {
            let dissent = crate::present::group::dissent_notes(&r.all, &app.model);
            let names: Vec<&str> = r
                .all
                .ranking
                .iter()
                .map(|id| app.model.alternative_name(id))
                .collect();
            json!({
                "participants": n,
                "weights": r.all.weights,
                "ranking": r.all.ranking,
                "ranking_names": names,
                "tied_first": r.all.tied_first,
                "alternatives": r.all.alternatives,
                "kendall_w": r.all.kendall_w,
                "dissent": dissent,
                "result": r,
            })
        }
        Err(e) => json!({"participants": n, "error": e.to_string()}),
    }
}

async fn group(State(app): State<Shared>, req: Request) -> Result<Response, ApiError> {
    facilitator(&app, &req)?;
    compute(move || Ok(ok(group_json(&app)))).await
}

async fn events(State(app): State<Shared>, req: Request) -> Result<Response, ApiError> {
    facilitator(&app, &req)?;
    let version = app.version.subscribe();
    let stopping = app.stopping.subscribe();
    let first = true;
    let stream = futures_util::stream::unfold(
        (app, version, stopping, first),
        |(app, mut version, mut stopping, first)| async move {
            if !first {
                tokio::select! {
                    changed = version.changed() => changed.ok()?,
                    _ = stopping.wait_for(|s| *s) => return None,
                }
            }
            if *stopping.borrow() {
                return None;
            }
            version.borrow_and_update();
            let a = app.clone();
            let data = tokio::task::spawn_blocking(move || group_json(&a))
                .await
                .unwrap_or_else(|e| json!({"error": e.to_string()}));
            let event = Event::default().event("group").data(data.to_string());
            Some((
                Ok::<Event, std::convert::Infallible>(event),
                (app, version, stopping, false),
            ))
        },
    );
    Ok(Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response())
}
