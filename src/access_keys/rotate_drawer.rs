//! Rotation in one guided flow: create a replacement key, copy every bucket permission of the old
//! key to it, reveal the new secret once, then offer to suspend the old key. Any failure stops the
//! flow and says exactly what was done and what was not, with a way to finish the rest.
//! The flow's state is one `state::rotation::Rotation`; `store::ops` runs its requests.

use super::bucket_access::AccessList;
use super::name_field::{create_failure, name_message, taken_message, KeyNameField};
use super::reveal::Reveal;
use super::row_menu::actions_button_id;
use crate::api::ApiError;
use crate::browser::dom::use_root;
use crate::config::DataCentres;
use crate::state::access::{reachable, rotated_name, BucketAccess, StepState};
use crate::state::rotation::{Rotation, RotationPhase};
use crate::store::{use_store, NewKey, PermissionPolicy};
use crate::ui::dialog::{Drawer, DrawerBody, DrawerHeader};
use crate::ui::effect::effect;
use crate::ui::feedback::{Alert, AlertKind};
use crate::ui::write::{start, write};
use keys_api::AccessKey;
use leptos::prelude::*;

fn step_text(state: &StepState, running: &str) -> String {
    match state {
        StepState::Pending => "not done".into(),
        StepState::Running => running.into(),
        StepState::Done => "done".into(),
        StepState::Failed(e) => format!("failed — {e}"),
    }
}

/// What the rotation will copy: the old key's permissions (`None` while they load).
fn grants_preview(grants: Option<Vec<BucketAccess>>) -> AnyView {
    match grants {
        None => view! { <p role="status">"Looking up the old key's bucket permissions…"</p> }.into_any(),
        Some(list) if list.is_empty() => view! { <p>"The old key has no bucket permissions to copy."</p> }.into_any(),
        Some(list) => view! {
            <p>"These permissions will be copied to the new key:"</p>
            <AccessList access=list />
        }
        .into_any(),
    }
}

/// The rotation drawer for `old`.
#[component]
pub fn RotateDrawer(
    /// The key being replaced.
    old: AccessKey,
    /// The drawer asks to close.
    on_close: Callback<()>,
) -> impl IntoView {
    let store = use_store();
    let existing: Vec<String> = store.lists.loaded_keys().iter().map(|k| k.name.clone()).collect();
    let name = RwSignal::new(rotated_name(&old.name, existing.iter().map(String::as_str)));
    let rotation = RwSignal::new(Rotation::new());
    let reveal = RwSignal::new(None::<NewKey>);
    // The last create's refusal: of the name on the field (until it changes), anything else above the button.
    let server_error = RwSignal::new(None::<ApiError>);
    let form_error = RwSignal::new(None::<ApiError>);
    effect(move || {
        if let RotationPhase::Naming { error: Some(e) } = rotation.with(|r| r.phase.clone()) {
            store.announcer.alert(format!("The replacement key was not created. {}", create_failure(&e)));
            let shown_at = if e.is_input_problem() { server_error } else { form_error };
            shown_at.set(Some(e));
        }
    });
    let old = StoredValue::new(old);
    store.lists.need_buckets();
    // The old key's permissions (`None` while the buckets load: the rotation waits for them).
    let grants = move || {
        store.lists.buckets_now().and_then(Result::ok).map(|b| reachable(&b, &old.with_value(|o| o.accesskey.clone())))
    };

    // The drawer shows the rotation's progress from `rotation`, not from the write's state.
    let writes = write();
    let busy = move || rotation.with(Rotation::busy);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy() {
            return;
        }
        let new_name = name.get_untracked();
        let taken = store.lists.names().contains(&new_name);
        if let Some(msg) = name_message(&new_name).or_else(|| taken.then(|| taken_message(&new_name))) {
            store.announcer.alert(msg);
            return;
        }
        let Some(grants) = grants() else {
            store.announcer.alert("The old key's bucket permissions are still loading. Try again in a moment.");
            return;
        };
        server_error.set(None);
        form_error.set(None);
        let policy = PermissionPolicy::StopAtFirstRefusal;
        start(writes, store.create_and_grant(rotation, reveal, new_name, grants, policy));
    };
    let saved = Callback::new(move |_| {
        reveal.set(None);
        rotation.update(Rotation::save_secret);
        store.announcer.say("Secret key hidden for good.");
    });
    let dismiss = Callback::new(move |_| {
        if reveal.with_untracked(Option::is_some) {
            store
                .announcer
                .alert("The new secret key is shown only once. Save it, then choose “I have saved my secret key”.");
        } else if rotation.with_untracked(Rotation::busy) {
            store.announcer.alert("The rotation is running. Wait for it to stop.");
        } else {
            on_close.run(());
        }
    });

    let old_name = old.with_value(|o| o.name.clone());
    let return_to = old.with_value(|o| actions_button_id(&o.accesskey));
    let grants_preview = move || grants_preview(grants());

    view! {
        <Drawer labelled_by=use_root().id("rotate-title") on_dismiss=dismiss return_focus=return_to>
            <DrawerHeader
                title_id=use_root().id("rotate-title")
                on_close=dismiss
                close_shown=Signal::derive(move || reveal.with(Option::is_none) && !busy())
            >
                {format!("Rotate access key {old_name}")}
            </DrawerHeader>
            <DrawerBody>
                <Show when=move || !rotation.with(Rotation::started)>
                    <form class="uk-form" on:submit=submit novalidate>
                        <p>"A new key replaces this one. The old key keeps working until you suspend it, so you can switch your apps over first."</p>
                        {grants_preview}
                        <KeyNameField name server_error taken=Signal::derive(move || store.lists.names()) />
                        {move || form_error.get().map(|e| view! {
                            <Alert kind=AlertKind::Danger urgent=true testid="create-error">
                                <p class="uk-alert__title">"The replacement key was not created."</p>
                                <p>{create_failure(&e)}</p>
                            </Alert>
                        })}
                        <button type="submit" class="uk-btn uk-btn--primary uk-btn--block">"Create replacement key"</button>
                    </form>
                </Show>
                <RotationSteps rotation />
                <Show when=move || rotation.with(Rotation::failed)>
                    <button
                        type="button"
                        class="uk-btn uk-btn--primary"
                        on:click=move |_| {
                            if rotation.try_update(Rotation::retry).unwrap_or(false) {
                                start(writes, store.grant_remaining(rotation, PermissionPolicy::StopAtFirstRefusal));
                            }
                        }
                    >
                        "Retry remaining steps"
                    </button>
                </Show>
                // Shown from the moment the key exists, and kept mounted through retries (its state stays).
                {move || reveal.get().map(|k| {
                    let dc = expect_context::<DataCentres>().find(&store.lists.dc.get_untracked());
                    view! { <Reveal key=k dc on_saved=saved /> }
                })}
                <OldKeyOffer rotation old_name=old.with_value(|o| o.name.clone()) on_suspend=Callback::new(move |_| start(writes, store.suspend_replaced(rotation, old.get_value()))) on_close />
            </DrawerBody>
        </Drawer>
    }
}

/// What the rotation has done, step by step, and its summary once it stops.
#[component]
fn RotationSteps(
    /// The rotation shown.
    rotation: RwSignal<Rotation>,
) -> impl IntoView {
    move || {
        rotation.with(|r| {
            r.started().then(|| {
                let create = if r.phase == RotationPhase::Creating { "creating…" } else { "done" };
                let settled = !matches!(r.phase, RotationPhase::Creating | RotationPhase::Copying);
                view! {
                    <ol class="uk-steps" data-testid="rotation-steps">
                        <li>{format!("Create key {}: {create}", r.new_name)}</li>
                        {r
                            .copies.steps
                            .iter()
                            .map(|c| {
                                let state = step_text(&c.state, "copying…");
                                view! { <li>{format!("Copy {} on {}: {state}", c.grant.permission.label(), c.grant.bucket)}</li> }
                            })
                            .collect_view()}
                    </ol>
                    {settled.then(|| view! {
                        <p class="uk-rotation-summary" class:uk-error=r.failed() data-testid="rotation-summary">
                            {r.summary()}
                        </p>
                    })}
                }
            })
        })
    }
}

/// Once the copies are done and the secret saved: suspend the old key, or keep it; then the outcome.
#[component]
fn OldKeyOffer(
    /// The rotation shown.
    rotation: RwSignal<Rotation>,
    /// The old key's name.
    old_name: String,
    /// "Suspend old key".
    on_suspend: Callback<()>,
    /// "Keep old key active" and "Done".
    on_close: Callback<()>,
) -> impl IntoView {
    let offer =
        format!("Suspend the old key {old_name} now? Apps still using it stop working; you can activate it again.");
    let done = format!("Old key {old_name} suspended.");
    view! {
        <Show when=move || rotation.with(Rotation::offers_suspend)>
            <div class="uk-offer">
                <p>{offer.clone()}</p>
                <button type="button" class="uk-btn uk-btn--primary" on:click=move |_| on_suspend.run(())>"Suspend old key"</button>
                <button type="button" class="uk-btn uk-btn--secondary" on:click=move |_| on_close.run(())>"Keep old key active"</button>
            </div>
        </Show>
        {move || match rotation.with(|r| r.phase.clone()) {
            RotationPhase::OldKeyHandled(Ok(())) => Some(view! {
                <div class="uk-offer">
                    <p role="status">{done.clone()}" Delete it later from its actions menu, once nothing uses it."</p>
                    <button type="button" class="uk-btn uk-btn--primary" on:click=move |_| on_close.run(())>"Done"</button>
                </div>
            }.into_any()),
            RotationPhase::OldKeyHandled(Err(e)) => Some(view! {
                <div class="uk-offer">
                    <p role="alert" class="uk-error">{format!("The old key was not suspended. {e}")}</p>
                    <button type="button" class="uk-btn uk-btn--primary" on:click=move |_| { rotation.update(|r| { r.retry_suspend(); }); }>
                        "Try again"
                    </button>
                </div>
            }.into_any()),
            _ => None,
        }}
    }
}
