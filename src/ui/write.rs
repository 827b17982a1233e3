//! How a view starts a write: one kind of action for every write of the console.
//!
//! A leptos `Action<I, O>` brings its dispatch, its signals and its future's polling to the wasm
//! once for every input and output type it is used with; thirteen actions with thirteen pairs of
//! types cost about a fifth of the binary's growth. Here every write is an `Action<Job, ()>`: the
//! machinery is there once, a write's work is its own future (boxed), and what a view has to show
//! afterwards (a result, an outcome) the future sets on a signal of the view with `try_set`,
//! which does nothing if the view is gone by then. `pending()` still says whether one runs.

use leptos::prelude::*;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;

/// A view's writes of one kind (a dialog's delete, a drawer's create): `pending()` while one runs.
pub type Write = Action<Job, ()>;

/// One write's work: its future, taken once by the action that runs it.
pub struct Job(RefCell<Option<Pin<Box<dyn Future<Output = ()>>>>>);

impl Job {
    fn take(&self) -> Pin<Box<dyn Future<Output = ()>>> {
        self.0.borrow_mut().take().unwrap_or_else(|| Box::pin(std::future::ready(())))
    }
}

/// A new kind of write for the view being built.
pub fn write() -> Write {
    Action::new_local(Job::take)
}

/// Starts `work` as a write of `write`.
pub fn start(write: Write, work: impl Future<Output = ()> + 'static) {
    write.dispatch_local(Job(RefCell::new(Some(Box::pin(work)))));
}
