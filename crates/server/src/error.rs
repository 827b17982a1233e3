//! Every failure leaves as `{"status":"error","message":"…"}` with a fitting HTTP status,
//! including the extractor rejections axum would otherwise answer in plain text.
//!
//! A failure the server caused (a database error, a failed task) also carries its cause for the
//! operator. The cause never reaches the client: it rides on the response as an extension, and
//! the request log (`log_request` in `lib.rs`) writes it on the request's line, the one place
//! such errors are logged.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use keys_api::Envelope;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// What went wrong inside the server, for the log only.
    pub cause: Option<String>,
}

/// The internal cause of a failed response, read by the request log.
#[derive(Debug, Clone)]
pub struct InternalCause(pub String);

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError { status, message: message.into(), cause: None }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }
    /// A failure of the server itself: a generic message for the client, `cause` for the log.
    pub fn internal(message: impl Into<String>, cause: impl Into<String>) -> Self {
        ApiError { cause: Some(cause.into()), ..Self::new(StatusCode::INTERNAL_SERVER_ERROR, message) }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = (self.status, Json(Envelope::error(self.message))).into_response();
        if let Some(cause) = self.cause {
            res.extensions_mut().insert(InternalCause(cause));
        }
        res
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        // SQLite messages name tables and constraints, never bound values, so the log may hold them.
        Self::internal(
            "The database could not complete the request. Try again; if it keeps failing, check the server's log.",
            format!("database error: {e}"),
        )
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
