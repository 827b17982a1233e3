//! The console's root element and focus handling inside it. Everything the console looks up or
//! appends goes through its own root, never the whole document, so a host page's elements are
//! never touched.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// The console's root element (`div.utho-keys`), given to every component as context, and the
/// prefix of every id inside it: `uk-` for the first console of a document, `uk2-`, `uk3-`… for
/// more consoles in the same document, so two consoles on a page never share an id.
#[derive(Clone, Copy)]
pub struct ConsoleRoot {
    pub node: NodeRef<Div>,
    pub prefix: &'static str,
}

impl ConsoleRoot {
    /// The root element; `None` before it is rendered or once the console is gone.
    pub fn element(&self) -> Option<Element> {
        self.node.try_get_untracked().flatten().map(Into::into)
    }

    /// The id of the console's element called `name` ("create-title" → "uk-create-title").
    pub fn id(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// The element with this id inside the console.
    pub fn find(&self, id: &str) -> Option<HtmlElement> {
        self.element()?.query_selector(&format!("[id='{id}']")).ok().flatten()?.dyn_into().ok()
    }

    /// Focuses the element with this id inside the console, if it is there.
    pub fn focus(&self, id: &str) -> bool {
        self.find(id).is_some_and(|el| el.focus().is_ok())
    }
}

/// Selects the text of the console's element with this id (after a refused copy, so Ctrl+C works).
pub fn select_text(root: ConsoleRoot, id: &str) {
    if let (Some(el), Some(selection)) = (root.find(id), window().get_selection().ok().flatten()) {
        let _ = selection.select_all_children(&el);
    }
}

/// The console's root; outside a console (a component mounted on its own, in a test) a root
/// without an element and with the first console's prefix.
pub fn use_root() -> ConsoleRoot {
    use_context::<ConsoleRoot>().unwrap_or_else(|| ConsoleRoot { node: NodeRef::new(), prefix: "uk-" })
}

const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), \
     textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// The visible, focusable elements inside `root`, in document order.
fn focusables(root: &Element) -> Vec<HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .filter(|el| el.offset_parent().is_some())
        .collect()
}

/// The element that has focus: inside a shadow root, the shadow root's own.
pub fn active_element(near: &Element) -> Option<Element> {
    let root = near.get_root_node();
    match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => near.owner_document()?.active_element(),
    }
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
pub fn trap_tab(ev: &KeyboardEvent, root: &Element) {
    let items = focusables(root);
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        ev.prevent_default();
        return;
    };
    let active = active_element(root);
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

/// Focuses the first of: the element with id `explicit`, `previous` (if still on the page),
/// the element with id `fallback` (ids in full, prefix included).
pub fn restore_focus(root: ConsoleRoot, explicit: Option<&str>, previous: Option<Element>, fallback: &str) {
    // Once the console is gone, focus is the host's business.
    if root.element().is_none() {
        return;
    }
    let target = explicit
        .and_then(|id| root.find(id))
        .or_else(|| previous.filter(|p| p.is_connected()).and_then(|p| p.dyn_into().ok()))
        .or_else(|| root.find(fallback));
    if let Some(el) = target {
        let _ = el.focus();
    }
}
