//! A key's permission on every bucket of the data centre, editable one bucket at a time or all
//! at once. Every changed bucket is tried; a refusal shows the server's message next to it.

use crate::browser::dom::use_root;
use crate::state::access::{key_access, BucketAccess, StepState};
use crate::state::SmallMap;
use crate::store::{use_store, PermissionPolicy, PermissionResult};
use crate::ui::effect::effect;
use crate::ui::write::{start, write};
use keys_api::Permission;
use leptos::prelude::*;

/// The bucket table of the key details.
#[component]
pub fn BucketAccessEditor(
    /// The key's access key ID.
    accesskey: String,
) -> impl IntoView {
    let store = use_store();
    store.lists.need_buckets();
    let id = StoredValue::new(accesskey);
    // What the server says now, per bucket.
    let current = Memo::new(move |_| {
        let buckets = store.lists.buckets_now().and_then(Result::ok);
        buckets.map(|b| id.with_value(|id| key_access(&b, id)))
    });
    // What the person chose, where it differs from the server.
    let draft = RwSignal::new(SmallMap::<String, Permission>::new());
    // A choice the server now holds is no longer a draft (a refused one stays, so it can be saved
    // again). Until the reloaded list says so, the drop-down keeps showing the choice.
    effect(move || {
        if let Some(server) = current.get() {
            draft.update(|d| d.retain(|bucket, p| server.iter().all(|a| a.bucket != *bucket || a.permission != *p)));
        }
    });
    // How the last save of each bucket went.
    let rows = RwSignal::new(SmallMap::<String, StepState>::new());
    let chosen = move |bucket: &str| -> Permission {
        draft.with(|d| d.get(bucket).copied()).unwrap_or_else(|| {
            current.with(|c| {
                c.as_ref()
                    .and_then(|c| c.iter().find(|a| a.bucket == bucket).map(|a| a.permission))
                    .unwrap_or(Permission::None)
            })
        })
    };
    let changed = move || -> Vec<BucketAccess> {
        let server = current.get_untracked().unwrap_or_default();
        draft.with_untracked(|d| {
            server
                .iter()
                .filter_map(|a| d.get(&a.bucket).filter(|p| **p != a.permission).map(|p| (a.bucket.clone(), *p)))
                .map(|(bucket, permission)| BucketAccess { bucket, permission })
                .collect()
        })
    };
    let save = write();
    let saved = RwSignal::new(None::<Vec<PermissionResult>>);
    effect(move || {
        if let Some(results) = saved.get() {
            announce_saved(&results);
        }
    });
    let run = move |grants: Vec<BucketAccess>| {
        if !grants.is_empty() {
            let buckets: Vec<String> = grants.iter().map(|g| g.bucket.clone()).collect();
            rows.update(|r| buckets.iter().for_each(|b| drop(r.insert(b.clone(), StepState::Pending))));
            let progress = move |i: usize, state: StepState| {
                rows.try_update(|r| r.insert(buckets[i].clone(), state));
            };
            let run = store.set_permissions(id.get_value(), grants, PermissionPolicy::TryEach, progress);
            start(save, async move {
                saved.try_set(Some(run.await));
            });
        }
    };
    view! {
        <section class="uk-section" aria-labelledby=use_root().id("access-title")>
            <h3 id=use_root().id("access-title") class="uk-section__title">"Bucket access"</h3>
            {move || match current.get() {
                None => view! { <p role="status">"Loading buckets…"</p> }.into_any(),
                Some(list) if list.is_empty() => view! { <p>"This data centre has no buckets."</p> }.into_any(),
                Some(list) => view! {
                    <table class="uk-table uk-table--compact">
                        <thead>
                            <tr>
                                <th scope="col">"Bucket"</th>
                                <th scope="col">"Permission"</th>
                                <th scope="col"><span class="uk-sr-only">"Save"</span></th>
                                <th scope="col">"Result"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().map(|a| {
                                let bucket = StoredValue::new(a.bucket.clone());
                                let select_id = use_root().id(&format!("perm-{}", a.bucket));
                                let save_one = move |_| {
                                    let grant = BucketAccess { bucket: bucket.get_value(), permission: bucket.with_value(|b| chosen(b)) };
                                    run(vec![grant]);
                                };
                                let shown = Signal::derive(move || bucket.with_value(|b| chosen(b)));
                                let pick = Callback::new(move |p: Permission| {
                                    draft.update(|d| { d.insert(bucket.get_value(), p); });
                                    rows.update(|r| { r.remove(&bucket.get_value()); });
                                });
                                view! {
                                    <tr>
                                        <th scope="row">{a.bucket.clone()}</th>
                                        <td>{permission_select(select_id, format!("Permission on {}", a.bucket), shown, pick)}</td>
                                        <td>
                                            <button
                                                type="button"
                                                class="uk-btn uk-btn--secondary uk-btn--small"
                                                aria-label=format!("Save permission on {}", a.bucket)
                                                on:click=save_one
                                            >
                                                "Save"
                                            </button>
                                        </td>
                                        <td data-testid=format!("perm-status-{}", a.bucket) class="uk-perm-status">
                                            {move || save_state(rows.with(|r| r.get(&bucket.get_value()).cloned()))}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <button type="button" class="uk-btn uk-btn--primary" on:click=move |_| run(changed())>
                        "Save all changes"
                    </button>
                }.into_any(),
            }}
        </section>
    }
}

/// Says how a save went, in words: "Saved 2 bucket permissions." or what was refused.
fn announce_saved(results: &[PermissionResult]) {
    let announcer = use_store().announcer;
    let failed = results.iter().filter(|r| r.result.is_err()).count();
    let saved = results.len() - failed;
    if failed == 0 {
        announcer.say(format!("Saved {saved} bucket permission{}.", if saved == 1 { "" } else { "s" }));
    } else {
        announcer.alert(format!(
            "Saved {saved} of {}; {failed} refused. See the messages next to each bucket.",
            results.len()
        ));
    }
}

/// A bucket's save, in its row: saving, saved, or the server's refusal.
fn save_state(state: Option<StepState>) -> AnyView {
    match state {
        Some(StepState::Pending | StepState::Running) => view! { <span>"Saving…"</span> }.into_any(),
        Some(StepState::Done) => view! { <span class="uk-ok">"Saved"</span> }.into_any(),
        Some(StepState::Failed(e)) => view! { <span class="uk-error" role="alert">{e.to_string()}</span> }.into_any(),
        None => ().into_any(),
    }
}

/// A list of buckets with a key's permission on each ("media-archive — Write").
#[component]
pub fn AccessList(
    /// The buckets and permissions.
    access: Vec<BucketAccess>,
) -> impl IntoView {
    view! {
        <ul class="uk-list">
            {access.into_iter().map(|a| view! { <li><strong>{a.bucket}</strong>" — "{a.permission.label()}</li> }).collect_view()}
        </ul>
    }
}

/// A permission drop-down (None / Read / Write / Read & Write) that always shows `chosen`: its
/// value is a property bound to the signal, so it follows the data after a save, not only the
/// person's last pick.
pub fn permission_select(
    id: String,
    label: String,
    chosen: Signal<Permission>,
    on_pick: Callback<Permission>,
) -> impl IntoView {
    view! {
        <select
            id=id
            class="uk-select"
            aria-label=label
            prop:value=move || chosen.get().as_str()
            on:change=move |ev| {
                if let Some(p) = Permission::parse(&event_target_value(&ev)) {
                    on_pick.run(p);
                }
            }
        >
            // `selected` for the first render (the options come after the select's value is set).
            {Permission::ALL
                .into_iter()
                .map(|p| view! { <option value=p.as_str() selected=chosen.get_untracked() == p>{p.label()}</option> })
                .collect_view()}
        </select>
    }
}
