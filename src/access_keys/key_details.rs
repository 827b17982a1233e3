//! Key details (its own URL: `?key=<access key ID>`): the key's facts and its bucket access,
//! editable one bucket at a time or all at once.

use super::bucket_access::BucketAccessEditor;
use super::key_rows::status_cell;
use super::row_menu::actions_button_id;
use crate::browser::dom::use_root;
use crate::store::use_store;
use crate::ui::copy_button::CopyButton;
use crate::ui::dialog::{Drawer, DrawerBody, DrawerHeader};
use keys_api::AccessKey;
use leptos::prelude::*;

/// The details drawer of the key with this access key ID.
#[component]
pub fn KeyDetails(
    /// The key's access key ID (from the URL).
    accesskey: String,
    /// The drawer asks to close.
    on_close: Callback<()>,
) -> impl IntoView {
    let store = use_store();
    let id = StoredValue::new(accesskey.clone());
    let key = Memo::new(move |_| {
        store
            .lists
            .keys
            .get()
            .and_then(Result::ok)
            .and_then(|ks| id.with_value(|id| ks.iter().find(|k| &k.accesskey == id).cloned()))
    });
    let loaded = move || store.lists.keys.with(|k| k.is_some());
    let dismiss = Callback::new(move |_| on_close.run(()));
    view! {
        <Drawer labelled_by=use_root().id("details-title") on_dismiss=dismiss return_focus=actions_button_id(&accesskey)>
            <DrawerHeader title_id=use_root().id("details-title") on_close>
                {move || match key.get() {
                    Some(k) => format!("Access key {}", k.name),
                    None => "Access key".to_string(),
                }}
            </DrawerHeader>
            <DrawerBody>
                {move || match key.get() {
                    Some(k) => view! { <DetailsBody key=k /> }.into_any(),
                    None if loaded() => view! {
                        <p role="alert">"This access key does not exist in this data centre (it may have been deleted)."</p>
                    }.into_any(),
                    None => view! { <p role="status">"Loading…"</p> }.into_any(),
                }}
            </DrawerBody>
        </Drawer>
    }
}

/// The key's facts, then its bucket access.
#[component]
fn DetailsBody(
    /// The key as the list has it.
    key: AccessKey,
) -> impl IntoView {
    let store = use_store();
    let status = {
        let key = key.clone();
        move || store.lists.shown_status(&key)
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
            <dd>{status_cell(status)}</dd>
            <dt>"Created At"</dt>
            <dd>{key.created_at.clone()}</dd>
            <dt>"Data centre"</dt>
            <dd>{move || store.lists.dc.get()}</dd>
        </dl>
        <BucketAccessEditor accesskey=key.accesskey.clone() />
    }
}
