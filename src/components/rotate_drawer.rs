//! Rotation in one guided flow: create a replacement key, copy every bucket permission of the old
//! key to it, reveal the new secret once, then offer to suspend the old key. Any failure stops the
//! flow and says exactly what was done and what was not, with a way to finish the rest.

use super::announcer::use_announcer;
use super::dialog::Drawer;
use super::name_field::{name_message, KeyNameField};
use super::object_storage::DataCentres;
use super::reveal::{NewKey, Reveal};
use super::row_menu::actions_button_id;
use super::store::use_store;
use crate::state::access::{reachable, rotated_name, RotationReport, StepState};
use keys_api::{AccessKey, StatusAction};
use leptos::prelude::*;
use leptos::task::spawn_local;

fn step_text(state: &StepState, running: &str) -> String {
    match state {
        StepState::Pending => "not done".into(),
        StepState::Running => running.into(),
        StepState::Done => "done".into(),
        StepState::Failed(m) => format!("failed — {m}"),
    }
}

#[component]
pub fn RotateDrawer(old: AccessKey, on_close: Callback<()>) -> impl IntoView {
    let store = use_store();
    let announcer = use_announcer();
    let old = StoredValue::new(old);
    let existing: Vec<String> = store.loaded_keys().into_iter().map(|k| k.name).collect();
    let name = RwSignal::new(old.with_value(|o| rotated_name(&o.name, existing.iter().map(String::as_str))));
    let server_error = RwSignal::new(None::<String>);
    let report = RwSignal::new(None::<RotationReport>);
    let running = RwSignal::new(false);
    let new_key = RwSignal::new(None::<NewKey>);
    let new_id = RwSignal::new(None::<String>);
    let secret_saved = RwSignal::new(false);
    let old_outcome = RwSignal::new(None::<Result<String, String>>);

    // Copies every permission not yet copied, in order, stopping at the first refusal.
    let copy_remaining = move || {
        let Some(id) = new_id.get_untracked() else { return };
        let (client, dc) = (store.client(), store.dc.get_untracked());
        running.set(true);
        spawn_local(async move {
            let steps = report.with_untracked(|r| r.as_ref().map(|r| r.copies.len()).unwrap_or(0));
            for i in 0..steps {
                let Some(step) = report.with_untracked(|r| r.as_ref().map(|r| r.copies[i].clone())) else { break };
                if step.state == StepState::Done {
                    continue;
                }
                report.update(|r| r.as_mut().unwrap().copies[i].state = StepState::Running);
                let result = client.set_permission(&dc, &step.grant.bucket, step.grant.permission, &id).await;
                let failed = result.is_err();
                report.update(|r| {
                    r.as_mut().unwrap().copies[i].state = match result {
                        Ok(_) => StepState::Done,
                        Err(e) => StepState::Failed(e.to_string()),
                    }
                });
                if failed {
                    break;
                }
            }
            running.set(false);
            let summary = report.with_untracked(|r| r.as_ref().map(RotationReport::summary)).unwrap_or_default();
            if report.with_untracked(|r| r.as_ref().is_some_and(RotationReport::failed)) {
                announcer.alert(summary);
            } else {
                announcer.say(summary);
            }
            store.refresh();
        });
    };

    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if running.get_untracked() {
            return;
        }
        let new_name = name.get_untracked();
        if let Some(msg) = name_message(&new_name) {
            announcer.alert(msg);
            return;
        }
        let grants = reachable(&store.loaded_buckets(), &old.with_value(|o| o.accesskey.clone()));
        report.set(Some(RotationReport::new(new_name.clone(), grants)));
        report.update(|r| r.as_mut().unwrap().create = StepState::Running);
        running.set(true);
        server_error.set(None);
        let (client, dc) = (store.client(), store.dc.get_untracked());
        spawn_local(async move {
            match client.create_key(&dc, &new_name).await {
                Ok(created) => {
                    report.update(|r| r.as_mut().unwrap().create = StepState::Done);
                    new_id.set(Some(created.accesskey.clone()));
                    store.new_ids.update(|ids| ids.push(created.accesskey.clone()));
                    new_key.set(Some(NewKey {
                        name: new_name,
                        accesskey: created.accesskey.clone(),
                        secret: created.secretkey.clone(),
                    }));
                    copy_remaining();
                }
                Err(e) => {
                    report.set(None);
                    running.set(false);
                    announcer.alert(format!("The replacement key was not created. {e}"));
                    server_error.set(Some(e.to_string()));
                }
            }
        });
    };

    let saved = Callback::new(move |_| {
        new_key.set(None);
        secret_saved.set(true);
        announcer.say("Secret key hidden for good.");
    });

    let suspend_old = move |_| {
        let (client, dc, o) = (store.client(), store.dc.get_untracked(), old.get_value());
        spawn_local(async move {
            let r = client.set_status(&dc, &o.accesskey, StatusAction::Disable).await;
            let outcome = match r {
                Ok(_) => Ok(format!("Old key {} suspended.", o.name)),
                Err(e) => Err(format!("The old key was not suspended. {e}")),
            };
            match &outcome {
                Ok(m) => announcer.say(m.clone()),
                Err(m) => announcer.alert(m.clone()),
            }
            old_outcome.try_set(Some(outcome));
            store.refresh();
        });
    };

    let dismiss = Callback::new(move |_| {
        if new_key.with_untracked(Option::is_some) {
            announcer.alert("The new secret key is shown only once. Save it, then choose “I have saved my secret key”.");
        } else if running.get_untracked() {
            announcer.alert("The rotation is running. Wait for it to stop.");
        } else {
            on_close.run(());
        }
    });

    let old_name = old.with_value(|o| o.name.clone());
    let return_to = old.with_value(|o| actions_button_id(&o.accesskey));
    let steps = move || {
        report.get().map(|r| {
            let create = format!("Create key {}: {}", r.new_name, step_text(&r.create, "creating…"));
            view! {
                <ol class="uk-steps" data-testid="rotation-steps">
                    <li>{create}</li>
                    {r.copies.iter().map(|c| view! {
                        <li>{format!("Copy {} on {}: {}", c.grant.permission.label(), c.grant.bucket, step_text(&c.state, "copying…"))}</li>
                    }).collect_view()}
                </ol>
                {(r.create == StepState::Done && !running.get()).then(|| view! {
                    <p class="uk-rotation-summary" class:uk-error=r.failed() data-testid="rotation-summary">{r.summary()}</p>
                })}
            }
        })
    };
    let grants_preview = move || {
        let list = reachable(&store.loaded_buckets(), &old.with_value(|o| o.accesskey.clone()));
        if list.is_empty() {
            view! { <p>"The old key has no bucket permissions to copy."</p> }.into_any()
        } else {
            view! {
                <p>"These permissions will be copied to the new key:"</p>
                <ul class="uk-list">
                    {list.into_iter().map(|a| view! { <li><strong>{a.bucket}</strong>" — "{a.permission.label()}</li> }).collect_view()}
                </ul>
            }.into_any()
        }
    };
    let failed = move || report.with(|r| r.as_ref().is_some_and(RotationReport::failed));
    let complete = move || report.with(|r| r.as_ref().is_some_and(RotationReport::complete));

    view! {
        <Drawer labelled_by="uk-rotate-title" on_dismiss=dismiss return_focus=return_to>
            <header class="uk-drawer__header">
                <h2 id="uk-rotate-title" class="uk-drawer__title">{format!("Rotate access key {old_name}")}</h2>
                <Show when=move || new_key.with(Option::is_none) && !running.get()>
                    <button type="button" class="uk-drawer__close" aria-label="Close" on:click=move |_| dismiss.run(())>"×"</button>
                </Show>
            </header>
            <div class="uk-drawer__body">
                <Show when=move || report.with(Option::is_none)>
                    <form class="uk-form" on:submit=start novalidate>
                        <p>"A new key replaces this one. The old key keeps working until you suspend it, so you can switch your apps over first."</p>
                        {grants_preview}
                        <KeyNameField name server_error />
                        <button type="submit" class="uk-btn uk-btn--primary uk-btn--block">"Create replacement key"</button>
                    </form>
                </Show>
                {steps}
                <Show when=move || failed() && !running.get()>
                    <button type="button" class="uk-btn uk-btn--primary" on:click=move |_| copy_remaining()>
                        "Retry remaining steps"
                    </button>
                </Show>
                // Shown from the moment the key exists, and kept mounted through retries (its state stays).
                {move || new_key.get().map(|k| {
                    let dc = expect_context::<DataCentres>().find(&store.dc.get_untracked());
                    view! { <Reveal key=k dc on_saved=saved /> }
                })}
                <Show when=move || secret_saved.get() && complete() && old_outcome.with(Option::is_none)>
                    <div class="uk-offer">
                        <p>{format!("Suspend the old key {} now? Apps still using it stop working; you can activate it again.", old.with_value(|o| o.name.clone()))}</p>
                        <button type="button" class="uk-btn uk-btn--primary" on:click=suspend_old>"Suspend old key"</button>
                        <button type="button" class="uk-btn uk-btn--secondary" on:click=move |_| on_close.run(())>"Keep old key active"</button>
                    </div>
                </Show>
                {move || old_outcome.get().map(|o| match o {
                    Ok(msg) => view! {
                        <div class="uk-offer">
                            <p role="status">{msg}" Delete it later from its actions menu, once nothing uses it."</p>
                            <button type="button" class="uk-btn uk-btn--primary" on:click=move |_| on_close.run(())>"Done"</button>
                        </div>
                    }.into_any(),
                    Err(msg) => view! {
                        <div class="uk-offer">
                            <p role="alert" class="uk-error">{msg}</p>
                            <button type="button" class="uk-btn uk-btn--primary" on:click=move |_| old_outcome.set(None)>"Try again"</button>
                        </div>
                    }.into_any(),
                })}
            </div>
        </Drawer>
    }
}
