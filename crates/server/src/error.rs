//! Every failure leaves as `{"status":"error","message":"…"}` with a fitting HTTP status,
//! including the extractor rejections axum would otherwise answer in plain text.

use axum::extract::rejection::PathRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use keys_api::Envelope;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(Envelope::error(self.message))).into_response()
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        // SQLite messages name tables and constraints, never bound values, so this is safe to log.
        eprintln!("database error: {e}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The database could not complete the request. Try again; if it keeps failing, check the server's log.",
        )
    }
}

impl From<PathRejection> for ApiError {
    fn from(_: PathRejection) -> Self {
        Self::bad_request("The address could not be read: check the path segments (UTF-8, properly percent-encoded).")
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// A string field of a JSON object body; `None` when absent, `null` or empty.
pub fn str_field<'a>(body: &'a serde_json::Value, field: &str) -> ApiResult<Option<&'a str>> {
    if !body.is_object() {
        return Err(ApiError::bad_request(
            "The request body must be a JSON object, such as {\"accesskey\":\"…\"}.",
        ));
    }
    match body.get(field) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) if s.is_empty() => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ApiError::bad_request(format!(
            "The field \"{field}\" must be a string."
        ))),
    }
}
