//! Outcomes announced to screen readers through aria-live regions.

use leptos::prelude::*;

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

    fn set(signal: RwSignal<String>, message: String) {
        // The same text twice in a row would not be read again: alternate a trailing no-break space.
        let previous = signal.get_untracked();
        let message = if previous.trim_end_matches('\u{a0}') == message && !previous.ends_with('\u{a0}') {
            format!("{message}\u{a0}")
        } else {
            message
        };
        signal.set(message);
    }

    pub fn say(&self, message: impl Into<String>) {
        Self::set(self.polite, message.into());
    }

    pub fn alert(&self, message: impl Into<String>) {
        Self::set(self.assertive, message.into());
    }
}

pub fn use_announcer() -> Announcer {
    expect_context::<Announcer>()
}

#[component]
pub fn LiveRegions() -> impl IntoView {
    let a = use_announcer();
    view! {
        <div class="uk-sr-only" role="status" aria-live="polite" data-testid="announce-polite">
            {move || a.polite.get()}
        </div>
        <div class="uk-sr-only" role="alert" aria-live="assertive" data-testid="announce-assertive">
            {move || a.assertive.get()}
        </div>
    }
}
