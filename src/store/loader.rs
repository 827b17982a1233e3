//! [`Loader`]: a list read from the API, read again when a signal its request read changes or on
//! [`Loader::refetch`]. It does for the page's two lists what `LocalResource` did, without leptos'
//! async-derived machinery (suspense registration, an async lock, wakers) that came with it: the
//! wasm went from 196.7 to 190.1 KB brotli (issue 10's size bar is 190 KB for the whole console).
//!
//! Like `LocalResource`: the request is made at once (polled once right away, so a request that needs
//! nothing from the event loop is sent before the page around it is drawn), and an answer already
//! there is taken at once; while a later request runs, the last answer stays; an answer that a newer
//! request overtook is dropped.

use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use std::future::Future;
use std::ops::Deref;
use std::task::{Context, Poll};

pub struct Loader<T: 'static> {
    value: ReadSignal<Option<T>>,
    again: Trigger,
}

impl<T> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Loader<T> {}

impl<T: Send + Sync + 'static> Loader<T> {
    /// Calls `fetch` now and again whenever a signal it read changes (its own body, not the future's).
    pub fn new<Fut: Future<Output = T> + 'static>(fetch: impl Fn() -> Fut + 'static) -> Self {
        Self::boxed(Box::new(move || Box::pin(fetch())))
    }

    /// One compiled copy per `T`, whatever the request.
    fn boxed(fetch: Box<dyn Fn() -> LocalBoxFuture<'static, T>>) -> Self {
        let (value, set) = signal(None);
        let again = Trigger::new();
        // Which request is the latest: only its answer is kept.
        let latest = StoredValue::new(0u32);
        // A render effect runs at once (an `Effect` would wait a task); it lives as long as the page.
        let effect = RenderEffect::new(move |_| {
            again.track();
            let run = latest.get_value().wrapping_add(1);
            latest.set_value(run);
            // What `fetch` reads decides when to ask again; what the request reads once under way does not.
            let mut request = fetch();
            let now = untrack(|| request.as_mut().poll(&mut Context::from_waker(futures::task::noop_waker_ref())));
            if let Poll::Ready(answer) = now {
                set.set(Some(answer));
                return;
            }
            leptos::task::spawn_local(async move {
                let answer = request.await;
                if latest.try_get_value() == Some(run) {
                    set.try_set(Some(answer));
                }
            });
        });
        StoredValue::new_local(effect);
        Loader { value, again }
    }

    /// Asks again; the last answer stays until the new one comes.
    pub fn refetch(&self) {
        self.again.notify();
    }
}

/// Read like a signal: `None` until the first answer.
impl<T> Deref for Loader<T> {
    type Target = ReadSignal<Option<T>>;
    fn deref(&self) -> &Self::Target {
        &self.value
    }
}
