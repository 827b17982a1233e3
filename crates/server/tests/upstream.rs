//! Upstream mode: the server forwards /v2/ to an API that behaves like Utho's (a stand-in started
//! here, with the quirks of shared/reference/utho-api.md: stray bytes before the JSON, lists
//! without an envelope, errors with HTTP 200), and answers with the API's envelope when the
//! upstream cannot.

mod common;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode as AxumStatus};
use axum::routing::{get, post};
use axum::Router;
use common::*;
use reqwest::{Method, StatusCode};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const UPSTREAM_TOKEN: &str = "utho-token-held-by-the-server";
const SECRET: &str = "StandInSecretKey0123456789abcdefghij";
const LIST: &str =
    "\u{feff}  {\"accesskeys\":[{\"name\":\"backup\",\"accesskey\":\"AK000000000000000000000000000000001\",\
\"dcslug\":\"innoida\",\"status\":\"Active\",\"created_at\":\"2026-03-14 09:12:44\",\"user_id\":\"17\"}]}";

/// What the stand-in saw.
#[derive(Default)]
struct Seen {
    auth: Vec<Option<String>>,
    bodies: Vec<String>,
    queries: Vec<Option<String>>,
}

type Shared = Arc<Mutex<Seen>>;

fn record(seen: &Shared, headers: &HeaderMap, body: &[u8], query: Option<String>) {
    let mut s = seen.lock().unwrap();
    s.auth.push(headers.get("authorization").map(|v| v.to_str().unwrap().to_string()));
    s.bodies.push(String::from_utf8_lossy(body).into_owned());
    s.queries.push(query);
}

/// Starts the stand-in on a free port; returns its `/v2/` base.
async fn stand_in(seen: Shared) -> String {
    let app = Router::new()
        .route(
            "/v2/objectstorage/innoida/accesskeys",
            get(|State(seen): State<Shared>, uri: axum::http::Uri, headers: HeaderMap| async move {
                record(&seen, &headers, b"", uri.query().map(str::to_string));
                LIST
            }),
        )
        .route(
            "/v2/objectstorage/innoida/accesskey/create",
            post(|State(seen): State<Shared>, headers: HeaderMap, body: Bytes| async move {
                record(&seen, &headers, &body, None);
                format!(
                    "{{\"status\":\"success\",\"message\":\"Object User has been created\",\
                     \"accesskey\":\"AK000000000000000000000000000000002\",\"secretkey\":\"{SECRET}\"}}"
                )
            }),
        )
        .route(
            "/v2/objectstorage/innoida/accesskey/{name}/status",
            // The service refuses with HTTP 200 and an error envelope.
            post(|| async { "{\"status\":\"error\",\"message\":\"Access key not found\"}" }),
        )
        .route(
            "/v2/objectstorage/innoida/bucket",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "{\"buckets\":[]}"
            }),
        )
        .route("/v2/broken", get(|| async { (AxumStatus::INTERNAL_SERVER_ERROR, "<html>upstream error</html>") }))
        .with_state(seen);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/v2/")
}

fn proxy(dir: &std::path::Path, base: &str, server_token: bool) -> Server {
    let mut opts = Opts::new(dir).arg("--upstream").arg(base).arg("--upstream-timeout-secs").arg("1");
    opts.token = None;
    if server_token {
        opts = opts.arg("--upstream-token").arg(UPSTREAM_TOKEN);
    }
    opts.start()
}

async fn raw(server: &Server, req: reqwest::RequestBuilder) -> (StatusCode, reqwest::header::HeaderMap, String) {
    let _ = server;
    let res = req.send().await.unwrap();
    (res.status(), res.headers().clone(), res.text().await.unwrap())
}

#[tokio::test]
async fn forwards_with_the_servers_token_and_passes_the_answer_through_unchanged() {
    let seen = Shared::default();
    let base = stand_in(seen.clone()).await;
    let dir = tempdir();
    let server = proxy(dir.path(), &base, true);
    assert!(
        server.console_line.ends_with(&format!("{}/", server.base)),
        "no token in the link: {}",
        server.console_line
    );

    // The browser sends no token (or any other): the upstream gets the server's.
    let req = server.anon(Method::GET, "/v2/objectstorage/innoida/accesskeys?page=2");
    let (status, headers, body) = raw(&server, req).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, LIST, "quirks pass through byte for byte");
    assert_eq!(headers["cache-control"], "no-store");
    let req = server.anon(Method::GET, "/v2/objectstorage/innoida/accesskeys").bearer_auth("browser-token");
    raw(&server, req).await;
    {
        let s = seen.lock().unwrap();
        let want = Some(format!("Bearer {UPSTREAM_TOKEN}"));
        assert_eq!(s.auth, [want.clone(), want]);
        assert_eq!(s.queries[0].as_deref(), Some("page=2"));
    }

    // A create: the body goes up as sent; the secret comes back once and is never logged.
    let req = server
        .anon(Method::POST, "/v2/objectstorage/innoida/accesskey/create")
        .header("content-type", "application/json")
        .body("{\"accesskey\":\"backup-nightly\"}");
    let (status, _, body) = raw(&server, req).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(SECRET));
    assert_eq!(seen.lock().unwrap().bodies.last().unwrap(), "{\"accesskey\":\"backup-nightly\"}");
    // An error sent with HTTP 200 stays as it is: the console treats it as the error it is.
    let req = server.anon(Method::POST, "/v2/objectstorage/innoida/accesskey/x/status").body("{}");
    let (status, _, body) = raw(&server, req).await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::OK, "{\"status\":\"error\",\"message\":\"Access key not found\"}")
    );
    // An upstream failure passes through with its status.
    let (status, _, _) = raw(&server, server.anon(Method::GET, "/v2/broken")).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);

    let output = server.output();
    assert!(output.contains("POST /v2/objectstorage/innoida/accesskey/create 200"), "{output}");
    for private in [SECRET, UPSTREAM_TOKEN, "backup-nightly"] {
        assert!(!output.contains(private), "the log holds {private}:\n{output}");
    }
    assert!(!dir.path().join("keys.db").exists(), "upstream mode keeps no database");
}

#[tokio::test]
async fn without_a_server_token_the_callers_token_goes_up() {
    let seen = Shared::default();
    let base = stand_in(seen.clone()).await;
    let dir = tempdir();
    let server = proxy(dir.path(), &base, false);
    assert!(server.console_line.contains("#token=<your Utho API token>"), "{}", server.console_line);
    let req = server.anon(Method::GET, "/v2/objectstorage/innoida/accesskeys").bearer_auth("the-users-utho-token");
    raw(&server, req).await;
    raw(&server, server.anon(Method::GET, "/v2/objectstorage/innoida/accesskeys")).await;
    assert_eq!(seen.lock().unwrap().auth, [Some("Bearer the-users-utho-token".to_string()), None]);
}

#[tokio::test]
async fn a_slow_or_unreachable_upstream_gets_a_clear_envelope_not_a_hang() {
    let seen = Shared::default();
    let base = stand_in(seen.clone()).await;
    let dir = tempdir();
    let server = proxy(dir.path(), &base, true);
    let start = Instant::now();
    let (status, body) = send(server.anon(Method::GET, "/v2/objectstorage/innoida/bucket")).await;
    assert_eq!(status, StatusCode::GATEWAY_TIMEOUT);
    assert!(error_message(&body).contains("did not answer within 1 seconds"), "{body}");
    assert!(start.elapsed() < Duration::from_secs(4), "answered after {:?}", start.elapsed());

    // A port nothing listens on.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let dir = tempdir();
    let server = proxy(dir.path(), &format!("http://{closed}/v2/"), true);
    let start = Instant::now();
    let (status, body) = send(server.anon(Method::GET, "/v2/objectstorage/innoida/accesskeys")).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    assert!(error_message(&body).contains("could not be reached"), "{body}");
    assert!(start.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn an_oversized_body_is_refused_before_it_goes_up() {
    let seen = Shared::default();
    let base = stand_in(seen.clone()).await;
    let dir = tempdir();
    let server = proxy(dir.path(), &base, true);
    let req = server.anon(Method::POST, "/v2/objectstorage/innoida/accesskey/create").body(vec![b' '; 64 * 1024]);
    let (status, body) = send(req).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    error_message(&body);
}

#[test]
fn a_local_token_without_an_upstream_token_is_refused_at_start() {
    let dir = tempdir();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_keys-server"))
        .args(["--listen", "127.0.0.1:0", "--upstream", "http://127.0.0.1:9/v2/", "--token", "local"])
        .arg("--db")
        .arg(dir.path().join("k.db"))
        .env_remove("KEYS_UPSTREAM_TOKEN")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--upstream-token"), "{err}");
}
