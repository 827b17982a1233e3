//! The key table: selectable rows, sortable headers, status, copyable IDs, a menu per row.

use super::key_rows::{menu_cell, patch_rows, row_html, RowAct, RowParts};
use super::row_menu::{actions_button_id, RowMenuList, RowShared};
use crate::browser::dom::{select_text, use_root};
use crate::state::bulk::{page_selection, PageSelection};
use crate::state::hygiene::{age_days, rotation_due};
use crate::state::{KeyPage, SortDir, SortKey};
use crate::store::{use_store, History, KeyDialog};
use crate::ui::copy_button::SharedCopy;
use crate::ui::pager::Pager;
use keys_api::AccessKey;
use leptos::ev::{Event, KeyboardEvent, MouseEvent};
use leptos::portal::Portal;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// The key table's columns (the first and last are for screen readers only: a checkbox, a menu).
pub const KEY_COLUMNS: &[&str] = &["Select", "Name", "Access Key", "Status", "Created At", "Actions"];

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

/// One key's row: a `<tr>` whose content is drawn as HTML in one call ([`row_html`]); what changes
/// in it later is patched by the table ([`patch_rows`]). A row has no event handlers: its
/// controls say what they do in `data-act` ([`RowAct`]) and the table handles them.
///
/// `key` is the key as the list had it when the row was made, `at` where it was in that list.
fn key_row(key: AccessKey, at: u32, shared: RowShared, copy: SharedCopy) -> impl IntoView {
    let store = use_store();
    let (selected, is_new, status, copy_state, menu_open) = untrack(|| {
        (
            store.selection.ids.with(|s| s.contains(&key.accesskey)),
            store.lists.created.with(|ids| ids.contains(&key.accesskey)),
            store.lists.shown_status_at(&key, at),
            copy.state_of_untracked(&key.accesskey),
            shared.menu.with(|m| m.as_ref().is_some_and(|m| m.accesskey == key.accesskey)),
        )
    });
    let age = age_days(&key.created_at, store.lists.index.with_untracked(|i| i.read_at));
    let html = row_html(&RowParts {
        key: &key,
        selected,
        is_new,
        status: &status,
        copy: copy_state,
        menu_open,
        age,
        due: rotation_due(age, store.rotate_after_days),
        id_cell: &id_cell(&key.accesskey),
        actions_id: &actions_button_id(&key.accesskey),
    });
    view! {
        <tr data-testid="key-row" data-key=key.accesskey class:uk-row--selected=selected inner_html=html></tr>
    }
}

/// The control an event came from (`data-act`) and its row's key (`data-key`).
fn row_control(ev: &Event) -> Option<(RowAct, String)> {
    let target: Element = ev.target()?.dyn_into().ok()?;
    let control = target.closest("[data-act]").ok()??;
    let row = control.closest("[data-key]").ok()??;
    Some((RowAct::parse(&control.get_attribute("data-act")?)?, row.get_attribute("data-key")?))
}

/// The id of the cell showing a key's ID (selected when a copy fails, so Ctrl+C works).
fn id_cell(accesskey: &str) -> String {
    use_root().id(&format!("id-{accesskey}"))
}

/// The header's checkbox: ticks or clears every key of the page (indeterminate when some are).
#[component]
fn PageCheckbox(page: Memo<KeyPage>) -> impl IntoView {
    let store = use_store();
    let page_ids = move || page.with(|p| p.rows.iter().map(|k| k.accesskey.clone()).collect::<Vec<_>>());
    let state = move || {
        let ids = page_ids();
        store.selection.ids.with(|s| page_selection(ids.iter().map(String::as_str), s))
    };
    let toggle = move |_| {
        let ids = page_ids();
        let all = state() == PageSelection::All;
        store.selection.ids.update(|s| {
            for id in ids {
                if all {
                    s.remove(&id);
                } else {
                    s.insert(id);
                }
            }
        });
    };
    view! {
        <input
            type="checkbox"
            class="uk-check"
            aria-label="Select all keys on this page"
            prop:checked=move || state() == PageSelection::All
            prop:indeterminate=move || state() == PageSelection::Some
            on:change=toggle
        />
    }
}

/// The keys of one page, with the header checkbox, sortable headers and the pager.
#[component]
pub fn KeyTable(
    /// The page to show.
    page: Memo<KeyPage>,
) -> impl IntoView {
    let store = use_store();
    let shared = RowShared::new(store);
    let root = use_root();
    let copy = SharedCopy::new(
        Callback::new(move |message| store.announcer.say(message)),
        Callback::new(move |accesskey: String| select_text(root, &id_cell(&accesskey))),
    );
    // One handler per kind of event for all rows: which control (`data-act`) of which key (`data-key`).
    let key_of =
        move |accesskey: &str| page.with_untracked(|p| p.rows.iter().find(|k| k.accesskey == accesskey).cloned());
    let click = move |ev: MouseEvent| {
        let Some((act, accesskey)) = row_control(&ev) else { return };
        match act {
            RowAct::Copy => {
                let what = format!("access key ID of {}", key_of(&accesskey).map(|k| k.name).unwrap_or_default());
                copy.start(accesskey, what);
            }
            RowAct::Menu => shared.toggle(accesskey),
            RowAct::Rotate => store.dialog.set(key_of(&accesskey).map(KeyDialog::Rotate)),
            RowAct::Select => {}
        }
    };
    let change = move |ev: Event| {
        let Some((act, accesskey)) = row_control(&ev) else { return };
        if act == RowAct::Select {
            store.selection.ids.update(|s| {
                if !s.remove(&accesskey) {
                    s.insert(accesskey);
                }
            });
        }
    };
    let keydown = move |ev: KeyboardEvent| {
        let Some((act, accesskey)) = row_control(&ev) else { return };
        let focus_last = match ev.key().as_str() {
            "ArrowDown" => false,
            "ArrowUp" => true,
            _ => return,
        };
        if act == RowAct::Menu {
            ev.prevent_default();
            shared.open(accesskey, focus_last);
        }
    };
    let tbody = NodeRef::<leptos::html::Tbody>::new();
    patch_rows(store, tbody, page, shared, copy);
    // The open menu, mounted into its row's menu cell.
    let open_menu = move || {
        let open = shared.menu.get()?;
        let key = page.with_untracked(|p| p.rows.iter().find(|k| k.accesskey == open.accesskey).cloned())?;
        let cell = menu_cell(tbody, &open.accesskey)?;
        Some(view! {
            <Portal mount=cell>
                <RowMenuList key=key.clone() shared />
            </Portal>
        })
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
                        <PageCheckbox page />
                    </th>
                    <SortHeader label="Name" key=SortKey::Name />
                    <th scope="col">"Access Key"</th>
                    <SortHeader label="Status" key=SortKey::Status />
                    <SortHeader label="Created At" key=SortKey::Created />
                    <th scope="col"><span class="uk-sr-only">"Actions"</span></th>
                </tr>
            </thead>
            <tbody node_ref=tbody on:click=click on:change=change on:keydown=keydown>
                <For
                    each=move || page.with(|p| p.rows.iter().cloned().zip(p.at.iter().copied()).collect::<Vec<_>>())
                    // Rows are keyed by ID and outlive refreshes, so focus and open menus stay put;
                    // what changes in them is patched (`patch_rows`).
                    key=|(k, _)| k.accesskey.clone()
                    children=move |(k, at)| key_row(k, at, shared, copy)
                />
            </tbody>
        </table>
        {open_menu}
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
