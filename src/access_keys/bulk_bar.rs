//! The bulk-actions toolbar shown while rows are selected, and the report of the last bulk action.

use crate::store::{use_store, KeyDialog};
use crate::ui::feedback::{Alert, AlertKind};
use crate::ui::write::{start, write};
use keys_api::{AccessKey, StatusAction};
use leptos::prelude::*;

/// "N selected" with Suspend / Activate / Delete selected (in the table's toolbar row).
#[component]
pub fn BulkBar() -> impl IntoView {
    let store = use_store();
    let count = move || store.selection.ids.with(|s| s.len());
    let selected_keys = move || -> Vec<AccessKey> {
        let keys = store.lists.loaded_keys();
        store.selection.ids.with_untracked(|s| keys.iter().filter(|k| s.contains(&k.accesskey)).cloned().collect())
    };
    let bulk = write();
    let busy = bulk.pending();
    let run = move |action: StatusAction| {
        let keys = selected_keys();
        if keys.is_empty() || busy.get_untracked() {
            return;
        }
        let run = store.bulk(keys, action);
        start(bulk, async move { drop(run.await) });
    };
    view! {
        <Show when=move || { count() > 0 }>
            <div class="uk-bulk" role="toolbar" aria-label="Bulk actions">
                <span class="uk-bulk__count">{move || format!("{} selected", count())}</span>
                <button type="button" class="uk-btn uk-btn--secondary" prop:disabled=move || busy.get()
                    on:click=move |_| run(StatusAction::Disable)>"Suspend selected"</button>
                <button type="button" class="uk-btn uk-btn--secondary" prop:disabled=move || busy.get()
                    on:click=move |_| run(StatusAction::Enable)>"Activate selected"</button>
                <button type="button" class="uk-btn uk-btn--danger" prop:disabled=move || busy.get()
                    on:click=move |_| store.dialog.set(Some(KeyDialog::BulkDelete(selected_keys())))>
                    "Delete selected"
                </button>
                <button type="button" class="uk-btn uk-btn--link" on:click=move |_| store.selection.ids.set(Default::default())>
                    "Clear selection"
                </button>
                <Show when=move || busy.get()>
                    <span class="uk-bulk__busy" role="status">"Working…"</span>
                </Show>
            </div>
        </Show>
    }
}

/// The report of the last bulk action, until dismissed.
#[component]
pub fn BulkResult() -> impl IntoView {
    let store = use_store();
    view! {
        {move || store.selection.outcome.get().map(|outcome| {
            let failed = !outcome.failed.is_empty();
            let kind = if failed { AlertKind::Danger } else { AlertKind::Ok };
            view! {
                <Alert kind testid="bulk-result">
                    <p class="uk-alert__title">{outcome.summary()}</p>
                    {failed.then(|| view! {
                        <p>"These failed and are still selected, so you can retry them:"</p>
                        <ul>
                            {outcome.failed.iter().map(|f| view! { <li>{format!("{}: {}", f.name, f.error)}</li> }).collect_view()}
                        </ul>
                    })}
                    <button type="button" class="uk-btn uk-btn--link" on:click=move |_| store.selection.outcome.set(None)>
                        "Dismiss"
                    </button>
                </Alert>
            }
        })}
    }
}
