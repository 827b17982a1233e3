//! Nothing lost, nothing hangs: the server with a broken log, slow and idle clients, too many
//! connections, a read-only, damaged or full database, and `kill -9` in the middle of creates.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const LIST: &str = "/v2/objectstorage/innoida/accesskeys";
const CREATE: &str = "/v2/objectstorage/innoida/accesskey/create";
const DROPPED_NOTE: &str = "log lines could not be written";

/// Creates `n` keys named `<prefix>-<i>`; every answer must be a 200 with a secret.
async fn create_all(server: &Server, prefix: &str, n: usize) -> Vec<(String, String)> {
    let mut made = Vec::new();
    for i in 0..n {
        let name = format!("{prefix}-{i}");
        let (id, secret) = server.create(&name).await;
        assert_eq!((id.len(), secret.len()), (36, 36));
        made.push((name, id));
    }
    made
}

/// Asserts every (name, ID) is in the list of `innoida`.
async fn assert_listed(server: &Server, made: &[(String, String)]) {
    let listed = keys(server).await;
    for (name, id) in made {
        assert!(listed.iter().any(|(n, i, _)| n == name && i == id), "{name} ({id}) is missing from the list");
    }
}

// ---- A broken log ----

/// With the log going to `stdout`: 40 creates all answered with their secrets, every key listed,
/// `burst` more requests from 16 clients all answered in time, and the lost lines reported at stop.
async fn a_broken_log_loses_nothing(stdout: Stdout, burst: usize) {
    let dir = tempdir();
    let mut opts = Opts::new(dir.path());
    opts.stdout = stdout;
    let server = opts.start();
    let made = create_all(&server, "logged", 40).await;
    let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..16 {
        let (client, url, token) = (client.clone(), server.url(LIST), server.token.clone());
        workers.spawn(async move {
            for _ in 0..burst / 16 {
                let res = client.get(&url).bearer_auth(&token).send().await.expect("answered in time");
                assert_eq!(res.status(), StatusCode::OK);
                res.bytes().await.unwrap();
            }
        });
    }
    while let Some(done) = workers.join_next().await {
        done.unwrap();
    }
    assert_listed(&server, &made).await;
    let (ok, output) = stop_with_output(server);
    assert!(ok, "exit status");
    assert!(output.contains(DROPPED_NOTE), "the operator hears about the lost lines:\n{output}");
}

/// The repro: `keys-server … | head -n 2`, then create a key.
#[tokio::test]
async fn a_closed_log_pipe_loses_no_secret() {
    a_broken_log_loses_nothing(Stdout::ClosedAfterConsole, 160).await;
}

#[tokio::test]
async fn a_full_log_device_loses_no_secret() {
    a_broken_log_loses_nothing(Stdout::DevFull, 160).await;
}

/// Enough lines to fill the pipe (64 KiB) and the log's queue (4,096 lines) twice over.
#[tokio::test]
async fn a_log_nobody_reads_neither_stalls_nor_fails_requests() {
    a_broken_log_loses_nothing(Stdout::NeverReadAfterConsole, 8000).await;
}

/// Stops the server; (exited successfully, everything it wrote that was read).
fn stop_with_output(server: Server) -> (bool, String) {
    let handle = server.output_handle();
    let ok = server.stop().success();
    std::thread::sleep(Duration::from_millis(100));
    let text = handle.lock().unwrap().clone();
    (ok, text)
}

// ---- Slow, idle and too many clients ----

/// Reads until the server closes the connection; `None` if it is still open after `within`.
async fn read_until_closed(stream: &mut TcpStream, within: Duration) -> Option<String> {
    let mut all = Vec::new();
    let read = tokio::time::timeout(within, async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => all.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    read.ok().map(|()| String::from_utf8_lossy(&all).into_owned())
}

fn host(server: &Server) -> String {
    server.base.trim_start_matches("http://").to_string()
}

fn started(extra: &[&str]) -> (tempfile::TempDir, Server) {
    let dir = tempdir();
    let mut opts = Opts::new(dir.path());
    for a in extra {
        opts = opts.arg(a);
    }
    let server = opts.start();
    (dir, server)
}

#[tokio::test]
async fn half_sent_headers_are_closed_after_the_header_timeout() {
    let (_dir, server) = started(&["--header-timeout-secs", "1"]);
    let mut tcp = TcpStream::connect(host(&server)).await.unwrap();
    tcp.write_all(format!("GET {LIST} HTTP/1.1\r\nHost: {}\r\n", host(&server)).as_bytes()).await.unwrap();
    let start = Instant::now();
    let answer = read_until_closed(&mut tcp, Duration::from_secs(6)).await;
    assert!(answer.is_some(), "a connection with half-sent headers is still open after 6 s");
    assert!(start.elapsed() >= Duration::from_millis(800), "closed before the timeout: {:?}", start.elapsed());
}

#[tokio::test]
async fn idle_keep_alive_connections_are_closed() {
    let (_dir, server) = started(&["--header-timeout-secs", "1"]);
    let mut tcp = TcpStream::connect(host(&server)).await.unwrap();
    let request = format!("GET {LIST} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {TOKEN}\r\n\r\n", host(&server));
    tcp.write_all(request.as_bytes()).await.unwrap();
    let answer = read_until_closed(&mut tcp, Duration::from_secs(6)).await;
    let answer = answer.expect("an idle keep-alive connection is still open after 6 s");
    assert!(answer.starts_with("HTTP/1.1 200"), "the request itself was answered: {answer}");
}

#[tokio::test]
async fn a_body_shorter_than_its_length_gets_a_408_envelope() {
    let (_dir, server) = started(&["--body-timeout-secs", "1"]);
    let mut tcp = TcpStream::connect(host(&server)).await.unwrap();
    let head = format!(
        "POST {CREATE} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\n\
         Content-Length: 100\r\n\r\n{{\"accesskey\":",
        host(&server)
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    let answer = read_until_closed(&mut tcp, Duration::from_secs(6)).await;
    let answer = answer.expect("a request with a short body is still open after 6 s");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    let body: Value = serde_json::from_str(answer.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert!(error_message(&body).contains("did not arrive"), "{body}");
    assert!(keys(&server).await.is_empty(), "no key was created from half a body");
}

#[tokio::test]
async fn connections_over_the_cap_get_a_503_envelope_at_once() {
    let (_dir, server) = started(&["--max-connections", "4"]);
    let mut idle = Vec::new();
    for _ in 0..4 {
        idle.push(TcpStream::connect(host(&server)).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut tcp = TcpStream::connect(host(&server)).await.unwrap();
    let request = format!("GET {LIST} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {TOKEN}\r\n\r\n", host(&server));
    tcp.write_all(request.as_bytes()).await.unwrap();
    let answer = read_until_closed(&mut tcp, Duration::from_secs(3)).await.expect("answered within 3 s");
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    let body: Value = serde_json::from_str(answer.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert!(error_message(&body).contains("too many open connections"), "{body}");
    drop(idle);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (status, _) = server.get(LIST).await;
    assert_eq!(status, StatusCode::OK, "served again once the idle connections are gone");
}

#[tokio::test]
async fn idle_connections_past_the_open_files_limit_do_not_block_new_clients() {
    let dir = tempdir();
    let mut opts = Opts::new(dir.path());
    opts.max_open_files = Some(128);
    let server = opts.start();
    let mut idle = Vec::new();
    for _ in 0..140 {
        idle.push(TcpStream::connect(host(&server)).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    let res = server.api(Method::GET, LIST).timeout(Duration::from_secs(3)).send().await;
    let res = res.expect("a new client is answered within 3 s, not after the idle ones time out");
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE, "{:?}", started.elapsed());
    drop(idle);
}

// ---- Storage ----

/// A stopped server's database in `dir`, holding `n` keys; returns them.
async fn database_with_keys(dir: &Path, n: usize) -> Vec<(String, String)> {
    let server = Server::new(dir);
    let made = create_all(&server, "stored", n).await;
    assert!(server.stop().success());
    made
}

fn exit_code(result: &(Option<std::process::ExitStatus>, String)) -> Option<i32> {
    result.0.and_then(|s| s.code())
}

#[tokio::test]
async fn a_read_only_database_is_refused_at_start_with_exit_code_3() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    database_with_keys(dir.path(), 2).await;
    let db = dir.path().join("keys.db");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let mut opts = Opts::new(dir.path());
    // Root writes to any file: run as nobody, for whom the file is read-only.
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        opts.user = Some((65534, 65534));
    }
    let result = opts.run_to_exit();
    assert_eq!(exit_code(&result), Some(3), "{}", result.1);
    assert!(result.1.contains("cannot be written"), "the message says what is wrong: {}", result.1);
    assert!(!result.1.contains("Console:"), "it did not start: {}", result.1);
}

#[tokio::test]
async fn a_damaged_database_is_refused_at_start_with_exit_code_3() {
    let dir = tempdir();
    database_with_keys(dir.path(), 30).await;
    let db = dir.path().join("keys.db");
    let mut bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() >= 4 * 4096, "{} bytes", bytes.len());
    // Overwrite the pages after the schema: a table's b-tree pages.
    for b in &mut bytes[2 * 4096..] {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    let result = Opts::new(dir.path()).run_to_exit();
    assert_eq!(exit_code(&result), Some(3), "{}", result.1);
    assert!(result.1.contains("damaged") || result.1.contains("malformed"), "{}", result.1);

    // Not a database at all.
    std::fs::write(&db, vec![0x5A; 8192]).unwrap();
    let result = Opts::new(dir.path()).run_to_exit();
    assert_eq!(exit_code(&result), Some(3), "{}", result.1);
    assert!(result.1.contains("not a database") || result.1.contains("damaged"), "{}", result.1);
}

#[tokio::test]
async fn a_full_disk_answers_507_and_keeps_everything_acknowledged() {
    let dir = tempdir();
    database_with_keys(dir.path(), 1).await;
    let db = dir.path().join("keys.db");
    let mut opts = Opts::new(dir.path());
    // The database may grow by a little: the journal (WAL) fills after a few dozen creates.
    opts.max_file_size = Some(std::fs::metadata(&db).unwrap().len() + 256 * 1024);
    let server = opts.start();
    let mut acknowledged = Vec::new();
    let mut refused = Vec::new();
    for i in 0..2000 {
        let name = format!("fill-{i}");
        let (status, body) = server.post(CREATE, serde_json::json!({ "accesskey": name })).await;
        if status == StatusCode::OK {
            acknowledged.push((name, body["accesskey"].as_str().unwrap().to_string()));
            continue;
        }
        assert_eq!(status, StatusCode::INSUFFICIENT_STORAGE, "{body}");
        assert!(error_message(&body).contains("storage"), "{body}");
        refused.push(name);
        if refused.len() == 3 {
            break;
        }
    }
    assert_eq!(refused.len(), 3, "the disk never filled ({} creates)", acknowledged.len());
    assert!(acknowledged.len() >= 5, "{} creates before the disk filled", acknowledged.len());
    // Reads still work and hold every acknowledged key.
    assert_listed(&server, &acknowledged).await;
    server.kill9();

    let integrity: String =
        rusqlite::Connection::open(&db).unwrap().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    let server = Server::new(dir.path());
    assert_listed(&server, &acknowledged).await;
    let names: Vec<String> = keys(&server).await.into_iter().map(|k| k.0).collect();
    for name in &refused {
        assert!(!names.contains(name), "a refused create left a key behind: {name}");
    }
}

// ---- Crashes ----

#[tokio::test]
async fn kill_9_during_bursts_of_creates_loses_no_acknowledged_key() {
    let dir = tempdir();
    let db = dir.path().join("keys.db");
    let rounds: usize = std::env::var("KEYS_CRASH_ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(4);
    let mut acknowledged: Vec<(String, String)> = Vec::new();
    let mut seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos() as u64;
    for round in 0..rounds {
        let server = Server::new(dir.path());
        let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
        let mut workers = tokio::task::JoinSet::new();
        for w in 0..8 {
            let (client, url, token) = (client.clone(), server.url(CREATE), server.token.clone());
            workers.spawn(async move {
                let mut made = Vec::new();
                for i in 0.. {
                    let name = format!("crash-{round}-{w}-{i}");
                    let sent = client.post(&url).bearer_auth(&token).json(&serde_json::json!({ "accesskey": name }));
                    // Acknowledged = a whole 200 answer with the key's ID came back.
                    let Ok(res) = sent.send().await else { break };
                    let Ok(body) = res.json::<Value>().await else { break };
                    match body["accesskey"].as_str() {
                        Some(id) => made.push((name, id.to_string())),
                        None => break,
                    }
                }
                made
            });
        }
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        tokio::time::sleep(Duration::from_millis(300 + (seed >> 33) % 500)).await;
        server.kill9();
        while let Some(made) = workers.join_next().await {
            acknowledged.extend(made.unwrap());
        }
        let integrity: String =
            rusqlite::Connection::open(&db).unwrap().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok", "after round {round}");
    }
    let server = Server::new(dir.path());
    assert_listed(&server, &acknowledged).await;
    assert!(acknowledged.len() > rounds * 8, "too few creates to mean anything: {}", acknowledged.len());
    println!("crash: {rounds} kill -9 rounds survived, {} acknowledged keys all present", acknowledged.len());
}
