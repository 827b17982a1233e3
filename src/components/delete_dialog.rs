//! Deleting keys: one key (type its name to confirm) or many (type their number).
//! The dialog names what will go, shows which buckets lose access, and suggests suspending instead.

use super::dialog::Drawer;
use super::row_menu::actions_button_id;
use super::store::use_store;
use crate::state::access::reachable;
use keys_api::{AccessKey, KeyStatus, StatusAction};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// "Type … to confirm": the delete button waits for it.
#[component]
fn TypedConfirmation(label: String, typed: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="uk-field">
            <label class="uk-field__label" for="uk-delete-confirm">{label}</label>
            <input
                id="uk-delete-confirm"
                class="uk-input"
                type="text"
                autocomplete="off"
                spellcheck="false"
                data-autofocus
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev))
            />
        </div>
    }
}

/// Cancel, and the delete button: enabled once the confirmation matches, busy while deleting.
#[component]
fn ConfirmActions(dismiss: Callback<()>, ready: Signal<bool>, busy: RwSignal<bool>, label: String) -> impl IntoView {
    view! {
        <div class="uk-modal__actions">
            <button type="button" class="uk-btn uk-btn--secondary" on:click=move |_| dismiss.run(())>"Cancel"</button>
            <button type="submit" class="uk-btn uk-btn--danger" prop:disabled=move || !ready.get() || busy.get()>
                {move || if busy.get() { "Deleting…".to_string() } else { label.clone() }}
            </button>
        </div>
    }
}

#[component]
pub fn DeleteKeyDialog(key: AccessKey, on_close: Callback<()>) -> impl IntoView {
    let store = use_store();
    let typed = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let access = reachable(&store.loaded_buckets(), &key.accesskey);
    let name = key.name.clone();
    let matches = {
        let name = name.clone();
        move || typed.with(|t| t == &name)
    };
    let key = StoredValue::new(key);
    let delete = {
        let matches = matches.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if !matches() || busy.get_untracked() {
                return;
            }
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                let k = key.get_value();
                match store.delete(&k).await {
                    Ok(()) => on_close.run(()),
                    Err(e) => {
                        busy.try_set(false);
                        error.try_set(Some(format!("The key was not deleted. {e}")));
                    }
                }
            });
        }
    };
    let suspend_instead = move |_| {
        store.set_status(key.get_value(), StatusAction::Disable);
        on_close.run(());
    };
    let suspended = key.with_value(|k| store.shown_status(k) == KeyStatus::Suspended);
    let dismiss = Callback::new(move |_| {
        if !busy.get_untracked() {
            on_close.run(());
        }
    });
    let return_to = key.with_value(|k| actions_button_id(&k.accesskey));
    let confirm_label = format!("Type {name} to confirm");
    view! {
        <Drawer labelled_by="uk-delete-title" on_dismiss=dismiss centered=true return_focus=return_to>
            <form class="uk-modal__body" on:submit=delete>
                <h2 id="uk-delete-title" class="uk-drawer__title">{format!("Delete access key {name}?")}</h2>
                <p>"Anything that uses this key loses access at once. This cannot be undone."</p>
                {if access.is_empty() {
                    view! { <p>"This key has no bucket permissions."</p> }.into_any()
                } else {
                    view! {
                        <p>"It can reach these buckets:"</p>
                        <ul class="uk-list">
                            {access.into_iter().map(|a| view! {
                                <li><strong>{a.bucket}</strong>" — "{a.permission.label()}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {(!suspended).then(|| view! {
                    <p class="uk-hint-box">
                        "Not sure nothing uses it? Suspend it instead: access stops, and you can activate it again. "
                        <button type="button" class="uk-btn uk-btn--secondary" on:click=suspend_instead>
                            "Suspend instead"
                        </button>
                    </p>
                })}
                <TypedConfirmation label=confirm_label typed />
                {move || error.get().map(|e| view! { <p class="uk-field__error" role="alert">{e}</p> })}
                <ConfirmActions dismiss ready=Signal::derive(matches) busy label="Delete key".to_string() />
            </form>
        </Drawer>
    }
}

#[component]
pub fn BulkDeleteDialog(keys: Vec<AccessKey>, on_close: Callback<()>) -> impl IntoView {
    let store = use_store();
    let n = keys.len();
    let typed = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let matches = move || typed.with(|t| t.trim() == n.to_string());
    let names: Vec<String> = keys.iter().map(|k| k.name.clone()).collect();
    let keys = StoredValue::new(keys);
    let delete = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !matches() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            store.bulk(keys.get_value(), StatusAction::Remove).await;
            on_close.run(());
        });
    };
    let dismiss = Callback::new(move |_| {
        if !busy.get_untracked() {
            on_close.run(());
        }
    });
    view! {
        <Drawer labelled_by="uk-bulk-delete-title" on_dismiss=dismiss centered=true>
            <form class="uk-modal__body" on:submit=delete>
                <h2 id="uk-bulk-delete-title" class="uk-drawer__title">{format!("Delete {n} access keys?")}</h2>
                <p>"Anything that uses these keys loses access at once. This cannot be undone. Suspending them instead can be undone."</p>
                <ul class="uk-list uk-list--scroll">
                    {names.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}
                </ul>
                <TypedConfirmation label=format!("Type {n} to confirm") typed />
                <ConfirmActions dismiss ready=Signal::derive(matches) busy label=format!("Delete {n} keys") />
            </form>
        </Drawer>
    }
}
