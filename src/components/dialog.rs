//! Accessible modal drawers: a labelled `role="dialog"` with `aria-modal`, focus moved in on open,
//! Tab kept inside, Escape and a click outside reported to the owner (who may refuse to close).

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), \
     textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

fn focusables(root: &Element) -> Vec<HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .filter(|el| el.offset_parent().is_some())
        .collect()
}

/// Moves focus to `[data-autofocus]` inside `root`, else its first focusable element.
pub fn focus_first(root: &Element) {
    let target = root
        .query_selector("[data-autofocus]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        .or_else(|| focusables(root).into_iter().next());
    if let Some(el) = target {
        let _ = el.focus();
    }
}

/// Keeps Tab and Shift+Tab cycling inside `root`.
fn trap_tab(ev: &KeyboardEvent, root: &Element) {
    let items = focusables(root);
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        ev.prevent_default();
        return;
    };
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    let inside = active.as_ref().is_some_and(|a| root.contains(Some(a)));
    let at = |el: &HtmlElement| active.as_ref().is_some_and(|a| a == el.unchecked_ref::<Element>());
    if ev.shift_key() && (!inside || at(first)) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && (!inside || at(last)) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

/// Where focus goes when a dialog closes: the element given by id, else the one that had focus
/// when it opened (if still on the page), else the "+ Create Access Key" button.
fn restore_focus(explicit: Option<&str>, previous: Option<Element>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let target = explicit
        .and_then(|id| doc.get_element_by_id(id))
        .or(previous.filter(|p| p.is_connected()))
        .or_else(|| doc.get_element_by_id("uk-create-key"));
    if let Some(el) = target.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// A modal dialog: a right-side drawer, or (`centered`) a dialog in the middle of the page.
#[component]
pub fn Drawer(
    /// The id of the element that names the dialog.
    labelled_by: &'static str,
    /// Escape or a click outside. The owner decides whether that closes the drawer.
    on_dismiss: Callback<()>,
    #[prop(optional)] centered: bool,
    /// The id of the element to focus when the dialog closes (default: what had focus before).
    #[prop(optional, into)]
    return_focus: Option<String>,
    children: Children,
) -> impl IntoView {
    let panel = NodeRef::<Div>::new();
    let previous = send_wrapper::SendWrapper::new(document().active_element());
    on_cleanup(move || {
        let previous = previous.take();
        request_animation_frame(move || restore_focus(return_focus.as_deref(), previous));
    });
    Effect::new(move |_| {
        if let Some(el) = panel.get() {
            request_animation_frame(move || focus_first(&el));
        }
    });
    let keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            on_dismiss.run(());
        }
        "Tab" => {
            if let Some(el) = panel.get_untracked() {
                trap_tab(&ev, &el);
            }
        }
        _ => {}
    };
    view! {
        <div class="uk-backdrop" on:click=move |_| on_dismiss.run(()) data-testid="drawer-backdrop"></div>
        <div
            class=if centered { "uk-modal" } else { "uk-drawer" }
            role="dialog"
            aria-modal="true"
            aria-labelledby=labelled_by
            node_ref=panel
            on:keydown=keydown
        >
            {children()}
        </div>
    }
}
