//! Key status changes (enable, disable, remove) over real HTTP, their errors, persistence across
//! restarts, the trailing-slash variants of every route, and the rule for addressing a key (a
//! path and a body that name different keys are refused; no string names two keys).

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::json;

const LIST: &str = "/v2/objectstorage/innoida/accesskeys";
const CREATE: &str = "/v2/objectstorage/innoida/accesskey/create";

fn status_path(id_or_name: &str) -> String {
    format!("/v2/objectstorage/innoida/accesskey/{id_or_name}/status")
}

#[tokio::test]
async fn enable_disable_remove_then_list() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let (a, _) = server.create("alpha-key").await;
    let (b, _) = server.create("beta-key").await;

    let (status, body) = server.post(&status_path(&a), json!({"accesskey": a, "status": "disable"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({"status": "success", "message": "Access key suspended"}));
    assert_eq!(
        keys(&server).await,
        [("beta-key".into(), b.clone(), "Active".into()), ("alpha-key".into(), a.clone(), "Suspended".into())]
    );

    let (status, body) = server.post(&status_path(&a), json!({"accesskey": a, "status": "enable"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["message"], "Access key activated");
    assert_eq!(keys(&server).await[1].2, "Active");

    // The path may carry the name when the body has no ID.
    let (status, _) = server.post(&status_path("beta-key"), json!({"status": "disable"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(keys(&server).await[0].2, "Suspended");

    let (status, body) = server.post(&status_path(&a), json!({"accesskey": a, "status": "remove"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["message"], "Access key deleted");
    assert_eq!(keys(&server).await, [("beta-key".into(), b.clone(), "Suspended".into())]);

    // Gone for good: a second removal is a 404, and the name is free again.
    let (status, body) = server.post(&status_path(&a), json!({"accesskey": a, "status": "remove"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    error_message(&body);
    server.create("alpha-key").await;
}

#[tokio::test]
async fn status_errors_are_enveloped() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let (id, _) = server.create("alpha-key").await;

    let (status, body) = server.post(&status_path(&id), json!({"accesskey": id, "status": "suspend"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let message = error_message(&body);
    for valid in ["enable", "disable", "remove"] {
        assert!(message.contains(valid), "{message}");
    }
    let (status, body) = server.post(&status_path(&id), json!({"accesskey": id})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error_message(&body).contains("enable"));

    let missing = "A".repeat(36);
    let (status, body) = server.post(&status_path(&missing), json!({"accesskey": missing, "status": "disable"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(error_message(&body).contains(&missing));
    let (status, _) = server.post(&status_path("no-such-name"), json!({"status": "disable"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A key of another data centre is not found here.
    let (status, _) = server
        .post(
            &format!("/v2/objectstorage/inmumbaizone2/accesskey/{id}/status"),
            json!({"accesskey": id, "status": "disable"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(keys(&server).await[0].2, "Active");
}

#[tokio::test]
async fn trailing_slashes_work_on_every_route() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let (status, body) = server.post(&format!("{CREATE}/"), json!({"accesskey": "slashed"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let id = body["accesskey"].as_str().unwrap().to_string();
    let (status, body) = server.get(&format!("{LIST}/")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["accesskeys"][0]["accesskey"], id.as_str());
    let (status, _) =
        server.post(&format!("{}/", status_path(&id)), json!({"accesskey": id, "status": "disable"})).await;
    assert_eq!(status, StatusCode::OK);
    let grant = format!("/v2/objectstorage/innoida/bucket/web-assets/permission/read/accesskey/{id}/");
    let (status, _) = send(server.json_post(&grant)).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = server.get("/v2/objectstorage/innoida/bucket/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["buckets"][2]["permissions"][0]["accesskey"], id.as_str());
    assert_eq!(keys(&server).await[0].2, "Suspended");
}

#[tokio::test]
async fn status_changes_survive_a_restart() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let (a, _) = server.create("alpha-key").await;
    let (b, _) = server.create("beta-key").await;
    let (c, _) = server.create("gamma-key").await;
    server.post(&status_path(&a), json!({"accesskey": a, "status": "disable"})).await;
    server.post(&status_path(&c), json!({"accesskey": c, "status": "remove"})).await;
    let status = server.stop();
    assert!(status.success(), "graceful stop on SIGTERM: {status:?}");

    let server = Server::new(dir.path());
    assert_eq!(
        keys(&server).await,
        [("beta-key".into(), b.clone(), "Active".into()), ("alpha-key".into(), a.clone(), "Suspended".into())]
    );
    server.post(&status_path(&a), json!({"accesskey": a, "status": "enable"})).await;
    // A hard kill loses nothing either: every change is committed before the response.
    drop(server);
    let server = Server::new(dir.path());
    assert_eq!(keys(&server).await[1], ("alpha-key".into(), a, "Active".into()));
    // The restart did not seed the buckets a second time.
    let (_, body) = server.get("/v2/objectstorage/innoida/bucket").await;
    assert_eq!(body["buckets"].as_array().unwrap().len(), 3);
}

/// The repro: `…/accesskey/A/status` with `{"accesskey":"B"}` used to suspend B.
#[tokio::test]
async fn a_body_naming_another_key_than_the_path_is_refused() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let (a, _) = server.create("path-key").await;
    let (b, _) = server.create("body-key").await;
    let (status, body) = server.post(&status_path(&a), json!({"accesskey": b, "status": "disable"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let message = error_message(&body);
    assert!(message.contains(&a) && message.contains(&b), "{message}");
    assert!(keys(&server).await.iter().all(|k| k.2 == "Active"), "neither key changed");
    // The same key, by name in the path and ID in the body (or without a body key), is fine.
    let (status, body) = server.post(&status_path("path-key"), json!({"accesskey": a, "status": "disable"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = server.post(&status_path("body-key"), json!({"status": "disable"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(keys(&server).await.iter().all(|k| k.2 == "Suspended"));
}

/// A name equal to another key's access key ID could make a call by that name reach the other key.
#[tokio::test]
async fn a_name_can_never_be_another_keys_access_key_id() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let (a, _) = server.create("original").await;
    let (status, body) = server.post(CREATE, json!({ "accesskey": a })).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(error_message(&body).contains("access key ID of another key"), "{body}");
    // Not in another data centre either: IDs are global.
    let (status, body) =
        server.post("/v2/objectstorage/inmumbaizone2/accesskey/create", json!({ "accesskey": a })).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(keys(&server).await.len(), 1);
}

/// Data written before the rule (a name equal to another key's ID) is refused, not guessed.
#[tokio::test]
async fn a_segment_naming_two_keys_is_refused() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let (a, _) = server.create("first").await;
    assert!(server.stop().success());
    let conn = rusqlite::Connection::open(dir.path().join("keys.db")).unwrap();
    conn.execute(
        "INSERT INTO keys (dcslug, name, accesskey, secret_salt, secret_hash, status, created_at)
         VALUES ('innoida', ?1, 'LEGACYID0000000000000000000000000000', x'00', x'00', 'Active', '2026-01-01 00:00:00')",
        [&a],
    )
    .unwrap();
    drop(conn);
    let server = Server::new(dir.path());
    let (status, body) = server.post(&status_path(&a), json!({"status": "remove"})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(error_message(&body).contains("LEGACYID"), "the message says how to name each key: {body}");
    let permission = format!("/v2/objectstorage/innoida/bucket/media-archive/permission/read/accesskey/{a}");
    let (status, body) = server.post(&permission, json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(keys(&server).await.len(), 2, "nothing was removed");
    // Each key is still reachable without ambiguity: one by its name, the other by its ID.
    let (status, body) = server.post(&status_path("first"), json!({"status": "disable"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) =
        server.post(&status_path("LEGACYID0000000000000000000000000000"), json!({"status": "disable"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}
