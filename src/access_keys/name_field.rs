//! The "Key Name" field: checked with the shared rules as the person types.

use crate::api::ApiError;
use crate::browser::dom::use_root;
use keys_api::{validate_key_name, NAME_MAX};
use leptos::html::Input;
use leptos::prelude::*;

/// The message to show under the field, if any. Nothing is shown for the untouched suggestion.
pub fn name_message(name: &str) -> Option<String> {
    validate_key_name(name).err().map(|e| e.to_string())
}

/// What to say about a create that failed. A create that timed out or lost its connection may
/// still have happened on the server, with a secret no one will see: the person is told so.
pub fn create_failure(error: &ApiError) -> String {
    match error {
        ApiError::Timeout(_) | ApiError::Network => format!(
            "{error} The key may have been created anyway: if it appears in the table, delete it \
             (its secret cannot be shown) and create a new one."
        ),
        _ => error.to_string(),
    }
}

/// The key name input with its rules, and the server's word on the last create.
#[component]
pub fn KeyNameField(
    /// The name typed (kept by the owner, so it survives closing the drawer).
    name: RwSignal<String>,
    /// Why the last create with this name failed; cleared when the name changes.
    server_error: RwSignal<Option<ApiError>>,
    /// The input element, for the owner to focus.
    #[prop(optional)]
    input_ref: NodeRef<Input>,
    /// The input is disabled (while creating).
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let message = Memo::new(move |_| name.with(|n| name_message(n)));
    let shown = move || message.get().or_else(|| server_error.with(|e| e.as_ref().map(create_failure)));
    let invalid = move || shown().is_some();
    view! {
        <div class="uk-field">
            <label class="uk-field__label" for=use_root().id("key-name")>
                "Key Name" <span class="uk-required" aria-hidden="true">"*"</span>
            </label>
            <input
                id=use_root().id("key-name")
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
                aria-describedby=format!("{} {}", use_root().id("key-name-hint"), use_root().id("key-name-msg"))
                prop:value=move || name.get()
                prop:disabled=move || disabled.get()
                node_ref=input_ref
                on:input=move |ev| {
                    name.set(event_target_value(&ev));
                    server_error.set(None);
                }
            />
            <p id=use_root().id("key-name-hint") class="uk-field__hint">
                "3 to 64 characters: letters, digits, _ and -, starting with a letter or digit."
            </p>
            <p id=use_root().id("key-name-msg") class="uk-field__error" data-testid="key-name-message">
                {shown}
            </p>
        </div>
    }
}
