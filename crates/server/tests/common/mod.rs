//! Starts the real `keys-server` binary on a free port with a temporary database, captures its
//! output, and stops it when dropped.
//!
//! `KEYS_TEST_SERVER_BIN=<path>` runs the tests against another build of the server (to see a
//! test fail on the build before a fix).
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
    /// `--listen`; `None`: `127.0.0.1:0`.
    pub listen: Option<String>,
    pub db: PathBuf,
    pub dist: PathBuf,
    /// `None`: let the server generate one.
    pub token: Option<String>,
    pub args: Vec<String>,
    pub envs: Vec<(String, String)>,
    /// Where the log (standard output) goes.
    pub stdout: Stdout,
    /// Run as this user and group (the tests run as root; a read-only file binds only others).
    pub user: Option<(u32, u32)>,
    /// `RLIMIT_FSIZE` of the server: the largest file it may write, in bytes (a full disk).
    pub max_file_size: Option<u64>,
    /// `RLIMIT_NOFILE` of the server: how many files (and sockets) it may hold open.
    pub max_open_files: Option<u64>,
}

/// Where the server's standard output (the log) goes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Stdout {
    /// Read and kept (`Server::output`).
    Captured,
    /// A pipe read up to the Console line, then closed: every later write fails (EPIPE).
    ClosedAfterConsole,
    /// A pipe read up to the Console line, then never again: it fills and writes block.
    NeverReadAfterConsole,
    /// `/dev/full`: every write fails (ENOSPC). The Console line is lost, so the harness picks the
    /// port itself and waits for it.
    DevFull,
}

impl Opts {
    /// `--db <dir>/keys.db --dist <dir>/dist --token t0ken`
    pub fn new(dir: &Path) -> Opts {
        Opts {
            listen: None,
            db: dir.join("keys.db"),
            dist: dir.join("dist"),
            token: Some(TOKEN.into()),
            args: vec![],
            envs: vec![],
            stdout: Stdout::Captured,
            user: None,
            max_file_size: None,
            max_open_files: None,
        }
    }
    pub fn arg(mut self, a: &str) -> Opts {
        self.args.push(a.into());
        self
    }
    pub fn args(mut self, args: &[&str]) -> Opts {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }
    pub fn env(mut self, k: &str, v: &str) -> Opts {
        self.envs.push((k.into(), v.into()));
        self
    }
    pub fn start(self) -> Server {
        Server::start(self)
    }
    /// Starts a server expected to refuse to start: its exit status and everything it wrote.
    /// `None` when it was still running after 20 seconds (then it is killed).
    pub fn run_to_exit(self) -> (Option<ExitStatus>, String) {
        let listen = self.listen.clone().unwrap_or_else(|| "127.0.0.1:0".into());
        let mut child =
            self.command(&listen).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("run keys-server");
        let output = Arc::new(Mutex::new(String::new()));
        capture(child.stdout.take().unwrap(), output.clone(), None);
        capture(child.stderr.take().unwrap(), output.clone(), None);
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        std::thread::sleep(Duration::from_millis(100)); // the readers catch up
        let text = output.lock().unwrap().clone();
        (status, text)
    }

    fn command(&self, listen: &str) -> Command {
        let bin = std::env::var("KEYS_TEST_SERVER_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_keys-server").into());
        let mut cmd = Command::new(bin);
        cmd.arg("--listen").arg(listen).arg("--db").arg(&self.db).arg("--dist").arg(&self.dist);
        if let Some(t) = &self.token {
            cmd.arg("--token").arg(t);
        }
        // Only what the test sets: no stray KEYS_* variables from the environment.
        for var in [
            "KEYS_LISTEN",
            "KEYS_DB",
            "KEYS_DIST",
            "KEYS_API_TOKEN",
            "KEYS_ENABLE_TEST_FAULT_INJECTION",
            "KEYS_UPSTREAM",
            "KEYS_UPSTREAM_TOKEN",
            "KEYS_PUBLIC_ORIGIN",
        ] {
            cmd.env_remove(var);
        }
        cmd.args(&self.args).envs(self.envs.iter().map(|(k, v)| (k, v)));
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            if let Some((uid, gid)) = self.user {
                cmd.uid(uid).gid(gid);
            }
            let (file_size, open_files) = (self.max_file_size, self.max_open_files);
            if file_size.is_some() || open_files.is_some() {
                // SAFETY: only async-signal-safe calls (setrlimit) between fork and exec.
                unsafe {
                    cmd.pre_exec(move || {
                        for (resource, value) in [(libc::RLIMIT_FSIZE, file_size), (libc::RLIMIT_NOFILE, open_files)] {
                            let Some(v) = value else { continue };
                            let limit = libc::rlimit { rlim_cur: v as libc::rlim_t, rlim_max: v as libc::rlim_t };
                            if libc::setrlimit(resource, &limit) != 0 {
                                return Err(std::io::Error::last_os_error());
                            }
                        }
                        Ok(())
                    });
                }
            }
        }
        cmd
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
        let listen = match opts.stdout {
            Stdout::DevFull => {
                let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
                free.local_addr().unwrap().to_string()
            }
            _ => opts.listen.clone().unwrap_or_else(|| "127.0.0.1:0".into()),
        };
        let mut cmd = opts.command(&listen);
        let stdout = match opts.stdout {
            Stdout::DevFull => Stdio::from(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap()),
            _ => Stdio::piped(),
        };
        let mut child = cmd.stdout(stdout).stderr(Stdio::piped()).spawn().expect("start keys-server");
        let output = Arc::new(Mutex::new(String::new()));
        capture(child.stderr.take().unwrap(), output.clone(), None);
        let console_line = if opts.stdout == Stdout::DevFull {
            wait_for_port(&mut child, &listen, &output);
            format!("Console: http://{listen}/")
        } else {
            let stdout = child.stdout.take().unwrap();
            match opts.stdout {
                Stdout::Captured => {
                    let (tx, rx) = mpsc::channel();
                    capture(stdout, output.clone(), Some(tx));
                    rx.recv_timeout(Duration::from_secs(60)).ok()
                }
                _ => read_console_line(stdout, opts.stdout == Stdout::ClosedAfterConsole, &output),
            }
            .unwrap_or_else(|| {
                let _ = child.kill();
                panic!("no Console line; output:\n{}", output.lock().unwrap());
            })
        };
        let url = console_line.trim_start_matches("Console: ");
        let (base, token) = match url.split_once("/#token=") {
            // A generated token: the line says which file holds it.
            Some((base, hint)) if hint.starts_with("<the token in ") => {
                let file = hint.trim_start_matches("<the token in ").trim_end_matches('>');
                let token = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("read {file}: {e}"));
                (base.to_string(), token.trim().to_string())
            }
            Some((base, token)) => (base.to_string(), token.to_string()),
            // No token in the link: the one given, or none at all (upstream mode with a server-held token).
            None => (url.trim_end_matches('/').to_string(), opts.token.clone().unwrap_or_default()),
        };
        // A public origin (`--public-origin`) is the link's address, not where the server listens.
        let listening =
            output.lock().unwrap().lines().find_map(|l| l.strip_prefix("Listening on ").map(str::to_string));
        let base = match listening {
            Some(addr) if !base.starts_with("http://127.0.0.1:") => {
                format!("http://127.0.0.1:{}", addr.rsplit(':').next().unwrap())
            }
            _ => base,
        };
        let client = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
        Server { child, base, token, console_line, output, client }
    }

    /// The shared output buffer, still filled after the server is stopped.
    pub fn output_handle(&self) -> Arc<Mutex<String>> {
        self.output.clone()
    }

    /// The server's process ID.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Ends the server with SIGKILL (no shutdown of any kind) and waits for it.
    pub fn kill9(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
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

    /// A POST with the token and `Content-Type: application/json`, as the console sends every
    /// write; the body is up to the caller (none, `{}`, or something to be refused).
    pub fn json_post(&self, path: &str) -> RequestBuilder {
        self.api(Method::POST, path).header("content-type", "application/json")
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

/// Reads `stdout` up to the Console line (kept in `output`); then closes the pipe (`close`) or
/// keeps it open and unread for the process's life.
fn read_console_line(stdout: std::process::ChildStdout, close: bool, output: &Mutex<String>) -> Option<String> {
    let mut reader = BufReader::new(stdout);
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        output.lock().unwrap().push_str(&line);
        if line.starts_with("Console: ") {
            break;
        }
    }
    if !close {
        std::mem::forget(reader); // the pipe stays open, unread
    }
    Some(line.trim_end().to_string())
}

/// Waits until the server accepts connections on `listen` (or panics with its output).
fn wait_for_port(child: &mut Child, listen: &str, output: &Mutex<String>) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(listen).is_err() {
        if child.try_wait().unwrap().is_some() || Instant::now() > deadline {
            let _ = child.kill();
            panic!("the server never listened on {listen}; output:\n{}", output.lock().unwrap());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A raw HTTP/1.1 exchange, the request exactly as written (no client normalises its path or
/// sets its Host): `head` is the request line and headers without the blank line; `Host` and
/// `Connection: close` are added unless `head` has its own Host. Returns the status, the head
/// of the answer and its body.
pub async fn raw_http(server: &Server, head: &str, body: &str) -> (u16, String, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = server.base.trim_start_matches("http://");
    let mut tcp = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let mut request = head.trim_end().replace('\n', "\r\n");
    if !head.to_ascii_lowercase().contains("\nhost:") {
        request.push_str(&format!("\r\nHost: {addr}"));
    }
    if !body.is_empty() {
        request.push_str(&format!("\r\nContent-Length: {}", body.len()));
    }
    request.push_str(&format!("\r\nConnection: close\r\n\r\n{body}"));
    tcp.write_all(request.as_bytes()).await.expect("write");
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), tcp.read_to_end(&mut answer)).await.expect("answered").ok();
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head.to_string(), body.to_string())
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
    let text = serde_json::to_string(&body).unwrap();
    let list = <keys_api::ListKeysResponse as keys_api::wire::FromJson>::from_text(&text).unwrap();
    list.accesskeys.into_iter().map(|k| (k.name, k.accesskey, k.status.label().to_string())).collect()
}

/// The permissions on `bucket` in `innoida` as (key name, key ID, permission).
pub async fn bucket_permissions(server: &Server, bucket: &str) -> Vec<(String, String, String)> {
    let (status, body) = server.get("/v2/objectstorage/innoida/bucket").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let text = serde_json::to_string(&body).unwrap();
    let list = <keys_api::BucketsResponse as keys_api::wire::FromJson>::from_text(&text).unwrap();
    let b = list.buckets.into_iter().find(|b| b.name == bucket).unwrap_or_else(|| panic!("no bucket {bucket}"));
    b.permissions.into_iter().map(|p| (p.name, p.accesskey, p.permission)).collect()
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}
