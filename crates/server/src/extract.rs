//! The two extractors of the API routes, both rejecting with the API's error envelope:
//! [`ApiPath`] for path segments and [`JsonBody`] for the body (the one place a body is parsed).
//!
//! A body over the limit gets a 413 envelope. The rest of such a body is still read (and
//! dropped) up to `DRAIN_MAX`, so that the client, still sending, receives the 413 instead of
//! a reset connection. A body that has not fully arrived within the server's body timeout
//! (`--body-timeout-secs`) gets a 408 envelope and the connection is closed.

use crate::error::{ApiError, ApiResult};
use crate::AppState;
use axum::body::{Body, HttpBody};
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use serde::de::DeserializeOwned;
use std::pin::Pin;

/// Path segments, like axum's `Path`, but a segment that cannot be read (bad UTF-8 or
/// percent-encoding) gets a 400 envelope instead of axum's plain-text rejection.
pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ApiPath(value)),
            Err(_) => Err(ApiError::bad_request(
                "The address could not be read: check the path segments (UTF-8, properly percent-encoded).",
            )),
        }
    }
}

/// The body size limit of the API routes.
pub const BODY_LIMIT: usize = 16 * 1024;
/// Past this, an oversized body is not drained: the connection is closed instead.
const DRAIN_MAX: usize = 1024 * 1024;

/// The request body as JSON. An empty body counts as `{}`; anything else must be valid JSON.
pub struct JsonBody(pub serde_json::Value);

impl FromRequest<AppState> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiError> {
        let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
        if declared.is_some_and(|n| n > DRAIN_MAX) {
            return Err(too_large());
        }
        let bytes = read_within(req.into_body(), state.body_timeout).await?;
        parse(&bytes).map(JsonBody)
    }
}

/// [`read_limited`] within `deadline`; past it, a 408 envelope that also closes the connection
/// (the rest of the body may still be on its way).
pub(crate) async fn read_within(body: Body, deadline: std::time::Duration) -> ApiResult<Vec<u8>> {
    match tokio::time::timeout(deadline, read_limited(body)).await {
        Ok(read) => read,
        Err(_) => Err(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            format!("The request body did not arrive within {} seconds. Send the request again.", deadline.as_secs()),
        )
        .closing()),
    }
}

impl JsonBody {
    /// A string field of the body (an object); `None` when absent, `null` or empty. A body that is
    /// not an object, or a field that is not a string, is refused with `example` as the way to send it.
    pub fn string(&self, field: &str, example: &str) -> ApiResult<Option<&str>> {
        if !self.0.is_object() {
            return Err(ApiError::bad_request(format!("The request body must be a JSON object, such as {example}.")));
        }
        match self.0.get(field) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) if s.is_empty() => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s)),
            Some(_) => {
                Err(ApiError::bad_request(format!("The field \"{field}\" must be a string, such as {example}.")))
            }
        }
    }
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("The request body is too large: send at most {} KiB.", BODY_LIMIT / 1024),
    )
}

async fn read_limited(mut body: Body) -> ApiResult<Vec<u8>> {
    let mut buf = Vec::new();
    let mut total = 0usize;
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame.map_err(|_| ApiError::bad_request("The request body could not be read. Send it again."))?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        total = total.saturating_add(data.len());
        if total > DRAIN_MAX {
            break;
        }
        if total <= BODY_LIMIT {
            buf.extend_from_slice(&data);
        }
    }
    if total > BODY_LIMIT {
        return Err(too_large());
    }
    Ok(buf)
}

fn parse(bytes: &[u8]) -> ApiResult<serde_json::Value> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(serde_json::Value::Object(Default::default()));
    }
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::bad_request(format!(
            "The request body is not valid JSON ({e}). Send a JSON object such as {{\"accesskey\":\"…\"}}."
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn limits_and_parsing() {
        let ok = read_limited(Body::from(vec![b' '; BODY_LIMIT])).await.unwrap();
        assert_eq!(ok.len(), BODY_LIMIT);
        let err = read_limited(Body::from(vec![b' '; BODY_LIMIT + 1])).await.unwrap_err();
        assert_eq!(err.status, StatusCode::PAYLOAD_TOO_LARGE);
        let err = read_limited(Body::from(vec![b' '; DRAIN_MAX + 1])).await.unwrap_err();
        assert_eq!(err.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(parse(b"  ").unwrap(), serde_json::json!({}));
        assert_eq!(parse(b"{\"a\":1}").unwrap(), serde_json::json!({"a": 1}));
        assert_eq!(parse(b"{").unwrap_err().status, StatusCode::BAD_REQUEST);
    }

    #[tokio::test]
    async fn a_body_that_stops_arriving_gets_408() {
        let (_tx, body) = tokio::sync::mpsc::channel::<Result<axum::body::Bytes, std::io::Error>>(1);
        let mut body = body;
        let stalled = Body::from_stream(futures_util::stream::poll_fn(move |cx| body.poll_recv(cx)));
        let err = read_within(stalled, std::time::Duration::from_millis(50)).await.unwrap_err();
        assert_eq!(err.status, StatusCode::REQUEST_TIMEOUT);
        assert!(err.close);
        let ok = read_within(Body::from("{}"), std::time::Duration::from_millis(50)).await.unwrap();
        assert_eq!(ok, b"{}");
    }
}
