//! A copy button that says when it copied, and says so when it could not.

use crate::clipboard::{system_copier, Copier, CopyOutcome};
use leptos::prelude::*;
use leptos::task::spawn_local;
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

/// `what` names the value for the accessible name and the message ("secret key", "access key ID of x").
/// `on_copied` runs after a real copy.
#[component]
pub fn CopyButton(
    #[prop(into)] value: Signal<String>,
    #[prop(into)] what: String,
    #[prop(optional)] copier: Option<Copier>,
    #[prop(optional, into)] on_copied: Option<Callback<()>>,
    /// Both ways of copying failed: the owner selects the value so Ctrl+C works.
    #[prop(optional, into)]
    on_failed: Option<Callback<()>>,
) -> impl IntoView {
    let copier = copier.unwrap_or(system_copier);
    let state = RwSignal::new(CopyState::Idle);
    let label = format!("Copy {what}");
    let what_msg = what.clone();
    let click = move |_| {
        if state.get_untracked() == CopyState::Copying {
            return;
        }
        state.set(CopyState::Copying);
        let text = value.get_untracked();
        spawn_local(async move {
            let outcome = copier(text).await;
            // The button may have gone (the reveal closed) while the copy ran.
            if state.try_set(CopyState::Done(outcome)).is_some() {
                return;
            }
            let callback = if outcome.copied() { on_copied } else { on_failed };
            if let Some(cb) = callback {
                cb.run(());
            }
            set_timeout(
                move || {
                    if state.try_get_untracked() == Some(CopyState::Done(outcome)) {
                        state.try_set(CopyState::Idle);
                    }
                },
                Duration::from_millis(if outcome.copied() { 2500 } else { 8000 }),
            );
        });
    };
    let status = move || match state.get() {
        CopyState::Done(CopyOutcome::Copied) => format!("Copied {what_msg} to the clipboard."),
        CopyState::Done(CopyOutcome::CopiedByFallback) => format!(
            "Copied {what_msg} to the clipboard through a selection (the browser refused the Clipboard API)."
        ),
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
