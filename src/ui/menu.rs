//! An open menu (`role="menu"`) under the button that opened it: arrows, Home/End, Enter and
//! Escape work inside, Tab or focus leaving it closes it. The button and whether the menu is open
//! are its owner's: a table keeps one "which menu is open" for all its rows, so a row costs a
//! button, not a menu.

use super::effect::effect;
use crate::browser::dom::active_element;
use leptos::ev::{FocusEvent, KeyboardEvent};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// One entry of a menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MenuItem {
    pub label: &'static str,
    /// Shown in the danger colour (Delete).
    pub danger: bool,
    /// After it is chosen focus goes back to the menu button (nothing else takes it, such as a dialog).
    pub refocus: bool,
}

fn item_elements(menu: &web_sys::Element) -> Vec<HtmlElement> {
    let Ok(list) = menu.query_selector_all("[role=menuitem]") else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect()
}

/// The open menu.
#[component]
pub fn MenuList(
    /// Its accessible name (the button's: "Actions for backup").
    label: String,
    /// The id of the button that opened it (focus moving there does not close it: the button toggles).
    anchor: String,
    /// The entries.
    items: Vec<MenuItem>,
    /// Focus starts at the last entry (the menu was opened with ArrowUp).
    #[prop(optional)]
    focus_last: bool,
    /// An entry was chosen: its index.
    on_pick: Callback<usize>,
    /// It closed without a choice; `true` when focus goes back to the button (Escape).
    on_close: Callback<bool>,
) -> impl IntoView {
    let menu = NodeRef::<Div>::new();
    // Also runs in an animation frame, when the menu may be gone.
    let focus_item = move |index: i32| {
        if let Some(m) = menu.try_get_untracked().flatten() {
            let list = item_elements(&m);
            if !list.is_empty() {
                let _ = list[index.rem_euclid(list.len() as i32) as usize].focus();
            }
        }
    };
    effect(move || {
        if menu.get().is_some() {
            request_animation_frame(move || focus_item(if focus_last { -1 } else { 0 }));
        }
    });
    // The handlers may run after the menu is gone (focus leaves a removed menu): everything they
    // touch is read with `try_*`.
    let keydown = move |ev: KeyboardEvent| {
        let Some(m) = menu.try_get_untracked().flatten() else { return };
        let list = item_elements(&m);
        let active = active_element(&m);
        let current = list.iter().position(|el| active.as_ref() == Some(el.unchecked_ref())).unwrap_or(0) as i32;
        match ev.key().as_str() {
            "ArrowDown" => focus_item(current + 1),
            "ArrowUp" => focus_item(current - 1),
            "Home" => focus_item(0),
            "End" => focus_item(-1),
            "Escape" => {
                on_close.try_run(true);
            }
            "Tab" => {
                on_close.try_run(false);
                return;
            }
            _ => return,
        }
        ev.prevent_default();
    };
    // Focus leaving the menu (a click elsewhere) closes it; to its button, the button decides.
    let focusout = move |ev: FocusEvent| {
        let Some(m) = menu.try_get_untracked().flatten() else { return };
        let to = ev.related_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let inside = to.as_ref().is_some_and(|n| m.contains(Some(n)) || n.id() == anchor);
        if !inside {
            on_close.try_run(false);
        }
    };
    view! {
        <div
            class="uk-menu__list"
            role="menu"
            aria-label=label
            node_ref=menu
            on:keydown=keydown
            on:focusout=focusout
        >
            {items
                .into_iter()
                .enumerate()
                .map(|(index, item)| {
                    view! {
                        <button
                            type="button"
                            role="menuitem"
                            tabindex="-1"
                            class="uk-menu__item"
                            class:uk-menu__item--danger=item.danger
                            on:click=move |_| {
                                on_pick.try_run(index);
                            }
                        >
                            {item.label}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
