//! The one-time reveal of a new key's secret: masked until asked, copyable with a copy that tells
//! the truth, downloadable as ready-to-use files, with the endpoint to use. It closes only through
//! "I have saved my secret key", asks once more if nothing was copied or downloaded, and makes the
//! browser warn before the page is left while it is open.

use super::announcer::use_announcer;
use super::copy_button::CopyButton;
use crate::credentials::{test_command, Creds, Format};
use crate::download::download_text;
use keys_api::{DataCentre, SecretKey};
use leptos::ev::BeforeUnloadEvent;
use leptos::html::{Button, Code, H3};
use leptos::prelude::*;

/// A key just created, with the only copy of its secret the console will ever have.
/// Dropping it (when the reveal closes) overwrites the secret's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewKey {
    pub name: String,
    pub accesskey: String,
    pub secret: SecretKey,
}

/// True while a reveal is on screen: the app asks before moving away from it.
#[derive(Clone, Copy)]
pub struct RevealOpen(pub RwSignal<bool>);

const MASK: &str = "••••••••••••••••••••••••••••••••••••";

#[component]
pub fn Reveal(key: NewKey, dc: Option<DataCentre>, on_saved: Callback<()>) -> impl IntoView {
    let announcer = use_announcer();
    let heading = NodeRef::<H3>::new();
    let secret_el = NodeRef::<Code>::new();
    let go_back = NodeRef::<Button>::new();
    let shown = RwSignal::new(false);
    // Copied or downloaded: the person has the secret somewhere.
    let kept = RwSignal::new(false);
    let asking = RwSignal::new(false);

    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            request_animation_frame(move || {
                let _ = h.focus();
            });
        }
    });
    // Reloading, closing the tab or following a link out triggers the browser's leave-page warning.
    let unload = window_event_listener(leptos::ev::beforeunload, |ev: BeforeUnloadEvent| {
        ev.prevent_default();
        ev.set_return_value("The secret key is shown only once. Leave anyway?");
    });
    if let Some(open) = use_context::<RevealOpen>() {
        open.0.set(true);
        on_cleanup(move || {
            open.0.try_set(false);
        });
    }
    on_cleanup(move || unload.remove());

    let NewKey { name, accesskey, secret } = key;
    let secret = StoredValue::new(secret);
    let secret_value = Signal::derive(move || secret.with_value(|s| s.expose().to_string()));
    let select_secret = move || {
        shown.set(true);
        request_animation_frame(move || {
            if let (Some(el), Some(sel)) = (secret_el.get_untracked(), window().get_selection().ok().flatten()) {
                let _ = sel.select_all_children(&el);
            }
        });
    };
    let downloads = dc.clone().map(|dc| {
        let dc = StoredValue::new(dc);
        let (name, accesskey) = (StoredValue::new(name.clone()), StoredValue::new(accesskey.clone()));
        Format::ALL
            .into_iter()
            .map(move |f| {
                let click = move |_| {
                    let file = name.with_value(|n| f.file_name(n));
                    let text = secret.with_value(|s| {
                        dc.with_value(|dc| {
                            f.render(&Creds { name: &name.get_value(), access_key: &accesskey.get_value(), secret_key: s.expose(), dc })
                        })
                    });
                    match download_text(&file, f.mime(), &text) {
                        Ok(()) => {
                            kept.set(true);
                            announcer.say(format!("Downloaded {file}."));
                        }
                        Err(_) => announcer.alert(format!("Could not download {file}. Copy the values instead.")),
                    }
                };
                view! {
                    <li>
                        <button type="button" class="uk-btn uk-btn--secondary uk-btn--small" on:click=click>
                            {format!("Download {}", f.label())}
                        </button>
                    </li>
                }
            })
            .collect_view()
    });
    let connection = dc.map(|dc| {
        let command = test_command(&name, &dc);
        view! {
            <section class="uk-connection" aria-labelledby="uk-conn-title">
                <h4 id="uk-conn-title" class="uk-connection__title">"Connect"</h4>
                <dl class="uk-facts">
                    <dt>"Endpoint"</dt>
                    <dd><code data-testid="conn-endpoint">{dc.s3_endpoint.clone()}</code></dd>
                    <dt>"Region"</dt>
                    <dd><code data-testid="conn-region">{dc.region.clone()}</code></dd>
                    <dt>"Addressing style"</dt>
                    <dd>{format!("Path ({}/bucket) or virtual-hosted (https://bucket.{}); signature v4", dc.s3_endpoint, crate::credentials::endpoint_host(&dc.s3_endpoint))}</dd>
                    <dt>"Test from a terminal"</dt>
                    <dd class="uk-facts__id">
                        <code class="uk-command" data-testid="conn-command">{command.clone()}</code>
                        <CopyButton value=Signal::stored(command) what="test command" />
                    </dd>
                </dl>
                <p class="uk-field__hint">"The test command uses the AWS CLI profile from the download above."</p>
            </section>
        }
    });
    let saved = move |_| {
        if kept.get_untracked() {
            on_saved.run(());
        } else {
            asking.set(true);
            announcer.alert("You have not copied or downloaded the secret key. It cannot be shown again.");
            request_animation_frame(move || {
                if let Some(b) = go_back.get_untracked() {
                    let _ = b.focus();
                }
            });
        }
    };

    view! {
        <section class="uk-reveal" aria-labelledby="uk-reveal-title" data-testid="reveal">
            <h3 id="uk-reveal-title" class="uk-reveal__title" tabindex="-1" node_ref=heading>
                "Access key “" {name.clone()} "” created"
            </h3>
            <p class="uk-reveal__warning">
                <strong>"Save the secret key now."</strong>
                " This is the only time it is shown: it cannot be shown again. If you lose it, create a new key."
            </p>
            <div class="uk-cred">
                <span class="uk-cred__label" id="uk-cred-access">"Access Key"</span>
                <code class="uk-cred__value" aria-labelledby="uk-cred-access" data-testid="reveal-access-key">
                    {accesskey.clone()}
                </code>
                <CopyButton value=Signal::stored(accesskey.clone()) what="access key" />
            </div>
            <div class="uk-cred">
                <span class="uk-cred__label" id="uk-cred-secret">"Secret Key"</span>
                <code
                    class="uk-cred__value"
                    class:uk-cred__value--masked=move || !shown.get()
                    aria-labelledby="uk-cred-secret"
                    data-testid="reveal-secret-key"
                    node_ref=secret_el
                >
                    {move || if shown.get() { secret.with_value(|s| s.expose().to_string()) } else { MASK.to_string() }}
                </code>
                <div class="uk-cred__actions">
                    <button
                        type="button"
                        class="uk-btn uk-btn--secondary uk-btn--small"
                        aria-pressed=move || shown.get().to_string()
                        on:click=move |_| shown.update(|s| *s = !*s)
                    >
                        {move || if shown.get() { "Hide secret" } else { "Show secret" }}
                    </button>
                    <CopyButton
                        value=secret_value
                        what="secret key"
                        on_copied=Callback::new(move |_| kept.set(true))
                        on_failed=Callback::new(move |_| select_secret())
                    />
                </div>
            </div>
            {downloads.map(|items| view! {
                <section class="uk-downloads" aria-labelledby="uk-dl-title">
                    <h4 id="uk-dl-title" class="uk-connection__title">"Download credentials"</h4>
                    <ul class="uk-downloads__list">{items}</ul>
                </section>
            })}
            {connection}
            <Show when=move || asking.get()>
                <div class="uk-alert uk-alert--danger" role="alert" data-testid="reveal-guard">
                    <p class="uk-alert__title">"You have not copied or downloaded the secret key. It cannot be shown again."</p>
                    <div class="uk-offer">
                        <button type="button" class="uk-btn uk-btn--primary" node_ref=go_back on:click=move |_| asking.set(false)>
                            "Go back"
                        </button>
                        <button type="button" class="uk-btn uk-btn--secondary" on:click=move |_| on_saved.run(())>
                            "Close anyway"
                        </button>
                    </div>
                </div>
            </Show>
            <button type="button" class="uk-btn uk-btn--primary uk-btn--block" on:click=saved>
                "I have saved my secret key"
            </button>
        </section>
    }
}
