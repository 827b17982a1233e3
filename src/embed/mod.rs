//! How a page runs the console: [`mount`] (behind `mountConsole`, the custom element of
//! assets/element.js and the console's own page), the handle that removes it again, the events the
//! console raises for its host, and its stylesheet.
//!
//! A good guest: the console renders into the element it is given and reads or writes nothing
//! outside it but what its URL mode allows (see `state::view::UrlMode`). `Mounted::unmount`
//! aborts its requests, clears its timers, removes its listeners (including the leave-page
//! guard), empties the element and takes its stylesheet back.

pub mod events;
pub mod style;

use crate::api::{ApiClient, EarlyList};
use crate::app::App;
use crate::config::Config;
use crate::store::HostPort;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, Node};

/// How to remove one mounted console.
type Unmount = Box<dyn FnOnce()>;

thread_local! {
    /// The id prefixes in use, by the document or shadow root that holds each console.
    static PREFIXES: RefCell<Vec<(Node, usize)>> = const { RefCell::new(Vec::new()) };
    /// How to remove each mounted console. Kept here, not in the handle: a host that drops its
    /// handle (or whose handle is garbage-collected) keeps its console until it calls `unmount`.
    static LIVE: RefCell<Vec<(u64, Unmount)>> = const { RefCell::new(Vec::new()) };
    static NEXT: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// `uk-` for the first console in `scope`, then `uk2-`, `uk3-`…: ids never clash between consoles.
fn take_prefix(scope: &Node) -> (usize, &'static str) {
    let n = PREFIXES.with(|p| {
        let mut p = p.borrow_mut();
        let n = (1..).find(|n| !p.iter().any(|(s, m)| s == scope && m == n)).unwrap_or(1);
        p.push((scope.clone(), n));
        n
    });
    (n, prefix(n))
}

fn prefix(n: usize) -> &'static str {
    thread_local! {
        static NAMES: RefCell<Vec<&'static str>> = RefCell::new(vec!["uk-"]);
    }
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        while names.len() < n {
            let next = names.len() + 1;
            names.push(Box::leak(format!("uk{next}-").into_boxed_str()));
        }
        names[n - 1]
    })
}

fn release_prefix(scope: &Node, n: usize) {
    PREFIXES.with(|p| p.borrow_mut().retain(|(s, m)| !(s == scope && *m == n)));
}

/// A mounted console. Dropping it does not unmount the console: [`Mounted::unmount`] does.
pub struct Mounted {
    id: u64,
    /// A data centre chosen by the host after mounting (the element's `dc` attribute).
    dc: ArcRwSignal<Option<String>>,
}

impl Mounted {
    /// Removes the console: see the module comment. Calling it twice does nothing.
    pub fn unmount(&mut self) {
        let unmount = LIVE.with(|live| {
            let mut live = live.borrow_mut();
            live.iter().position(|(id, _)| *id == self.id).map(|i| live.remove(i).1)
        });
        if let Some(unmount) = unmount {
            unmount();
        }
    }

    /// Shows another data centre.
    pub fn set_dc(&self, dc: String) {
        self.dc.set(Some(dc).filter(|d| !d.is_empty()));
    }
}

/// Mounts the console into `el`; the console's own page hands it the key list it asked for while
/// the wasm loaded (`early`).
pub fn mount(el: HtmlElement, config: Config, early: Option<EarlyList>) -> Mounted {
    let scope: Node = el.get_root_node();
    style::adopt(&scope);
    let (n, prefix) = take_prefix(&scope);
    let client = ApiClient::new(&config.api_base, config.token.clone(), config.timeout_secs);
    if let Some(early) = early {
        client.take_early(early);
    }
    let dc = ArcRwSignal::new(None::<String>);
    let handle = {
        let (client, dc, target) = (client.clone(), dc.clone(), el.clone().unchecked_into());
        leptos::mount::mount_to(el.clone(), move || {
            let events = HostPort::new(Some(std::rc::Rc::new(events::dispatch_on(target))));
            view! { <App config client events prefix dc_override=dc /> }
        })
    };
    let unmount = move || {
        client.close();
        drop(handle);
        el.set_inner_html("");
        release_prefix(&scope, n);
        style::release(&scope);
    };
    let id = NEXT.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    LIVE.with(|live| live.borrow_mut().push((id, Box::new(unmount))));
    Mounted { id, dc }
}
