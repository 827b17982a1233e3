//! The key table: selectable rows, sortable headers, status, copyable IDs, a menu per row.

use super::row_menu::RowMenu;
use crate::state::bulk::{page_selection, PageSelection};
use crate::state::{KeyPage, SortDir, SortKey};
use crate::store::{use_store, History};
use crate::ui::copy_button::CopyButton;
use crate::ui::pager::Pager;
use keys_api::{AccessKey, KeyStatus};
use leptos::prelude::*;

/// The key table's columns (the first and last are for screen readers only: a checkbox, a menu).
pub const KEY_COLUMNS: &[&str] = &["Select", "Name", "Access Key", "Status", "Created At", "Actions"];

/// A key's status as a coloured dot and its word.
#[component]
pub fn StatusCell(
    /// The status to show. A plain closure, not a derived signal: rows are disposed while a list
    /// refresh is still notifying them, and a closure owns nothing that can be disposed under it.
    status: impl Fn() -> KeyStatus + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let label = status.clone();
    let modifier = move || match status() {
        KeyStatus::Active => "uk-dot uk-dot--active",
        KeyStatus::Suspended => "uk-dot uk-dot--suspended",
        KeyStatus::Other(_) => "uk-dot uk-dot--other",
    };
    view! {
        <span class="uk-status">
            <span class=modifier aria-hidden="true"></span>
            {move || label().label().to_string()}
        </span>
    }
}

/// A column header that sorts the table by its column.
#[component]
fn SortHeader(
    /// The column's name.
    label: &'static str,
    /// What it sorts by.
    key: SortKey,
) -> impl IntoView {
    let store = use_store();
    let state = move || store.view.table.with(|v| (v.sort == key).then_some(v.dir));
    let click = move |_| {
        store.view.update(History::Push, |v| {
            v.toggle_sort(key);
            let dir = if v.dir == SortDir::Asc { "ascending" } else { "descending" };
            store.announcer.say(format!("Sorted by {label}, {dir}."));
        });
    };
    view! {
        <th
            scope="col"
            aria-sort=move || match state() {
                Some(SortDir::Asc) => "ascending",
                Some(SortDir::Desc) => "descending",
                None => "none",
            }
        >
            <button type="button" class="uk-sort" on:click=click>
                {label}
                <span class="uk-sort__icon" aria-hidden="true">
                    {move || match state() {
                        Some(SortDir::Asc) => "▲",
                        Some(SortDir::Desc) => "▼",
                        None => "↕",
                    }}
                </span>
            </button>
        </th>
    }
}

/// One key: selection, name, ID with copy, status, creation time, actions.
#[component]
fn KeyRow(
    /// The key as the list had it when the row was made (its status is read live).
    key: AccessKey,
) -> impl IntoView {
    let store = use_store();
    let id = key.accesskey.clone();
    let is_new = store.new_ids.with_untracked(|ids| ids.contains(&id));
    let selected = {
        let id = id.clone();
        move || store.selection.with(|s| s.contains(&id))
    };
    let checked = selected.clone();
    let toggle = {
        let id = id.clone();
        move |_| {
            store.selection.update(|s| {
                if !s.remove(&id) {
                    s.insert(id.clone());
                }
            })
        }
    };
    let status = {
        let key = key.clone();
        move || store.shown_status(&key)
    };
    view! {
        <tr data-testid="key-row" class:uk-row--selected=selected>
            <td class="uk-table__check">
                <input
                    type="checkbox"
                    class="uk-check"
                    aria-label=format!("Select {}", key.name)
                    prop:checked=checked
                    on:change=toggle
                />
            </td>
            <th scope="row" class="uk-table__name">
                {key.name.clone()}
                {is_new.then(|| view! { <span class="uk-badge">"New"</span> })}
            </th>
            // The cell stays a table cell (a flex cell breaks the row's lines); its content is the flex box.
            <td class="uk-table__id" data-label="Access Key">
                <div class="uk-idcell">
                    <code class="uk-id">{id.clone()}</code>
                    <CopyButton value=Signal::stored(id.clone()) what=format!("access key ID of {}", key.name) />
                </div>
            </td>
            <td class="uk-table__status" data-testid="key-status" data-label="Status"><StatusCell status /></td>
            <td class="uk-table__date" data-label="Created At">{key.created_at.clone()}</td>
            <td class="uk-table__actions"><RowMenu key=key.clone() /></td>
        </tr>
    }
}

/// The keys of one page, with the header checkbox, sortable headers and the pager.
#[component]
pub fn KeyTable(
    /// The page to show.
    page: Memo<KeyPage>,
) -> impl IntoView {
    let store = use_store();
    let page_ids = move || page.with(|p| p.rows.iter().map(|k| k.accesskey.clone()).collect::<Vec<_>>());
    let header_state = move || {
        let ids = page_ids();
        store.selection.with(|s| page_selection(ids.iter().map(String::as_str), s))
    };
    let toggle_page = move |_| {
        let ids = page_ids();
        let all = header_state() == PageSelection::All;
        store.selection.update(|s| {
            for id in ids {
                if all {
                    s.remove(&id);
                } else {
                    s.insert(id);
                }
            }
        });
    };
    let on_page = Callback::new(move |n: usize| store.view.update(History::Push, |v| v.page = n));
    let on_size = Callback::new(move |n: usize| {
        store.view.update(History::Push, |v| {
            v.size = n;
            v.page = 1;
        })
    });
    view! {
        <table class="uk-table uk-table--cards" data-testid="keys-table">
            <caption class="uk-sr-only">"Access keys"</caption>
            <thead>
                <tr>
                    <th scope="col" class="uk-table__check">
                        <input
                            type="checkbox"
                            class="uk-check"
                            aria-label="Select all keys on this page"
                            prop:checked=move || header_state() == PageSelection::All
                            prop:indeterminate=move || header_state() == PageSelection::Some
                            on:change=toggle_page
                        />
                    </th>
                    <SortHeader label="Name" key=SortKey::Name />
                    <th scope="col">"Access Key"</th>
                    <SortHeader label="Status" key=SortKey::Status />
                    <SortHeader label="Created At" key=SortKey::Created />
                    <th scope="col"><span class="uk-sr-only">"Actions"</span></th>
                </tr>
            </thead>
            <tbody>
                <For
                    each=move || page.get().rows
                    // Rows are keyed by ID and outlive refreshes, so focus and open menus stay put;
                    // what changes (status) is read reactively.
                    key=|k| k.accesskey.clone()
                    children=move |k| view! { <KeyRow key=k /> }
                />
            </tbody>
        </table>
        // No pager when nothing matches: there is nothing to page through.
        <Show when=move || page.with(|p| p.matching > 0)>
            <Pager
                span=Signal::derive(move || page.with(|p| p.span()))
                size=Signal::derive(move || store.view.table.with(|v| v.size))
                label="Pages of access keys"
                noun="keys"
                on_page
                on_size
            />
        </Show>
    }
}
