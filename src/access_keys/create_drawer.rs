//! The "Create Access Key" drawer: the name and (optionally) the buckets the key may reach, then
//! the one-time reveal, with how each chosen permission went. The flow is one
//! `state::create::CreateFlow`; `store::ops::create_and_grant` runs it, as it runs a rotation.

use super::bucket_access::permission_select;
use super::name_field::{create_failure, name_message, taken_message, KeyNameField};
use super::reveal::Reveal;
use crate::api::ApiError;
use crate::browser::dom::use_root;
use crate::config::DataCentres;
use crate::state::access::{BucketAccess, StepState};
use crate::state::create::{CreateFlow, CreatePhase};
use crate::store::{use_store, NewKey, PermissionPolicy};
use crate::ui::dialog::{Drawer, DrawerBody, DrawerHeader};
use crate::ui::effect::effect;
use crate::ui::feedback::{Alert, AlertKind};
use crate::ui::write::{start, write};
use keys_api::Permission;
use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;

/// The drawer; it closes through the store (`create_open`).
#[component]
pub fn CreateKeyDrawer() -> impl IntoView {
    let store = use_store();
    let flow = RwSignal::new(CreateFlow::default());
    let reveal = RwSignal::new(None::<NewKey>);
    // A refusal of the name (shown on the field) and any other failure (shown above the button).
    let name_error = RwSignal::new(None::<ApiError>);
    let form_error = RwSignal::new(None::<ApiError>);
    let input_ref = NodeRef::<Input>::new();
    // The drawer shows the create's progress from `flow`, not from the write's state.
    let writes = write();
    let creating = Signal::derive(move || flow.with(|f| f.phase == CreatePhase::Creating));
    let focus_input = move || {
        if let Some(input) = input_ref.try_get_untracked().flatten() {
            let _ = input.focus();
        }
    };

    // The key exists: its secret is on screen at once, whatever its permissions do.
    Effect::new(move |was_shown: Option<bool>| {
        let shown = reveal.with(Option::is_some);
        if shown && was_shown == Some(false) {
            let name = reveal.with_untracked(|r| r.as_ref().map(|k| k.name.clone())).unwrap_or_default();
            store.announcer.say(format!("Access key {name} created. Copy the secret key now: it is shown only once."));
            store.after_create();
        }
        shown
    });
    // The create failed: the reason goes where it belongs, and what was typed stays.
    effect(move || {
        let Some(error) = flow.with(|f| f.error().cloned()) else { return };
        store.announcer.alert(format!("The key was not created. {}", create_failure(&error)));
        if error.is_input_problem() {
            name_error.set(Some(error));
        } else {
            form_error.set(Some(error));
        }
        request_animation_frame(focus_input);
    });

    let submit = Callback::new(move |_| {
        if flow.with_untracked(CreateFlow::busy) {
            return;
        }
        let name = store.create.name.get_untracked();
        let taken = store.lists.keys.with_untracked(|k| {
            k.as_ref().and_then(|r| r.as_ref().ok()).is_some_and(|ks| ks.iter().any(|k| k.name == name))
        });
        if let Some(msg) = name_message(&name).or_else(|| taken.then(|| taken_message(&name))) {
            store.announcer.alert(msg);
            focus_input();
            return;
        }
        let grants: Vec<BucketAccess> = store.create.scope.with_untracked(|scope| {
            scope
                .iter()
                .filter(|(_, p)| **p != Permission::None)
                .map(|(bucket, permission)| BucketAccess { bucket: bucket.clone(), permission: *permission })
                .collect()
        });
        name_error.set(None);
        form_error.set(None);
        flow.set(CreateFlow::default());
        start(writes, store.create_and_grant(flow, reveal, name, grants, PermissionPolicy::TryEach));
    });
    let close = move || store.create.open.set(false);
    let dismiss = Callback::new(move |_| {
        if reveal.with_untracked(Option::is_some) {
            store
                .announcer
                .alert("The secret key is shown only once. Save it, then choose “I have saved my secret key”.");
        } else if flow.with_untracked(CreateFlow::busy) {
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
    let on_retry = Callback::new(move |_| {
        if flow.try_update(CreateFlow::retry).unwrap_or(false) {
            start(writes, store.grant_remaining(flow, PermissionPolicy::TryEach));
        }
    });

    view! {
        <Drawer labelled_by=use_root().id("create-title") on_dismiss=dismiss>
            <DrawerHeader
                title_id=use_root().id("create-title")
                on_close=dismiss
                close_shown=Signal::derive(move || reveal.with(Option::is_none))
                close_disabled=creating
            >
                "Create Access Key"
            </DrawerHeader>
            <DrawerBody>
                {move || match reveal.with(|r| r.clone()) {
                    Some(key) => {
                        let dc = expect_context::<DataCentres>().find(&store.lists.dc.get_untracked());
                        view! {
                            <Reveal key dc on_saved=saved>
                                <GrantResults flow on_retry />
                            </Reveal>
                        }
                        .into_any()
                    }
                    None => view! { <CreateForm name_error form_error input_ref pending=creating on_submit=submit /> }.into_any(),
                }}
            </DrawerBody>
        </Drawer>
    }
}

/// The form: the name, the buckets it may reach, where the key goes, and "+ Create Key".
#[component]
fn CreateForm(
    /// The server's refusal of the name (shown under the field).
    name_error: RwSignal<Option<ApiError>>,
    /// Any other failure of the last create (shown above the button).
    form_error: RwSignal<Option<ApiError>>,
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
    let taken = Signal::derive(move || store.lists.names());
    view! {
        <form class="uk-form" on:submit=submit novalidate>
            <KeyNameField name=store.create.name server_error=name_error taken input_ref disabled=pending />
            <ScopePicker />
            <p class="uk-form__note">
                "Data centre: " <strong>{move || store.lists.dc.get()}</strong>
                ". The secret key is shown once, right after you create the key."
            </p>
            {move || form_error.get().map(|e| view! {
                <Alert kind=AlertKind::Danger urgent=true testid="create-error">
                    <p class="uk-alert__title">"The key was not created."</p>
                    <p>{create_failure(&e)}</p>
                </Alert>
            })}
            <div class="uk-drawer__footer">
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
            </div>
        </form>
    }
}

/// "Bucket access (optional)": each bucket of the data centre, None by default.
#[component]
fn ScopePicker() -> impl IntoView {
    let store = use_store();
    store.lists.need_buckets();
    let root = use_root();
    let title = root.id("scope-title");
    let list = move || {
        match store.lists.buckets_now() {
            None => view! { <p role="status">"Loading buckets…"</p> }.into_any(),
            Some(Err(_)) => view! {
                <p>"The buckets could not be loaded: you can give the key access later, in its details."</p>
            }
            .into_any(),
            Some(Ok(buckets)) if buckets.is_empty() => view! { <p>"This data centre has no buckets yet."</p> }.into_any(),
            Some(Ok(buckets)) => view! {
                <ul class="uk-scope">
                    {buckets.iter().map(|b| {
                        let bucket = StoredValue::new(b.name.clone());
                        let chosen = Signal::derive(move || {
                            bucket.with_value(|b| store.create.scope.with(|s| s.get(b).copied().unwrap_or(Permission::None)))
                        });
                        let pick = Callback::new(move |p: Permission| {
                            store.create.scope.update(|s| {
                                s.insert(bucket.get_value(), p);
                            })
                        });
                        view! {
                            <li class="uk-scope__row">
                                <span class="uk-scope__bucket">{b.name.clone()}</span>
                                {permission_select(root.id(&format!("scope-{}", b.name)), format!("Access to {}", b.name), chosen, pick)}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        }
    };
    view! {
        <fieldset class="uk-fieldset" aria-describedby=root.id("scope-note")>
            <legend id=title class="uk-field__label">"Bucket access (optional)"</legend>
            <p id=root.id("scope-note") class="uk-field__hint">
                "A key with no bucket access reaches no bucket until you give it some, here or later in its details."
            </p>
            {list}
        </fieldset>
    }
}

/// How each chosen permission went, next to its bucket, with a retry for the refused ones.
#[component]
fn GrantResults(
    /// The create flow.
    flow: RwSignal<CreateFlow>,
    /// "Retry refused buckets".
    on_retry: Callback<()>,
) -> impl IntoView {
    move || {
        flow.with(|f| {
            (!f.plan.is_empty()).then(|| {
                let settled = f.phase == CreatePhase::Settled;
                view! {
                    <section class="uk-grants" aria-label="Bucket access of the new key" data-testid="grant-results">
                        <h4 class="uk-connection__title">"Bucket access"</h4>
                        <ul class="uk-list">
                            {f.plan.steps.iter().map(|s| {
                                let state = match &s.state {
                                    StepState::Pending | StepState::Running => "saving…".to_string(),
                                    StepState::Done => "saved".to_string(),
                                    StepState::Failed(e) => format!("refused — {e}"),
                                };
                                let failed = matches!(s.state, StepState::Failed(_));
                                view! {
                                    <li class:uk-error=failed data-testid=format!("grant-{}", s.grant.bucket)>
                                        <strong>{s.grant.bucket.clone()}</strong>
                                        {format!(" — {}: {state}", s.grant.permission.label())}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {(settled && f.plan.any_failed()).then(|| view! {
                            <button type="button" class="uk-btn uk-btn--secondary uk-btn--small" on:click=move |_| on_retry.run(())>
                                "Retry refused buckets"
                            </button>
                        })}
                    </section>
                }
            })
        })
    }
}
