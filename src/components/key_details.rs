//! Key details (its own URL: `?key=<access key ID>`): the key's facts and its bucket access,
//! editable one bucket at a time or all at once.

use super::copy_button::CopyButton;
use super::dialog::Drawer;
use super::key_table::StatusCell;
use super::row_menu::actions_button_id;
use super::store::{use_store, BULK_CONCURRENCY};
use crate::state::access::key_access;
use crate::state::bulk::run_bounded;
use keys_api::{AccessKey, Permission};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
enum RowState {
    Saving,
    Saved,
    Failed(String),
}

#[component]
pub fn KeyDetails(accesskey: String, on_close: Callback<()>) -> impl IntoView {
    let store = use_store();
    let id = StoredValue::new(accesskey.clone());
    let key = Memo::new(move |_| {
        store.keys.get().and_then(Result::ok).and_then(|ks| id.with_value(|id| ks.into_iter().find(|k| &k.accesskey == id)))
    });
    let loaded = move || store.keys.with(|k| k.is_some());
    let dismiss = Callback::new(move |_| on_close.run(()));
    view! {
        <Drawer labelled_by="uk-details-title" on_dismiss=dismiss return_focus=actions_button_id(&accesskey)>
            <header class="uk-drawer__header">
                <h2 id="uk-details-title" class="uk-drawer__title">
                    {move || match key.get() {
                        Some(k) => format!("Access key {}", k.name),
                        None => "Access key".to_string(),
                    }}
                </h2>
                <button type="button" class="uk-drawer__close" aria-label="Close" on:click=move |_| on_close.run(())>
                    "×"
                </button>
            </header>
            <div class="uk-drawer__body">
                {move || match key.get() {
                    Some(k) => view! { <DetailsBody key=k /> }.into_any(),
                    None if loaded() => view! {
                        <p role="alert">"This access key does not exist in this data centre (it may have been deleted)."</p>
                    }.into_any(),
                    None => view! { <p role="status">"Loading…"</p> }.into_any(),
                }}
            </div>
        </Drawer>
    }
}

#[component]
fn DetailsBody(key: AccessKey) -> impl IntoView {
    let store = use_store();
    let status = {
        let key = key.clone();
        move || store.shown_status(&key)
    };
    view! {
        <dl class="uk-facts">
            <dt>"Name"</dt>
            <dd>{key.name.clone()}</dd>
            <dt>"Access key ID"</dt>
            <dd class="uk-facts__id">
                <code class="uk-id">{key.accesskey.clone()}</code>
                <CopyButton value=Signal::stored(key.accesskey.clone()) what="access key ID" />
            </dd>
            <dt>"Status"</dt>
            <dd><StatusCell status /></dd>
            <dt>"Created At"</dt>
            <dd>{key.created_at.clone()}</dd>
            <dt>"Data centre"</dt>
            <dd>{move || store.dc.get()}</dd>
        </dl>
        <BucketAccessEditor accesskey=key.accesskey.clone() />
    }
}

#[component]
fn BucketAccessEditor(accesskey: String) -> impl IntoView {
    let store = use_store();
    let id = StoredValue::new(accesskey);
    // What the server says now, per bucket.
    let current = Memo::new(move |_| {
        let buckets = store.buckets.get().and_then(Result::ok);
        buckets.map(|b| id.with_value(|id| key_access(&b, id)))
    });
    // What the person chose, where it differs from the server.
    let draft = RwSignal::new(HashMap::<String, Permission>::new());
    let rows = RwSignal::new(HashMap::<String, RowState>::new());
    let chosen = move |bucket: &str| -> Permission {
        draft.with(|d| d.get(bucket).copied()).unwrap_or_else(|| {
            current.with(|c| {
                c.as_ref().and_then(|c| c.iter().find(|a| a.bucket == bucket).map(|a| a.permission)).unwrap_or(Permission::None)
            })
        })
    };
    let changed = move || -> Vec<(String, Permission)> {
        let server = current.get_untracked().unwrap_or_default();
        draft.with_untracked(|d| {
            server
                .iter()
                .filter_map(|a| d.get(&a.bucket).filter(|p| **p != a.permission).map(|p| (a.bucket.clone(), *p)))
                .collect()
        })
    };
    let save = move |items: Vec<(String, Permission)>| {
        if items.is_empty() {
            return;
        }
        let (client, dc) = (store.client(), store.dc.get_untracked());
        let accesskey = id.get_value();
        rows.update(|r| items.iter().for_each(|(b, _)| {
            r.insert(b.clone(), RowState::Saving);
        }));
        spawn_local(async move {
            let results = run_bounded(items, BULK_CONCURRENCY, |(bucket, perm): (String, Permission)| {
                let (client, dc, accesskey) = (client.clone(), dc.clone(), accesskey.clone());
                async move {
                    let r = client.set_permission(&dc, &bucket, perm, &accesskey).await;
                    (bucket, r)
                }
            })
            .await;
            let mut failed = 0;
            for (bucket, r) in &results {
                let state = match r {
                    Ok(_) => RowState::Saved,
                    Err(e) => {
                        failed += 1;
                        RowState::Failed(e.to_string())
                    }
                };
                rows.try_update(|m| {
                    m.insert(bucket.clone(), state);
                });
            }
            // Saved rows are now what the server has; failed ones keep the person's choice.
            draft.try_update(|d| {
                for (bucket, r) in &results {
                    if r.is_ok() {
                        d.remove(bucket);
                    }
                }
            });
            let saved = results.len() - failed;
            if failed == 0 {
                store.announcer.say(format!("Saved {saved} bucket permission{}.", if saved == 1 { "" } else { "s" }));
            } else {
                store.announcer.alert(format!("Saved {saved} of {}; {failed} refused. See the messages next to each bucket.", results.len()));
            }
            store.buckets.refetch();
        });
    };
    view! {
        <section class="uk-section" aria-labelledby="uk-access-title">
            <h3 id="uk-access-title" class="uk-section__title">"Bucket access"</h3>
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
                                let select_id = format!("uk-perm-{}", a.bucket);
                                view! {
                                    <tr>
                                        <th scope="row">{a.bucket.clone()}</th>
                                        <td>
                                            <select
                                                id=select_id
                                                class="uk-select"
                                                aria-label=format!("Permission on {}", a.bucket)
                                                on:change=move |ev| {
                                                    if let Some(p) = Permission::parse(&event_target_value(&ev)) {
                                                        draft.update(|d| { d.insert(bucket.get_value(), p); });
                                                        rows.update(|r| { r.remove(&bucket.get_value()); });
                                                    }
                                                }
                                            >
                                                {Permission::ALL.into_iter().map(|p| view! {
                                                    <option value=p.as_str() selected=move || bucket.with_value(|b| chosen(b)) == p>
                                                        {p.label()}
                                                    </option>
                                                }).collect_view()}
                                            </select>
                                        </td>
                                        <td>
                                            <button
                                                type="button"
                                                class="uk-btn uk-btn--secondary uk-btn--small"
                                                aria-label=format!("Save permission on {}", a.bucket)
                                                on:click=move |_| save(vec![(bucket.get_value(), bucket.with_value(|b| chosen(b)))])
                                            >
                                                "Save"
                                            </button>
                                        </td>
                                        <td data-testid=format!("perm-status-{}", a.bucket) class="uk-perm-status">
                                            {move || match rows.with(|r| r.get(&bucket.get_value()).cloned()) {
                                                Some(RowState::Saving) => view! { <span>"Saving…"</span> }.into_any(),
                                                Some(RowState::Saved) => view! { <span class="uk-ok">"Saved"</span> }.into_any(),
                                                Some(RowState::Failed(m)) => view! { <span class="uk-error" role="alert">{m}</span> }.into_any(),
                                                None => ().into_any(),
                                            }}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <button type="button" class="uk-btn uk-btn--primary" on:click=move |_| save(changed())>
                        "Save all changes"
                    </button>
                }.into_any(),
            }}
        </section>
    }
}
