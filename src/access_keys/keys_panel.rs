//! The Access Keys tab: search, bulk actions, the key table, and the loading, empty and error states.

use super::bulk_bar::{BulkBar, BulkResult};
use super::export::export_buttons;
use super::key_filters::{filter_acts, filter_chips, no_match, rotation_notice};
use super::key_table::KeyTable;
use super::key_table::KEY_COLUMNS;
use crate::api::ApiError;
use crate::browser::dom::use_root;
use crate::state::hygiene::Filter;
use crate::state::{order, slice, KeyPage, RowQuery};
use crate::store::{use_store, History};
use crate::ui::effect::effect;
use crate::ui::feedback::{Alert, AlertKind, LoadError, LoadingTable};
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
enum Shown {
    Loading,
    Error(ApiError),
    Empty,
    Table,
}

#[component]
pub fn KeysPanel() -> impl IntoView {
    let store = use_store();
    let view_state = store.view.table;
    let search_input = move |ev| {
        let text = event_target_value(&ev);
        store.view.update(History::Replace, |v| {
            v.search = text;
            v.page = 1;
        });
    };

    // What the panel shows. It changes only when the kind of state changes, so a refresh of the
    // list updates the rows in place instead of drawing a new table under the person's focus.
    let shown = Memo::new(move |_| match store.lists.keys.get() {
        None => Shown::Loading,
        Some(Err(e)) => Shown::Error(e),
        Some(Ok(keys)) if keys.is_empty() => Shown::Empty,
        Some(Ok(_)) => Shown::Table,
    });
    // Filter and sort once per change of the list, the search, the filters or the sort; a page
    // change only slices.
    let query = Memo::new(move |_| view_state.with(|v| RowQuery::from(v)));
    let all = Memo::new(move |_| store.lists.keys.get().and_then(Result::ok).unwrap_or_default());
    // A filter on bucket access (also from the URL) needs the bucket list.
    effect(move || {
        if query.with(|q| q.filters.has(Filter::NoAccess)) {
            store.lists.need_buckets();
        }
    });
    let order = Memo::new(move |_| {
        // The flags only when a filter is on: without, a new bucket list does not order again.
        let flags = query.with(|q| !q.filters.is_empty()).then(|| store.flags());
        let rows =
            all.with(|keys| store.lists.index.with(|index| query.with(|q| order(keys, index, q, flags.as_deref()))));
        Arc::new(rows)
    });
    let page: Memo<KeyPage> = Memo::new(move |_| {
        let (page, size) = view_state.with(|v| (v.page, v.size));
        all.with(|keys| order.with(|o| slice(keys, o, page, size)))
    });

    let acts = filter_acts(page);
    view! {
        // One row that stays in place (and in view, sticky): ticking a key shows the bulk actions
        // in it instead of pushing the table down. The filters and the export are on a row of
        // their own under the search.
        <div class="uk-toolbar">
            <BulkBar />
            <div class="uk-toolbar__search">
                <label class="uk-sr-only" for=use_root().id("key-search")>"Search keys by name or access key ID"</label>
                <input
                    id=use_root().id("key-search")
                    class="uk-input uk-search"
                    type="search"
                    placeholder="Search"
                    autocomplete="off"
                    prop:value=move || view_state.with(|v| v.search.clone())
                    on:input=search_input
                />
            </div>
            <div class="uk-toolbar__tools">{filter_chips(acts.clone())} {export_buttons()}</div>
        </div>
        <BulkResult />
        {move || store.action_error.get().map(|failed| view! {
            <Alert kind=AlertKind::Danger urgent=true testid="action-error">
                <p>{failed.to_string()}</p>
                <button type="button" class="uk-btn uk-btn--link" on:click=move |_| store.action_error.set(None)>
                    "Dismiss"
                </button>
            </Alert>
        })}
        {move || match shown.get() {
            Shown::Loading => view! {
                <LoadingTable what="Access keys" columns=KEY_COLUMNS unseen=&["Select", "Actions"] />
            }.into_any(),
            Shown::Error(error) => view! {
                <LoadError what="access keys" error on_retry=Callback::new(move |_| store.lists.keys.refetch()) />
            }.into_any(),
            Shown::Empty => view! {
                <div class="uk-empty" data-testid="empty-keys">
                    <p class="uk-empty__title">"No access keys yet"</p>
                    <p>"An access key lets an S3 tool or app reach your buckets. Create your first one to get started."</p>
                    <button type="button" class="uk-btn uk-btn--primary" on:click=move |_| store.open_create()>
                        "+ Create your first access key"
                    </button>
                </div>
            }.into_any(),
            Shown::Table => view! {
                {rotation_notice(acts.clone())}
                <KeyTable page />
                {no_match(page, acts.clone())}
            }.into_any(),
        }}
    }
}
