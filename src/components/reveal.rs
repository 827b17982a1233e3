//! The one-time reveal of a new key's secret. It closes only through "I have saved my secret key".

use super::copy_button::CopyButton;
use keys_api::SecretKey;
use leptos::html::H3;
use leptos::prelude::*;

/// A key just created, with the only copy of its secret the console will ever have.
/// Dropping it (when the reveal closes) overwrites the secret's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewKey {
    pub name: String,
    pub accesskey: String,
    pub secret: SecretKey,
}

#[component]
pub fn Reveal(key: NewKey, on_saved: Callback<()>) -> impl IntoView {
    let heading = NodeRef::<H3>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            request_animation_frame(move || {
                let _ = h.focus();
            });
        }
    });
    let NewKey { name, accesskey, secret } = key;
    let id_value = Signal::stored(accesskey.clone());
    let secret_text = secret.expose().to_string();
    let secret_value = Signal::derive(move || secret.expose().to_string());
    view! {
        <section class="uk-reveal" aria-labelledby="uk-reveal-title" data-testid="reveal">
            <h3 id="uk-reveal-title" class="uk-reveal__title" tabindex="-1" node_ref=heading>
                "Access key “" {name} "” created"
            </h3>
            <p class="uk-reveal__warning">
                <strong>"Save the secret key now."</strong>
                " This is the only time it is shown: it cannot be shown again. If you lose it, create a new key."
            </p>
            <div class="uk-cred">
                <span class="uk-cred__label" id="uk-cred-access">"Access Key"</span>
                <code class="uk-cred__value" aria-labelledby="uk-cred-access" data-testid="reveal-access-key">
                    {accesskey}
                </code>
                <CopyButton value=id_value what="access key" />
            </div>
            <div class="uk-cred">
                <span class="uk-cred__label" id="uk-cred-secret">"Secret Key"</span>
                <code class="uk-cred__value" aria-labelledby="uk-cred-secret" data-testid="reveal-secret-key">
                    {secret_text}
                </code>
                <CopyButton value=secret_value what="secret key" />
            </div>
            <button
                type="button"
                class="uk-btn uk-btn--primary uk-btn--block"
                on:click=move |_| on_saved.run(())
            >
                "I have saved my secret key"
            </button>
        </section>
    }
}
