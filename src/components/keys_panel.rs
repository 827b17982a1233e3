//! The Access Keys tab: search, the key table, pagination, and the loading, empty and error states.

use super::copy_button::CopyButton;
use super::feedback::{LoadError, SkeletonRows};
use super::pagination::Pagination;
use crate::api::ApiError;
use crate::state::{page_of, KeyPage, ViewState};
use keys_api::{AccessKey, KeyStatus};
use leptos::prelude::*;

pub type KeysResource = LocalResource<Result<Vec<AccessKey>, ApiError>>;

const COLS: usize = 4;

#[component]
fn StatusCell(status: KeyStatus) -> impl IntoView {
    let modifier = match status {
        KeyStatus::Active => "uk-dot--active",
        KeyStatus::Suspended => "uk-dot--suspended",
        KeyStatus::Other(_) => "uk-dot--other",
    };
    view! {
        <span class="uk-status">
            <span class=format!("uk-dot {modifier}") aria-hidden="true"></span>
            {status.label().to_string()}
        </span>
    }
}

#[component]
fn KeyRow(key: AccessKey, is_new: bool) -> impl IntoView {
    let id = Signal::stored(key.accesskey.clone());
    let what = format!("access key ID of {}", key.name);
    view! {
        <tr data-testid="key-row">
            <th scope="row" class="uk-table__name">
                {key.name.clone()}
                {is_new.then(|| view! { <span class="uk-badge">"New"</span> })}
            </th>
            <td class="uk-table__id">
                <code class="uk-id">{key.accesskey.clone()}</code>
                <CopyButton value=id what />
            </td>
            <td><StatusCell status=key.status.clone() /></td>
            <td class="uk-table__date">{key.created_at.clone()}</td>
        </tr>
    }
}

#[component]
pub fn KeysPanel(
    keys: KeysResource,
    view_state: Memo<ViewState>,
    set_view: Callback<(ViewState, bool)>,
    on_create: Callback<()>,
    /// Access key IDs created during this visit.
    new_ids: RwSignal<Vec<String>>,
) -> impl IntoView {
    let search_input = move |ev| {
        let mut v = view_state.get_untracked();
        v.search = event_target_value(&ev);
        v.page = 1;
        set_view.run((v, true));
    };
    let clear_search = move |_| {
        let mut v = view_state.get_untracked();
        v.search.clear();
        v.page = 1;
        set_view.run((v, false));
    };
    let on_page = Callback::new(move |n: usize| {
        let mut v = view_state.get_untracked();
        v.page = n;
        set_view.run((v, false));
    });
    let on_size = Callback::new(move |n: usize| {
        let mut v = view_state.get_untracked();
        v.size = n;
        v.page = 1;
        set_view.run((v, false));
    });

    let table = move |all: Vec<AccessKey>| {
        let total = all.len();
        let page: Memo<KeyPage> = Memo::new(move |_| view_state.with(|v| page_of(&all, v)));
        if total == 0 {
            return view! {
                <div class="uk-empty" data-testid="empty-keys">
                    <p class="uk-empty__title">"No access keys yet"</p>
                    <p>"An access key lets an S3 tool or app reach your buckets. Create your first one to get started."</p>
                    <button type="button" class="uk-btn uk-btn--primary" on:click=move |_| on_create.run(())>
                        "+ Create your first access key"
                    </button>
                </div>
            }
            .into_any();
        }
        view! {
            <table class="uk-table" data-testid="keys-table">
                <caption class="uk-sr-only">"Access keys"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Access Key"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Created At"</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || page.get().rows
                        key=|k| (k.accesskey.clone(), k.status.clone())
                        children=move |k| {
                            let is_new = new_ids.with_untracked(|ids| ids.contains(&k.accesskey));
                            view! { <KeyRow key=k is_new /> }
                        }
                    />
                </tbody>
            </table>
            <Show when=move || page.with(|p| p.matching == 0)>
                <div class="uk-empty uk-empty--inline" data-testid="no-match">
                    <p>{move || format!("No keys match “{}”.", view_state.with(|v| v.search.clone()))}</p>
                    <button type="button" class="uk-btn uk-btn--secondary" on:click=clear_search>
                        "Clear search"
                    </button>
                </div>
            </Show>
            <Pagination page size=Signal::derive(move || view_state.with(|v| v.size)) on_page on_size />
        }
        .into_any()
    };

    view! {
        <div class="uk-toolbar">
            <label class="uk-sr-only" for="uk-key-search">"Search keys by name or access key ID"</label>
            <input
                id="uk-key-search"
                class="uk-input uk-search"
                type="search"
                placeholder="Search"
                autocomplete="off"
                prop:value=move || view_state.with(|v| v.search.clone())
                on:input=search_input
            />
        </div>
        <Transition fallback=move || view! {
            <table class="uk-table" aria-busy="true">
                <caption class="uk-sr-only">"Access keys (loading)"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Access Key"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Created At"</th>
                    </tr>
                </thead>
                <tbody><SkeletonRows cols=COLS /></tbody>
            </table>
            <p class="uk-sr-only" role="status">"Loading access keys…"</p>
        }>
            {move || Suspend::new(async move {
                match keys.await {
                    Ok(all) => table(all),
                    Err(error) => view! {
                        <LoadError what="access keys" error on_retry=Callback::new(move |_| keys.refetch()) />
                    }.into_any(),
                }
            })}
        </Transition>
    }
}
