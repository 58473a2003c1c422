//! `pmatrix serve`: a live decision conference in the browser.
//!
//! One process serves the facilitator's page (the matrix, a slider per weight, the ranking,
//! its explanation, stability and what-if, the live group panel) and the participants' page
//! (a name, 100 points or an order of the criteria, their own ranking, submit). The pages
//! compute nothing: every number comes from the analyses through the JSON API in [`api`].
//!
//! Layout: [`state`] holds the model and resolves a request's weights, scores and method into
//! what the analyses take; [`edit`] applies score and weight changes to the model's TOML (for
//! re-ranking and for saving a new model); [`store`] keeps the participants and appends each
//! submission to the `--save` file; [`access`] decides who may call what; [`page`] is the
//! embedded HTML, script and styles.

pub mod access;
pub mod api;
pub mod edit;
pub mod error;
pub mod page;
pub mod state;
pub mod store;
pub mod token;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use crate::error::{Error, UsageError};

/// What `pmatrix serve` was asked to do.
#[derive(Debug, Clone)]
pub struct Config {
    pub model: PathBuf,
    pub listen: SocketAddr,
    pub save: Option<PathBuf>,
    pub load: crate::model::LoadOptions,
}

/// Loads the model and the participants file, listens, prints the addresses, and serves until
/// SIGINT (Ctrl-C); then stops taking requests, finishes those under way and says so.
pub fn run(config: &Config, out: &mut dyn Write) -> Result<(), Error> {
    if crate::model::source::is_stdin(&config.model) {
        return Err(UsageError::Invalid {
            flag: "MODEL",
            problem: "serve needs a model file (it offers to save new models beside it), not standard input".into(),
        }
        .into());
    }
    let app = state::App::load(config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Error::Write {
            path: PathBuf::from("<server>"),
            reason: format!("cannot start the server's threads: {e}"),
        })?;
    runtime.block_on(serve(Arc::new(app), config, out))
}

async fn serve(app: Arc<state::App>, config: &Config, out: &mut dyn Write) -> Result<(), Error> {
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| UsageError::Invalid {
            flag: "--listen",
            problem: format!("cannot listen on {}: {e}", config.listen),
        })?;
    let addr = listener.local_addr().map_err(|e| UsageError::Invalid {
        flag: "--listen",
        problem: format!("cannot listen on {}: {e}", config.listen),
    })?;
    let base = format!("http://{addr}/");
    let mut text = format!("{base}\n");
    text.push_str(&format!(
        "Serving \"{}\" ({} alternatives, {} criteria). Ctrl-C stops.\n",
        app.model.title,
        app.model.alternatives.len(),
        app.model.criteria.len()
    ));
    text.push_str(&format!(
        "Participants join at: {base}join/{}\n",
        app.tokens.join
    ));
    if !addr.ip().is_loopback() {
        text.push_str(&format!(
            "Facilitator (from another machine): {base}facilitator/{}\n",
            app.tokens.facilitator
        ));
        if !addr.ip().is_unspecified() {
            text.push_str(&qr(&format!("{base}join/{}", app.tokens.join)));
        }
        if addr.ip().is_unspecified() {
            text.push_str("(0.0.0.0 and :: stand for every address of this machine: give participants the address others reach it at, such as the one `hostname -I` prints.)\n");
        }
    }
    match &config.save {
        Some(p) => text.push_str(&format!(
            "Submissions are appended to {} ({} read from it).\n",
            p.display(),
            match app.store.lock().map(|s| s.count()).unwrap_or(0) {
                1 => "1 participant".to_string(),
                n => format!("{n} participants"),
            }
        )),
        None => text.push_str(
            "Submissions are kept in memory only: give --save FILE to keep them on disk.\n",
        ),
    }
    crate::cli::emit::emit(out, &text)?;

    let router = api::router(app.clone());
    let shutdown_app = app.clone();
    let result = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        let _ = tokio::signal::ctrl_c().await;
        // Ends the event streams, so that the server does not wait on them.
        shutdown_app.stop();
    })
    .await;
    let saved = app.store.lock().map(|s| s.count()).unwrap_or(0);
    let saved = if saved == 1 {
        "1 participant's submission".to_string()
    } else {
        format!("{saved} participants' submissions")
    };
    let line = match (&result, &config.save) {
        (Err(e), _) => format!("The server stopped: {e}\n"),
        (Ok(()), Some(p)) => format!(
            "Stopped. {saved} {} in {}.\n",
            if saved.starts_with("1 ") { "is" } else { "are" },
            p.display()
        ),
        (Ok(()), None) => format!(
            "Stopped. {saved} {} not saved (no --save).\n",
            if saved.starts_with("1 ") {
                "was"
            } else {
                "were"
            }
        ),
    };
    crate::cli::emit::emit(out, &line)?;
    result.map_err(|e| Error::Write {
        path: PathBuf::from("<server>"),
        reason: e.to_string(),
    })
}

/// The join link as a QR code drawn with half-block characters, for phones to scan from the
/// terminal (empty if the link does not fit a QR code).
fn qr(link: &str) -> String {
    use qrcode::render::unicode::Dense1x2;
    match qrcode::QrCode::new(link.as_bytes()) {
        Ok(code) => {
            let art = code
                .render::<Dense1x2>()
                .dark_color(Dense1x2::Light)
                .light_color(Dense1x2::Dark)
                .build();
            format!("{art}\n")
        }
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_join_link_draws_as_a_qr_code() {
        let art = super::qr("http://192.0.2.7:8080/join/0123456789abcdef0123456789abcdef");
        let rows: Vec<&str> = art.lines().collect();
        // A version 3 code (29 modules) with its quiet zone, two modules a character row.
        assert!(rows.len() >= 15, "{art}");
        assert!(
            rows.iter()
                .all(|r| r.chars().count() == rows[0].chars().count())
        );
        assert!(art.contains('█') || art.contains('▀') || art.contains('▄'));
    }
}
