//! The view state (tab, data centre, search, sort, page, open key) and how it is changed.
//! It lives in the URL query (see `state::view`): changing it is a navigation.

use crate::state::{Tab, ViewState};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// How a view change enters the browser's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// A new entry: Back returns to the view before (a tab, a sort, a page, a key opened).
    Push,
    /// The same entry (typing in the search box).
    Replace,
}

/// A navigation to a view state.
#[derive(Debug, Clone)]
struct Navigation {
    to: ViewState,
    history: History,
}

#[derive(Clone, Copy)]
pub struct View {
    /// The whole view state, as the URL holds it.
    pub state: Memo<ViewState>,
    /// What the key table shows: the view without the tab and the open key, so switching tabs
    /// (which unmounts the table) or opening details does not recompute the table.
    pub table: Memo<ViewState>,
    navigate: Callback<Navigation>,
}

impl View {
    /// The view of the current URL. Call inside the router.
    pub fn from_router() -> View {
        let query = use_query_map();
        let state = Memo::new(move |_| query.with(|q| ViewState::from_query(|k| q.get(k))));
        let table = Memo::new(move |_| ViewState { tab: Tab::Keys, key: None, ..state.get() });
        let navigate = StoredValue::new_local(use_navigate());
        let location = use_location();
        let navigate = Callback::new(move |nav: Navigation| {
            let href = format!("{}{}", location.pathname.get_untracked(), nav.to.to_query());
            let replace = nav.history == History::Replace;
            navigate.with_value(|go| go(&href, NavigateOptions { replace, scroll: false, ..Default::default() }));
        });
        View { state, table, navigate }
    }

    pub fn get_untracked(&self) -> ViewState {
        self.state.get_untracked()
    }

    /// Changes the view from what it is now.
    pub fn update(&self, history: History, change: impl FnOnce(&mut ViewState)) {
        let mut to = self.state.get_untracked();
        change(&mut to);
        self.navigate.run(Navigation { to, history });
    }
}
