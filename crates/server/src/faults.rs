//! Test-only fault injection (`--enable-test-fault-injection`): rules registered through
//! `POST /__test__/faults` make chosen `/v2` requests fail before they reach a handler,
//! so the database is never touched. `DELETE /__test__/faults` clears them.

use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use keys_api::Envelope;
use serde::Deserialize;
use std::sync::Mutex;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    /// HTTP method to match (any when absent).
    #[serde(default)]
    pub method: Option<String>,
    /// Substring of the path to match (any when absent).
    #[serde(default)]
    pub path_contains: Option<String>,
    #[serde(default = "default_status")]
    pub status: u16,
    #[serde(default = "default_message")]
    pub message: String,
    /// How many matching requests fail.
    #[serde(default = "one")]
    pub times: u32,
    /// How many matching requests pass before the failures start.
    #[serde(default)]
    pub skip: u32,
}

fn default_status() -> u16 {
    500
}
fn default_message() -> String {
    "Injected failure".into()
}
fn one() -> u32 {
    1
}

#[derive(Debug, Default)]
pub struct Faults {
    rules: Mutex<Vec<FaultRule>>,
}

impl Faults {
    pub fn add(&self, rule: FaultRule) {
        self.rules.lock().unwrap_or_else(|e| e.into_inner()).push(rule);
    }

    pub fn clear(&self) {
        self.rules.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// The failure this request must get, if a rule picks it. Consumes skips and times.
    pub fn take(&self, method: &str, path: &str) -> Option<(StatusCode, String)> {
        let mut rules = self.rules.lock().unwrap_or_else(|e| e.into_inner());
        let mut hit = None;
        for rule in rules.iter_mut() {
            let method_ok = rule.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method));
            let path_ok = rule.path_contains.as_deref().is_none_or(|p| path.contains(p));
            if !(method_ok && path_ok && rule.times > 0) {
                continue;
            }
            if rule.skip > 0 {
                rule.skip -= 1;
                continue;
            }
            rule.times -= 1;
            let status = StatusCode::from_u16(rule.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            hit = Some((status, rule.message.clone()));
            break;
        }
        rules.retain(|r| r.times > 0);
        hit
    }
}

/// Middleware on the `/v2` routes (inside the token check).
pub async fn inject(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if let Some(faults) = &state.faults {
        if let Some((status, message)) = faults.take(req.method().as_str(), req.uri().path()) {
            return ApiError::new(status, message).into_response();
        }
    }
    next.run(req).await
}

pub async fn add_rule(State(state): State<AppState>, JsonBody(body): JsonBody) -> ApiResult<Json<Envelope>> {
    let faults = state.faults.as_ref().ok_or_else(|| ApiError::not_found("Not found."))?;
    let rule: FaultRule = serde_json::from_value(body).map_err(|e| {
        ApiError::bad_request(format!(
            "Not a fault rule ({e}). Send {{\"method\":\"POST\",\"path_contains\":\"/permission/\",\"status\":500,\
             \"message\":\"Injected failure\",\"times\":1,\"skip\":0}}."
        ))
    })?;
    if !(400..=599).contains(&rule.status) {
        return Err(ApiError::bad_request("A fault's status must be between 400 and 599."));
    }
    faults.add(rule);
    Ok(Json(Envelope::success("Fault rule registered")))
}

pub async fn clear_rules(State(state): State<AppState>) -> ApiResult<Json<Envelope>> {
    let faults = state.faults.as_ref().ok_or_else(|| ApiError::not_found("Not found."))?;
    faults.clear();
    Ok(Json(Envelope::success("All fault rules cleared")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(json: &str) -> FaultRule {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn skips_then_fails_times_then_passes() {
        let f = Faults::default();
        f.add(rule(r#"{"method":"POST","path_contains":"/permission/","times":2,"skip":1,"status":503}"#));
        assert_eq!(f.take("GET", "/v2/x/permission/read"), None, "method differs");
        assert_eq!(f.take("POST", "/v2/x/status"), None, "path differs");
        assert_eq!(f.take("POST", "/v2/x/permission/read"), None, "skipped");
        assert_eq!(f.take("post", "/v2/x/permission/read").unwrap().0, StatusCode::SERVICE_UNAVAILABLE);
        assert!(f.take("POST", "/v2/x/permission/read").is_some());
        assert_eq!(f.take("POST", "/v2/x/permission/read"), None, "used up");
    }

    #[test]
    fn defaults_and_clear() {
        let f = Faults::default();
        f.add(rule("{}"));
        f.clear();
        assert_eq!(f.take("GET", "/v2/anything"), None);
        f.add(rule("{}"));
        assert_eq!(f.take("GET", "/v2/anything"), Some((StatusCode::INTERNAL_SERVER_ERROR, "Injected failure".into())));
    }
}
