//! The "Key Name" field: checked with the shared rules as the person types.

use keys_api::{validate_key_name, NAME_MAX};
use leptos::html::Input;
use leptos::prelude::*;

/// The message to show under the field, if any. Nothing is shown for the untouched suggestion.
pub fn name_message(name: &str) -> Option<String> {
    validate_key_name(name).err().map(|e| e.to_string())
}

#[component]
pub fn KeyNameField(
    name: RwSignal<String>,
    /// A message from the server about this name (duplicate, refused); cleared when the name changes.
    server_error: RwSignal<Option<String>>,
    #[prop(optional)] input_ref: NodeRef<Input>,
    #[prop(optional)] disabled: Signal<bool>,
) -> impl IntoView {
    let message = Memo::new(move |_| name.with(|n| name_message(n)));
    let shown = move || message.get().or_else(|| server_error.get());
    let invalid = move || shown().is_some();
    view! {
        <div class="uk-field">
            <label class="uk-field__label" for="uk-key-name">
                "Key Name" <span class="uk-required" aria-hidden="true">"*"</span>
            </label>
            <input
                id="uk-key-name"
                class="uk-input"
                class:uk-input--invalid=invalid
                type="text"
                name="key-name"
                autocomplete="off"
                spellcheck="false"
                required
                data-autofocus
                maxlength=NAME_MAX * 2
                aria-invalid=move || if invalid() { "true" } else { "false" }
                aria-describedby="uk-key-name-hint uk-key-name-msg"
                prop:value=move || name.get()
                prop:disabled=move || disabled.get()
                node_ref=input_ref
                on:input=move |ev| {
                    name.set(event_target_value(&ev));
                    server_error.set(None);
                }
            />
            <p id="uk-key-name-hint" class="uk-field__hint">
                "3 to 64 characters: letters, digits, _ and -, starting with a letter or digit."
            </p>
            <p id="uk-key-name-msg" class="uk-field__error" data-testid="key-name-message">
                {shown}
            </p>
        </div>
    }
}
