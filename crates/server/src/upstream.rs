//! Upstream mode (`--upstream https://api.utho.com/v2/`): the server serves the console and
//! forwards the console's calls to the real API, so a browser page on this origin reaches an API
//! that does not allow it by CORS. It is not a relay:
//!
//! - Only the calls of `keys_api::calls::CALLS` go up, each segment checked, the upstream address
//!   built from those segments; anything else is answered here (400/404/405) and never leaves.
//!   `origin::own_page_only` has already refused other sites' pages and foreign host names.
//! - The request goes out with its method, a write's JSON body (read whole, at most 16 KiB, sent
//!   with its `Content-Length`), and either the caller's `Authorization` header or, with
//!   `--upstream-token`, the server's own token (the browser then never sees the Utho token).
//! - The answer comes back with its status and body as they are (quirks included) and only the
//!   headers of [`ANSWER_HEADERS`]. Bodies are never logged.
//! - The whole exchange has a timeout. An unreachable upstream answers 502, a slow one 504, both
//!   with the API's error envelope.

use crate::error::ApiError;
use crate::extract::read_within;
use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::TryStreamExt;
use keys_api::calls::{match_call, Matched, Refusal};
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

/// The upstream's answer headers that pass to the browser. Everything else stays behind: above
/// all `Set-Cookie`, and any header that would act on this origin (`Location`, CSP, HSTS, CORS,
/// `Clear-Site-Data`, caching: every answer here is `no-store`).
const ANSWER_HEADERS: [header::HeaderName; 4] =
    [header::CONTENT_TYPE, header::CONTENT_ENCODING, header::RETRY_AFTER, header::WWW_AUTHENTICATE];

fn failure(status: StatusCode, message: String) -> Response {
    ApiError::new(status, message).into_response()
}

/// The upstream address of a checked call: the base and then the call's segments, each one
/// pushed as a segment (never parsed as a path).
fn upstream_url(base: &str, call: &Matched) -> Result<reqwest::Url, ()> {
    let mut url = reqwest::Url::parse(base).map_err(|_| ())?;
    {
        let mut path = url.path_segments_mut()?;
        path.pop_if_empty().extend(&call.segments);
        if call.trailing_slash {
            path.push("");
        }
    }
    Ok(url)
}

/// Forwards one `/v2/…` request if it is one of the console's calls (`keys_api::calls`).
pub async fn forward(State(state): State<AppState>, req: Request) -> Response {
    let Some(up) = state.upstream.as_deref() else {
        return failure(StatusCode::NOT_FOUND, "Not found.".into());
    };
    let (parts, body) = req.into_parts();
    let call = match match_call(parts.method.as_str(), parts.uri.path(), parts.uri.query()) {
        Ok(call) => call,
        Err(refusal) => {
            let status = StatusCode::from_u16(refusal.status()).unwrap_or(StatusCode::BAD_REQUEST);
            let mut res = failure(status, refusal.message());
            if let Refusal::WrongMethod(allowed) = refusal {
                res.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allowed));
            }
            return res;
        }
    };
    let Ok(url) = upstream_url(&up.base, &call) else {
        return failure(StatusCode::BAD_GATEWAY, "The --upstream address cannot carry a path.".into());
    };
    let method = if call.call.method == "POST" { reqwest::Method::POST } else { reqwest::Method::GET };
    let mut out = up.client.request(method.clone(), url).header(header::ACCEPT.as_str(), "application/json");
    match (&up.token, parts.headers.get(header::AUTHORIZATION)) {
        (Some(token), _) => out = out.bearer_auth(token),
        (None, Some(caller)) => out = out.header(header::AUTHORIZATION.as_str(), caller.as_bytes()),
        (None, None) => {}
    }
    // A write's body, read whole (at most BODY_LIMIT), goes up with its Content-Length.
    if method == reqwest::Method::POST {
        let bytes = match read_within(body, state.body_timeout).await {
            Ok(bytes) => bytes,
            Err(e) => return e.into_response(),
        };
        out = out.header(header::CONTENT_TYPE.as_str(), "application/json").body(bytes);
    }
    let res = match out.send().await {
        Ok(res) => res,
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
    for name in &ANSWER_HEADERS {
        for value in res.headers().get_all(name.as_str()) {
            if let Ok(v) = HeaderValue::from_bytes(value.as_bytes()) {
                response = response.header(name, v);
            }
        }
    }
    let stream = res.bytes_stream().map_err(std::io::Error::other);
    response
        .body(Body::from_stream(stream))
        .unwrap_or_else(|_| failure(StatusCode::BAD_GATEWAY, "The Utho API sent an unreadable answer.".into()))
}
