//! `keys-server`: the reference server of Utho's object-storage access-key API
//! (`shared/reference/utho-api.md`) on SQLite, which also serves the built console.

pub mod auth;
pub mod console;
pub mod db;
pub mod error;
pub mod extract;
pub mod faults;
pub mod guard;
pub mod ids;
pub mod log;
pub mod origin;
pub mod routes;
pub mod seed;
pub mod serve;
pub mod upstream;

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{any, get, post, MethodRouter};
use axum::Router;
use faults::Faults;
use rusqlite::Connection;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::set_header::SetResponseHeaderLayer;

pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'none'";

/// What the command line decides.
#[derive(Clone)]
pub struct Config {
    pub listen: String,
    pub db: PathBuf,
    pub dist: PathBuf,
    /// `None`: generate one at start and print it in the Console link.
    pub token: Option<String>,
    pub fault_injection: bool,
    /// Upstream mode: forward `/v2/` to this API instead of serving the SQLite data.
    pub upstream: Option<String>,
    /// The token sent upstream instead of the caller's.
    pub upstream_token: Option<String>,
    /// Seconds a forwarded request may take.
    pub upstream_timeout_secs: u64,
    /// The address people open when the server runs behind a reverse proxy (`origin`).
    pub public_origin: Option<String>,
    /// Connection timeouts and cap.
    pub limits: serve::Limits,
}

/// Never prints a token.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hidden = |t: &Option<String>| t.as_ref().map(|_| "<redacted>");
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("db", &self.db)
            .field("dist", &self.dist)
            .field("token", &hidden(&self.token))
            .field("fault_injection", &self.fault_injection)
            .field("upstream", &self.upstream)
            .field("upstream_token", &hidden(&self.upstream_token))
            .field("upstream_timeout_secs", &self.upstream_timeout_secs)
            .field("public_origin", &self.public_origin)
            .field("limits", &self.limits)
            .finish()
    }
}

#[derive(Clone)]
pub struct AppState {
    /// How long a request body may take to arrive (`extract::JsonBody`).
    pub body_timeout: std::time::Duration,
    pub db: Arc<Mutex<Connection>>,
    pub token: Arc<str>,
    pub dist: Arc<PathBuf>,
    /// Present only with `--enable-test-fault-injection`.
    pub faults: Option<Arc<Faults>>,
    /// Present only in upstream mode.
    pub upstream: Option<Arc<upstream::Upstream>>,
    /// A local token was given (`--token`): requests need it, also in upstream mode.
    pub token_given: bool,
    /// This server's names and origin (`origin`).
    pub site: Arc<origin::Site>,
    /// The CSP of the console's pages, with its inline script's hash (`console::dist_page_csp`).
    pub page_csp: Option<HeaderValue>,
}

/// A route at `path` and at `path/`.
fn both(router: Router<AppState>, path: &str, method: MethodRouter<AppState>) -> Router<AppState> {
    router.route(path, method.clone()).route(&format!("{path}/"), method)
}

fn api_router(state: &AppState) -> Router<AppState> {
    use keys_api::calls::{CallId, CALLS};
    let v2 = CALLS.iter().fold(Router::new(), |router, call| {
        let handler = match call.id {
            CallId::ListKeys => get(routes::list_keys),
            CallId::CreateKey => post(routes::create_key),
            CallId::SetStatus => post(routes::set_status),
            CallId::SetPermission => post(routes::set_permission),
            CallId::ListBuckets => get(routes::list_buckets),
        };
        both(router, &format!("/v2/{}", call.path), handler)
    });
    v2.route("/v2", any(routes::not_found))
        .route("/v2/", any(routes::not_found))
        .route("/v2/{*rest}", any(routes::not_found))
        .method_not_allowed_fallback(routes::method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), faults::inject))
        .layer(middleware::from_fn_with_state(state.clone(), auth::require_token))
        .layer(middleware::from_fn_with_state(state.clone(), origin::own_page_only))
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
}

/// Upstream mode: the calls of `keys_api::calls::CALLS`, and nothing else, are forwarded (see
/// `upstream`). A local `--token`, when given, is still required.
fn upstream_router(state: &AppState) -> Router<AppState> {
    let router = Router::new().route("/v2", any(upstream::forward)).route("/v2/{*rest}", any(upstream::forward));
    let router = if state.token_given {
        router.layer(middleware::from_fn_with_state(state.clone(), auth::require_token))
    } else {
        router
    };
    router
        .layer(middleware::from_fn_with_state(state.clone(), origin::own_page_only))
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
}

fn test_router(state: &AppState) -> Router<AppState> {
    let hidden =
        Router::new().route("/__test__", any(test_route_absent)).route("/__test__/{*rest}", any(test_route_absent));
    if state.faults.is_none() {
        return hidden;
    }
    let mut r = hidden;
    r = both(r, "/__test__/faults", post(faults::add_rule).delete(faults::clear_rules));
    r.method_not_allowed_fallback(routes::method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), auth::require_token))
        .layer(middleware::from_fn_with_state(state.clone(), origin::own_page_only))
}

async fn test_route_absent() -> error::ApiError {
    error::ApiError::not_found("Not found.")
}

/// The whole application: API, test hooks (when enabled) and the console.
pub fn app(state: AppState) -> Router {
    let header = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
    };
    let api = if state.upstream.is_some() { upstream_router(&state) } else { api_router(&state) };
    Router::new()
        .merge(api)
        .merge(test_router(&state))
        .fallback(console::serve)
        // Static files come precompressed; API answers are compressed at the fastest level, which
        // keeps a 10,000-key list's compression from costing more than building it.
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        // A page of the console's may have set its own (console::page_csp: this one and its inline scripts).
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(header::REFERRER_POLICY, "no-referrer"))
        .layer(middleware::from_fn(guard::limits))
        .layer(middleware::from_fn(log_request))
        .with_state(state)
}

/// One line per request: method, path (never the query), status, elapsed time, and for a failure
/// of the server itself its cause (`error::InternalCause`). No headers, no bodies. The line is
/// handed to `log`, which can drop it but never fails or delays the response.
async fn log_request(req: Request, next: Next) -> Response {
    let (method, path, start) = (req.method().clone(), req.uri().path().to_owned(), Instant::now());
    let res = next.run(req).await;
    let elapsed = start.elapsed().as_secs_f64() * 1000.0;
    let status = res.status().as_u16();
    log::line(match res.extensions().get::<error::InternalCause>() {
        Some(error::InternalCause(cause)) => format!("{method} {path} {status} {elapsed:.1}ms {cause}"),
        None => format!("{method} {path} {status} {elapsed:.1}ms"),
    });
    res
}

/// The address a browser can use: an unspecified bind address becomes loopback.
pub(crate) fn browsable(addr: SocketAddr) -> SocketAddr {
    let mut shown = addr;
    if addr.ip().is_unspecified() {
        shown.set_ip(match addr {
            SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    shown
}

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Opens the database, binds, prints the Console line and serves until Ctrl-C or SIGTERM.
pub async fn run(config: Config) -> Result<(), BoxError> {
    if config.upstream.is_some() && config.token.is_some() && config.upstream_token.is_none() {
        return Err("--token with --upstream needs --upstream-token: the caller's Authorization header carries the \
                    local token, so the upstream token must be the server's own"
            .into());
    }
    let public = config.public_origin.as_deref().map(origin::PublicOrigin::parse).transpose()?;
    let upstream = match &config.upstream {
        Some(base) => Some(Arc::new(upstream::Upstream::new(
            base,
            config.upstream_token.clone(),
            std::time::Duration::from_secs(config.upstream_timeout_secs.max(1)),
        )?)),
        None => None,
    };
    // Upstream mode keeps no data of its own: the database is not opened (nor created).
    let conn = match &upstream {
        Some(_) => Connection::open_in_memory()?,
        None => db::open(&config.db)?,
    };
    let given = config.token.filter(|t| !t.trim().is_empty()).map(|t| t.trim().to_string());
    let token = given.clone().unwrap_or_else(|| ids::random_alnum(ids::TOKEN_LEN));
    let listener = tokio::net::TcpListener::bind(&config.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let addr = listener.local_addr()?;
    let server_held = upstream.as_ref().is_some_and(|up| up.token.is_some());
    if server_held && given.is_none() && (!addr.ip().is_loopback() || public.is_some()) {
        let reach = if public.is_some() { "--public-origin" } else { "a non-loopback --listen address" };
        return Err(format!(
            "--upstream-token without --token on {reach} ({addr}) would let anyone who reaches this server act on \
             the Utho account with the server's token. Add --token <a token of your own> (KEYS_API_TOKEN), or listen \
             on 127.0.0.1."
        )
        .into());
    }
    let page = match &public {
        Some(p) => p.origin.clone(),
        None => format!("http://{}", browsable(addr)),
    };
    let state = AppState {
        body_timeout: config.limits.body_timeout,
        db: Arc::new(Mutex::new(conn)),
        token: token.as_str().into(),
        dist: Arc::new(config.dist.clone()),
        faults: config.fault_injection.then(Default::default),
        upstream: upstream.clone(),
        token_given: given.is_some(),
        site: Arc::new(origin::Site { listen: addr, public }),
        page_csp: console::dist_page_csp(&config.dist),
    };

    log::start();
    if config.fault_injection {
        log::line(
            "WARNING: TEST FAULT INJECTION IS ENABLED (POST/DELETE /__test__/faults can make API requests fail). \
             For automated tests only: never run a real server with --enable-test-fault-injection."
                .into(),
        );
    }
    if !config.dist.join("index.html").is_file() {
        log::line(format!("note: no built console in {}; `make run` builds it", config.dist.display()));
    }
    log::line(format!("Listening on {addr}"));
    let console = match (&upstream, &given) {
        (Some(up), _) => {
            log::line(format!("Forwarding /v2/ to {}", up.base));
            match (&up.token, &given) {
                (Some(_), None) => format!("Console: {page}/"),
                (Some(_), Some(_)) => format!("Console: {page}/#token=<the token given with --token>"),
                (None, _) => format!("Console: {page}/#token=<your Utho API token>"),
            }
        }
        (None, Some(_)) => format!("Console: {page}/"),
        (None, None) => generated_token_link(&page, &token, &config.db),
    };
    log::line(console);

    serve::serve(listener, app(state), config.limits, shutdown_signal()).await;
    let dropped = log::dropped();
    if dropped > 0 {
        log::note(&format!(
            "keys-server: {dropped} log lines could not be written (the output was full, slow or closed)."
        ));
    }
    log::line("Stopped.".into());
    log::finish(std::time::Duration::from_secs(1));
    Ok(())
}

/// A generated token is for the person at the terminal, never for the log stream (standard
/// output, often kept in a file): it goes to standard error when that is a terminal, and always
/// to `<db>.token`, readable by its owner only. The log's Console line only says where it is.
fn generated_token_link(page: &str, token: &str, db: &std::path::Path) -> String {
    use std::io::IsTerminal;
    let mut file = db.as_os_str().to_owned();
    file.push(".token");
    let file = PathBuf::from(file);
    let saved = write_private(&file, token);
    if std::io::stderr().is_terminal() {
        log::note(&format!("Console: {page}/#token={token}"));
    }
    match saved {
        Ok(()) => format!("Console: {page}/#token=<the token in {}>", file.display()),
        Err(e) => {
            log::note(&format!("keys-server: could not save the generated token to {}: {e}", file.display()));
            format!("Console: {page}/#token=<the token shown on the terminal>")
        }
    }
}

/// Writes `text` to `path`, readable and writable by the owner only.
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(text.as_bytes())?;
    file.write_all(b"\n")
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
