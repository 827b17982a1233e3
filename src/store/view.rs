//! The view state (tab, data centre, search, sort, page, open key) and how it changes. It lives in
//! the URL as far as the [`UrlMode`] allows (see `state::view`): a change writes the address with
//! `history.pushState`/`replaceState`, Back and Forward (`popstate`) read it back.

use crate::browser::url;
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

#[derive(Clone, Copy)]
pub struct View {
    /// The whole view state.
    pub state: Memo<ViewState>,
    /// What the key table shows: the view without the tab and the open key, so switching tabs
    /// (which unmounts the table) or opening details does not recompute the table.
    pub table: Memo<ViewState>,
    source: RwSignal<ViewState>,
    mode: UrlMode,
}

impl View {
    /// The view of the page's URL under `mode`. Listens to Back/Forward until its owner is gone.
    pub fn new(mode: UrlMode) -> View {
        let source = RwSignal::new(view_from(&url::search(), mode));
        if mode != UrlMode::Off {
            let back = window_event_listener(leptos::ev::popstate, move |_| {
                source.try_set(view_from(&url::search(), mode));
            });
            on_cleanup(move || back.remove());
        }
        let state = Memo::new(move |_| source.get());
        let table = Memo::new(move |_| ViewState { tab: Tab::Keys, key: None, ..state.get() });
        View { state, table, source, mode }
    }

    pub fn get_untracked(&self) -> ViewState {
        self.source.get_untracked()
    }

    /// Changes the view from what it is now, and writes it to the URL as the mode allows.
    pub fn update(&self, history: History, change: impl FnOnce(&mut ViewState)) {
        let mut to = self.source.get_untracked();
        change(&mut to);
        if self.mode != UrlMode::Off {
            url::set_search(&with_view(&url::search(), &to, self.mode), history == History::Push);
        }
        self.source.set(to);
    }
}
