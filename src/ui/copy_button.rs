//! A copy button that says when it copied, and says so when it could not.

use super::effect::effect;
use super::write::{start, write, Write};
use crate::browser::clipboard::{copy_text, system_copier, Copier, CopyOutcome};
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

/// The class of a copy button in `state`.
pub fn copy_class(state: CopyState) -> &'static str {
    match state {
        CopyState::Done(o) if !o.copied() => "uk-btn uk-btn--copy uk-btn--warn",
        CopyState::Done(_) => "uk-btn uk-btn--copy uk-btn--ok",
        _ => "uk-btn uk-btn--copy",
    }
}

/// A copy button's content in `state`: its icon and its word. [`CopyButton`] and the key table's
/// rows (drawn as HTML) both show it.
pub fn copy_content_html(state: CopyState) -> String {
    format!(
        "<span aria-hidden=\"true\" class=\"uk-copy__icon\"></span><span class=\"uk-copy__text\">{}</span>",
        state.text()
    )
}

/// What a copy says once done, in words ("Copied access key ID to the clipboard.").
pub fn message(outcome: CopyOutcome, what: &str) -> String {
    match outcome {
        CopyOutcome::Copied => format!("Copied {what} to the clipboard."),
        CopyOutcome::CopiedByFallback => {
            format!("Copied {what} to the clipboard through a selection (the browser refused the Clipboard API).")
        }
        CopyOutcome::Failed => {
            format!(
                "Could not copy {what}: the browser refused the clipboard. It is selected: press Ctrl+C (⌘C on a Mac)."
            )
        }
    }
}

/// How long a button shows the outcome before it says "Copy" again.
fn shown_for(outcome: CopyOutcome) -> Duration {
    Duration::from_millis(if outcome.copied() { 2500 } else { 8000 })
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
    let copy = write();
    let outcome = RwSignal::new(None::<CopyOutcome>);
    let reset = StoredValue::new(None::<TimeoutHandle>);
    on_cleanup(move || {
        if let Some(t) = reset.try_get_value().flatten() {
            t.clear();
        }
    });
    effect(move || {
        let Some(outcome) = outcome.get() else { return };
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
            shown_for(outcome),
        );
        reset.set_value(back.ok());
    });
    let click = move |_| {
        if state.get_untracked() == CopyState::Copying {
            return;
        }
        state.set(CopyState::Copying);
        let copying = copier(value.get_untracked(), root.and_then(|r| r.element()));
        start(copy, async move {
            outcome.try_set(Some(copying.await));
        });
    };
    let status = move || match state.get() {
        CopyState::Done(outcome) => message(outcome, &what_msg),
        _ => String::new(),
    };
    view! {
        <span class="uk-copy">
            <button
                type="button"
                class=move || copy_class(state.get())
                aria-label=label
                on:click=click
                inner_html=move || copy_content_html(state.get())
            ></button>
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

/// One copier for many buttons (the ID buttons of a table's rows): one state saying which button
/// copied last and how it went, one action and one reset timer, instead of each row holding its own.
/// The outcome is said through `announce`; on a failure `on_failed` gets the button's value, to
/// select it so Ctrl+C works.
#[derive(Clone, Copy)]
pub struct SharedCopy {
    state: RwSignal<Option<(String, CopyState)>>,
    copy: Write,
    /// The last copy's value, what it is, and how it went.
    done: RwSignal<Option<(String, String, CopyOutcome)>>,
    root: Option<ConsoleRoot>,
}

impl SharedCopy {
    pub fn new(announce: Callback<String>, on_failed: Callback<String>) -> SharedCopy {
        let root = use_context::<ConsoleRoot>();
        let state = RwSignal::new(None::<(String, CopyState)>);
        let done = RwSignal::new(None::<(String, String, CopyOutcome)>);
        let reset = StoredValue::new(None::<TimeoutHandle>);
        on_cleanup(move || {
            if let Some(t) = reset.try_get_value().flatten() {
                t.clear();
            }
        });
        effect(move || {
            let Some((value, what, outcome)) = done.get() else { return };
            announce.run(message(outcome, &what));
            if !outcome.copied() {
                on_failed.run(value.clone());
            }
            let done = Some((value, CopyState::Done(outcome)));
            state.set(done.clone());
            if let Some(t) = reset.get_value() {
                t.clear();
            }
            let back = set_timeout_with_handle(
                move || {
                    if state.try_with_untracked(|s| *s == done) == Some(true) {
                        state.try_set(None);
                    }
                },
                shown_for(outcome),
            );
            reset.set_value(back.ok());
        });
        SharedCopy { state, copy: write(), done, root }
    }

    /// Copies `value` (unless it is being copied); `what` names it in the message.
    pub fn start(&self, value: String, what: String) {
        if self.state_of(&value) == CopyState::Copying {
            return;
        }
        self.state.set(Some((value.clone(), CopyState::Copying)));
        let (root, done) = (self.root, self.done);
        start(self.copy, async move {
            let outcome = copy_text(value.clone(), root.and_then(|r| r.element())).await;
            done.try_set(Some((value, what, outcome)));
        });
    }

    /// Subscribes the running effect to every button's state.
    pub fn track(&self) {
        self.state.track();
    }

    /// What the button of `value` says now, without subscribing.
    pub fn state_of_untracked(&self, value: &str) -> CopyState {
        untrack(|| self.state_of(value))
    }

    /// What the button of `value` says now.
    fn state_of(&self, value: &str) -> CopyState {
        self.state.with(|s| match s {
            Some((v, state)) if v == value => *state,
            _ => CopyState::Idle,
        })
    }
}
