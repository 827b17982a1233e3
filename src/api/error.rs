//! The one decode path of every API response, and the errors a person can see.
//! Pure Rust (no browser types) so it is unit-tested natively.

use keys_api::wire::FromJson;
use keys_api::Envelope;
use thiserror::Error;

/// What went wrong with a request, in words that say what to do next.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ApiError {
    /// The server's words are not shown: they may be written for another kind of client.
    #[error(
        "The session or API token was refused. Sign in again, or open the console with a valid API token, then retry."
    )]
    Unauthorized,
    #[error("This API token may not do that: {0} Use a read-write API token.")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    /// Bad input: the message comes from the server and says what to change.
    #[error("{0}")]
    Invalid(String),
    #[error("The server failed ({status}): {message} Try again in a moment.")]
    Server { status: u16, message: String },
    /// The browser's own words (exception names) are not shown.
    #[error("The API server could not be reached. Check your network connection, then try again.")]
    Network,
    #[error("The API did not answer within {0} seconds. Try again.")]
    Timeout(u32),
    #[error("The API sent a response the console could not read ({0}). Try again, or report this if it persists.")]
    Decode(String),
}

impl ApiError {
    /// Maps an HTTP status and the server's message to an error.
    pub fn from_status(status: u16, message: Option<String>) -> ApiError {
        let msg = message.filter(|m| !m.trim().is_empty());
        let or = |default: &str| msg.clone().unwrap_or_else(|| default.to_string());
        match status {
            401 => ApiError::Unauthorized,
            403 => ApiError::Forbidden(or("Access denied.")),
            404 => ApiError::NotFound(or("Not found: the data centre, key or bucket does not exist.")),
            409 => ApiError::Conflict(or("That already exists.")),
            413 => ApiError::Invalid(or("The request was too large.")),
            400..=499 => ApiError::Invalid(or("The request was refused.")),
            // A failure envelope that came with HTTP 2xx: the service refused with a message.
            200..=299 => ApiError::Invalid(or("The request was refused.")),
            _ => ApiError::Server { status, message: or("No message.") },
        }
    }

    /// True when the person should fix their input rather than retry.
    pub fn is_input_problem(&self) -> bool {
        matches!(self, ApiError::Invalid(_) | ApiError::Conflict(_))
    }
}

/// Some responses were seen with stray bytes before the JSON: start at the first `{`.
fn json_part(body: &[u8]) -> &[u8] {
    match body.iter().position(|b| *b == b'{') {
        Some(i) => &body[i..],
        None => body,
    }
}

/// Turns an HTTP status and body into the endpoint's type or an [`ApiError`].
/// A failure envelope is an error whatever the HTTP status; an error status is an error
/// whatever the body. The body is read once, straight into the type (`keys_api::wire`); only a
/// body that is not the type is read again, for the envelope of a failure.
pub fn decode<T: FromJson>(status: u16, body: &[u8]) -> Result<T, ApiError> {
    let body = json_part(body);
    let ok_status = (200..300).contains(&status);
    let read = if ok_status { Some(T::from_bytes(body)) } else { None };
    let failure = |envelope: Option<&Envelope>| ApiError::from_status(status, envelope.and_then(|e| e.message.clone()));
    match read {
        Some(Ok(value)) => match value.envelope() {
            Some(e) if e.is_failure() => Err(failure(Some(e))),
            _ => Ok(value),
        },
        // The create response carries the secret: an error says where and which field, never a value.
        Some(Err(problem)) => match Envelope::from_bytes(body) {
            Ok(e) if e.is_failure() => Err(failure(Some(&e))),
            _ => Err(ApiError::Decode(problem)),
        },
        None => Err(failure(Envelope::from_bytes(body).ok().as_ref())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keys_api::{CreateKeyResponse, ListKeysResponse};

    #[test]
    fn success_decodes_with_stray_prefix() {
        let r: ListKeysResponse = decode(200, "\u{feff}xx{\"accesskeys\":[]}".as_bytes()).unwrap();
        assert!(r.accesskeys.is_empty());
    }

    #[test]
    fn failure_envelope_with_http_200_is_an_error() {
        let e = decode::<ListKeysResponse>(200, br#"{"status":"error","message":"Name taken"}"#).unwrap_err();
        assert_eq!(e, ApiError::Invalid("Name taken".into()));
        // Also when the rest of the body is not the type asked for.
        let body = br#"{"status":"error","message":"Name taken","accesskeys":{"not":"a list"}}"#;
        assert_eq!(decode::<ListKeysResponse>(200, body).unwrap_err(), ApiError::Invalid("Name taken".into()));
        let body = br#"{"message":"Key limit reached","status":"Error"}"#;
        assert_eq!(decode::<CreateKeyResponse>(200, body).unwrap_err(), ApiError::Invalid("Key limit reached".into()));
    }

    #[test]
    fn statuses_map_to_kinds_with_the_server_message() {
        let cases = [
            (401, ApiError::Unauthorized),
            (403, ApiError::Forbidden("bad token".into())),
            (404, ApiError::NotFound("bad token".into())),
            (409, ApiError::Conflict("bad token".into())),
            (422, ApiError::Invalid("bad token".into())),
            (500, ApiError::Server { status: 500, message: "bad token".into() }),
        ];
        for (status, want) in cases {
            let body = br#"{"status":"error","message":"bad token"}"#;
            assert_eq!(decode::<ListKeysResponse>(status, body).unwrap_err(), want, "{status}");
        }
    }

    #[test]
    fn error_status_without_json_still_says_something() {
        let e = decode::<ListKeysResponse>(502, b"<html>Bad gateway</html>").unwrap_err();
        assert_eq!(e, ApiError::Server { status: 502, message: "No message.".into() });
        assert!(e.to_string().contains("Try again"));
    }

    #[test]
    fn unreadable_success_is_a_decode_error_not_a_panic() {
        assert!(matches!(decode::<CreateKeyResponse>(200, br#"{"status":"success"}"#), Err(ApiError::Decode(_))));
        assert!(matches!(decode::<ListKeysResponse>(200, b"not json"), Err(ApiError::Decode(_))));
    }

    #[test]
    fn decode_error_never_echoes_the_body() {
        // The create response carries the secret; a decode failure must not put it into a message.
        let body = br#"{"status":"success","accesskey":5,"secretkey":"SECRETSECRET"}"#;
        let e = decode::<CreateKeyResponse>(200, body).unwrap_err();
        assert!(!e.to_string().contains("SECRETSECRET"), "{e}");
    }
}
