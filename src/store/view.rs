//! The view state (tab, data centre, search, sort, page, open key) and how it changes. It lives in
//! the URL as far as the [`UrlMode`] allows (see `state::view`): a change writes the address with
//! `history.pushState`/`replaceState`, Back and Forward (`popstate`) read it back.
//!
//! A history write costs the main thread one to two milliseconds, so it never stands between a
//! change and the table that shows it: typing in the search box writes the address a moment after
//! the table shows it (`WRITE_AFTER`), once for a run of keystrokes; a change that makes a new
//! history entry (a tab, a sort, a page) writes it in the next task, and before any later change,
//! so Back always steps through it.

use crate::browser::url;
use crate::state::hygiene::Filter;
use crate::state::view::{view_from, with_view, UrlMode};
use crate::state::{Tab, ViewState};
use leptos::prelude::*;

/// How a view change enters the browser's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// A new entry: Back returns to the view before (a tab, a sort, a page, a key opened).
    Push,
    /// The same entry (typing in the search box).
    Replace,
}

/// How long after a keystroke in the search box the address follows it.
const WRITE_AFTER: std::time::Duration = std::time::Duration::from_millis(100);

#[derive(Clone, Copy)]
pub struct View {
    /// The whole view state.
    pub state: Memo<ViewState>,
    /// What the key table shows: the view without the tab and the open key, so switching tabs
    /// (which unmounts the table) or opening details does not recompute the table.
    pub table: Memo<ViewState>,
    /// The tab shown: what a view closure that draws a tab reads, so typing a search does not
    /// redraw the tab.
    pub tab: Memo<Tab>,
    /// The key whose details are open.
    pub key: Memo<Option<String>>,
    source: RwSignal<ViewState>,
    mode: UrlMode,
    /// A change not yet written to the address, and how it enters the history.
    unwritten: StoredValue<Option<History>>,
}

impl View {
    /// The view of the page's URL under `mode`. Listens to Back/Forward until its owner is gone.
    /// Without `rotation` (a rotation age of 0) the table ignores a "Due for rotation" filter a
    /// link may carry: nothing is due, and the filter is not offered.
    pub fn new(mode: UrlMode, rotation: bool) -> View {
        let source = RwSignal::new(view_from(&url::search(), mode));
        let unwritten = StoredValue::new(None);
        if mode != UrlMode::Off {
            let back = window_event_listener(leptos::ev::popstate, move |_| {
                // The browser moved: a change not yet written belongs to the page left.
                unwritten.try_set_value(None);
                source.try_set(view_from(&url::search(), mode));
            });
            on_cleanup(move || back.remove());
        }
        let state = Memo::new(move |_| source.get());
        let table = Memo::new(move |_| {
            let v = state.get();
            let filters = if rotation { v.filters } else { v.filters.without(Filter::Due) };
            ViewState { tab: Tab::Keys, key: None, filters, ..v }
        });
        let tab = Memo::new(move |_| state.with(|v| v.tab));
        let key = Memo::new(move |_| state.with(|v| v.key.clone()));
        View { state, table, tab, key, source, mode, unwritten }
    }

    pub fn get_untracked(&self) -> ViewState {
        self.source.get_untracked()
    }

    /// Changes the view from what it is now, and writes it to the URL as the mode allows: a new
    /// entry in the next task, a replacement (typing in the search box) a moment later, once for a
    /// run of keystrokes. What is still unwritten is written before a new entry, into the entry
    /// it belongs to.
    pub fn update(&self, history: History, change: impl FnOnce(&mut ViewState)) {
        let mut to = self.source.get_untracked();
        change(&mut to);
        self.set(history, to);
    }

    /// [`View::update`]'s work after the change, in one compiled copy for every caller.
    #[inline(never)]
    fn set(&self, history: History, to: ViewState) {
        if history == History::Push {
            self.write();
        }
        if self.mode != UrlMode::Off && self.unwritten.get_value().is_none() {
            let view = *self;
            let after = if history == History::Push { std::time::Duration::ZERO } else { WRITE_AFTER };
            set_timeout(move || view.write(), after);
            self.unwritten.set_value(Some(history));
        }
        self.source.set(to);
    }

    /// Writes a change not yet written, if any (also after the console is gone: then nothing).
    fn write(&self) {
        let Some(Some(history)) = self.unwritten.try_update_value(std::mem::take) else { return };
        let Some(view) = self.source.try_get_untracked() else { return };
        url::set_search(&with_view(&url::search(), &view, self.mode), history == History::Push);
    }
}
