//! The bulk-actions toolbar shown while rows are selected, and the report of the last bulk action.

use super::store::{use_store, KeyDialog};
use keys_api::{AccessKey, StatusAction};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn BulkBar() -> impl IntoView {
    let store = use_store();
    let busy = RwSignal::new(false);
    let count = move || store.selection.with(|s| s.len());
    let selected_keys = move || -> Vec<AccessKey> {
        let keys = store.loaded_keys();
        store.selection.with_untracked(|s| keys.into_iter().filter(|k| s.contains(&k.accesskey)).collect())
    };
    let run = move |action: StatusAction| {
        let keys = selected_keys();
        if keys.is_empty() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            store.bulk(keys, action).await;
            busy.try_set(false);
        });
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
                <button type="button" class="uk-btn uk-btn--link" on:click=move |_| store.selection.set(Default::default())>
                    "Clear selection"
                </button>
                <Show when=move || busy.get()>
                    <span class="uk-bulk__busy" role="status">"Working…"</span>
                </Show>
            </div>
        </Show>
        {move || store.bulk_result.get().map(|outcome| {
            let failed = !outcome.failed.is_empty();
            view! {
                <div class="uk-alert" class:uk-alert--danger=failed class:uk-alert--ok=!failed data-testid="bulk-result">
                    <p class="uk-alert__title">{outcome.summary()}</p>
                    {failed.then(|| view! {
                        <p>"These failed and are still selected, so you can retry them:"</p>
                        <ul>
                            {outcome.failed.iter().map(|(_, name, msg)| view! { <li>{format!("{name}: {msg}")}</li> }).collect_view()}
                        </ul>
                    })}
                    <button type="button" class="uk-btn uk-btn--link" on:click=move |_| store.bulk_result.set(None)>
                        "Dismiss"
                    </button>
                </div>
            }
        })}
    }
}
