//! Deleting keys: one key (type its name to confirm) or many (type their number).
//! The dialog names what will go, shows which buckets lose access, and suggests suspending instead.

use super::bucket_access::AccessList;
use super::row_menu::actions_button_id;
use crate::api::ApiError;
use crate::browser::dom::use_root;
use crate::state::access::reachable;
use crate::store::use_store;
use crate::ui::dialog::Modal;
use crate::ui::effect::effect;
use crate::ui::write::{start, write};
use keys_api::{AccessKey, KeyStatus, StatusAction};
use leptos::prelude::*;

/// "Type … to confirm": the delete button waits for it.
#[component]
fn TypedConfirmation(
    /// What to type, in words ("Type backup to confirm").
    label: String,
    /// What was typed.
    typed: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="uk-field">
            <label class="uk-field__label" for=use_root().id("delete-confirm")>{label}</label>
            <input
                id=use_root().id("delete-confirm")
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
fn ConfirmActions(
    /// Cancel.
    dismiss: Callback<()>,
    /// The confirmation matches.
    ready: Signal<bool>,
    /// The delete is running.
    #[prop(into)]
    busy: Signal<bool>,
    /// The delete button's words.
    label: String,
) -> impl IntoView {
    view! {
        <div class="uk-modal__actions">
            <button type="button" class="uk-btn uk-btn--secondary" on:click=move |_| dismiss.run(())>"Cancel"</button>
            <button type="submit" class="uk-btn uk-btn--danger" prop:disabled=move || !ready.get() || busy.get()>
                {move || if busy.get() { "Deleting…".to_string() } else { label.clone() }}
            </button>
        </div>
    }
}

/// Deleting one key: what it reaches, "Suspend instead", and its name typed to confirm.
#[component]
pub fn DeleteKeyDialog(
    /// The key to delete.
    key: AccessKey,
    /// The dialog is done (deleted, cancelled or suspended instead).
    on_close: Callback<()>,
) -> impl IntoView {
    let store = use_store();
    let typed = RwSignal::new(String::new());
    store.lists.need_buckets();
    let id = key.accesskey.clone();
    let access = move || store.lists.buckets_now().map(|r| r.map(|b| reachable(&b, &id)));
    let name = key.name.clone();
    let matches = {
        let name = name.clone();
        move || typed.with(|t| t == &name)
    };
    let (delete, suspend) = (write(), write());
    let deleted = RwSignal::new(None::<Result<(), ApiError>>);
    let busy = delete.pending();
    let error = move || if busy.get() { None } else { deleted.get().and_then(Result::err) };
    effect(move || {
        if deleted.with(|v| matches!(v, Some(Ok(())))) {
            on_close.run(());
        }
    });
    let key = StoredValue::new(key);
    let submit = {
        let matches = matches.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if matches() && !busy.get_untracked() {
                let run = store.delete(key.get_value());
                start(delete, async move {
                    deleted.try_set(Some(run.await));
                });
            }
        }
    };
    let suspend_instead = move |_| {
        let run = store.set_status(key.get_value(), StatusAction::Disable);
        start(suspend, async move { drop(run.await) });
        on_close.run(());
    };
    let suspended = key.with_value(|k| store.lists.shown_status(k) == KeyStatus::Suspended);
    let dismiss = Callback::new(move |_| {
        if !busy.get_untracked() {
            on_close.run(());
        }
    });
    let return_to = key.with_value(|k| actions_button_id(&k.accesskey));
    let confirm_label = format!("Type {name} to confirm");
    view! {
        <Modal labelled_by=use_root().id("delete-title") on_dismiss=dismiss return_focus=return_to>
            <form class="uk-modal__body" on:submit=submit>
                <h2 id=use_root().id("delete-title") class="uk-drawer__title">{format!("Delete access key {name}?")}</h2>
                <p>"Anything that uses this key loses access at once. This cannot be undone."</p>
                {move || match access() {
                    None => view! { <p role="status">"Looking up the buckets it can reach…"</p> }.into_any(),
                    Some(Err(_)) => view! { <p>"The buckets it can reach could not be loaded."</p> }.into_any(),
                    Some(Ok(list)) if list.is_empty() => view! { <p>"This key has no bucket permissions."</p> }.into_any(),
                    Some(Ok(list)) => view! {
                        <p>"It can reach these buckets:"</p>
                        <AccessList access=list />
                    }.into_any(),
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
                {move || error().map(|e: ApiError| view! {
                    <p class="uk-field__error" role="alert">{format!("The key was not deleted. {e}")}</p>
                })}
                <ConfirmActions dismiss ready=Signal::derive(matches) busy label="Delete key".to_string() />
            </form>
        </Modal>
    }
}

/// Deleting the selected keys: their names, and their number typed to confirm.
#[component]
pub fn BulkDeleteDialog(
    /// The keys to delete.
    keys: Vec<AccessKey>,
    /// The dialog is done (run or cancelled).
    on_close: Callback<()>,
) -> impl IntoView {
    let store = use_store();
    let n = keys.len();
    let typed = RwSignal::new(String::new());
    let matches = move || typed.with(|t| t.trim() == n.to_string());
    let names: Vec<String> = keys.iter().map(|k| k.name.clone()).collect();
    let keys = StoredValue::new(keys);
    let delete = write();
    let done = RwSignal::new(false);
    let busy = delete.pending();
    effect(move || {
        if done.get() {
            on_close.run(());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if matches() && !busy.get_untracked() {
            let run = store.bulk(keys.get_value(), StatusAction::Remove);
            start(delete, async move {
                run.await;
                done.try_set(true);
            });
        }
    };
    let dismiss = Callback::new(move |_| {
        if !busy.get_untracked() {
            on_close.run(());
        }
    });
    view! {
        <Modal labelled_by=use_root().id("bulk-delete-title") on_dismiss=dismiss>
            <form class="uk-modal__body" on:submit=submit>
                <h2 id=use_root().id("bulk-delete-title") class="uk-drawer__title">{format!("Delete {n} access keys?")}</h2>
                <p>"Anything that uses these keys loses access at once. This cannot be undone. Suspending them instead can be undone."</p>
                <ul class="uk-list uk-list--scroll">
                    {names.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}
                </ul>
                <TypedConfirmation label=format!("Type {n} to confirm") typed />
                <ConfirmActions dismiss ready=Signal::derive(matches) busy label=format!("Delete {n} keys") />
            </form>
        </Modal>
    }
}
