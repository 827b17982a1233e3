//! Starts the real `keys-server` binary on a free port with a temporary database, captures its
//! output, and stops it when dropped.
#![allow(dead_code)]

use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

pub const TOKEN: &str = "t0ken";

/// How to start a server.
pub struct Opts {
    pub db: PathBuf,
    pub dist: PathBuf,
    /// `None`: let the server generate one.
    pub token: Option<String>,
    pub args: Vec<String>,
    pub envs: Vec<(String, String)>,
}

impl Opts {
    /// `--db <dir>/keys.db --dist <dir>/dist --token t0ken`
    pub fn new(dir: &Path) -> Opts {
        Opts { db: dir.join("keys.db"), dist: dir.join("dist"), token: Some(TOKEN.into()), args: vec![], envs: vec![] }
    }
    pub fn arg(mut self, a: &str) -> Opts {
        self.args.push(a.into());
        self
    }
    pub fn env(mut self, k: &str, v: &str) -> Opts {
        self.envs.push((k.into(), v.into()));
        self
    }
    pub fn start(self) -> Server {
        Server::start(self)
    }
}

pub struct Server {
    child: Child,
    /// `http://127.0.0.1:<port>`
    pub base: String,
    pub token: String,
    pub console_line: String,
    output: Arc<Mutex<String>>,
    client: reqwest::Client,
}

fn capture(stream: impl Read + Send + 'static, output: Arc<Mutex<String>>, console: Option<mpsc::Sender<String>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            output.lock().unwrap().push_str(&format!("{line}\n"));
            if let Some(tx) = &console {
                if line.starts_with("Console: ") {
                    let _ = tx.send(line.clone());
                }
            }
        }
    });
}

impl Server {
    /// A server on a fresh database in `dir`, with the token `t0ken`.
    pub fn new(dir: &Path) -> Server {
        Opts::new(dir).start()
    }

    pub fn start(opts: Opts) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_keys-server"));
        cmd.arg("--listen").arg("127.0.0.1:0").arg("--db").arg(&opts.db).arg("--dist").arg(&opts.dist);
        if let Some(t) = &opts.token {
            cmd.arg("--token").arg(t);
        }
        // Only what the test sets: no stray KEYS_* variables from the environment.
        for var in ["KEYS_LISTEN", "KEYS_DB", "KEYS_DIST", "KEYS_API_TOKEN", "KEYS_ENABLE_TEST_FAULT_INJECTION"] {
            cmd.env_remove(var);
        }
        cmd.args(&opts.args).envs(opts.envs.iter().map(|(k, v)| (k, v)));
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start keys-server");
        let output = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        capture(child.stdout.take().unwrap(), output.clone(), Some(tx));
        capture(child.stderr.take().unwrap(), output.clone(), None);
        let console_line = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                panic!("no Console line; output:\n{}", output.lock().unwrap());
            }
        };
        let url = console_line.trim_start_matches("Console: ");
        let (base, token) = match url.split_once("/#token=") {
            Some((base, token)) => (base.to_string(), token.to_string()),
            // No token in the link: the one given, or none at all (upstream mode with a server-held token).
            None => (url.trim_end_matches('/').to_string(), opts.token.clone().unwrap_or_default()),
        };
        let client = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
        Server { child, base, token, console_line, output, client }
    }

    /// Everything the process wrote to stdout and stderr so far.
    pub fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A request without any token.
    pub fn anon(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, self.url(path))
    }

    /// A request with `Authorization: Bearer <token>`.
    pub fn api(&self, method: Method, path: &str) -> RequestBuilder {
        self.anon(method, path).bearer_auth(&self.token)
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        send(self.api(Method::GET, path)).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        send(self.api(Method::POST, path).json(&body)).await
    }

    /// Creates a key named `name` in `innoida`; returns (access key ID, secret).
    pub async fn create(&self, name: &str) -> (String, String) {
        let (status, body) =
            self.post("/v2/objectstorage/innoida/accesskey/create", serde_json::json!({ "accesskey": name })).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        (body["accesskey"].as_str().unwrap().to_string(), body["secretkey"].as_str().unwrap().to_string())
    }

    /// Stops with SIGTERM (graceful shutdown) and returns the exit status.
    pub fn stop(mut self) -> ExitStatus {
        let pid = self.child.id().to_string();
        let ok = Command::new("kill").arg("-TERM").arg(&pid).status().expect("run kill").success();
        assert!(ok, "kill -TERM {pid} failed");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not stop on SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends and decodes a JSON body (asserting it is JSON).
pub async fn send(req: RequestBuilder) -> (StatusCode, Value) {
    let res = req.send().await.expect("request sent");
    let status = res.status();
    let text = res.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}), status {status}: {text:?}"));
    (status, body)
}

/// Asserts an error envelope with a non-empty message; returns the message.
pub fn error_message(body: &Value) -> String {
    assert_eq!(body["status"], "error", "{body}");
    let message = body["message"].as_str().unwrap_or_else(|| panic!("no message: {body}"));
    assert!(!message.trim().is_empty(), "{body}");
    message.to_string()
}

/// The keys of `innoida` as (name, accesskey, status).
pub async fn keys(server: &Server) -> Vec<(String, String, String)> {
    let (status, body) = server.get("/v2/objectstorage/innoida/accesskeys").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let list: keys_api::ListKeysResponse = serde_json::from_value(body).unwrap();
    list.accesskeys.into_iter().map(|k| (k.name, k.accesskey, k.status.label().to_string())).collect()
}

/// The permissions on `bucket` in `innoida` as (key name, key ID, permission).
pub async fn bucket_permissions(server: &Server, bucket: &str) -> Vec<(String, String, String)> {
    let (status, body) = server.get("/v2/objectstorage/innoida/bucket").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let list: keys_api::BucketsResponse = serde_json::from_value(body).unwrap();
    let b = list.buckets.into_iter().find(|b| b.name == bucket).unwrap_or_else(|| panic!("no bucket {bucket}"));
    b.permissions.into_iter().map(|p| (p.name, p.accesskey, p.permission)).collect()
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}
