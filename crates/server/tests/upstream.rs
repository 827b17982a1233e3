//! Upstream mode: the server forwards the console's five calls, and only those, to an API that
//! behaves like Utho's (a recording stand-in started here, with the quirks of
//! shared/reference/utho-api.md: stray bytes before the JSON, lists without an envelope, errors
//! with HTTP 200). Every refusal is checked on the stand-in's record: nothing reached it.

mod common;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method as AxumMethod, StatusCode as AxumStatus, Uri};
use axum::response::IntoResponse;
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
const KEY: &str = "AK000000000000000000000000000000001";

/// One request as it reached the stand-in.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    /// Path and query, exactly as they arrived.
    target: String,
    auth: Option<String>,
    content_length: Option<String>,
    chunked: bool,
    body: String,
}

type Record = Arc<Mutex<Vec<Seen>>>;

/// The stand-in: records every request that reaches it, whatever its path, and answers the
/// contract's calls as Utho does; anything else it answers 200, as an open relay's target would.
async fn stand_in_answer(
    State(seen): State<Record>,
    method: AxumMethod,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> axum::response::Response {
    let header = |name: &str| headers.get(name).map(|v| v.to_str().unwrap().to_string());
    seen.lock().unwrap().push(Seen {
        method: method.to_string(),
        target: uri.path_and_query().map(|pq| pq.to_string()).unwrap_or_default(),
        auth: header("authorization"),
        content_length: header("content-length"),
        chunked: header("transfer-encoding").is_some_and(|t| t.contains("chunked")),
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    let path = uri.path().trim_end_matches('/');
    let acts_on_this_origin = [
        ("set-cookie", "session=stolen; Path=/"),
        ("location", "https://evil.example/"),
        ("content-security-policy", "script-src *"),
        ("access-control-allow-origin", "*"),
        ("cache-control", "public, max-age=3600"),
        ("strict-transport-security", "max-age=0"),
        ("retry-after", "7"),
    ];
    let mut res = match path {
        "/v2/objectstorage/innoida/accesskeys" => LIST.into_response(),
        "/v2/objectstorage/innoida/accesskey/create" => format!(
            "{{\"status\":\"success\",\"message\":\"Object User has been created\",\
             \"accesskey\":\"AK000000000000000000000000000000002\",\"secretkey\":\"{SECRET}\"}}"
        )
        .into_response(),
        // The service refuses with HTTP 200 and an error envelope.
        "/v2/objectstorage/innoida/accesskey/missing/status" => {
            "{\"status\":\"error\",\"message\":\"Access key not found\"}".into_response()
        }
        "/v2/objectstorage/innoida/accesskey/broken/status" => {
            (AxumStatus::INTERNAL_SERVER_ERROR, "<html>upstream error</html>").into_response()
        }
        "/v2/objectstorage/inmumbaizone2/bucket" => {
            tokio::time::sleep(Duration::from_secs(5)).await;
            "{\"buckets\":[]}".into_response()
        }
        "/v2/objectstorage/innoida/bucket" => "{\"buckets\":[]}".into_response(),
        _ => "{\"status\":\"success\",\"message\":\"relayed\"}".into_response(),
    };
    for (name, value) in acts_on_this_origin {
        res.headers_mut().insert(name, value.parse().unwrap());
    }
    res
}

/// Starts the stand-in on a free port; returns its `/v2/` base.
async fn stand_in(seen: Record) -> String {
    let app = Router::new().fallback(stand_in_answer).with_state(seen);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/v2/")
}

/// A proxy to `base`: with the server-held token, and with a local `--token` too when `local`.
fn proxy(dir: &std::path::Path, base: &str, server_token: bool, local: bool) -> Server {
    let mut opts = Opts::new(dir).arg("--upstream").arg(base).arg("--upstream-timeout-secs").arg("1");
    if !local {
        opts.token = None;
    }
    if server_token {
        opts = opts.arg("--upstream-token").arg(UPSTREAM_TOKEN);
    }
    opts.start()
}

#[tokio::test]
async fn the_five_calls_arrive_whole_with_the_servers_token_and_answers_pass_through() {
    let seen = Record::default();
    let base = stand_in(seen.clone()).await;
    let dir = tempdir();
    let server = proxy(dir.path(), &base, true, false);
    assert!(
        server.console_line.ends_with(&format!("{}/", server.base)),
        "no token in the link: {}",
        server.console_line
    );

    // What the console sends, with whatever token the browser has (none, or another): the upstream
    // gets the server's.
    let create = "{\"accesskey\":\"backup-nightly\"}";
    let status = format!("{{\"accesskey\":\"{KEY}\",\"status\":\"disable\"}}");
    let calls: [(Method, String, Option<&str>); 6] = [
        (Method::GET, "/v2/objectstorage/innoida/accesskeys".into(), None),
        (Method::GET, "/v2/objectstorage/innoida/accesskeys/".into(), None),
        (Method::POST, "/v2/objectstorage/innoida/accesskey/create".into(), Some(create)),
        (Method::POST, format!("/v2/objectstorage/innoida/accesskey/{KEY}/status"), Some(&status)),
        (
            Method::POST,
            format!("/v2/objectstorage/innoida/bucket/media.archive-1/permission/full/accesskey/{KEY}"),
            Some("{}"),
        ),
        (Method::GET, "/v2/objectstorage/innoida/bucket".into(), None),
    ];
    let mut answers = Vec::new();
    for (i, (method, path, body)) in calls.iter().enumerate() {
        let mut req =
            server.anon(method.clone(), path).header("origin", &server.base).header("sec-fetch-site", "same-origin");
        if i % 2 == 1 {
            req = req.bearer_auth("browser-token");
        }
        if let Some(body) = body {
            req = req.header("content-type", "application/json").body(body.to_string());
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{method} {path}");
        answers.push((res.headers().clone(), res.text().await.unwrap()));
    }
    let record = seen.lock().unwrap().clone();
    let arrived: Vec<(String, String)> = record.iter().map(|s| (s.method.clone(), s.target.clone())).collect();
    let sent: Vec<(String, String)> = calls.iter().map(|(m, p, _)| (m.to_string(), p.clone())).collect();
    assert_eq!(arrived, sent, "each call arrives as written, and only once");
    for (s, (_, _, body)) in record.iter().zip(&calls) {
        assert_eq!(s.auth.as_deref(), Some(&*format!("Bearer {UPSTREAM_TOKEN}")), "{}", s.target);
        assert!(!s.chunked, "{} went up chunked", s.target);
        match body {
            Some(body) => {
                assert_eq!(s.body, *body, "{}", s.target);
                assert_eq!(s.content_length.as_deref(), Some(&*body.len().to_string()), "{}", s.target);
            }
            None => assert_eq!(s.body, "", "{}", s.target),
        }
    }

    // Quirks pass byte for byte; headers that would act on this origin stay behind.
    let (headers, body) = &answers[0];
    assert_eq!(body, LIST);
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(headers["retry-after"], "7");
    for dropped in ["set-cookie", "location", "access-control-allow-origin", "strict-transport-security"] {
        assert!(!headers.contains_key(dropped), "{dropped} passed: {headers:?}");
    }
    assert_ne!(headers["content-security-policy"], "script-src *");
    assert!(answers[2].1.contains(SECRET), "the secret comes back once");
    assert_eq!(answers[2].0["cache-control"], "no-store");

    // An error sent with HTTP 200 stays as it is; an upstream failure keeps its status.
    let req = server.json_post("/v2/objectstorage/innoida/accesskey/missing/status").body("{}");
    let res = req.send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text().await.unwrap(), "{\"status\":\"error\",\"message\":\"Access key not found\"}");
    let res = server.json_post("/v2/objectstorage/innoida/accesskey/broken/status").body("{}").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);

    let output = server.output();
    assert!(output.contains("POST /v2/objectstorage/innoida/accesskey/create 200"), "{output}");
    for private in [SECRET, UPSTREAM_TOKEN, "backup-nightly"] {
        assert!(!output.contains(private), "the log holds {private}:\n{output}");
    }
    assert!(!dir.path().join("keys.db").exists(), "upstream mode keeps no database");
}

/// Requests that must never leave the server: (request head, body, status).
fn refused_cases(port: u16) -> Vec<(String, &'static str, u16)> {
    let json = "Content-Type: application/json";
    let create = "POST /v2/objectstorage/innoida/accesskey/create HTTP/1.1";
    let mut cases: Vec<(String, &'static str, u16)> = vec![
        // Foreign paths and methods.
        ("GET /v2/cloud HTTP/1.1".into(), "", 404),
        ("DELETE /v2/cloud/12345/destroy HTTP/1.1".into(), "", 404),
        (format!("POST /v2/cloud/12345/poweroff HTTP/1.1\n{json}"), "{}", 404),
        (format!("POST /v2/account/apikey/create HTTP/1.1\n{json}"), "{}", 404),
        ("GET /v2/dns HTTP/1.1".into(), "", 404),
        ("GET /v2/account/info HTTP/1.1".into(), "", 404),
        ("DELETE /v2/objectstorage/innoida/bucket/b1/delete HTTP/1.1".into(), "", 404),
        ("GET /v2/objectstorage/innoida HTTP/1.1".into(), "", 404),
        ("GET /v2 HTTP/1.1".into(), "", 404),
        (format!("POST /v2/objectstorage/innoida/accesskeys HTTP/1.1\n{json}"), "{}", 405),
        ("DELETE /v2/objectstorage/innoida/accesskey/create HTTP/1.1".into(), "", 405),
        ("PUT /v2/objectstorage/innoida/accesskey/x/status HTTP/1.1".into(), "", 405),
        // Paths that climb out or could be read as something else.
        ("GET /v2/objectstorage/innoida/../../account/info HTTP/1.1".into(), "", 400),
        ("GET /v2/objectstorage/%2e%2e/%2e%2e/account/info HTTP/1.1".into(), "", 400),
        ("GET /v2/objectstorage/innoida/%2E%2E/accesskeys HTTP/1.1".into(), "", 400),
        (format!("POST /v2/objectstorage/innoida/accesskey/..%2f..%2fcloud/status HTTP/1.1\n{json}"), "{}", 400),
        (format!("POST /v2/objectstorage/innoida/accesskey/a%5c..%5cb/status HTTP/1.1\n{json}"), "{}", 400),
        ("GET /v2/objectstorage/./innoida/accesskeys HTTP/1.1".into(), "", 400),
        ("GET /v2/objectstorage/innoida\\..\\..\\account/accesskeys HTTP/1.1".into(), "", 400),
        ("GET /v2/objectstorage//innoida/accesskeys HTTP/1.1".into(), "", 400),
        ("GET /v2/objectstorage/innoida/accesskeys?page=2 HTTP/1.1".into(), "", 400),
        ("GET /v2/objectstorage/innoida/bucket?prefix=.. HTTP/1.1".into(), "", 400),
        // Segments that are not what their place holds.
        ("GET /v2/objectstorage/INNOIDA/accesskeys HTTP/1.1".into(), "", 400),
        (
            format!(
                "POST /v2/objectstorage/innoida/bucket/Bad_Bucket/permission/read/accesskey/{KEY} HTTP/1.1\n{json}"
            ),
            "{}",
            400,
        ),
        (
            format!(
                "POST /v2/objectstorage/innoida/bucket/media-archive/permission/admin/accesskey/{KEY} HTTP/1.1\n{json}"
            ),
            "{}",
            400,
        ),
        (format!("POST /v2/objectstorage/innoida/accesskey/a.b/status HTTP/1.1\n{json}"), "{}", 400),
        // Another site's page: what any page can send without a preflight, and more.
        (format!("{create}\nOrigin: https://evil.example\nContent-Type: text/plain"), "{\"accesskey\":\"evil\"}", 403),
        (
            format!("{create}\nOrigin: https://evil.example\nContent-Type: application/x-www-form-urlencoded"),
            "accesskey=evil",
            403,
        ),
        (format!("{create}\nOrigin: https://evil.example\n{json}"), "{\"accesskey\":\"evil\"}", 403),
        (format!("{create}\nOrigin: null\n{json}"), "{\"accesskey\":\"evil\"}", 403),
        (format!("{create}\nSec-Fetch-Site: cross-site\n{json}"), "{\"accesskey\":\"evil\"}", 403),
        (format!("{create}\nSec-Fetch-Site: same-site\n{json}"), "{\"accesskey\":\"evil\"}", 403),
        ("GET /v2/objectstorage/innoida/accesskeys HTTP/1.1\nOrigin: https://evil.example".into(), "", 403),
        // Bodies no page of this console sends.
        (format!("{create}\nContent-Type: text/plain"), "{\"accesskey\":\"evil\"}", 415),
        (format!("{create}\nContent-Type: application/x-www-form-urlencoded"), "accesskey=evil", 415),
        (create.to_string(), "{\"accesskey\":\"evil\"}", 415),
        // A name that is not this server's (DNS rebinding).
        (format!("GET /v2/objectstorage/innoida/accesskeys HTTP/1.1\nHost: evil.example:{port}"), "", 421),
        (format!("{create}\nHost: evil.example:{port}\n{json}"), "{\"accesskey\":\"evil\"}", 421),
    ];
    // A page of this server's own, sent to another of its names, is another origin.
    cases.push((format!("{create}\nOrigin: http://localhost:{port}\n{json}"), "{\"accesskey\":\"evil\"}", 403));
    cases
}

async fn nothing_forwarded(local_token: bool) {
    let seen = Record::default();
    let base = stand_in(seen.clone()).await;
    let dir = tempdir();
    let server = proxy(dir.path(), &base, true, local_token);
    let port: u16 = server.base.rsplit(':').next().unwrap().parse().unwrap();
    let auth = if local_token { format!("\nAuthorization: Bearer {TOKEN}") } else { String::new() };
    for (head, body, want) in refused_cases(port) {
        let (request_line, rest) = head.split_once('\n').unwrap_or((&head, ""));
        let head = format!("{request_line}{auth}\n{rest}");
        let (status, answer_head, answer) = raw_http(&server, &head, body).await;
        assert_eq!(status, want, "{head}\n{answer_head}\n{answer}");
        let envelope: serde_json::Value =
            serde_json::from_str(&answer).unwrap_or_else(|e| panic!("{head}: not an envelope ({e}): {answer}"));
        let message = error_message(&envelope);
        let says = match want {
            404 => "only the access-key calls",
            403 => "Open the console from",
            421 => "does not answer to the name",
            415 => "Content-Type: application/json",
            405 => "takes",
            _ => "",
        };
        assert!(message.contains(says), "{head}: {message}");
        assert!(!answer_head.contains(UPSTREAM_TOKEN) && !answer.contains(UPSTREAM_TOKEN));
    }
    assert!(seen.lock().unwrap().is_empty(), "reached the stand-in: {:#?}", seen.lock().unwrap());

    // The same server forwards the console's own call (the refusals were not a dead upstream).
    let (status, _, _) =
        raw_http(&server, &format!("GET /v2/objectstorage/innoida/accesskeys HTTP/1.1{auth}"), "").await;
    assert_eq!(status, 200);
    assert_eq!(seen.lock().unwrap().len(), 1);
    assert!(!server.output().contains(UPSTREAM_TOKEN));
}

#[tokio::test]
async fn foreign_calls_escapes_other_sites_and_foreign_names_never_leave_the_server() {
    nothing_forwarded(false).await;
}

#[tokio::test]
async fn with_a_local_token_foreign_calls_still_never_leave_the_server() {
    nothing_forwarded(true).await;
}

#[tokio::test]
async fn without_a_server_token_the_callers_token_goes_up() {
    let seen = Record::default();
    let base = stand_in(seen.clone()).await;
    let dir = tempdir();
    let server = proxy(dir.path(), &base, false, false);
    assert!(server.console_line.contains("#token=<your Utho API token>"), "{}", server.console_line);
    let req = server.anon(Method::GET, "/v2/objectstorage/innoida/accesskeys").bearer_auth("the-users-utho-token");
    req.send().await.unwrap();
    server.anon(Method::GET, "/v2/objectstorage/innoida/accesskeys").send().await.unwrap();
    let auth: Vec<_> = seen.lock().unwrap().iter().map(|s| s.auth.clone()).collect();
    assert_eq!(auth, [Some("Bearer the-users-utho-token".to_string()), None]);
}

#[tokio::test]
async fn a_slow_or_unreachable_upstream_gets_a_clear_envelope_not_a_hang() {
    let seen = Record::default();
    let base = stand_in(seen.clone()).await;
    let dir = tempdir();
    let server = proxy(dir.path(), &base, true, false);
    let start = Instant::now();
    let (status, body) = send(server.anon(Method::GET, "/v2/objectstorage/inmumbaizone2/bucket")).await;
    assert_eq!(status, StatusCode::GATEWAY_TIMEOUT);
    assert!(error_message(&body).contains("did not answer within 1 seconds"), "{body}");
    assert!(start.elapsed() < Duration::from_secs(4), "answered after {:?}", start.elapsed());

    // A port nothing listens on.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let dir = tempdir();
    let server = proxy(dir.path(), &format!("http://{closed}/v2/"), true, false);
    let start = Instant::now();
    let (status, body) = send(server.anon(Method::GET, "/v2/objectstorage/innoida/accesskeys")).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    assert!(error_message(&body).contains("could not be reached"), "{body}");
    assert!(start.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn an_oversized_body_is_refused_before_it_goes_up() {
    let seen = Record::default();
    let base = stand_in(seen.clone()).await;
    let dir = tempdir();
    let server = proxy(dir.path(), &base, true, false);
    let req = server.json_post("/v2/objectstorage/innoida/accesskey/create").body(vec![b' '; 64 * 1024]);
    let (status, body) = send(req).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert!(error_message(&body).contains("16 KiB"), "{body}");
    assert!(seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn behind_a_proxy_the_public_origin_is_the_one_name_and_origin() {
    let seen = Record::default();
    let base = stand_in(seen.clone()).await;
    let dir = tempdir();
    let server = Opts::new(dir.path())
        .args(&["--upstream", &base, "--upstream-token", UPSTREAM_TOKEN, "--public-origin", "https://keys.example.com"])
        .start();
    assert!(server.console_line.starts_with("Console: https://keys.example.com/"), "{}", server.console_line);
    let list = "GET /v2/objectstorage/innoida/accesskeys HTTP/1.1";
    let auth = format!("Authorization: Bearer {TOKEN}");
    let public = "Host: keys.example.com\nOrigin: https://keys.example.com\nSec-Fetch-Site: same-origin";
    assert_eq!(raw_http(&server, &format!("{list}\n{auth}\n{public}"), "").await.0, 200);
    let local_page = "Origin: http://127.0.0.1";
    assert_eq!(raw_http(&server, &format!("{list}\n{auth}\n{local_page}"), "").await.0, 403);
    assert_eq!(raw_http(&server, &format!("{list}\n{auth}\nHost: evil.example"), "").await.0, 421);
    assert_eq!(seen.lock().unwrap().len(), 1, "only the public origin's call went up");
}

#[test]
fn a_server_held_token_without_a_local_one_starts_only_on_loopback() {
    let refused = [
        vec!["--upstream-token", UPSTREAM_TOKEN],
        vec!["--upstream-token", UPSTREAM_TOKEN, "--public-origin", "https://keys.example.com"],
    ];
    for (i, extra) in refused.iter().enumerate() {
        let dir = tempdir();
        let mut opts = Opts::new(dir.path()).args(&["--upstream", "http://127.0.0.1:9/v2/"]).args(extra);
        opts.token = None;
        opts.listen = Some(if i == 0 { "0.0.0.0:0" } else { "127.0.0.1:0" }.into());
        let (status, output) = opts.run_to_exit();
        assert!(status.is_some_and(|s| !s.success()), "started: {output}");
        assert!(output.contains("Add --token"), "{output}");
        assert!(!output.contains(UPSTREAM_TOKEN), "{output}");
    }
    // With a local token it starts on any address.
    let dir = tempdir();
    let mut opts =
        Opts::new(dir.path()).args(&["--upstream", "http://127.0.0.1:9/v2/", "--upstream-token", UPSTREAM_TOKEN]);
    opts.listen = Some("0.0.0.0:0".into());
    let server = opts.start();
    assert!(server.console_line.contains("#token=<the token given with --token>"), "{}", server.console_line);
}

#[test]
fn a_local_token_without_an_upstream_token_is_refused_at_start() {
    let dir = tempdir();
    let (status, output) = Opts::new(dir.path()).args(&["--upstream", "http://127.0.0.1:9/v2/"]).run_to_exit();
    assert!(status.is_some_and(|s| !s.success()), "{output}");
    assert!(output.contains("--upstream-token"), "{output}");
}
