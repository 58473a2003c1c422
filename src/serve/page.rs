//! The pages, their script and styles, compiled into the binary: no external asset, no
//! network. Names and every text from the model reach the page through `textContent`, never
//! as HTML.

use axum::http::{HeaderMap, HeaderValue};

pub const FACILITATOR_HTML: &str = include_str!("page/facilitator.html");
pub const PARTICIPANT_HTML: &str = include_str!("page/participant.html");
const STYLE_CSS: &str = include_str!("page/style.css");
const COMMON_JS: &str = include_str!("page/common.js");
const FACILITATOR_JS: &str = include_str!("page/facilitator.js");
const PARTICIPANT_JS: &str = include_str!("page/participant.js");

/// The pages' content security policy: their own script and styles only.
pub const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/// The report's: its inline styles and SVG, no script at all.
pub const REPORT_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// An asset by file name, with its content type.
pub fn asset(name: &str) -> Option<(&'static str, &'static str)> {
    Some(match name {
        "style.css" => ("text/css; charset=utf-8", STYLE_CSS),
        "common.js" => ("text/javascript; charset=utf-8", COMMON_JS),
        "facilitator.js" => ("text/javascript; charset=utf-8", FACILITATOR_JS),
        "participant.js" => ("text/javascript; charset=utf-8", PARTICIPANT_JS),
        _ => return None,
    })
}

/// The headers every page and asset carries: the policy, no sniffing, no referrer (the links
/// hold tokens), no caching.
pub fn secure(h: &mut HeaderMap, policy: &'static str) {
    h.insert("content-security-policy", HeaderValue::from_static(policy));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    h.insert("cache-control", HeaderValue::from_static("no-store"));
}
