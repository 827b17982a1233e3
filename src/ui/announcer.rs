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

/// The two live regions (polite and assertive) the announcer writes into. Rendered once, by the root.
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
