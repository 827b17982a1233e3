//! The actions menu of one key row: View details, Suspend/Activate, Rotate, Delete.
//! A menu button (`aria-haspopup="menu"`); arrows, Home/End, Enter and Escape work.

use super::store::{use_store, KeyDialog};
use crate::state::ViewState;
use keys_api::{AccessKey, KeyStatus, StatusAction};
use leptos::ev::{FocusEvent, KeyboardEvent};
use leptos::html::{Button, Div};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Item {
    Details,
    Suspend,
    Activate,
    Rotate,
    Delete,
}

impl Item {
    fn label(self) -> &'static str {
        match self {
            Item::Details => "View details",
            Item::Suspend => "Suspend",
            Item::Activate => "Activate",
            Item::Rotate => "Rotate",
            Item::Delete => "Delete",
        }
    }
}

fn items(menu: &web_sys::Element) -> Vec<HtmlElement> {
    let Ok(list) = menu.query_selector_all("[role=menuitem]") else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect()
}

/// The id of a row's actions button, where focus returns after a dialog opened from the menu.
pub fn actions_button_id(accesskey: &str) -> String {
    format!("uk-actions-{accesskey}")
}

#[component]
pub fn RowMenu(key: AccessKey) -> impl IntoView {
    let store = use_store();
    let open = RwSignal::new(false);
    // Which item to focus when the menu opens: 0 = first, -1 = last.
    let focus_at = RwSignal::new(0i32);
    let button = NodeRef::<Button>::new();
    let menu = NodeRef::<Div>::new();
    let label = format!("Actions for {}", key.name);
    let key = StoredValue::new(key);

    let focus_item = move |index: i32| {
        if let Some(m) = menu.get_untracked() {
            let list = items(&m);
            if list.is_empty() {
                return;
            }
            let i = index.rem_euclid(list.len() as i32) as usize;
            let _ = list[i].focus();
        }
    };
    // When the menu appears, move focus into it.
    Effect::new(move |_| {
        if open.get() && menu.get().is_some() {
            let at = focus_at.get_untracked();
            request_animation_frame(move || focus_item(at));
        }
    });
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    let run = move |item: Item| {
        let status_change = item == Item::Suspend || item == Item::Activate;
        close(status_change);
        let k = key.get_value();
        match item {
            Item::Details => {
                let v = store.view_state.get_untracked();
                store.set_view.run((ViewState { key: Some(k.accesskey), ..v }, false));
            }
            Item::Suspend => store.set_status(k, StatusAction::Disable),
            Item::Activate => store.set_status(k, StatusAction::Enable),
            Item::Rotate => store.dialog.set(Some(KeyDialog::Rotate(k))),
            Item::Delete => store.dialog.set(Some(KeyDialog::Delete(k))),
        }
    };
    let button_keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            focus_at.set(0);
            open.set(true);
        }
        "ArrowUp" => {
            ev.prevent_default();
            focus_at.set(-1);
            open.set(true);
        }
        _ => {}
    };
    let menu_keydown = move |ev: KeyboardEvent| {
        let Some(m) = menu.get_untracked() else { return };
        let list = items(&m);
        let active = document().active_element();
        let current = list.iter().position(|el| active.as_ref() == Some(el.unchecked_ref())).map(|i| i as i32).unwrap_or(0);
        match ev.key().as_str() {
            "ArrowDown" => focus_item(current + 1),
            "ArrowUp" => focus_item(current - 1),
            "Home" => focus_item(0),
            "End" => focus_item(-1),
            "Escape" => close(true),
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
    let menu_items = move || {
        let k = key.get_value();
        let toggle = if store.shown_status(&k) == KeyStatus::Suspended { Item::Activate } else { Item::Suspend };
        [Item::Details, toggle, Item::Rotate, Item::Delete]
    };
    let menu_label = label.clone();
    view! {
        <div class="uk-menu">
            <button
                type="button"
                class="uk-menu__button"
                id=actions_button_id(&key.with_value(|k| k.accesskey.clone()))
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
                <span aria-hidden="true">"⋯"</span>
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
                    {menu_items().into_iter().map(|item| view! {
                        <button
                            type="button"
                            role="menuitem"
                            tabindex="-1"
                            class="uk-menu__item"
                            class:uk-menu__item--danger=item == Item::Delete
                            on:click=move |_| run(item)
                        >
                            {item.label()}
                        </button>
                    }).collect_view()}
                </div>
            </Show>
        </div>
    }
}
