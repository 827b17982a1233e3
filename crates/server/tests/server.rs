//! The server around the API: unknown routes, body limit, fault injection, static console, CLI.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'none'";
const INDEX: &str =
    "<!doctype html><html><head><title>Access keys</title></head><body><p>console index page</p></body></html>\n";

fn permission_path(key: &str) -> String {
    format!("/v2/objectstorage/innoida/bucket/media-archive/permission/write/accesskey/{key}")
}

/// GET without the API token (the console's static files need none).
async fn get_page(server: &Server, path: &str) -> reqwest::Response {
    server.anon(Method::GET, path).send().await.unwrap()
}

fn content_type(res: &reqwest::Response) -> &str {
    res.headers()["content-type"].to_str().unwrap()
}

#[tokio::test]
async fn unknown_api_routes_are_json_404s() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    for path in
        ["/v2", "/v2/", "/v2/objectstorage", "/v2/objectstorage/innoida/accesskey", "/v2/objectstorage/innoida/keys"]
    {
        let (status, body) = server.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        error_message(&body);
    }
    let (status, body) = send(server.api(Method::DELETE, "/v2/objectstorage/innoida/accesskeys")).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    error_message(&body);
}

/// The API's prefix in another case is still the API's: never the console page with 200.
#[tokio::test]
async fn wrong_case_api_paths_are_json_404s_not_the_page() {
    let dir = tempdir();
    std::fs::create_dir_all(dir.path().join("dist")).unwrap();
    std::fs::write(dir.path().join("dist/index.html"), INDEX).unwrap();
    let server = Server::new(dir.path());
    for path in
        ["/V2/objectstorage/innoida/accesskeys", "/V2", "/v2/Objectstorage/innoida/accesskeys", "/v2/nothing-here"]
    {
        let (status, body) = server.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
        error_message(&body);
    }
    let (status, body) = server.post("/V2/objectstorage/innoida/accesskey/create", json!({"accesskey": "x1"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert!(error_message(&body).contains("lower case"), "{body}");
    // The console's own routes still get the page.
    let res = get_page(&server, "/v2keys").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text().await.unwrap(), INDEX);
}

/// Oversized addresses and headers are refused with the envelope, not hyper's bare answers.
#[tokio::test]
async fn oversized_urls_and_headers_get_envelopes() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let long = format!("/v2/objectstorage/innoida/accesskeys?q={}", "a".repeat(9 * 1024));
    let (status, body) = server.get(&long).await;
    assert_eq!(status, StatusCode::URI_TOO_LONG, "{body}");
    assert!(error_message(&body).contains("address is too long"), "{body}");

    let (status, body) =
        send(server.api(Method::GET, "/v2/objectstorage/innoida/accesskeys").header("x-big", "b".repeat(20 * 1024)))
            .await;
    assert_eq!(status, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, "{body}");
    assert!(error_message(&body).contains("headers are too large"), "{body}");

    let mut many = server.api(Method::GET, "/v2/objectstorage/innoida/accesskeys");
    for i in 0..120 {
        many = many.header(format!("x-h{i}"), "1");
    }
    let (status, body) = send(many).await;
    assert_eq!(status, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, "{body}");
    error_message(&body);
    // Just under the limits is answered.
    let fine = format!("/v2/objectstorage/innoida/accesskeys?q={}", "a".repeat(7 * 1024));
    assert_eq!(server.get(&fine).await.0, StatusCode::OK);
}

#[tokio::test]
async fn oversized_bodies_get_a_413_envelope() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let huge = format!("{{\"accesskey\":\"{}\"}}", "a".repeat(100 * 1024));
    let req = server.json_post("/v2/objectstorage/innoida/accesskey/create").body(huge);
    let (status, body) = send(req).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(error_message(&body).contains("16 KiB"), "{body}");
    // The client always gets the 413, never a reset connection while it is still sending.
    for _ in 0..10 {
        let req = server
            .json_post("/v2/objectstorage/innoida/bucket/web-assets/permission/read/accesskey/x")
            .body(vec![b' '; 300 * 1024]);
        assert_eq!(send(req).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    }
    let huge_status = json!({"accesskey": "x".repeat(20 * 1024), "status": "remove"});
    let (status, body) = server.post("/v2/objectstorage/innoida/accesskey/abc/status", huge_status).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    error_message(&body);
    // Just under the limit is read (and then judged on its content).
    let (status, body) =
        server.post("/v2/objectstorage/innoida/accesskey/create", json!({"accesskey": "b".repeat(15 * 1024)})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(keys(&server).await.is_empty());
}

#[tokio::test]
async fn fault_injection_is_off_by_default() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let rule = json!({"method": "POST", "path_contains": "/permission/", "status": 500, "message": "Injected failure", "times": 1, "skip": 0});
    let (status, body) = send(server.api(Method::POST, "/__test__/faults").json(&rule)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    error_message(&body);
    let (status, _) = send(server.api(Method::DELETE, "/__test__/faults")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (id, _) = server.create("alpha-key").await;
    let (status, body) = send(server.json_post(&permission_path(&id))).await;
    assert_eq!(status, StatusCode::OK, "no rule may apply: {body}");
    assert!(!server.output().contains("FAULT INJECTION"));
}

#[tokio::test]
async fn a_fault_rule_fails_exactly_the_chosen_request() {
    let dir = tempdir();
    let server = Opts::new(dir.path()).arg("--enable-test-fault-injection").start();
    assert!(server.output().contains("WARNING: TEST FAULT INJECTION IS ENABLED"), "{}", server.output());
    let (id, _) = server.create("alpha-key").await;
    let rule = json!({"method": "POST", "path_contains": "/permission/", "status": 500, "message": "Injected failure", "times": 1, "skip": 0});

    // The test routes need the token too.
    let (status, _) = send(server.anon(Method::POST, "/__test__/faults").json(&rule)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let (status, body) = send(server.api(Method::POST, "/__test__/faults").json(&rule)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Requests the rule does not match pass.
    assert_eq!(keys(&server).await.len(), 1);
    let (status, body) = send(server.json_post(&permission_path(&id))).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body, json!({"status": "error", "message": "Injected failure"}));
    assert!(
        bucket_permissions(&server, "media-archive").await.is_empty(),
        "the failed request did not reach the database"
    );
    let (status, _) = send(server.json_post(&permission_path(&id))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bucket_permissions(&server, "media-archive").await.len(), 1);

    // `skip` lets matching requests through first; `times` fails several.
    let rule = json!({"path_contains": "/status", "status": 503, "message": "Try later", "times": 2, "skip": 1});
    send(server.api(Method::POST, "/__test__/faults").json(&rule)).await;
    let status_path = format!("/v2/objectstorage/innoida/accesskey/{id}/status");
    let mut seen = Vec::new();
    for action in ["disable", "enable", "enable", "disable"] {
        seen.push(server.post(&status_path, json!({"accesskey": id, "status": action})).await.0.as_u16());
    }
    assert_eq!(seen, [200, 503, 503, 200]);
    assert_eq!(keys(&server).await[0].2, "Suspended", "only the passing requests changed the key");

    // DELETE clears every rule.
    let rule = json!({"path_contains": "/accesskeys", "times": 5});
    send(server.api(Method::POST, "/__test__/faults").json(&rule)).await;
    assert_eq!(server.get("/v2/objectstorage/innoida/accesskeys").await.0, StatusCode::INTERNAL_SERVER_ERROR);
    let (status, _) = send(server.api(Method::DELETE, "/__test__/faults")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(server.get("/v2/objectstorage/innoida/accesskeys").await.0, StatusCode::OK);

    // A malformed rule is refused with a message.
    let (status, body) = send(server.api(Method::POST, "/__test__/faults").json(&json!({"status": "loud"}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    error_message(&body);
}

#[tokio::test]
async fn fault_injection_can_be_enabled_by_environment() {
    let dir = tempdir();
    let server = Opts::new(dir.path()).env("KEYS_ENABLE_TEST_FAULT_INJECTION", "1").start();
    let (status, _) = send(server.api(Method::DELETE, "/__test__/faults")).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn console_files_spa_fallback_and_headers() {
    let dir = tempdir();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(dist.join("pkg")).unwrap();
    std::fs::write(dist.join("index.html"), INDEX.repeat(4)).unwrap();
    std::fs::write(dist.join("pkg/app.js"), "console.log('app');\n".repeat(20)).unwrap();
    std::fs::write(dist.join("pkg/real.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let server = Server::new(dir.path());

    for path in ["/", "/keys", "/keys/R8fK2pQm/buckets"] {
        let res = get_page(&server, path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()["content-security-policy"], CSP);
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        assert_eq!(res.headers()["referrer-policy"], "no-referrer");
        assert!(content_type(&res).starts_with("text/html"));
        assert!(res.text().await.unwrap().contains("console index page"), "{path}");
    }
    let res = get_page(&server, "/pkg/app.js").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(content_type(&res).contains("javascript"));
    let res = get_page(&server, "/pkg/real.wasm").await;
    assert_eq!(res.headers()["content-type"], "application/wasm");
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"\0asm\x01\0\0\0");
    // Missing assets are 404s, not the SPA page.
    for path in ["/pkg/missing.js", "/pkg/app_bg.wasm"] {
        let res = get_page(&server, path).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(!res.text().await.unwrap().contains("console index page"));
    }
    // robots.txt is text even though dist has no robots.txt.
    let res = get_page(&server, "/robots.txt").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(content_type(&res).starts_with("text/plain"));
    assert_eq!(res.text().await.unwrap(), "User-agent: *\nDisallow: /\n");
    // Responses are compressed when the client asks.
    let res = server.anon(Method::GET, "/").header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(res.headers()["content-encoding"], "gzip");
    let res = server.anon(Method::GET, "/pkg/app.js").header("accept-encoding", "br").send().await.unwrap();
    assert_eq!(res.headers()["content-encoding"], "br");
    // API responses carry the security headers as well.
    let res = server.api(Method::GET, "/v2/objectstorage/innoida/accesskeys").send().await.unwrap();
    assert_eq!(res.headers()["content-security-policy"], CSP);
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn a_page_with_an_inline_script_allows_exactly_that_script() {
    let dir = tempdir();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(dist.join("embed")).unwrap();
    let page = "<!doctype html><html><head><script type=\"module\">abc</script>\
                <script type=\"module\" src=\"/app.js\"></script></head><body></body></html>\n";
    std::fs::write(dist.join("index.html"), page).unwrap();
    std::fs::write(dist.join("embed/index.html"), INDEX).unwrap();
    let server = Server::new(dir.path());
    // sha256("abc") in base64, a known value.
    let with_hash =
        CSP.replace("'wasm-unsafe-eval';", "'wasm-unsafe-eval' 'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=';");
    for path in ["/", "/index.html", "/keys/R8fK2pQm/buckets"] {
        let res = get_page(&server, path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()["content-security-policy"], with_hash.as_str(), "{path}");
        // A reload revalidates the page: the 304's headers replace the cached ones, CSP included.
        let validator = res.headers().get("last-modified").expect("a Last-Modified to revalidate with").clone();
        let res = server.anon(Method::GET, path).header("if-modified-since", validator).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(res.headers()["content-security-policy"], with_hash.as_str(), "{path} (304)");
    }
    // Another page, without inline scripts, and the API keep the server's own.
    let res = get_page(&server, "/embed/").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-security-policy"], CSP);
    let res = server.api(Method::GET, "/v2/objectstorage/innoida/accesskeys").send().await.unwrap();
    assert_eq!(res.headers()["content-security-policy"], CSP);
}

#[tokio::test]
async fn robots_txt_from_dist_wins() {
    let dir = tempdir();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), INDEX).unwrap();
    std::fs::write(dist.join("robots.txt"), "User-agent: *\nDisallow: /private\n").unwrap();
    let server = Server::new(dir.path());
    let res = get_page(&server, "/robots.txt").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(content_type(&res).starts_with("text/plain"));
    assert_eq!(res.text().await.unwrap(), "User-agent: *\nDisallow: /private\n");
}

#[tokio::test]
async fn without_a_built_console_the_root_says_how_to_build_it() {
    let dir = tempdir();
    let server = Server::new(dir.path()); // dist/ does not exist
    let res = server.anon(Method::GET, "/").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-security-policy"], CSP);
    assert!(res.text().await.unwrap().contains("make run"));
    let res = get_page(&server, "/robots.txt").await;
    assert_eq!(res.text().await.unwrap(), "User-agent: *\nDisallow: /\n");
    let res = get_page(&server, "/pkg/app.js").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // The API works regardless.
    assert_eq!(server.get("/v2/objectstorage/innoida/accesskeys").await.0, StatusCode::OK);
}

#[tokio::test]
async fn the_database_and_its_directories_are_created() {
    let dir = tempdir();
    let mut opts = Opts::new(dir.path());
    opts.db = dir.path().join("a/b/c/keys.db");
    let server = opts.start();
    assert!(dir.path().join("a/b/c/keys.db").is_file());
    assert_eq!(server.get("/v2/objectstorage/inmumbaizone2/bucket").await.0, StatusCode::OK);
    assert!(server.console_line.starts_with("Console: http://127.0.0.1:"));
    assert!(server.console_line.ends_with('/'), "no token in the link when --token is given");
    assert!(server.output().contains(&format!("Listening on {}", server.base.trim_start_matches("http://"))));
}

#[test]
fn help_documents_every_flag_and_variable() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_keys-server"))
        .arg("--help")
        .env("KEYS_API_TOKEN", "hunter2secret")
        .output()
        .unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "--listen",
        "KEYS_LISTEN",
        "--db",
        "KEYS_DB",
        "--dist",
        "KEYS_DIST",
        "--token",
        "KEYS_API_TOKEN",
        "--enable-test-fault-injection",
        "KEYS_ENABLE_TEST_FAULT_INJECTION",
        "127.0.0.1:8080",
        "--header-timeout-secs",
        "KEYS_HEADER_TIMEOUT_SECS",
        "--body-timeout-secs",
        "KEYS_BODY_TIMEOUT_SECS",
        "--max-connections",
        "KEYS_MAX_CONNECTIONS",
    ] {
        assert!(help.contains(needle), "--help lacks {needle}:\n{help}");
    }
    assert!(!help.contains("hunter2secret"), "--help must not show the token from the environment");
}
