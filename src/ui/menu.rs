//! A menu button (`aria-haspopup="menu"`): click, Enter or the arrows open it; arrows, Home/End,
//! Enter and Escape work inside; focus leaving it closes it.

use crate::browser::dom::active_element;
use leptos::ev::{FocusEvent, KeyboardEvent};
use leptos::html::{Button, Div};
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

/// A button that opens a menu of `items`.
#[component]
pub fn MenuButton(
    /// The button's id (dialogs opened from the menu give focus back to it).
    id: String,
    /// The accessible name of the button and of the menu ("Actions for backup").
    label: String,
    /// The items, read each time the menu opens.
    items: Callback<(), Vec<MenuItem>>,
    /// An item was chosen: its index in `items`.
    on_pick: Callback<usize>,
    /// What the button shows.
    children: Children,
) -> impl IntoView {
    let open = RwSignal::new(false);
    // Which item to focus when the menu opens: 0 = first, -1 = last.
    let focus_at = RwSignal::new(0i32);
    let button = NodeRef::<Button>::new();
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
    // When the menu appears, move focus into it.
    Effect::new(move |_| {
        if open.get() && menu.get().is_some() {
            let at = focus_at.get_untracked();
            request_animation_frame(move || focus_item(at));
        }
    });
    let pick = move |index: usize, item: MenuItem| {
        open.set(false);
        if item.refocus {
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
        on_pick.run(index);
    };
    let button_keydown = move |ev: KeyboardEvent| {
        let at = match ev.key().as_str() {
            "ArrowDown" => 0,
            "ArrowUp" => -1,
            _ => return,
        };
        ev.prevent_default();
        focus_at.set(at);
        open.set(true);
    };
    let menu_keydown = move |ev: KeyboardEvent| {
        let Some(m) = menu.get_untracked() else { return };
        let list = item_elements(&m);
        let active = active_element(&m);
        let current = list.iter().position(|el| active.as_ref() == Some(el.unchecked_ref())).unwrap_or(0) as i32;
        match ev.key().as_str() {
            "ArrowDown" => focus_item(current + 1),
            "ArrowUp" => focus_item(current - 1),
            "Home" => focus_item(0),
            "End" => focus_item(-1),
            "Escape" => {
                open.set(false);
                if let Some(b) = button.get_untracked() {
                    let _ = b.focus();
                }
            }
            "Tab" => {
                open.set(false);
                return;
            }
            _ => return,
        }
        ev.prevent_default();
    };
    // Focus leaving the menu (a click elsewhere, Tab) closes it.
    let focusout = move |ev: FocusEvent| {
        let Some(m) = menu.get_untracked() else { return };
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|n| m.contains(Some(&n)) || button.get_untracked().is_some_and(|b| b.contains(Some(&n))));
        if !inside {
            open.set(false);
        }
    };
    let menu_label = label.clone();
    view! {
        <div class="uk-menu">
            <button
                type="button"
                class="uk-menu__button"
                id=id
                aria-label=label
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                node_ref=button
                on:click=move |_| {
                    focus_at.set(0);
                    open.update(|o| *o = !*o);
                }
                on:keydown=button_keydown
            >
                {children()}
            </button>
            <Show when=move || open.get()>
                <div
                    class="uk-menu__list"
                    role="menu"
                    aria-label=menu_label.clone()
                    node_ref=menu
                    on:keydown=menu_keydown
                    on:focusout=focusout
                >
                    {items
                        .run(())
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
                                    on:click=move |_| pick(index, item)
                                >
                                    {item.label}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </Show>
        </div>
    }
}
