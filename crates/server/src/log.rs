//! The server's output: one line per request (and the start-up lines) on standard output, written
//! by a thread of its own from a bounded queue.
//!
//! Writing the log can never fail, stall or undo a request. A request only puts its line in the
//! queue; when the queue is full (the output is slow or blocked: a pipe nobody reads) or the
//! output fails (a closed pipe, a full disk), the line is dropped and counted, and the count is
//! reported on standard error when the server stops. Nothing here panics.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::OnceLock;

/// Lines waiting for the writer before new ones are dropped.
const QUEUE: usize = 4096;

static SENDER: OnceLock<SyncSender<String>> = OnceLock::new();
static DROPPED: AtomicU64 = AtomicU64::new(0);
/// Lines queued, and lines the writer has finished with (written or not).
static QUEUED: AtomicU64 = AtomicU64::new(0);
static DONE: AtomicU64 = AtomicU64::new(0);

/// Starts the writer thread (once; later calls do nothing).
pub fn start() {
    SENDER.get_or_init(|| {
        let (tx, rx) = sync_channel::<String>(QUEUE);
        let spawned = std::thread::Builder::new().name("log".into()).spawn(move || {
            let stdout = std::io::stdout();
            for line in rx {
                let mut out = stdout.lock();
                if writeln!(out, "{line}").and_then(|_| out.flush()).is_err() {
                    DROPPED.fetch_add(1, Ordering::Relaxed);
                }
                DONE.fetch_add(1, Ordering::Release);
            }
        });
        if spawned.is_err() {
            // No thread: every line counts as dropped (the sender's queue fills and stays full).
            DROPPED.fetch_add(1, Ordering::Relaxed);
        }
        tx
    });
}

/// Logs one line, or drops and counts it. Never blocks, never fails.
pub fn line(text: String) {
    let queued = SENDER.get().is_some_and(|tx| tx.try_send(text).is_ok());
    if queued {
        QUEUED.fetch_add(1, Ordering::Relaxed);
    } else {
        DROPPED.fetch_add(1, Ordering::Relaxed);
    }
}

/// Waits (at most `limit`) for the queued lines to be written: for the last lines before exit.
pub fn finish(limit: std::time::Duration) {
    let until = std::time::Instant::now() + limit;
    while DONE.load(Ordering::Acquire) < QUEUED.load(Ordering::Relaxed) && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Lines dropped so far.
pub fn dropped() -> u64 {
    DROPPED.load(Ordering::Relaxed)
}

/// Writes to standard error, ignoring failure: for the operator's messages (start-up problems,
/// the dropped-lines count), which must not take the server down if nobody can read them.
pub fn note(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{text}");
    let _ = err.flush();
}
