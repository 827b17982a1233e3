//! Accessible modal dialogs: a labelled `role="dialog"` with `aria-modal`, focus moved in on open,
//! Tab kept inside, Escape and a click outside reported to the owner (who may refuse to close),
//! focus returned on close.
//!
//! - [`Drawer`]: slides in from the right; [`DrawerHeader`] and [`DrawerBody`] go inside it.
//! - [`Modal`]: a centred dialog for short confirmations.

use super::effect::effect;
use crate::browser::dom::{active_element, focus_first, restore_focus, trap_tab, use_root};
use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use web_sys::KeyboardEvent;

/// Where focus goes when a dialog closes and nothing better is on the page (an id's name).
const FALLBACK_FOCUS: &str = "create-key";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Placement {
    Side,
    Centre,
}

/// The shared part of [`Drawer`] and [`Modal`].
fn dialog(
    placement: Placement,
    labelled_by: String,
    on_dismiss: Callback<()>,
    return_focus: Option<String>,
    children: Children,
) -> impl IntoView {
    let root = use_root();
    let panel = NodeRef::<Div>::new();
    let previous = SendWrapper::new(root.element().and_then(|r| active_element(&r)));
    on_cleanup(move || {
        let previous = previous.take();
        let fallback = root.id(FALLBACK_FOCUS);
        request_animation_frame(move || restore_focus(root, return_focus.as_deref(), previous, &fallback));
    });
    effect(move || {
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
    let class = match placement {
        Placement::Side => "uk-drawer",
        Placement::Centre => "uk-modal",
    };
    view! {
        <div class="uk-backdrop" on:click=move |_| on_dismiss.run(()) data-testid="drawer-backdrop"></div>
        <div class=class role="dialog" aria-modal="true" aria-labelledby=labelled_by node_ref=panel on:keydown=keydown>
            {children()}
        </div>
    }
}

/// A modal drawer on the right of the page. Put a [`DrawerHeader`] and a [`DrawerBody`] in it.
#[component]
pub fn Drawer(
    /// The id of the element that names the dialog (the header's `title_id`).
    labelled_by: String,
    /// Escape or a click outside. The owner decides whether that closes the drawer.
    on_dismiss: Callback<()>,
    /// The id of the element to focus when the drawer closes (default: what had focus before).
    #[prop(optional, into)]
    return_focus: Option<String>,
    /// The drawer's header and body.
    children: Children,
) -> impl IntoView {
    dialog(Placement::Side, labelled_by, on_dismiss, return_focus, children)
}

/// A centred modal dialog for a short confirmation; its content lays itself out.
#[component]
pub fn Modal(
    /// The id of the element that names the dialog.
    labelled_by: String,
    /// Escape or a click outside. The owner decides whether that closes the dialog.
    on_dismiss: Callback<()>,
    /// The id of the element to focus when the dialog closes (default: what had focus before).
    #[prop(optional, into)]
    return_focus: Option<String>,
    /// The dialog's content, its title with the `labelled_by` id among it.
    children: Children,
) -> impl IntoView {
    dialog(Placement::Centre, labelled_by, on_dismiss, return_focus, children)
}

/// A drawer's title and its close button.
#[component]
pub fn DrawerHeader(
    /// The title's id: the drawer's `labelled_by`.
    title_id: String,
    /// What the close button does. Without it there is no close button.
    #[prop(optional)]
    on_close: Option<Callback<()>>,
    /// Whether the close button is shown (default: always).
    #[prop(optional, into)]
    close_shown: Option<Signal<bool>>,
    /// Whether the close button is disabled (default: never).
    #[prop(optional, into)]
    close_disabled: Option<Signal<bool>>,
    /// The title's text.
    children: Children,
) -> impl IntoView {
    let close = on_close.map(|on_close| {
        let shown = move || close_shown.is_none_or(|s| s.get());
        let disabled = move || close_disabled.is_some_and(|s| s.get());
        view! {
            <Show when=shown>
                <button
                    type="button"
                    class="uk-drawer__close"
                    aria-label="Close"
                    prop:disabled=disabled
                    on:click=move |_| on_close.run(())
                >
                    "×"
                </button>
            </Show>
        }
    });
    view! {
        <header class="uk-drawer__header">
            <h2 id=title_id class="uk-drawer__title">{children()}</h2>
            {close}
        </header>
    }
}

/// A drawer's scrolling content.
#[component]
pub fn DrawerBody(
    /// The content.
    children: Children,
) -> impl IntoView {
    view! { <div class="uk-drawer__body">{children()}</div> }
}
