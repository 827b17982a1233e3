//! A copy button that says when it copied, and says so when it could not.

use crate::browser::clipboard::{system_copier, Copier, CopyOutcome};
use crate::browser::dom::ConsoleRoot;
use leptos::prelude::*;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyState {
    Idle,
    Copying,
    Done(CopyOutcome),
}

impl CopyState {
    pub fn text(self) -> &'static str {
        match self {
            CopyState::Idle => "Copy",
            CopyState::Copying => "Copying…",
            CopyState::Done(o) if o.copied() => "Copied",
            CopyState::Done(_) => "Copy failed",
        }
    }
}

/// A button that copies a value and says, in words, whether it did.
#[component]
pub fn CopyButton(
    /// The value to copy, read at the click.
    #[prop(into)]
    value: Signal<String>,
    /// Names the value for the accessible name and the message ("secret key", "access key ID of x").
    #[prop(into)]
    what: String,
    /// How to copy (tests pass a fake); the system clipboard by default.
    #[prop(optional)]
    copier: Option<Copier>,
    /// Runs after a real copy.
    #[prop(optional, into)]
    on_copied: Option<Callback<()>>,
    /// Both ways of copying failed: the owner selects the value so Ctrl+C works.
    #[prop(optional, into)]
    on_failed: Option<Callback<()>>,
) -> impl IntoView {
    let copier = copier.unwrap_or(system_copier);
    let root = use_context::<ConsoleRoot>();
    let state = RwSignal::new(CopyState::Idle);
    let label = format!("Copy {what}");
    let what_msg = what.clone();
    // The value is read inside the action, so no copy of it waits in the action's input.
    let copy = Action::new_local(move |_: &()| copier(value.get_untracked(), root.and_then(|r| r.element())));
    let reset = StoredValue::new(None::<TimeoutHandle>);
    on_cleanup(move || {
        if let Some(t) = reset.try_get_value().flatten() {
            t.clear();
        }
    });
    Effect::new(move |_| {
        let Some(outcome) = copy.value().get() else { return };
        state.set(CopyState::Done(outcome));
        let callback = if outcome.copied() { on_copied } else { on_failed };
        if let Some(cb) = callback {
            cb.run(());
        }
        let back = set_timeout_with_handle(
            move || {
                if state.try_get_untracked() == Some(CopyState::Done(outcome)) {
                    state.try_set(CopyState::Idle);
                }
            },
            Duration::from_millis(if outcome.copied() { 2500 } else { 8000 }),
        );
        reset.set_value(back.ok());
    });
    let click = move |_| {
        if state.get_untracked() == CopyState::Copying {
            return;
        }
        state.set(CopyState::Copying);
        copy.dispatch(());
    };
    let status = move || match state.get() {
        CopyState::Done(CopyOutcome::Copied) => format!("Copied {what_msg} to the clipboard."),
        CopyState::Done(CopyOutcome::CopiedByFallback) => {
            format!("Copied {what_msg} to the clipboard through a selection (the browser refused the Clipboard API).")
        }
        CopyState::Done(CopyOutcome::Failed) => format!(
            "Could not copy {what_msg}: the browser refused the clipboard. It is selected: press Ctrl+C (⌘C on a Mac)."
        ),
        _ => String::new(),
    };
    view! {
        <span class="uk-copy">
            <button
                type="button"
                class="uk-btn uk-btn--copy"
                class:uk-btn--ok=move || matches!(state.get(), CopyState::Done(o) if o.copied())
                class:uk-btn--warn=move || state.get() == CopyState::Done(CopyOutcome::Failed)
                aria-label=label
                on:click=click
            >
                <span aria-hidden="true" class="uk-copy__icon"></span>
                <span class="uk-copy__text">{move || state.get().text()}</span>
            </button>
            <span
                class="uk-copy__status"
                class:uk-sr-only=move || !matches!(state.get(), CopyState::Done(CopyOutcome::Failed | CopyOutcome::CopiedByFallback))
                role="status"
                aria-live="polite"
            >
                {status}
            </span>
        </span>
    }
}
