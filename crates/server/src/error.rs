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
    /// Close the connection after this answer (the request was not read to its end).
    pub close: bool,
}

/// The internal cause of a failed response, read by the request log.
#[derive(Debug, Clone)]
pub struct InternalCause(pub String);

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError { status, message: message.into(), cause: None, close: false }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }
    /// The connection is closed after this answer.
    pub fn closing(self) -> Self {
        ApiError { close: true, ..self }
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
        if self.close {
            res.headers_mut().insert(axum::http::header::CONNECTION, axum::http::HeaderValue::from_static("close"));
        }
        res
    }
}

impl From<rusqlite::Error> for ApiError {
    /// Storage trouble gets its own answer, with what to do; nothing was changed in any case (every
    /// write is one statement or one transaction). SQLite messages name tables and constraints, never
    /// bound values, so the log may hold them.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::*;
        let cause = format!("database error: {e}");
        let (status, message) = match e.sqlite_error_code() {
            Some(DiskFull) => (
                StatusCode::INSUFFICIENT_STORAGE,
                "The server's storage is full, so nothing was changed. Free space on the server, then try again.",
            ),
            Some(SystemIoFailure) => (
                StatusCode::INSUFFICIENT_STORAGE,
                "The server could not write to its storage (full, or failing), so nothing was changed. \
                 Check the server's disk, then try again.",
            ),
            Some(ReadOnly) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "The server's database is read-only at the moment, so nothing was changed. Make it writable \
                 again on the server, then try again.",
            ),
            Some(DatabaseCorrupt) | Some(NotADatabase) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "The server's database is damaged. Ask its operator to restore it from a backup.",
            ),
            _ => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "The database could not complete the request. Try again; if it keeps failing, check the server's log.",
            ),
        };
        ApiError { status, message: message.into(), cause: Some(cause), close: false }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    #[test]
    fn storage_trouble_says_what_happened_and_what_to_do() {
        let full = ApiError::from(sqlite(rusqlite::ffi::SQLITE_FULL));
        assert_eq!(full.status, StatusCode::INSUFFICIENT_STORAGE);
        assert!(full.message.contains("storage is full") && full.message.contains("nothing was changed"));
        let readonly = ApiError::from(sqlite(rusqlite::ffi::SQLITE_READONLY));
        assert_eq!(readonly.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(readonly.message.contains("read-only"));
        assert_eq!(ApiError::from(sqlite(rusqlite::ffi::SQLITE_IOERR_WRITE)).status, StatusCode::INSUFFICIENT_STORAGE);
        let damaged = ApiError::from(sqlite(rusqlite::ffi::SQLITE_CORRUPT));
        assert!(damaged.message.contains("damaged"));
        assert!(damaged.cause.is_some_and(|c| c.contains("database error")), "the cause is for the log");
        let other = ApiError::from(sqlite(rusqlite::ffi::SQLITE_CONSTRAINT));
        assert_eq!(other.status, StatusCode::INTERNAL_SERVER_ERROR);
    }
}
