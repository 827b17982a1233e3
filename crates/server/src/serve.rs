//! The accept loop. Each connection is served by hyper's HTTP/1 with:
//! - a header timeout: a request's head must arrive within it, and it also bounds how long an idle
//!   keep-alive connection may wait for its next request (then it is closed);
//! - a cap on open connections (`--max-connections`, lowered to fit the open-files limit): past
//!   it, a new connection gets a 503 envelope and is closed at once, instead of waiting in the
//!   kernel's queue behind idle ones;
//! - `TCP_NODELAY` (small answers written in two parts would otherwise wait for a delayed ACK).
//!
//! Bodies have their own deadline (`extract::JsonBody`, `--body-timeout-secs`). An `accept` that
//! fails (out of file descriptors) is retried shortly: the loop never ends on it.

use crate::log;
use axum::body::Body;
use axum::extract::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinSet;
use tower::ServiceExt;

/// How long a request head (and an idle connection's next one) may take, the cap on open
/// connections, and how long a request's body may take.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub header_timeout: Duration,
    pub body_timeout: Duration,
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { header_timeout: Duration::from_secs(10), body_timeout: Duration::from_secs(30), max_connections: 256 }
    }
}

/// How long open connections may take to finish their requests once the server stops.
const DRAIN: Duration = Duration::from_secs(10);

/// Serves `app` on `listener` until `stop` resolves, then lets open requests finish.
pub async fn serve(listener: TcpListener, app: Router, limits: Limits, stop: impl Future<Output = ()>) {
    let cap = connection_cap(limits.max_connections);
    let permits = Arc::new(Semaphore::new(cap));
    let (stopping, stopped) = watch::channel(false);
    let mut connections = JoinSet::new();
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut stop => break,
        };
        while connections.try_join_next().is_some() {}
        let tcp = match accepted {
            Ok((tcp, _)) => tcp,
            Err(e) => {
                log::line(format!("accept failed ({e}); retrying"));
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = tcp.set_nodelay(true);
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            connections.spawn(busy(tcp));
            continue;
        };
        let service = TowerToHyperService::new(app.clone().map_request(|req: Request<Incoming>| req.map(Body::new)));
        let mut stopped = stopped.clone();
        connections.spawn(async move {
            let _permit = permit;
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .max_headers(crate::guard::MAX_HEADERS * 2);
            let connection = builder.serve_connection(TokioIo::new(tcp), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = stopped.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
    }
    let _ = stopping.send(true);
    let _ = tokio::time::timeout(DRAIN, async { while connections.join_next().await.is_some() {} }).await;
}

/// File descriptors kept free of connections: the database and its journal, the listener, the
/// log, and a 503 answer in progress.
const SPARE_FILES: u64 = 32;

/// `asked`, lowered to what the open-files limit allows: past that limit `accept` fails and new
/// clients would wait behind idle ones instead of getting the 503.
fn connection_cap(asked: usize) -> usize {
    let asked = asked.max(1);
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: getrlimit writes into the struct it is given.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 && limit.rlim_cur != libc::RLIM_INFINITY {
            #[allow(clippy::unnecessary_cast)] // rlim_t is not u64 on every platform
            let open_files = limit.rlim_cur as u64;
            let allowed = open_files.saturating_sub(SPARE_FILES).max(1) as usize;
            if allowed < asked {
                log::line(format!(
                    "note: at most {allowed} connections at once (the open-files limit is {open_files}; \
                     --max-connections asked {asked})"
                ));
                return allowed;
            }
        }
    }
    asked
}

/// The answer to a connection over the cap: a 503 envelope, then the connection closes.
async fn busy(mut tcp: TcpStream) {
    let body = r#"{"status":"error","message":"The server has too many open connections. Try again in a moment."}"#;
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         retry-after: 1\r\ncache-control: no-store\r\nconnection: close\r\n\r\n",
        body.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(2), async {
        // Read what the client sent first (briefly), so closing does not reset the answer away.
        let mut buf = [0u8; 4096];
        let _ = tokio::time::timeout(Duration::from_millis(100), tcp.read(&mut buf)).await;
        tcp.write_all(head.as_bytes()).await?;
        tcp.write_all(body.as_bytes()).await?;
        tcp.shutdown().await
    })
    .await;
}
