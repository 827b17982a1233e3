//! The "Create Access Key" drawer: the name form, then the one-time reveal.

use super::name_field::{create_failure, name_message, KeyNameField};
use super::reveal::Reveal;
use crate::api::ApiError;
use crate::browser::dom::use_root;
use crate::config::DataCentres;
use crate::store::{use_store, NewKey};
use crate::ui::dialog::{Drawer, DrawerBody, DrawerHeader};
use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;

/// The drawer; it closes through the store (`create_open`).
#[component]
pub fn CreateKeyDrawer() -> impl IntoView {
    let store = use_store();
    let name = store.create_name;
    let server_error = RwSignal::new(None::<ApiError>);
    let reveal = RwSignal::new(None::<NewKey>);
    let input_ref = NodeRef::<Input>::new();
    let create = Action::new_local(move |name: &String| store.create(name.clone()));
    let pending = create.pending();
    let focus_input = move || {
        if let Some(input) = input_ref.try_get_untracked().flatten() {
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
                store
                    .announcer
                    .say(format!("Access key {} created. Copy the secret key now: it is shown only once.", key.name));
                store.after_create();
                reveal.set(Some(key));
            }
            Err(e) => {
                store.announcer.alert(format!("The key was not created. {}", create_failure(&e)));
                server_error.set(Some(e));
                request_animation_frame(focus_input);
            }
        }
    });

    let submit = Callback::new(move |_| {
        if pending.get_untracked() {
            return;
        }
        let value = name.get_untracked();
        if let Some(msg) = name_message(&value) {
            store.announcer.alert(msg);
            focus_input();
            return;
        }
        server_error.set(None);
        create.dispatch(value);
    });
    let close = move || store.create_open.set(false);
    let dismiss = Callback::new(move |_| {
        if reveal.with_untracked(Option::is_some) {
            store
                .announcer
                .alert("The secret key is shown only once. Save it, then choose “I have saved my secret key”.");
        } else if pending.get_untracked() {
            store.announcer.alert("The key is being created. Wait for its secret key.");
        } else {
            close();
        }
    });
    let saved = Callback::new(move |_| {
        let key_name = reveal.with_untracked(|r| r.as_ref().map(|k| k.name.clone())).unwrap_or_default();
        // Dropping the NewKey overwrites the secret; the reveal's DOM goes with it.
        reveal.set(None);
        store.announcer.say(format!("Secret key hidden for good. Key {key_name} is in the table."));
        close();
    });

    view! {
        <Drawer labelled_by=use_root().id("create-title") on_dismiss=dismiss>
            <DrawerHeader
                title_id=use_root().id("create-title")
                on_close=dismiss
                close_shown=Signal::derive(move || reveal.with(Option::is_none))
                close_disabled=pending
            >
                "Create Access Key"
            </DrawerHeader>
            <DrawerBody>
                {move || match reveal.with(|r| r.clone()) {
                    Some(key) => {
                        let dc = expect_context::<DataCentres>().find(&store.dc.get_untracked());
                        view! { <Reveal key dc on_saved=saved /> }.into_any()
                    }
                    None => view! { <CreateForm server_error input_ref pending on_submit=submit /> }.into_any(),
                }}
            </DrawerBody>
        </Drawer>
    }
}

/// The name form: the field, where the key goes, and "+ Create Key".
#[component]
fn CreateForm(
    /// Why the last create failed (shown under the field).
    server_error: RwSignal<Option<ApiError>>,
    /// The name input, for the drawer to focus.
    input_ref: NodeRef<Input>,
    /// A create is running.
    #[prop(into)]
    pending: Signal<bool>,
    /// The form was sent.
    on_submit: Callback<()>,
) -> impl IntoView {
    let store = use_store();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        on_submit.run(());
    };
    view! {
        <form class="uk-form" on:submit=submit novalidate>
            <KeyNameField name=store.create_name server_error input_ref disabled=pending />
            <p class="uk-form__note">
                "Data centre: " <strong>{move || store.dc.get()}</strong>
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
    }
}
