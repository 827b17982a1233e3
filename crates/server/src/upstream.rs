//! Upstream mode (`--upstream https://api.utho.com/v2/`): the server serves the console and
//! forwards every `/v2/…` request to the real API, so a browser page on this origin reaches an
//! API that does not allow it by CORS.
//!
//! - The request goes out with its method, path, query, `Content-Type` and body, and with either
//!   the caller's `Authorization` header or, with `--upstream-token`, the server's own token
//!   (the browser then never sees the Utho token and the console needs none).
//! - Bodies are streamed both ways and never logged; a request body is cut off at [`BODY_LIMIT`].
//! - The whole exchange has a timeout. An unreachable upstream answers 502, a slow one 504, both
//!   with the API's error envelope; an upstream's own answers (quirks included) pass as they are.

use crate::error::ApiError;
use crate::extract::BODY_LIMIT;
use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::{StreamExt, TryStreamExt};
use std::time::Duration;

/// Where to forward, and how.
#[derive(Clone)]
pub struct Upstream {
    /// Ends with `/`, e.g. `https://api.utho.com/v2/`.
    pub base: String,
    /// Sent instead of the caller's token when set.
    pub token: Option<String>,
    pub timeout: Duration,
    pub client: reqwest::Client,
}

impl std::fmt::Debug for Upstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let token = self.token.as_ref().map(|_| "<redacted>");
        f.debug_struct("Upstream")
            .field("base", &self.base)
            .field("token", &token)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl Upstream {
    pub fn new(base: &str, token: Option<String>, timeout: Duration) -> Result<Upstream, String> {
        let base = if base.ends_with('/') { base.to_string() } else { format!("{base}/") };
        let parsed = reqwest::Url::parse(&base).map_err(|e| format!("--upstream {base:?} is not a URL: {e}"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(format!("--upstream {base:?} must be an http or https URL"));
        }
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("cannot set up the upstream client: {e}"))?;
        Ok(Upstream { base, token: token.filter(|t| !t.trim().is_empty()), timeout, client })
    }
}

/// Headers that belong to one connection, not to the request or response.
const HOP_BY_HOP: [header::HeaderName; 7] = [
    header::CONNECTION,
    header::TRANSFER_ENCODING,
    header::TE,
    header::TRAILER,
    header::UPGRADE,
    header::PROXY_AUTHORIZATION,
    header::PROXY_AUTHENTICATE,
];

fn failure(status: StatusCode, message: String) -> Response {
    ApiError::new(status, message).into_response()
}

/// Forwards one `/v2/…` request.
pub async fn forward(State(state): State<AppState>, req: Request) -> Response {
    let Some(up) = state.upstream.as_deref() else {
        return failure(StatusCode::NOT_FOUND, "Not found.".into());
    };
    let (parts, body) = req.into_parts();
    let rest = parts.uri.path().strip_prefix("/v2/").or_else(|| parts.uri.path().strip_prefix("/v2")).unwrap_or("");
    let query = parts.uri.query().map(|q| format!("?{q}")).unwrap_or_default();
    let url = format!("{}{rest}{query}", up.base);
    let Ok(method) = reqwest::Method::from_bytes(parts.method.as_str().as_bytes()) else {
        return failure(StatusCode::METHOD_NOT_ALLOWED, "This method cannot be forwarded.".into());
    };
    let mut out = up.client.request(method, &url);
    if let Some(ct) = parts.headers.get(header::CONTENT_TYPE) {
        out = out.header(header::CONTENT_TYPE.as_str(), ct.as_bytes());
    }
    out = out.header(header::ACCEPT.as_str(), "application/json");
    match (&up.token, parts.headers.get(header::AUTHORIZATION)) {
        (Some(token), _) => out = out.bearer_auth(token),
        (None, Some(caller)) => out = out.header(header::AUTHORIZATION.as_str(), caller.as_bytes()),
        (None, None) => {}
    }
    // The request body, streamed, cut off past the limit.
    let mut sent = 0usize;
    #[allow(clippy::let_and_return)]
    let limited = body.into_data_stream().map(move |chunk| {
        let chunk = chunk.map_err(std::io::Error::other)?;
        sent += chunk.len();
        if sent > BODY_LIMIT {
            return Err(std::io::Error::other("request body over the limit"));
        }
        Ok(chunk)
    });
    let res = match out.body(reqwest::Body::wrap_stream(limited)).send().await {
        Ok(res) => res,
        Err(e) if chain_mentions(&e, "over the limit") => {
            return failure(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("The request body is too large: send at most {} KiB.", BODY_LIMIT / 1024),
            )
        }
        Err(e) if e.is_timeout() => {
            return failure(
                StatusCode::GATEWAY_TIMEOUT,
                format!("The Utho API did not answer within {} seconds. Try again in a moment.", up.timeout.as_secs()),
            )
        }
        Err(_) => {
            return failure(
                StatusCode::BAD_GATEWAY,
                "The Utho API could not be reached from this server. Check the server's network and its \
                 --upstream address, then try again."
                    .into(),
            )
        }
    };
    let status = StatusCode::from_u16(res.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    let mut response = Response::builder().status(status);
    for (name, value) in res.headers() {
        if HOP_BY_HOP.iter().any(|h| h.as_str() == name.as_str()) || name.as_str() == "content-length" {
            continue;
        }
        if let (Ok(n), Ok(v)) =
            (header::HeaderName::from_bytes(name.as_str().as_bytes()), HeaderValue::from_bytes(value.as_bytes()))
        {
            response = response.header(n, v);
        }
    }
    let stream = res.bytes_stream().map_err(std::io::Error::other);
    response
        .body(Body::from_stream(stream))
        .unwrap_or_else(|_| failure(StatusCode::BAD_GATEWAY, "The Utho API sent an unreadable answer.".into()))
}

/// Whether an error or one of its causes says `text`.
fn chain_mentions(e: &(dyn std::error::Error + 'static), text: &str) -> bool {
    let mut next = Some(e);
    while let Some(err) = next {
        if err.to_string().contains(text) {
            return true;
        }
        next = err.source();
    }
    false
}
