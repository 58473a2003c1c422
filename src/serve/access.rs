//! Who may call what.
//!
//! The facilitator is a connection from the loopback address whose `Host` is a loopback name
//! or address (so a web page elsewhere cannot reach the server through a DNS name that points
//! at this machine), or any connection that carries the facilitator token. A participant is a
//! connection that carries the join token. A token travels in the `X-Pmatrix-Token` header, or
//! in the `token` query parameter (for links and the event stream, which cannot set headers).

use std::net::SocketAddr;

use axum::http::{HeaderMap, Uri};

use super::error::ApiError;
use super::state::App;
use super::token::same;

/// The token a request carries, if any.
pub fn token(headers: &HeaderMap, uri: &Uri) -> Option<String> {
    if let Some(t) = headers.get("x-pmatrix-token").and_then(|v| v.to_str().ok()) {
        return Some(t.to_string());
    }
    uri.query()?
        .split('&')
        .find_map(|kv| kv.strip_prefix("token="))
        .map(str::to_string)
}

/// Whether a `Host` header names this machine's loopback interface.
fn loopback_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get("host").and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h)
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Whether the request is the facilitator's.
pub fn is_facilitator(app: &App, peer: SocketAddr, headers: &HeaderMap, uri: &Uri) -> bool {
    if token(headers, uri).is_some_and(|t| same(&t, &app.tokens.facilitator)) {
        return true;
    }
    peer.ip().is_loopback() && loopback_host(headers)
}

/// Refuses a request that is not the facilitator's.
pub fn facilitator(
    app: &App,
    peer: SocketAddr,
    headers: &HeaderMap,
    uri: &Uri,
) -> Result<(), ApiError> {
    if is_facilitator(app, peer, headers, uri) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "the facilitator's controls answer the loopback address or the facilitator link only",
        ))
    }
}

/// Refuses a request without the join token.
pub fn participant(app: &App, headers: &HeaderMap, uri: &Uri) -> Result<(), ApiError> {
    match token(headers, uri) {
        Some(t) if same(&t, &app.tokens.join) => Ok(()),
        Some(_) => Err(ApiError::forbidden(
            "this join link is not valid for this run of the server: ask the facilitator for the current one",
        )),
        None => Err(ApiError::forbidden(
            "open the join link the facilitator gives",
        )),
    }
}
