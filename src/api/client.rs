//! One client, one decode path ([`decode`]), a timeout on every request, a token asked for before
//! each request, and every request in flight abortable at once (when the console is unmounted).

use super::early::{EarlyAnswer, EarlyList};
use super::error::{decode, ApiError};
use gloo_net::http::{Request, RequestBuilder};
use keys_api::wire::FromJson;
use keys_api::{
    BucketsResponse, CreateKeyRequest, CreateKeyResponse, Envelope, ListKeysResponse, Permission, StatusAction,
    StatusRequest,
};
use leptos::prelude::{set_timeout_with_handle, TimeoutHandle};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

/// Seconds before a request is abandoned and reported as a timeout, unless configured.
pub const TIMEOUT_SECS: u32 = 20;

/// Where the API token comes from.
#[derive(Clone)]
pub enum TokenSource {
    /// No `Authorization` header (the host's session, e.g. a cookie, authenticates).
    None,
    /// One token for the console's life.
    Fixed(String),
    /// A host function returning a token or a Promise of one, called before every request, and
    /// once more after a 401 (the request is then retried once).
    Provider(js_sys::Function),
}

/// Never prints the token itself.
impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TokenSource::None => "TokenSource::None",
            TokenSource::Fixed(_) => "TokenSource::Fixed(<redacted>)",
            TokenSource::Provider(_) => "TokenSource::Provider(<function>)",
        })
    }
}

/// A request sent, not yet answered.
struct Sent {
    id: u64,
    promise: js_sys::Promise,
    /// Its timeout fired (and aborted it).
    timed_out: Rc<Cell<bool>>,
}

/// A request in flight: its abort switch and its timeout.
struct InFlight {
    id: u64,
    controller: AbortController,
    timer: Option<TimeoutHandle>,
}

struct Inner {
    /// Ends with `/`, e.g. `/v2/` or `https://api.utho.com/v2/`.
    base: String,
    token: TokenSource,
    timeout_secs: u32,
    in_flight: RefCell<Vec<InFlight>>,
    next_id: Cell<u64>,
    /// Set by [`ApiClient::close`]: no new request starts.
    closed: Cell<bool>,
    /// The page's early key list ([`ApiClient::take_early`]), its URL, and the request it is.
    early: RefCell<Option<(EarlyList, Sent)>>,
}

/// Cheap to clone: clones share the token source and the requests in flight.
#[derive(Clone)]
pub struct ApiClient(Rc<Inner>);

/// Never prints the token.
impl fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiClient").field("base", &self.0.base).field("token", &self.0.token).finish()
    }
}

fn seg(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

/// What a failed `fetch` says, without the browser's exception names.
fn network<E>(_: E) -> ApiError {
    ApiError::Network
}

impl ApiClient {
    pub fn new(base: &str, token: TokenSource, timeout_secs: u32) -> Self {
        let base = if base.ends_with('/') { base.to_string() } else { format!("{base}/") };
        ApiClient(Rc::new(Inner {
            base,
            token,
            timeout_secs: timeout_secs.max(1),
            in_flight: RefCell::new(Vec::new()),
            next_id: Cell::new(0),
            closed: Cell::new(false),
            early: RefCell::new(None),
        }))
    }

    /// Aborts every request in flight, clears their timers, and refuses new ones.
    pub fn close(&self) {
        self.0.closed.set(true);
        self.0.early.borrow_mut().take();
        for r in self.0.in_flight.borrow_mut().drain(..) {
            if let Some(t) = r.timer {
                t.clear();
            }
            r.controller.abort();
        }
    }

    /// How many requests are in flight (for tests).
    pub fn in_flight(&self) -> usize {
        self.0.in_flight.borrow().len()
    }

    fn url(&self, dc: &str, rest: &str) -> String {
        format!("{}objectstorage/{}/{}", self.0.base, seg(dc), rest)
    }

    /// The token to send now, if any. A provider is asked; a fixed token is there at once, so a
    /// request that needs none of the event loop (the first key list) leaves the moment it is made.
    async fn token(&self) -> Result<Option<String>, ApiError> {
        let provider = match &self.0.token {
            TokenSource::Provider(provider) => provider,
            TokenSource::Fixed(t) => return Ok(Some(t.clone())),
            TokenSource::None => return Ok(None),
        };
        let refused = |_| ApiError::Unauthorized;
        let mut value = provider.call0(&JsValue::NULL).map_err(refused)?;
        if let Some(promise) = value.dyn_ref::<js_sys::Promise>() {
            value = JsFuture::from(promise.clone()).await.map_err(refused)?;
        }
        Ok(value.as_string().filter(|t| !t.is_empty()))
    }

    /// Sends a request built by `build` (called again for the retry after a 401 with a fresh token)
    /// and decodes the answer. Only the decoding depends on `T`: one copy of the sending for all.
    async fn send<T: FromJson>(&self, build: &dyn Fn() -> RequestBuilder, body: Option<String>) -> Result<T, ApiError> {
        let (status, bytes) = self.send_retrying(build, body).await?;
        decode::<T>(status, &bytes)
    }

    async fn send_retrying(
        &self,
        build: &dyn Fn() -> RequestBuilder,
        body: Option<String>,
    ) -> Result<(u16, Vec<u8>), ApiError> {
        let retry_on_401 = matches!(self.0.token, TokenSource::Provider(_));
        let token = self.token().await?;
        let answer = self.finish(self.start(build, token, body.clone())?).await?;
        if answer.0 == 401 && retry_on_401 {
            let token = self.token().await?;
            return self.finish(self.start(build, token, body)?).await;
        }
        Ok(answer)
    }

    /// Sends the request now (`fetch` is called before this returns), with its timeout, and
    /// registers it as in flight.
    fn start(
        &self,
        build: &dyn Fn() -> RequestBuilder,
        token: Option<String>,
        body: Option<String>,
    ) -> Result<Sent, ApiError> {
        if self.0.closed.get() {
            return Err(ApiError::Network);
        }
        let controller = AbortController::new().map_err(network)?;
        let mut req = build().abort_signal(Some(&controller.signal()));
        if let Some(t) = token {
            req = req.header("Authorization", &format!("Bearer {t}"));
        }
        let req = match body {
            Some(json) => req.header("Content-Type", "application/json").body(json),
            None => req.build(),
        }
        .map_err(network)?;
        let raw: web_sys::Request = req.into();
        let promise = web_sys::window().ok_or(ApiError::Network)?.fetch_with_request(&raw);
        Ok(self.register(promise, controller))
    }

    /// Registers a sent request as in flight, with its timeout.
    fn register(&self, promise: js_sys::Promise, controller: AbortController) -> Sent {
        let id = self.0.next_id.get();
        self.0.next_id.set(id + 1);
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            set_timeout_with_handle(
                move || {
                    timed_out.set(true);
                    controller.abort();
                },
                Duration::from_secs(self.0.timeout_secs.into()),
            )
            .ok()
        };
        self.0.in_flight.borrow_mut().push(InFlight { id, controller, timer });
        Sent { id, promise, timed_out }
    }

    /// Waits for the answer of a sent request: its status and body. The request leaves the
    /// in-flight list whatever happens.
    async fn finish(&self, sent: Sent) -> Result<(u16, Vec<u8>), ApiError> {
        let result = async {
            let answer = JsFuture::from(sent.promise).await.map_err(network)?;
            let resp: web_sys::Response = answer.dyn_into().map_err(network)?;
            let status = resp.status();
            // The bytes, not text: no decoding to a JS string and encoding back to UTF-8.
            let body = gloo_net::http::Response::from(resp).binary().await.map_err(network)?;
            Ok((status, body))
        }
        .await;
        self.forget(sent.id);
        match result {
            Err(ApiError::Network) if sent.timed_out.get() => Err(ApiError::Timeout(self.0.timeout_secs)),
            other => other,
        }
    }

    /// Takes a request off the in-flight list and clears its timer; `abort` also stops it.
    fn forget(&self, id: u64) {
        let finished = {
            let mut list = self.0.in_flight.borrow_mut();
            list.iter().position(|r| r.id == id).map(|i| list.remove(i))
        };
        if let Some(r) = finished {
            if let Some(t) = r.timer {
                t.clear();
            }
        }
    }

    /// Takes the key list the console's own page asked for while the wasm loaded (sent with the
    /// token this client has): the first [`ApiClient::list_keys`] of its URL uses it.
    pub fn take_early(&self, early: EarlyList) {
        if self.0.closed.get() {
            return early.controller().abort();
        }
        let sent = self.register(early.answer(), early.controller());
        *self.0.early.borrow_mut() = Some((early, sent));
    }

    /// The early list's answer if it is for `url`: at once when it is read already. Any other is
    /// aborted: it will not be read.
    async fn early_answer(&self, url: &str) -> Option<Result<(u16, Vec<u8>), ApiError>> {
        let (early, sent) = self.0.early.borrow_mut().take()?;
        if early.url() != url || sent.timed_out.get() {
            early.controller().abort();
            self.forget(sent.id);
            return None;
        }
        let answer = match early.read() {
            Some(read) => Ok(read),
            None => JsFuture::from(sent.promise).await.map_err(network).map(|a| a.unchecked_into::<EarlyAnswer>()),
        };
        self.forget(sent.id);
        Some(match answer {
            Err(ApiError::Network) if sent.timed_out.get() => Err(ApiError::Timeout(self.0.timeout_secs)),
            other => other.map(|a| a.parts()),
        })
    }

    pub async fn list_keys(&self, dc: &str) -> Result<ListKeysResponse, ApiError> {
        let url = self.url(dc, "accesskeys");
        if let Some(answer) = self.early_answer(&url).await {
            let (status, bytes) = answer?;
            return decode(status, &bytes);
        }
        self.send(&|| Request::get(&url), None).await
    }

    /// The only call whose response carries a secret.
    pub async fn create_key(&self, dc: &str, name: &str) -> Result<CreateKeyResponse, ApiError> {
        let body = CreateKeyRequest { accesskey: name.to_string() }.to_json();
        let url = self.url(dc, "accesskey/create");
        self.send(&|| Request::post(&url), Some(body)).await
    }

    /// Enable, disable or remove. The access key ID goes in the path and in the body:
    /// the path is named `{name}` but clients put the ID there.
    pub async fn set_status(&self, dc: &str, accesskey: &str, action: StatusAction) -> Result<Envelope, ApiError> {
        let body = StatusRequest { accesskey: accesskey.to_string(), status: action }.to_json();
        let url = self.url(dc, &format!("accesskey/{}/status", seg(accesskey)));
        self.send(&|| Request::post(&url), Some(body)).await
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
        self.send(&|| Request::post(&url), Some("{}".into())).await
    }

    pub async fn list_buckets(&self, dc: &str) -> Result<BucketsResponse, ApiError> {
        let url = self.url(dc, "bucket");
        self.send(&|| Request::get(&url), None).await
    }
}
