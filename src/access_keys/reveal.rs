//! The one-time reveal of a new key's secret: masked until asked, copyable with a copy that tells
//! the truth, downloadable as ready-to-use files, with the endpoint to use. It closes only through
//! "I have saved my secret key", asks once more if nothing was copied or downloaded, and makes the
//! browser warn before the page is left while it is open.

use crate::browser::dom::use_root;
use crate::browser::download::{download_text, ObjectUrl};
use crate::state::credentials::{endpoint_host, test_command, Creds, Format, Step};
use crate::store::{use_store, NewKey};
use crate::ui::copy_button::CopyButton;
use crate::ui::effect::effect;
use crate::ui::feedback::{Alert, AlertKind};
use keys_api::{DataCentre, SecretKey};
use leptos::ev::BeforeUnloadEvent;
use leptos::html::{Button, Code, H3};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::cell::RefCell;
use std::rc::Rc;

const MASK: &str = "••••••••••••••••••••••••••••••••••••";

/// The new key's ID and secret, the ways to keep them, and the only way out.
#[component]
pub fn Reveal(
    /// The key with its secret (dropped, and overwritten, when the reveal goes).
    key: NewKey,
    /// The data centre, for the endpoint and region of the downloads (none: no downloads).
    dc: Option<DataCentre>,
    /// "I have saved my secret key" (confirmed when nothing was copied or downloaded).
    on_saved: Callback<()>,
    /// More about the new key, shown under its credentials (how its bucket access went).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let store = use_store();
    let announcer = store.announcer;
    let heading = NodeRef::<H3>::new();
    let go_back = NodeRef::<Button>::new();
    // Copied or downloaded: the person has the secret somewhere.
    let kept = RwSignal::new(false);
    let asking = RwSignal::new(false);

    effect(move || {
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
    store.reveal_open.set(true);
    on_cleanup(move || {
        store.reveal_open.try_set(false);
    });
    on_cleanup(move || unload.remove());

    let NewKey { name, accesskey, secret } = key;
    let secret = StoredValue::new(secret);
    let on_kept = Callback::new(move |_| kept.set(true));
    let downloads = dc.clone().map(|dc| {
        let (name, accesskey) = (name.clone(), accesskey.clone());
        view! { <Downloads name accesskey secret dc on_kept /> }
    });
    let connection = dc.map(|dc| view! { <ConnectPanel name=name.clone() dc /> });
    let saved = move |_| {
        if kept.get_untracked() {
            on_saved.run(());
        } else {
            asking.set(true);
            announcer.alert("You have not copied or downloaded the secret key. It cannot be shown again.");
            request_animation_frame(move || {
                if let Some(b) = go_back.try_get_untracked().flatten() {
                    let _ = b.focus();
                }
            });
        }
    };

    view! {
        <section class="uk-reveal" aria-labelledby=use_root().id("reveal-title") data-testid="reveal">
            <h3 id=use_root().id("reveal-title") class="uk-reveal__title" tabindex="-1" node_ref=heading>
                "Access key “" {name.clone()} "” created"
            </h3>
            <p class="uk-reveal__warning">
                <strong>"Save the secret key now."</strong>
                " This is the only time it is shown: it cannot be shown again. If you lose it, create a new key."
            </p>
            <div class="uk-cred">
                <span class="uk-cred__label" id=use_root().id("cred-access")>"Access Key"</span>
                <code class="uk-cred__value" aria-labelledby=use_root().id("cred-access") data-testid="reveal-access-key">
                    {accesskey.clone()}
                </code>
                <CopyButton value=Signal::stored(accesskey.clone()) what="access key" />
            </div>
            <SecretField secret on_kept />
            {children.map(|c| c())}
            {downloads}
            {connection}
            // The way out stays in view at the bottom of the drawer, however long the reveal.
            <div class="uk-drawer__footer">
            <Show when=move || asking.get()>
                <Alert kind=AlertKind::Danger urgent=true testid="reveal-guard">
                    <p class="uk-alert__title">"You have not copied or downloaded the secret key. It cannot be shown again."</p>
                    <div class="uk-offer">
                        <button type="button" class="uk-btn uk-btn--primary" node_ref=go_back on:click=move |_| asking.set(false)>
                            "Go back"
                        </button>
                        <button type="button" class="uk-btn uk-btn--secondary" on:click=move |_| on_saved.run(())>
                            "Close anyway"
                        </button>
                    </div>
                </Alert>
            </Show>
            <button type="button" class="uk-btn uk-btn--primary uk-btn--block" on:click=saved>
                "I have saved my secret key"
            </button>
            </div>
        </section>
    }
}

/// The credential files of the new key, one button each.
#[component]
fn Downloads(
    /// The key's name (the files are named after it).
    name: String,
    /// The key's access key ID.
    accesskey: String,
    /// The secret, read only when a file is made.
    secret: StoredValue<SecretKey>,
    /// Where the endpoint and region come from.
    dc: DataCentre,
    /// A file was downloaded: the person has the secret somewhere.
    on_kept: Callback<()>,
) -> impl IntoView {
    let announcer = use_store().announcer;
    let root = use_root();
    let (name, accesskey, dc) = (StoredValue::new(name), StoredValue::new(accesskey), StoredValue::new(dc));
    // Object URLs still waiting for their timer: revoked at once if the reveal goes first.
    let pending = SendWrapper::new(Rc::new(RefCell::new(Vec::<ObjectUrl>::new())));
    on_cleanup({
        let pending = pending.clone();
        move || pending.borrow_mut().drain(..).for_each(ObjectUrl::revoke)
    });
    let download = move |f: Format| {
        let file = name.with_value(|n| f.file_name(n));
        let text = secret.with_value(|s| {
            dc.with_value(|dc| {
                f.render(&Creds {
                    name: &name.get_value(),
                    access_key: &accesskey.get_value(),
                    secret_key: s.expose(),
                    dc,
                })
            })
        });
        let saved = root
            .element()
            .ok_or_else(|| wasm_bindgen::JsValue::from_str("no console root"))
            .and_then(|host| download_text(&host, &file, f.mime(), &text));
        match saved {
            Ok(object_url) => {
                pending.borrow_mut().push(object_url);
                on_kept.run(());
                announcer.say(format!("Downloaded {file}."));
            }
            Err(_) => announcer.alert(format!("Could not download {file}. Copy the values instead.")),
        }
    };
    let more = RwSignal::new(false);
    let more_id = use_root().id("more-formats");
    // What to do with a file, beside its button (the commands hold no secret).
    let steps = move |f: Format| {
        name.with_value(|n| dc.with_value(|dc| f.next_steps(n, dc)))
            .into_iter()
            .map(|step| view! { <NextStep step /> })
            .collect_view()
    };
    let button = move |f: Format, class: &'static str| {
        let download = download.clone();
        view! {
            <button type="button" class=class on:click=move |_| download(f)>
                {format!("Download {}", f.label())}
            </button>
        }
    };
    view! {
        <section class="uk-downloads" aria-labelledby=use_root().id("dl-title")>
            <h4 id=use_root().id("dl-title") class="uk-connection__title">"Download credentials"</h4>
            // The .csv and how to import it, then the other formats behind one toggle.
            <div class="uk-downloads__main">{button(Format::Csv, "uk-btn uk-btn--secondary")}</div>
            {steps(Format::Csv)}
            <div class="uk-downloads__main">
                <button
                    type="button"
                    class="uk-btn uk-btn--link"
                    aria-expanded=move || more.get().to_string()
                    aria-controls=more_id.clone()
                    on:click=move |_| more.update(|m| *m = !*m)
                >
                    {move || if more.get() { "Fewer formats" } else { "More formats" }}
                </button>
            </div>
            <ul id=more_id.clone() class="uk-downloads__list" hidden=move || !more.get()>
                {Format::ALL
                    .into_iter()
                    .filter(|f| *f != Format::Csv)
                    .map(|f| view! { <li>{button(f, "uk-btn uk-btn--secondary uk-btn--small")} {steps(f)}</li> })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// What to run once a file is downloaded: what it does, the command and its copy button.
#[component]
fn NextStep(
    /// The step (`credentials::Format::next_steps`).
    step: Step,
) -> impl IntoView {
    let Step { id, text, command, what } = step;
    view! {
        <div class="uk-step">
            <p class="uk-field__hint">{text} ":"</p>
            <div class="uk-step__command">
                <code class="uk-command" data-testid=format!("next-step-{id}")>{command_words(&command)}</code>
                <CopyButton value=Signal::stored(command) what />
            </div>
        </div>
    }
}

/// A command whose words are kept whole (a line may break between words, not inside
/// `--endpoint-url`); only a word longer than a line (a long key name) may break.
fn command_words(command: &str) -> impl IntoView {
    command
        .split(' ')
        .enumerate()
        .map(|(i, w)| {
            let class = if w.chars().count() > 24 { "uk-word uk-word--long" } else { "uk-word" };
            view! { {(i > 0).then_some(" ")}<span class=class>{w.to_string()}</span> }
        })
        .collect_view()
}

/// Where and how to connect: endpoint, region, addressing, and a command to test the key.
#[component]
fn ConnectPanel(
    /// The key's name (the test command uses its AWS CLI profile).
    name: String,
    /// The data centre to connect to.
    dc: DataCentre,
) -> impl IntoView {
    let command = test_command(&name, &dc);
    let words = command_words(&command);
    let addressing = format!(
        "Path ({}/bucket) or virtual-hosted (https://bucket.{}); signature v4",
        dc.s3_endpoint,
        endpoint_host(&dc.s3_endpoint)
    );
    view! {
        <section class="uk-connection" aria-labelledby=use_root().id("conn-title")>
            <h4 id=use_root().id("conn-title") class="uk-connection__title">"Connect"</h4>
            <dl class="uk-facts">
                <dt>"Endpoint"</dt>
                <dd><code data-testid="conn-endpoint">{dc.s3_endpoint.clone()}</code></dd>
                <dt>"Region"</dt>
                <dd><code data-testid="conn-region">{dc.region.clone()}</code></dd>
                <dt>"Addressing style"</dt>
                <dd>{addressing}</dd>
                <dt>"Test from a terminal"</dt>
                <dd class="uk-facts__id">
                    <code class="uk-command" data-testid="conn-command">{words}</code>
                    <CopyButton value=Signal::stored(command) what="test command" />
                </dd>
            </dl>
            <p class="uk-field__hint">"The test command uses the AWS CLI profile from the download above."</p>
        </section>
    }
}

/// The secret: masked until shown, copyable; when no copy works it is shown selected.
#[component]
fn SecretField(
    /// The secret, read only to show or copy it.
    secret: StoredValue<SecretKey>,
    /// It was copied: the person has the secret somewhere.
    on_kept: Callback<()>,
) -> impl IntoView {
    let secret_el = NodeRef::<Code>::new();
    let shown = RwSignal::new(false);
    let secret_value = Signal::derive(move || secret.with_value(|s| s.expose().to_string()));
    let select_secret = move || {
        shown.set(true);
        request_animation_frame(move || {
            if let (Some(el), Some(sel)) =
                (secret_el.try_get_untracked().flatten(), window().get_selection().ok().flatten())
            {
                let _ = sel.select_all_children(&el);
            }
        });
    };
    view! {
        <div class="uk-cred">
            <span class="uk-cred__label" id=use_root().id("cred-secret")>"Secret Key"</span>
            <code
                class="uk-cred__value"
                class:uk-cred__value--masked=move || !shown.get()
                aria-labelledby=use_root().id("cred-secret")
                data-testid="reveal-secret-key"
                node_ref=secret_el
            >
                {move || if shown.get() {
                    secret.with_value(|s| s.expose().to_string()).into_any()
                } else {
                    view! { <span aria-hidden="true">{MASK}</span> }.into_any()
                }}
            </code>
            // Read aloud, the masked secret is "hidden", not 36 bullets.
            <Show when=move || !shown.get()>
                <span class="uk-sr-only" data-testid="reveal-secret-hidden">"Hidden. Choose Show secret to see it."</span>
            </Show>
            <div class="uk-cred__actions">
                // One idiom: the label says what the button does next (no aria-pressed as well).
                <button
                    type="button"
                    class="uk-btn uk-btn--secondary uk-btn--small"
                    on:click=move |_| shown.update(|s| *s = !*s)
                >
                    {move || if shown.get() { "Hide secret" } else { "Show secret" }}
                </button>
                <CopyButton
                    value=secret_value
                    what="secret key"
                    on_copied=on_kept
                    on_failed=Callback::new(move |_| select_secret())
                />
            </div>
        </div>
    }
}
