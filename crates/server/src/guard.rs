//! Requests refused before routing, still with the API's error envelope: an address longer than
//! [`MAX_URI`] (414) and request headers beyond [`MAX_HEADERS`] or [`MAX_HEADER_BYTES`] (431).
//!
//! hyper itself answers, without an envelope, what never becomes a request: a malformed request
//! line or header (400), a head larger than its buffer (about 400 KiB, 431) or an address longer
//! than 64 KiB (414). Those limits are far above the ones here, so in practice every refusal a
//! client can provoke with a well-formed request carries the envelope.

use crate::error::ApiError;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The longest address (path and query) answered.
pub const MAX_URI: usize = 8 * 1024;
/// The most request headers answered. hyper is told to parse a few more (`serve`), so that a
/// request with too many gets this envelope rather than hyper's bare 431.
pub const MAX_HEADERS: usize = 100;
/// The largest total of header names and values answered.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

pub async fn limits(req: Request, next: Next) -> Response {
    let uri = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if uri > MAX_URI {
        return refuse(
            StatusCode::URI_TOO_LONG,
            format!("The address is too long ({uri} bytes): send at most {} KiB.", MAX_URI / 1024),
        );
    }
    let headers = req.headers();
    let bytes: usize = headers.iter().map(|(name, value)| name.as_str().len() + value.len()).sum();
    if headers.len() > MAX_HEADERS || bytes > MAX_HEADER_BYTES {
        return refuse(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            format!(
                "The request headers are too large ({} headers, {bytes} bytes): send at most {MAX_HEADERS} \
                 headers and {} KiB.",
                headers.len(),
                MAX_HEADER_BYTES / 1024
            ),
        );
    }
    next.run(req).await
}

/// The envelope, and the connection closed after it (the client may be misbehaving).
fn refuse(status: StatusCode, message: String) -> Response {
    ApiError::new(status, message).closing().into_response()
}
