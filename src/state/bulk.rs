//! Bulk actions: the outcome of running one action over many keys, and the selection it leaves.

use super::access::BucketAccess;
use super::small_map::SmallSet;
use crate::api::ApiError;
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

/// One key a bulk action could not change, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkFailure {
    pub accesskey: String,
    pub name: String,
    pub error: ApiError,
}

/// How each key of a bulk action went.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BulkOutcome {
    pub verb: &'static str,
    /// A write on a bucket's side: the bucket and the permission written to every key.
    pub grant: Option<BucketAccess>,
    /// Access key IDs that succeeded.
    pub done: Vec<String>,
    pub failed: Vec<BulkFailure>,
}

impl BulkOutcome {
    /// Counts how one key went: done, or failed and why.
    pub fn push<T>(&mut self, accesskey: String, name: String, result: Result<T, ApiError>) {
        match result {
            Ok(_) => self.done.push(accesskey),
            Err(error) => self.failed.push(BulkFailure { accesskey, name, error }),
        }
    }

    pub fn total(&self) -> usize {
        self.done.len() + self.failed.len()
    }

    /// e.g. "Suspended 2 of 3 keys."
    pub fn summary(&self) -> String {
        let noun = if self.total() == 1 { "key" } else { "keys" };
        format!("{} {} of {} {noun}.", self.verb, self.done.len(), self.total())
    }

    /// The selection after the action: the failed keys stay selected so they can be retried.
    pub fn remaining_selection(&self, selection: &SmallSet<String>) -> SmallSet<String> {
        selection.iter().filter(|id| !self.done.contains(id)).cloned().collect()
    }
}

/// The header checkbox: checked when every row on the page is selected, mixed when some are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageSelection {
    None,
    Some,
    All,
}

pub fn page_selection<'a>(page_ids: impl IntoIterator<Item = &'a str>, selected: &SmallSet<String>) -> PageSelection {
    let (mut any, mut all, mut count) = (false, true, 0);
    for id in page_ids {
        count += 1;
        if selected.contains(id) {
            any = true;
        } else {
            all = false;
        }
    }
    match (count, any, all) {
        (0, _, _) | (_, false, _) => PageSelection::None,
        (_, true, true) => PageSelection::All,
        _ => PageSelection::Some,
    }
}

/// Runs `f` over `items` with at most `limit` in flight, keeping the results in input order.
/// (Written out rather than `futures`' buffered stream: a few lines here cost the wasm far less.)
pub async fn run_bounded<T, R, F, Fut>(items: Vec<T>, limit: usize, f: F) -> Vec<R>
where
    F: Fn(T) -> Fut,
    Fut: Future<Output = R>,
{
    let mut waiting = items.into_iter().enumerate();
    let mut results: Vec<Option<R>> = Vec::new();
    results.resize_with(waiting.len(), || None);
    let mut running: Vec<(usize, Pin<Box<Fut>>)> = Vec::new();
    std::future::poll_fn(move |cx| loop {
        while running.len() < limit.max(1) {
            let Some((i, item)) = waiting.next() else { break };
            running.push((i, Box::pin(f(item))));
        }
        let before = running.len();
        running.retain_mut(|(i, run)| match run.as_mut().poll(cx) {
            Poll::Ready(r) => {
                results[*i] = Some(r);
                false
            }
            Poll::Pending => true,
        });
        if running.is_empty() && waiting.len() == 0 {
            return Poll::Ready(results.drain(..).flatten().collect());
        }
        if running.len() == before {
            return Poll::Pending;
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ids: &[&str]) -> SmallSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn each_key_counts_as_done_or_failed_with_why() {
        let mut o = BulkOutcome { verb: "Suspended", ..Default::default() };
        o.push("A".into(), "a".into(), Ok::<(), ApiError>(()));
        o.push::<()>("B".into(), "b".into(), Err(ApiError::Network));
        assert_eq!(o.done, ["A"]);
        assert_eq!(o.failed, [BulkFailure { accesskey: "B".into(), name: "b".into(), error: ApiError::Network }]);
        assert_eq!(o.summary(), "Suspended 1 of 2 keys.");
    }

    #[test]
    fn failed_keys_stay_selected() {
        let o = BulkOutcome {
            verb: "Suspended",
            grant: None,
            done: vec!["A".into(), "C".into()],
            failed: vec![BulkFailure {
                accesskey: "B".into(),
                name: "bee".into(),
                error: ApiError::Server { status: 500, message: "Injected failure".into() },
            }],
        };
        assert_eq!(o.summary(), "Suspended 2 of 3 keys.");
        assert_eq!(o.remaining_selection(&set(&["A", "B", "C", "D"])), set(&["B", "D"]));
    }

    #[test]
    fn header_checkbox_state() {
        assert_eq!(page_selection(["A", "B"], &set(&[])), PageSelection::None);
        assert_eq!(page_selection(["A", "B"], &set(&["A"])), PageSelection::Some);
        assert_eq!(page_selection(["A", "B"], &set(&["A", "B", "Z"])), PageSelection::All);
        assert_eq!(page_selection([], &set(&["A"])), PageSelection::None);
    }

    #[test]
    fn bounded_runs_keep_order_and_limit() {
        use std::cell::Cell;
        use std::rc::Rc;
        let in_flight = Rc::new(Cell::new(0));
        let peak = Rc::new(Cell::new(0));
        let out = futures::executor::block_on(run_bounded((0..10).collect(), 3, |i: i32| {
            let (in_flight, peak) = (in_flight.clone(), peak.clone());
            async move {
                in_flight.set(in_flight.get() + 1);
                peak.set(peak.get().max(in_flight.get()));
                yield_once().await;
                in_flight.set(in_flight.get() - 1);
                i * 2
            }
        }));
        assert_eq!(out, (0..10).map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(peak.get(), 3, "three at a time, never more");
    }

    /// A future that is pending once, so several calls are in flight together.
    async fn yield_once() {
        let mut yielded = false;
        futures::future::poll_fn(|cx| {
            if yielded {
                std::task::Poll::Ready(())
            } else {
                yielded = true;
                cx.waker().wake_by_ref();
                std::task::Poll::Pending
            }
        })
        .await
    }
}
