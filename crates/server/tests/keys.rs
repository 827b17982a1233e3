//! Access keys over real HTTP: auth, create, list, name rules, data centres, secret hygiene.

mod common;

use common::*;
use keys_api::wire::FromJson;
use reqwest::{Method, StatusCode};
use serde_json::json;

const LIST: &str = "/v2/objectstorage/innoida/accesskeys";
const CREATE: &str = "/v2/objectstorage/innoida/accesskey/create";

fn status_path(id_or_name: &str) -> String {
    format!("/v2/objectstorage/innoida/accesskey/{id_or_name}/status")
}

#[tokio::test]
async fn every_route_needs_the_token() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let routes = [
        (Method::GET, LIST.to_string()),
        (Method::POST, CREATE.to_string()),
        (Method::POST, status_path("x")),
        (Method::GET, "/v2/objectstorage/innoida/bucket".to_string()),
        (Method::POST, "/v2/objectstorage/innoida/bucket/web-assets/permission/read/accesskey/x".to_string()),
        (Method::GET, "/v2/no/such/route".to_string()),
    ];
    for (method, path) in routes {
        let (status, body) = send(server.anon(method.clone(), &path).json(&json!({"accesskey": "sneaky"}))).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path} without token");
        assert!(error_message(&body).contains("missing"), "{body}");
        let wrong = server.anon(method.clone(), &path).bearer_auth("t0kem").json(&json!({"accesskey": "sneaky"}));
        let (status, body) = send(wrong).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path} with a wrong token");
        assert!(error_message(&body).contains("wrong"), "{body}");
    }
    // Other schemes and a token that only starts right are refused too.
    let (status, _) = send(server.anon(Method::GET, LIST).header("Authorization", "Basic dDBrZW4=")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    for almost in ["t0ken2", "t0k", "T0KEN", ""] {
        let (status, _) = send(server.anon(Method::GET, LIST).bearer_auth(almost)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "token {almost:?}");
    }
    let (status, _) = send(server.anon(Method::GET, LIST).header("Authorization", "t0ken")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "no scheme");
    let (status, _) = send(server.anon(Method::GET, LIST).header("Authorization", "bearer t0ken")).await;
    assert_eq!(status, StatusCode::OK, "the scheme is case-insensitive");
    // Nothing was created by the refused requests.
    assert!(keys(&server).await.is_empty());
}

#[tokio::test]
async fn create_then_list_newest_first_without_secrets() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let (status, body) = server.get(LIST).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({"accesskeys": [], "status": "success", "message": ""}));

    let res = server.api(Method::POST, CREATE).json(&json!({"accesskey": "backup-nightly"})).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let created = keys_api::CreateKeyResponse::from_text(&res.text().await.unwrap()).unwrap();
    assert_eq!(created.envelope.status.as_deref(), Some("success"));
    assert_eq!(created.envelope.message.as_deref(), Some("Object User has been created"));
    for value in [created.accesskey.as_str(), created.secretkey.expose()] {
        assert_eq!(value.len(), 36, "{value}");
        assert!(value.bytes().all(|b| b.is_ascii_alphanumeric()), "{value}");
    }
    assert_ne!(created.accesskey, created.secretkey.expose());
    let first_secret = created.secretkey.expose().to_string();

    let (second, second_secret) = server.create("web_uploader").await;
    let (third, third_secret) = server.create("9lives").await;

    let (status, body) = server.get(LIST).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "success");
    assert_eq!(body["message"], "");
    let raw = body.to_string();
    for secret in [&first_secret, &second_secret, &third_secret] {
        assert!(!raw.contains(secret.as_str()), "a secret leaked into the list");
    }
    let list = keys_api::ListKeysResponse::from_text(&raw).unwrap();
    let ids: Vec<_> = list.accesskeys.iter().map(|k| k.accesskey.clone()).collect();
    assert_eq!(ids, [third, second, created.accesskey.clone()], "newest first");
    let k = &list.accesskeys[2];
    assert_eq!(k.name, "backup-nightly");
    assert_eq!(k.dcslug, "innoida");
    assert_eq!(k.status, keys_api::KeyStatus::Active);
    assert_eq!(k.created_at.len(), 19);
    assert_eq!(&k.created_at[4..5], "-");
    assert_eq!(&k.created_at[10..11], " ");
    // Keys belong to their data centre.
    let (_, other) = server.get("/v2/objectstorage/inmumbaizone2/accesskeys").await;
    assert_eq!(other["accesskeys"], json!([]));
}

#[tokio::test]
async fn duplicate_names_conflict_per_data_centre() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    server.create("backup-nightly").await;
    let (status, body) = server.post(CREATE, json!({"accesskey": "backup-nightly"})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let message = error_message(&body);
    assert!(message.contains("backup-nightly") && message.contains("another name"), "{message}");
    assert_eq!(keys(&server).await.len(), 1);
    // The same name is free in another data centre.
    let (status, body) =
        server.post("/v2/objectstorage/inmumbaizone2/accesskey/create", json!({"accesskey": "backup-nightly"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn invalid_names_get_the_rule_message() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    for (name, want) in [
        ("my key", "Remove the spaces: use letters, digits, _ and - only."),
        ("ab", "Use at least 3 characters (this name has 2)."),
        ("-abc", "Start the name with a letter or a digit, not “-”."),
        ("<script>", "Remove “<”: use letters, digits, _ and - only."),
        ("", "Enter a key name."),
    ] {
        let (status, body) = server.post(CREATE, json!({"accesskey": name})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name:?}: {body}");
        assert_eq!(error_message(&body), want);
        assert_eq!(error_message(&body), keys_api::validate_key_name(name).unwrap_err().to_string());
    }
    let long = "x".repeat(65);
    let (status, body) = server.post(CREATE, json!({"accesskey": long})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_message(&body), "Use at most 64 characters (this name has 65).");
    assert!(keys(&server).await.is_empty());
}

#[tokio::test]
async fn malformed_bodies_get_json_errors() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    for (body, what) in [
        ("{\"accesskey\":", "truncated JSON"),
        ("not json", "not JSON"),
        ("[\"backup\"]", "an array"),
        ("{\"accesskey\": 42}", "a number as name"),
    ] {
        let req = server.json_post(CREATE).body(body);
        let (status, res) = send(req).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {res}");
        error_message(&res);
    }
    let (status, res) = send(server.json_post(&status_path("x")).body("{oops")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error_message(&res).contains("JSON"), "{res}");
    assert!(keys(&server).await.is_empty());
}

#[tokio::test]
async fn unknown_data_centre_is_404_everywhere() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let (id, _) = server.create("backup-nightly").await;
    let requests = [
        server.api(Method::GET, "/v2/objectstorage/defra1/accesskeys"),
        server.api(Method::POST, "/v2/objectstorage/defra1/accesskey/create").json(&json!({"accesskey": "abc"})),
        server
            .api(Method::POST, &format!("/v2/objectstorage/defra1/accesskey/{id}/status"))
            .json(&json!({"accesskey": id, "status": "disable"})),
        server.api(Method::GET, "/v2/objectstorage/defra1/bucket/"),
        server.json_post(&format!("/v2/objectstorage/defra1/bucket/media-archive/permission/read/accesskey/{id}")),
    ];
    for req in requests {
        let (status, body) = send(req).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        let message = error_message(&body);
        assert!(message.contains("defra1") && message.contains("innoida"), "{message}");
    }
    assert_eq!(keys(&server).await[0].2, "Active", "the key was not touched");
}

#[tokio::test]
async fn secrets_stay_out_of_the_database_and_the_logs() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let mut created = Vec::new();
    for name in ["alpha-key", "beta-key", "gamma-key"] {
        created.push(server.create(name).await);
    }
    let (a, _) = &created[0];
    server.post(&status_path(a), json!({"accesskey": a, "status": "disable"})).await;
    send(server.json_post(&format!("/v2/objectstorage/innoida/bucket/media-archive/permission/full/accesskey/{a}")))
        .await;
    let (_, buckets) = server.get("/v2/objectstorage/innoida/bucket").await;
    let (_, list) = server.get(LIST).await;

    let mut db_bytes = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        if let Ok(bytes) = std::fs::read(dir.path().join(format!("keys.db{suffix}"))) {
            db_bytes.extend(bytes);
        }
    }
    let contains = |hay: &[u8], needle: &str| hay.windows(needle.len()).any(|w| w == needle.as_bytes());
    let output = server.output();
    for (id, secret) in &created {
        // The check can see what is stored: the ID is there...
        assert!(contains(&db_bytes, id), "the access key ID should be in the database files");
        // ...and the secret is not, anywhere.
        assert!(!contains(&db_bytes, secret), "a secret is stored in the database");
        assert!(!buckets.to_string().contains(secret.as_str()));
        assert!(!list.to_string().contains(secret.as_str()));
        assert!(!output.contains(secret.as_str()), "a secret was printed:\n{output}");
    }
    assert!(output.contains("POST /v2/objectstorage/innoida/accesskey/create 200"), "requests are logged:\n{output}");
    assert!(!output.contains(TOKEN), "the given token must not be printed:\n{output}");
    assert!(!output.contains("Bearer"), "headers must not be logged:\n{output}");
}

#[tokio::test]
async fn a_generated_token_stays_out_of_the_log_and_works() {
    let dir = tempdir();
    let mut opts = Opts::new(dir.path());
    opts.token = None;
    let server = opts.start();
    let file = dir.path().join("keys.db.token");
    assert_eq!(
        server.console_line,
        format!("Console: {}/#token=<the token in {}>", server.base, file.display()),
        "the log says where the token is"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "only its owner may read the token file");
    }
    assert_eq!(server.token.len(), 32);
    assert!(server.token.bytes().all(|b| b.is_ascii_alphanumeric()));
    let (status, _) = server.get(LIST).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = send(server.anon(Method::GET, LIST).bearer_auth(TOKEN)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Neither the log (stdout) nor stderr, which is not a terminal here, holds the token.
    assert!(!server.output().contains(&server.token), "{}", server.output());
}
