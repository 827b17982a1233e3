//! `keys-server`: command line of the reference access-key API server.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

/// Reference server for Utho's object-storage access-key API (/v2/objectstorage/…), on SQLite.
/// It also serves the built console. Every request is logged as one line: method, path, status, time.
// No `Debug`: it would print the tokens.
#[derive(Parser)]
#[command(name = "keys-server", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Address to listen on, host:port. Port 0 picks a free port; the bound address is printed at start.
    #[arg(long, env = "KEYS_LISTEN", default_value = "127.0.0.1:8080")]
    listen: String,

    /// SQLite database file. Created, with its parent directories, on first start (then seeded).
    #[arg(long, env = "KEYS_DB", default_value = "./data/keys.db")]
    db: PathBuf,

    /// Directory of the built console to serve (index.html, wasm, JS, CSS, robots.txt).
    #[arg(long, env = "KEYS_DIST", default_value = "./dist")]
    dist: PathBuf,

    /// API token that clients must send as `Authorization: Bearer <token>`. When absent, a random
    /// 32-character token is generated at start, written to `<db>.token` (owner-only) and shown on
    /// the terminal; the log (standard output) only says where it is.
    #[arg(long, env = "KEYS_API_TOKEN", hide_env_values = true)]
    token: Option<String>,

    /// FOR TESTS ONLY: enable POST/DELETE /__test__/faults, which make chosen API requests fail.
    /// Off by default; without it those routes do not exist.
    #[arg(long, env = "KEYS_ENABLE_TEST_FAULT_INJECTION", value_parser = clap::builder::BoolishValueParser::new())]
    enable_test_fault_injection: bool,

    /// Upstream mode: forward every /v2/ request to this API (e.g. https://api.utho.com/v2/) instead
    /// of serving the SQLite data. The caller's Authorization header goes along, unless --upstream-token.
    #[arg(long, env = "KEYS_UPSTREAM")]
    upstream: Option<String>,

    /// With --upstream: the API token sent upstream instead of the caller's, so the browser never
    /// sees it and the console needs no token. Without --token the server then starts only on a
    /// loopback --listen address.
    #[arg(long, env = "KEYS_UPSTREAM_TOKEN", hide_env_values = true)]
    upstream_token: Option<String>,

    /// The address people open when the server runs behind a reverse proxy, e.g.
    /// https://keys.example.com: its host is accepted in `Host`, and it is the only origin whose pages
    /// may use the API. Without it, only the server's own address (127.0.0.1, localhost, [::1]) is.
    #[arg(long, env = "KEYS_PUBLIC_ORIGIN")]
    public_origin: Option<String>,

    /// With --upstream: seconds a forwarded request may take before it is answered with 504.
    #[arg(long, env = "KEYS_UPSTREAM_TIMEOUT_SECS", default_value_t = 20)]
    upstream_timeout_secs: u64,

    /// Seconds a client has to send a request's head; also how long an idle keep-alive connection
    /// is kept open waiting for its next request.
    #[arg(long, env = "KEYS_HEADER_TIMEOUT_SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    header_timeout_secs: u64,

    /// Seconds a client has to send a request's body (answered 408 after that).
    #[arg(long, env = "KEYS_BODY_TIMEOUT_SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    body_timeout_secs: u64,

    /// Connections open at once; one more is answered 503 and closed.
    #[arg(long, env = "KEYS_MAX_CONNECTIONS", default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..=65536))]
    max_connections: u64,
}

#[derive(Subcommand)]
enum Command {
    /// Adds many keys to a database at once (for benchmarks and long lists), then exits.
    Seed {
        /// Data centre to add them to.
        #[arg(long, default_value = "innoida")]
        dc: String,
        /// How many keys (named bench-key-00001…).
        #[arg(long)]
        keys: usize,
        /// Also give some of them bucket permissions.
        #[arg(long)]
        permissions: bool,
    },
}

#[tokio::main]
async fn main() {
    // A write past a file-size limit then fails with an error (answered 507) instead of the
    // signal ending the server. (SIGPIPE is already ignored by Rust's runtime.)
    #[cfg(unix)]
    // SAFETY: only sets the process's disposition for SIGXFSZ to SIG_IGN; no handler code runs.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let cli = Cli::parse();
    if let Some(Command::Seed { dc, keys, permissions }) = cli.command {
        match keys_server::seed::run(&cli.db, &keys_server::seed::Seed { dc, keys, permissions }) {
            Ok(total) => {
                let _ = writeln!(std::io::stdout(), "{} now holds {total} keys", cli.db.display());
            }
            Err(e) => {
                keys_server::log::note(&format!("keys-server seed: {e}"));
                std::process::exit(1);
            }
        }
        return;
    }
    let config = keys_server::Config {
        listen: cli.listen,
        db: cli.db,
        dist: cli.dist,
        token: cli.token,
        fault_injection: cli.enable_test_fault_injection,
        upstream: cli.upstream.filter(|u| !u.trim().is_empty()),
        upstream_token: cli.upstream_token,
        upstream_timeout_secs: cli.upstream_timeout_secs,
        public_origin: cli.public_origin.filter(|o| !o.trim().is_empty()),
        limits: keys_server::serve::Limits {
            header_timeout: Duration::from_secs(cli.header_timeout_secs),
            body_timeout: Duration::from_secs(cli.body_timeout_secs),
            max_connections: cli.max_connections as usize,
        },
    };
    if let Err(e) = keys_server::run(config).await {
        keys_server::log::note(&format!("keys-server: {e}"));
        let storage = e.downcast_ref::<keys_server::db::StorageError>().is_some();
        std::process::exit(if storage { keys_server::db::StorageError::EXIT_CODE } else { 1 });
    }
}
