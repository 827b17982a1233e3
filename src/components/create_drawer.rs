//! The "Create Access Key" drawer: the name form, then the one-time reveal.

use super::announcer::use_announcer;
use super::dialog::Drawer;
use super::name_field::{name_message, KeyNameField};
use super::reveal::{NewKey, Reveal};
use super::object_storage::DataCentres;
use crate::api::{ApiClient, ApiError};
use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;

#[component]
pub fn CreateKeyDrawer(
    #[prop(into)] dc: Signal<String>,
    /// Lives with the page, so a name typed before closing the drawer is still there when it reopens.
    name: RwSignal<String>,
    /// The drawer asks to close (after the reveal, or when dismissed from the form).
    on_close: Callback<()>,
    /// A key was created: its access key ID.
    on_created: Callback<String>,
    /// Creating failed (the list is reloaded: a timed-out create may have happened).
    on_failed: Callback<()>,
) -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let announcer = use_announcer();
    let server_error = RwSignal::new(None::<String>);
    let reveal = RwSignal::new(None::<NewKey>);
    let input_ref = NodeRef::<Input>::new();

    let create = Action::new_local(move |name: &String| {
        let (client, dc, name) = (client.clone(), dc.get_untracked(), name.clone());
        async move {
            client.create_key(&dc, &name).await.map(|r| NewKey {
                name,
                accesskey: r.accesskey.clone(),
                secret: r.secretkey.clone(),
            })
        }
    });
    let pending = create.pending();

    let focus_input = move || {
        if let Some(input) = input_ref.get_untracked() {
            let _ = input.focus();
        }
    };

    // Move the outcome out of the action at once, so the secret lives only in `reveal`.
    Effect::new(move |_| {
        if create.value().with(Option::is_none) {
            return;
        }
        let Some(result) = create.value().try_update(Option::take).flatten() else { return };
        match result {
            Ok(key) => {
                announcer.say(format!(
                    "Access key {} created. Copy the secret key now: it is shown only once.",
                    key.name
                ));
                on_created.run(key.accesskey.clone());
                reveal.set(Some(key));
            }
            Err(e) => {
                // A create that timed out may still have happened on the server, with a secret
                // no one will see: say so, and reload the list so the person can check.
                let msg = match e {
                    ApiError::Timeout(_) | ApiError::Network(_) => format!(
                        "{e} The key may have been created anyway: if it appears in the table, delete it \
                         (its secret cannot be shown) and create a new one."
                    ),
                    _ => e.to_string(),
                };
                announcer.alert(format!("The key was not created. {msg}"));
                server_error.set(Some(msg));
                on_failed.run(());
                request_animation_frame(focus_input);
            }
        }
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let value = name.get_untracked();
        if let Some(msg) = name_message(&value) {
            announcer.alert(msg);
            focus_input();
            return;
        }
        server_error.set(None);
        create.dispatch(value);
    };

    let dismiss = Callback::new(move |_| {
        if reveal.with_untracked(Option::is_some) {
            announcer.alert("The secret key is shown only once. Save it, then choose “I have saved my secret key”.");
        } else if pending.get_untracked() {
            announcer.alert("The key is being created. Wait for its secret key.");
        } else {
            on_close.run(());
        }
    });

    let saved = Callback::new(move |_| {
        let key_name = reveal.with_untracked(|r| r.as_ref().map(|k| k.name.clone())).unwrap_or_default();
        // Dropping the NewKey overwrites the secret; the reveal's DOM goes with it.
        reveal.set(None);
        announcer.say(format!("Secret key hidden for good. Key {key_name} is in the table."));
        on_close.run(());
    });

    view! {
        <Drawer labelled_by="uk-create-title" on_dismiss=dismiss>
            <header class="uk-drawer__header">
                <h2 id="uk-create-title" class="uk-drawer__title">"Create Access Key"</h2>
                <Show when=move || reveal.with(Option::is_none)>
                    <button
                        type="button"
                        class="uk-drawer__close"
                        aria-label="Close"
                        prop:disabled=move || pending.get()
                        on:click=move |_| dismiss.run(())
                    >
                        "×"
                    </button>
                </Show>
            </header>
            <div class="uk-drawer__body">
                {move || match reveal.with(|r| r.clone()) {
                    Some(key) => {
                        let dc = expect_context::<DataCentres>().find(&dc.get_untracked());
                        view! { <Reveal key dc on_saved=saved /> }.into_any()
                    }
                    None => view! {
                        <form class="uk-form" on:submit=submit novalidate>
                            <KeyNameField name server_error input_ref disabled=pending.into() />
                            <p class="uk-form__note">
                                "Data centre: " <strong>{move || dc.get()}</strong>
                                ". The secret key is shown once, right after you create the key."
                            </p>
                            <button
                                type="submit"
                                class="uk-btn uk-btn--primary uk-btn--block"
                                prop:disabled=move || pending.get()
                                aria-busy=move || if pending.get() { "true" } else { "false" }
                            >
                                {move || if pending.get() {
                                    view! { <span class="uk-spinner" aria-hidden="true"></span> "Creating key…" }.into_any()
                                } else {
                                    view! { "+ Create Key" }.into_any()
                                }}
                            </button>
                        </form>
                    }.into_any(),
                }}
            </div>
        </Drawer>
    }
}
