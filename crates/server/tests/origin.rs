//! The reference server's own `/v2/` and test routes follow the same Origin and Host rules as
//! upstream mode (`origin.rs`): only the console's own page, under the server's own names.

mod common;

use common::*;
use reqwest::{Method, StatusCode};

const CREATE: &str = "POST /v2/objectstorage/innoida/accesskey/create HTTP/1.1";

#[tokio::test]
async fn only_the_consoles_own_page_can_act_even_with_the_token() {
    let dir = tempdir();
    let server = Opts::new(dir.path()).arg("--enable-test-fault-injection").start();
    let port = server.base.rsplit(':').next().unwrap().to_string();
    let auth = format!("Authorization: Bearer {TOKEN}");
    let json = "Content-Type: application/json";
    let body = "{\"accesskey\":\"from-elsewhere\"}";
    let refused = [
        (format!("{CREATE}\n{auth}\nOrigin: https://evil.example\nContent-Type: text/plain"), 403),
        (format!("{CREATE}\n{auth}\nOrigin: https://evil.example\n{json}"), 403),
        (format!("{CREATE}\n{auth}\nSec-Fetch-Site: cross-site\n{json}"), 403),
        (format!("{CREATE}\n{auth}\nContent-Type: text/plain"), 415),
        (format!("{CREATE}\n{auth}"), 415),
        (format!("{CREATE}\n{auth}\nHost: evil.example:{port}\n{json}"), 421),
        (format!("GET /v2/objectstorage/innoida/accesskeys HTTP/1.1\n{auth}\nHost: evil.example:{port}"), 421),
        (format!("POST /__test__/faults HTTP/1.1\n{auth}\nHost: evil.example:{port}\n{json}"), 421),
        (format!("POST /__test__/faults HTTP/1.1\n{auth}\nOrigin: https://evil.example\n{json}"), 403),
    ];
    for (head, want) in refused {
        let (status, answer_head, answer) = raw_http(&server, &head, body).await;
        assert_eq!(status, want, "{head}\n{answer_head}\n{answer}");
        let envelope: serde_json::Value = serde_json::from_str(&answer).expect("an envelope");
        error_message(&envelope);
    }
    assert!(keys(&server).await.is_empty(), "no key was created from another page");

    // The console's own page, as a browser sends it, under each of the server's names.
    for (i, name) in ["127.0.0.1", "localhost", "[::1]"].iter().enumerate() {
        let own = format!("http://{name}:{port}");
        let head = format!("{CREATE}\n{auth}\nHost: {name}:{port}\nOrigin: {own}\nSec-Fetch-Site: same-origin\n{json}");
        let (status, _, answer) = raw_http(&server, &head, &format!("{{\"accesskey\":\"own-page-{i}\"}}")).await;
        assert_eq!(status, 200, "{head}\n{answer}");
    }
    assert_eq!(keys(&server).await.len(), 3);
    // A script (no Origin, no Sec-Fetch-Site) is judged by its token, as before.
    let (status, _) =
        server.post("/v2/objectstorage/innoida/accesskey/create", serde_json::json!({"accesskey": "script"})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = send(server.anon(Method::GET, "/v2/objectstorage/innoida/accesskeys")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_messages_say_what_to_do() {
    let dir = tempdir();
    let server = Server::new(dir.path());
    let port = server.base.rsplit(':').next().unwrap().to_string();
    let head = format!("GET /v2/objectstorage/innoida/accesskeys HTTP/1.1\nHost: rebound.example:{port}");
    let (_, _, answer) = raw_http(&server, &head, "").await;
    let message = error_message(&serde_json::from_str(&answer).unwrap());
    assert!(message.contains(&format!("Open the console at http://127.0.0.1:{port}/")), "{message}");
    assert!(message.contains("--public-origin"), "{message}");
    let head = format!("{CREATE}\nOrigin: https://evil.example\nContent-Type: application/json");
    let (_, _, answer) = raw_http(&server, &head, "{}").await;
    let message = error_message(&serde_json::from_str(&answer).unwrap());
    assert!(message.contains(&format!("Open the console from http://127.0.0.1:{port}/ itself")), "{message}");
}
