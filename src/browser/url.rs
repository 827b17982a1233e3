//! The page's address, read and written for the view state. Only `history.pushState` /
//! `replaceState` with the same path and hash: the console never navigates, and the history
//! entry's state object (a host router's) is carried over unchanged.

use wasm_bindgen::JsValue;

/// The query string now (`?…` or empty).
pub fn search() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// Puts `search` in the address bar, keeping the path and the hash; `push` adds a history entry.
pub fn set_search(search: &str, push: bool) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let url = format!("{}{}{}", location.pathname().unwrap_or_default(), search, location.hash().unwrap_or_default());
    let Ok(history) = window.history() else { return };
    let state = history.state().unwrap_or(JsValue::NULL);
    let _ = if push {
        history.push_state_with_url(&state, "", Some(&url))
    } else {
        history.replace_state_with_url(&state, "", Some(&url))
    };
}
