//! One client, one decode path ([`decode`]), a timeout on every request.

use super::error::{decode, ApiError};
use gloo_net::http::{Request, RequestBuilder};
use keys_api::{
    BucketsResponse, CreateKeyRequest, CreateKeyResponse, Envelope, ListKeysResponse, Permission, StatusAction,
    StatusRequest,
};
use leptos::prelude::set_timeout_with_handle;
use serde::de::DeserializeOwned;
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;
use web_sys::AbortController;

/// Seconds before a request is abandoned and reported as a timeout, unless configured.
pub const TIMEOUT_SECS: u32 = 20;

#[derive(Clone, Debug)]
pub struct ApiClient {
    /// Ends with `/`, e.g. `/v2/` or `https://api.utho.com/v2/`.
    base: Arc<str>,
    token: Option<Arc<str>>,
    timeout_secs: u32,
}

fn seg(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

impl ApiClient {
    pub fn new(base: &str, token: Option<String>, timeout_secs: u32) -> Self {
        let base = if base.ends_with('/') { base.to_string() } else { format!("{base}/") };
        ApiClient { base: base.into(), token: token.map(Into::into), timeout_secs: timeout_secs.max(1) }
    }

    fn url(&self, dc: &str, rest: &str) -> String {
        format!("{}objectstorage/{}/{}", self.base, seg(dc), rest)
    }

    fn auth(&self, req: RequestBuilder) -> RequestBuilder {
        match &self.token {
            Some(t) => req.header("Authorization", &format!("Bearer {t}")),
            None => req,
        }
    }

    async fn send<T: DeserializeOwned>(&self, req: RequestBuilder, body: Option<String>) -> Result<T, ApiError> {
        let controller = AbortController::new().map_err(|_| ApiError::Network("no AbortController".into()))?;
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            set_timeout_with_handle(
                move || {
                    timed_out.set(true);
                    controller.abort();
                },
                Duration::from_secs(self.timeout_secs.into()),
            )
            .ok()
        };
        let req = self.auth(req).abort_signal(Some(&controller.signal()));
        let req = match body {
            Some(json) => req.header("Content-Type", "application/json").body(json),
            None => req.build(),
        }
        .map_err(|e| ApiError::Network(e.to_string()))?;
        let result = async {
            let resp = req.send().await.map_err(|e| ApiError::Network(e.to_string()))?;
            let status = resp.status();
            let text = resp.text().await.map_err(|e| ApiError::Network(e.to_string()))?;
            decode::<T>(status, &text)
        }
        .await;
        if let Some(t) = timer {
            t.clear();
        }
        match result {
            Err(ApiError::Network(_)) if timed_out.get() => Err(ApiError::Timeout(self.timeout_secs)),
            other => other,
        }
    }

    pub async fn list_keys(&self, dc: &str) -> Result<ListKeysResponse, ApiError> {
        self.send(Request::get(&self.url(dc, "accesskeys")), None).await
    }

    /// The only call whose response carries a secret.
    pub async fn create_key(&self, dc: &str, name: &str) -> Result<CreateKeyResponse, ApiError> {
        let body = serde_json::to_string(&CreateKeyRequest { accesskey: name.to_string() }).expect("plain struct");
        self.send(Request::post(&self.url(dc, "accesskey/create")), Some(body)).await
    }

    /// Enable, disable or remove. The access key ID goes in the path and in the body:
    /// the path is named `{name}` but clients put the ID there.
    pub async fn set_status(&self, dc: &str, accesskey: &str, action: StatusAction) -> Result<Envelope, ApiError> {
        let body = serde_json::to_string(&StatusRequest { accesskey: accesskey.to_string(), status: action })
            .expect("plain struct");
        let url = self.url(dc, &format!("accesskey/{}/status", seg(accesskey)));
        self.send(Request::post(&url), Some(body)).await
    }

    pub async fn set_permission(
        &self,
        dc: &str,
        bucket: &str,
        permission: Permission,
        accesskey: &str,
    ) -> Result<Envelope, ApiError> {
        let url = self.url(
            dc,
            &format!("bucket/{}/permission/{}/accesskey/{}", seg(bucket), permission.as_str(), seg(accesskey)),
        );
        self.send(Request::post(&url), Some("{}".into())).await
    }

    pub async fn list_buckets(&self, dc: &str) -> Result<BucketsResponse, ApiError> {
        self.send(Request::get(&self.url(dc, "bucket")), None).await
    }
}
