//! The Buckets tab: the data centre's buckets, how many keys reach each, and which ones.

use crate::browser::dom::use_root;
use crate::state::access::keys_on_bucket;
use crate::state::Tab;
use crate::store::{use_store, History};
use crate::ui::feedback::{LoadError, LoadingTable, TableHead};
use keys_api::{Bucket, Permission};
use leptos::prelude::*;

const COLS: usize = 6; // the bucket table's columns, for the expanded row's colspan

/// One bucket, and (expanded) the keys that reach it.
#[component]
fn BucketRow(
    /// The bucket with its permissions.
    bucket: Bucket,
) -> impl IntoView {
    let store = use_store();
    let expanded = RwSignal::new(false);
    let (location, country) = bucket
        .dclocation
        .as_ref()
        .map(|l| (l.location.clone(), l.country.clone()))
        .unwrap_or_else(|| (bucket.dcslug.clone(), String::new()));
    let list_id = use_root().id(&format!("bucket-keys-{}", bucket.name));
    let keys: Vec<(String, String, Permission)> = bucket
        .permissions
        .iter()
        .filter_map(|p| {
            let perm = Permission::parse(&p.permission).filter(|p| *p != Permission::None)?;
            let name = if p.name.is_empty() { p.accesskey.clone() } else { p.name.clone() };
            Some((name, p.accesskey.clone(), perm))
        })
        .collect();
    let open_details = move |accesskey: String| {
        store.view.update(History::Push, |v| {
            v.tab = Tab::Keys;
            v.key = Some(accesskey);
        });
    };
    let status_class =
        if bucket.status.eq_ignore_ascii_case("active") { "uk-dot uk-dot--active" } else { "uk-dot uk-dot--other" };
    view! {
        <tr class="uk-row--stack" data-testid="bucket-row">
            <th scope="row">
                <button
                    type="button"
                    class="uk-disclosure"
                    aria-expanded=move || expanded.get().to_string()
                    aria-controls=list_id.clone()
                    aria-label=format!("Show keys for {}", bucket.name)
                    on:click=move |_| expanded.update(|e| *e = !*e)
                >
                    <span aria-hidden="true" class="uk-disclosure__icon">{move || if expanded.get() { "▾" } else { "▸" }}</span>
                    {bucket.name.clone()}
                </button>
            </th>
            <td data-label="Location">
                <span class="uk-location">{location}</span>
                <span class="uk-location__country">{country}</span>
            </td>
            <td class="uk-num" data-label="Objects">{bucket.object_count.to_string()}</td>
            <td class="uk-num" data-label="Keys">{keys_on_bucket(&bucket).to_string()}</td>
            <td data-label="Status">
                <span class="uk-status">
                    <span class=status_class aria-hidden="true"></span>
                    {bucket.status.clone()}
                </span>
            </td>
            <td class="uk-table__date" data-label="Created At">{bucket.created_at.clone()}</td>
        </tr>
        <Show when=move || expanded.get()>
            <tr class="uk-subrow">
                <td colspan=COLS.to_string()>
                    {if keys.is_empty() {
                        view! { <p id=list_id.clone()>"No key can reach this bucket."</p> }.into_any()
                    } else {
                        view! {
                            <ul id=list_id.clone() class="uk-list" data-testid=format!("bucket-keys-{}", bucket.name)>
                                {keys.clone().into_iter().map(|(name, accesskey, perm)| view! {
                                    <li>
                                        {format!("{name}: {}", perm.label())}
                                        " "
                                        <button
                                            type="button"
                                            class="uk-btn uk-btn--link"
                                            on:click=move |_| open_details(accesskey.clone())
                                        >
                                            {format!("View details of {name}")}
                                        </button>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </td>
            </tr>
        </Show>
    }
}

/// The Buckets tab.
#[component]
pub fn BucketsPanel() -> impl IntoView {
    let store = use_store();
    store.lists.need_buckets();
    const COLUMNS: &[&str] = &["Storage", "Location", "Objects", "Keys", "Status", "Created At"];
    move || match store.lists.buckets_now() {
        None => view! { <LoadingTable what="Buckets" columns=COLUMNS rows=3 /> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <div class="uk-empty"><p class="uk-empty__title">"No buckets in this data centre"</p></div>
        }
        .into_any(),
        Some(Ok(list)) => view! {
            <table class="uk-table uk-table--cards" data-testid="buckets-table">
                <caption class="uk-sr-only">"Buckets"</caption>
                <TableHead columns=COLUMNS />
                <tbody>{list.iter().cloned().map(|bucket| view! { <BucketRow bucket /> }).collect_view()}</tbody>
            </table>
        }
        .into_any(),
        Some(Err(error)) => view! {
            <LoadError what="buckets" error on_retry=Callback::new(move |_| store.lists.buckets.refetch()) />
        }
        .into_any(),
    }
}
