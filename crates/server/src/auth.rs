//! Bearer-token check for the API and test routes, in constant time.

use crate::error::ApiError;
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// Compares two strings without an early exit: both are hashed to 32 bytes first,
/// so neither the content nor the length of the expected token leaks through timing.
pub fn tokens_match(given: &str, expected: &str) -> bool {
    let a = Sha256::digest(given.as_bytes());
    let b = Sha256::digest(expected.as_bytes());
    let diff = a.iter().zip(b.iter()).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

/// The token of an `Authorization: Bearer <token>` header, if there is one.
fn bearer(req: &Request) -> Option<&str> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

pub async fn require_token(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match bearer(&req) {
        Some(token) if tokens_match(token, &state.token) => next.run(req).await,
        Some(_) => unauthorized(
            "The API token is wrong. Use the token the server printed at start (the part after #token= in its Console link), \
             or the one you passed with --token / KEYS_API_TOKEN, as `Authorization: Bearer <token>`.",
        ),
        None => unauthorized(
            "The API token is missing. Send the header `Authorization: Bearer <token>` with the token the server \
             printed at start (the part after #token= in its Console link) or the one set with --token / KEYS_API_TOKEN.",
        ),
    }
}

fn unauthorized(message: &str) -> Response {
    let mut res = ApiError::new(StatusCode::UNAUTHORIZED, message).into_response();
    res.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
    res
}

#[cfg(test)]
mod tests {
    use super::tokens_match;

    #[test]
    fn matches_only_the_same_token() {
        assert!(tokens_match("t0ken", "t0ken"));
        assert!(!tokens_match("t0ken", "t0keN"));
        assert!(!tokens_match("", "t0ken"));
        assert!(!tokens_match("t0ken-longer", "t0ken"));
    }
}
