//! The "Key Name" field: checked with the shared rules as the person types, every problem listed,
//! and a name already in the list caught before the server is asked (the server still decides).

use crate::api::ApiError;
use crate::browser::dom::use_root;
use keys_api::{name_problems, NAME_MAX};
use leptos::html::Input;
use leptos::prelude::*;

/// Everything wrong with a name, each as a sentence saying what to change (empty when valid).
pub fn name_messages(name: &str) -> Vec<String> {
    name_problems(name).iter().map(ToString::to_string).collect()
}

/// The first problem of a name, if any (what is announced when the form is sent).
pub fn name_message(name: &str) -> Option<String> {
    name_messages(name).into_iter().next()
}

/// What to say when a name is already in the list.
pub fn taken_message(name: &str) -> String {
    format!("An access key named “{name}” already exists in this data centre. Choose another name.")
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

/// The key name input with its rules, and the server's word on the name.
#[component]
pub fn KeyNameField(
    /// The name typed (kept by the owner, so it survives closing the drawer).
    name: RwSignal<String>,
    /// The server's refusal of this name (a duplicate, a rule); cleared when the name changes.
    /// Other failures (a lost connection) are not the name's fault and are shown elsewhere.
    server_error: RwSignal<Option<ApiError>>,
    /// The names already in the loaded list.
    #[prop(optional, into)]
    taken: Option<Signal<Vec<String>>>,
    /// The input element, for the owner to focus.
    #[prop(optional)]
    input_ref: NodeRef<Input>,
    /// The input is disabled (while creating).
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let root = use_root();
    let messages = Memo::new(move |_| {
        let mut list = name.with(|n| name_messages(n));
        if list.is_empty() {
            let n = name.get();
            if taken.is_some_and(|t| t.with(|t| t.contains(&n))) {
                list.push(taken_message(&n));
            } else if let Some(e) = server_error.get() {
                list.push(create_failure(&e));
            }
        }
        list
    });
    let invalid = move || messages.with(|m| !m.is_empty());
    let (hint_id, msg_id) = (root.id("key-name-hint"), root.id("key-name-msg"));
    view! {
        <div class="uk-field">
            <label class="uk-field__label" for=root.id("key-name")>
                "Key Name" <span class="uk-required" aria-hidden="true">"*"</span>
            </label>
            <input
                id=root.id("key-name")
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
                aria-describedby=format!("{hint_id} {msg_id}")
                prop:value=move || name.get()
                prop:disabled=move || disabled.get()
                node_ref=input_ref
                on:input=move |ev| {
                    name.set(event_target_value(&ev));
                    server_error.set(None);
                }
            />
            <p id=hint_id.clone() class="uk-field__hint">
                "3 to 64 characters: letters, digits, _ and -, starting with a letter or digit."
            </p>
            <div id=msg_id.clone() class="uk-field__error" data-testid="key-name-message">
                {move || {
                    let list = messages.get();
                    if list.len() > 1 {
                        view! { <ul class="uk-field__problems">{list.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul> }.into_any()
                    } else {
                        list.into_iter().next().unwrap_or_default().into_any()
                    }
                }}
            </div>
        </div>
    }
}
