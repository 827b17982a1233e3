//! Outcomes announced to screen readers through aria-live regions.

use super::effect::effect;
use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Copy)]
pub struct Announcer {
    polite: RwSignal<String>,
    assertive: RwSignal<String>,
}

impl Default for Announcer {
    fn default() -> Self {
        Self::new()
    }
}

impl Announcer {
    pub fn new() -> Self {
        Announcer { polite: RwSignal::new(String::new()), assertive: RwSignal::new(String::new()) }
    }

    /// Safe to call at any time, also after an `.await` when the console may be gone.
    fn set(signal: RwSignal<String>, message: String) {
        // The same text twice in a row would not be read again: alternate a trailing no-break space.
        signal.try_update(|previous| {
            let again = previous.trim_end_matches('\u{a0}') == message && !previous.ends_with('\u{a0}');
            *previous = if again { format!("{message}\u{a0}") } else { message };
        });
    }

    pub fn say(&self, message: impl Into<String>) {
        Self::set(self.polite, message.into());
    }

    pub fn alert(&self, message: impl Into<String>) {
        Self::set(self.assertive, message.into());
    }
}

/// The console's announcer (provided by the root).
pub fn use_announcer() -> Announcer {
    expect_context::<Announcer>()
}

/// How long a message stays in its live region: long enough to be read, short enough that an old
/// message is not found there later (by a screen reader's review of the page, or a test).
const CLEAR_AFTER: Duration = Duration::from_secs(8);

/// Empties `region` a while after each message, unless a newer one came.
fn clear_later(region: RwSignal<String>) {
    let timer = StoredValue::new(None::<TimeoutHandle>);
    effect(move || {
        let message = region.get();
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        if message.is_empty() {
            return;
        }
        let handle = set_timeout_with_handle(
            move || {
                region.try_maybe_update(|m| {
                    let same = *m == message;
                    if same {
                        m.clear();
                    }
                    (same, ())
                });
            },
            CLEAR_AFTER,
        );
        timer.set_value(handle.ok());
    });
    on_cleanup(move || {
        if let Some(t) = timer.try_get_value().flatten() {
            t.clear();
        }
    });
}

/// The two live regions (polite and assertive) the announcer writes into. Rendered once, by the root.
#[component]
pub fn LiveRegions() -> impl IntoView {
    let a = use_announcer();
    clear_later(a.polite);
    clear_later(a.assertive);
    view! {
        <div class="uk-sr-only" role="status" aria-live="polite" data-testid="announce-polite">
            {move || a.polite.get()}
        </div>
        <div class="uk-sr-only" role="alert" aria-live="assertive" data-testid="announce-assertive">
            {move || a.assertive.get()}
        </div>
    }
}
