//! Buckets and per-bucket key permissions over real HTTP.

mod common;

use common::*;
use keys_api::wire::FromJson;
use reqwest::{Method, StatusCode};
use serde_json::json;

fn grant_path(bucket: &str, permission: &str, key: &str) -> String {
    format!("/v2/objectstorage/innoida/bucket/{bucket}/permission/{permission}/accesskey/{key}")
}

async fn grant(server: &Server, bucket: &str, permission: &str, key: &str) -> (StatusCode, serde_json::Value) {
    send(server.json_post(&grant_path(bucket, permission, key))).await
}

#[tokio::test]
async fn seeded_buckets_are_listed_as_the_contract_shows() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let (status, body) = server.get("/v2/objectstorage/innoida/bucket").await;
    assert_eq!(status, StatusCode::OK);
    let buckets = body["buckets"].as_array().unwrap();
    let summary: Vec<_> = buckets
        .iter()
        .map(|b| {
            (b["name"].as_str().unwrap(), b["object_count"].as_str().unwrap(), b["current_size"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        summary,
        [("media-archive", "14", "48.20 MB"), ("backups-innoida", "3", "1.10 GB"), ("web-assets", "0", "0 B")]
    );
    let first = &buckets[0];
    assert!(first["size"].is_string(), "numbers travel as strings: {first}");
    assert_eq!(first["dcslug"], "innoida");
    assert_eq!(first["access"], "private");
    assert_eq!(first["status"], "Active");
    assert_eq!(first["version_enabled"], false);
    assert_eq!(first["permissions"], json!([]));
    assert_eq!(
        first["dclocation"],
        json!({"location": "Delhi (Noida)", "country": "India", "dc": "innoida", "dccc": "in"})
    );
    assert_eq!(first["created_at"].as_str().unwrap().len(), 19);

    let (status, body) = server.get("/v2/objectstorage/inmumbaizone2/bucket").await;
    assert_eq!(status, StatusCode::OK);
    let list = keys_api::BucketsResponse::from_text(&serde_json::to_string(&body).unwrap()).unwrap();
    assert_eq!(list.buckets.len(), 1);
    assert_eq!(list.buckets[0].name, "logs-mumbai");
    assert_eq!(list.buckets[0].object_count, keys_api::Count(120));
    assert_eq!(list.buckets[0].current_size, "310.00 MB");
    assert_eq!(list.buckets[0].dclocation.as_ref().unwrap().dc, "inmumbaizone2");
}

#[tokio::test]
async fn grant_change_and_revoke_show_in_the_bucket_list() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let (id, _) = server.create("backup-nightly").await;

    let (status, body) = grant(&server, "media-archive", "write", &id).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "success");
    assert_eq!(
        bucket_permissions(&server, "media-archive").await,
        [("backup-nightly".into(), id.clone(), "write".into())]
    );
    let (_, raw) = server.get("/v2/objectstorage/innoida/bucket").await;
    let p = &raw["buckets"][0]["permissions"][0];
    assert_eq!(p["bucket"], "media-archive");
    assert_eq!(p["status"], serde_json::Value::Null);
    assert_eq!(p["created_at"].as_str().unwrap().len(), 19);

    // Again: changed in place, not added.
    let (status, _) = grant(&server, "media-archive", "full", &id).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        bucket_permissions(&server, "media-archive").await,
        [("backup-nightly".into(), id.clone(), "full".into())]
    );
    // Other buckets are untouched.
    assert!(bucket_permissions(&server, "web-assets").await.is_empty());

    // The key's name works in the path too; an empty `{}` body is accepted.
    let req = server.api(Method::POST, &grant_path("web-assets", "read", "backup-nightly")).json(&json!({}));
    let (status, body) = send(req).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(bucket_permissions(&server, "web-assets").await, [("backup-nightly".into(), id.clone(), "read".into())]);

    let (status, _) = grant(&server, "media-archive", "none", &id).await;
    assert_eq!(status, StatusCode::OK);
    assert!(bucket_permissions(&server, "media-archive").await.is_empty());
    assert_eq!(bucket_permissions(&server, "web-assets").await.len(), 1);
    // Revoking what is not granted is harmless.
    let (status, _) = grant(&server, "media-archive", "none", &id).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn removing_a_key_removes_its_permissions() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let (a, _) = server.create("alpha-key").await;
    let (b, _) = server.create("beta-key").await;
    for bucket in ["media-archive", "backups-innoida"] {
        assert_eq!(grant(&server, bucket, "read", &a).await.0, StatusCode::OK);
    }
    assert_eq!(grant(&server, "media-archive", "write", &b).await.0, StatusCode::OK);
    assert_eq!(bucket_permissions(&server, "media-archive").await.len(), 2);

    let path = format!("/v2/objectstorage/innoida/accesskey/{a}/status");
    let (status, _) = server.post(&path, json!({"accesskey": a, "status": "remove"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bucket_permissions(&server, "media-archive").await, [("beta-key".into(), b, "write".into())]);
    assert!(bucket_permissions(&server, "backups-innoida").await.is_empty());
    // The rows are gone from the database, not merely hidden from the list.
    let db = rusqlite::Connection::open(dir.path().join("keys.db")).unwrap();
    let rows: i64 = db.query_row("SELECT COUNT(*) FROM permissions", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 1, "only beta-key's permission is left");
    drop(db);
    // A new key with the old name does not inherit anything.
    server.create("alpha-key").await;
    assert!(bucket_permissions(&server, "backups-innoida").await.is_empty());
}

#[tokio::test]
async fn disabling_keeps_permissions() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let (a, _) = server.create("alpha-key").await;
    grant(&server, "web-assets", "write", &a).await;
    let path = format!("/v2/objectstorage/innoida/accesskey/{a}/status");
    server.post(&path, json!({"accesskey": a, "status": "disable"})).await;
    assert_eq!(bucket_permissions(&server, "web-assets").await.len(), 1);
}

#[tokio::test]
async fn permission_errors_are_enveloped() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let (id, _) = server.create("alpha-key").await;

    let (status, body) = grant(&server, "no-such-bucket", "read", &id).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(error_message(&body).contains("no-such-bucket"), "{body}");

    // A bucket of another data centre is unknown here.
    let (status, _) = grant(&server, "logs-mumbai", "read", &id).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let missing = "Z".repeat(36);
    let (status, body) = grant(&server, "media-archive", "read", &missing).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(error_message(&body).contains(&missing), "{body}");

    let (status, body) = grant(&server, "media-archive", "admin", &id).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let message = error_message(&body);
    for valid in ["read", "write", "full", "none"] {
        assert!(message.contains(valid), "{message}");
    }
    let (status, body) = send(server.json_post(&grant_path("media-archive", "read", &id)).body("{nope")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    error_message(&body);

    let (status, body) = send(server.api(Method::GET, &grant_path("media-archive", "read", &id))).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    error_message(&body);

    assert!(bucket_permissions(&server, "media-archive").await.is_empty(), "no error left a permission behind");
}
