//! The "Object Storage" page: data-centre picker, tabs Buckets | Access Keys, and the create drawer.
//! The view state lives in the URL query (see `state::view`).

use super::announcer::use_announcer;
use super::buckets_panel::BucketsPanel;
use super::create_drawer::CreateKeyDrawer;
use super::delete_dialog::{BulkDeleteDialog, DeleteKeyDialog};
use super::key_details::KeyDetails;
use super::keys_panel::KeysPanel;
use super::reveal::RevealOpen;
use super::rotate_drawer::RotateDrawer;
use super::store::{BucketsResource, KeyDialog, KeyStore, KeysResource};
use crate::api::ApiClient;
use crate::state::{Tab, ViewState};
use keys_api::{suggest_name, DataCentre};
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// The data centres offered, from the configuration.
#[derive(Clone)]
pub struct DataCentres(pub Vec<DataCentre>);

impl DataCentres {
    pub fn find(&self, slug: &str) -> Option<DataCentre> {
        self.0.iter().find(|d| d.slug == slug).cloned()
    }
}

#[component]
pub fn ObjectStoragePage(default_dc: String) -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let DataCentres(dcs) = expect_context::<DataCentres>();
    let announcer = use_announcer();

    let query = use_query_map();
    let view_state = Memo::new(move |_| query.with(|q| ViewState::from_query(|k| q.get(k))));
    let navigate = StoredValue::new_local(use_navigate());
    let location = use_location();
    let set_view = Callback::new(move |(next, replace): (ViewState, bool)| {
        let href = format!("{}{}", location.pathname.get_untracked(), next.to_query());
        navigate.with_value(|nav| nav(&href, NavigateOptions { replace, scroll: false, ..Default::default() }));
    });
    let dc = Memo::new(move |_| view_state.with(|v| v.dc.clone()).unwrap_or_else(|| default_dc.clone()));
    let tab = Memo::new(move |_| view_state.with(|v| v.tab));
    // What the key table shows, without the tab: switching tabs unmounts the table, and must not
    // also ask the table (about to be disposed) to recompute.
    let table_view = Memo::new(move |_| ViewState { tab: Tab::Keys, key: None, ..view_state.get() });

    let keys: KeysResource = {
        let client = client.clone();
        LocalResource::new(move || {
            let (client, dc) = (client.clone(), dc.get());
            async move { client.list_keys(&dc).await.map(|r| r.accesskeys) }
        })
    };
    let buckets: BucketsResource = LocalResource::new(move || {
        let (client, dc) = (client.clone(), dc.get());
        async move { client.list_buckets(&dc).await.map(|r| r.buckets) }
    });
    let store = KeyStore {
        api: StoredValue::new(expect_context::<ApiClient>()),
        keys,
        buckets,
        dc,
        view_state: table_view,
        set_view,
        overlay: RwSignal::new(Default::default()),
        selection: RwSignal::new(Default::default()),
        new_ids: RwSignal::new(Vec::new()),
        action_error: RwSignal::new(None),
        bulk_result: RwSignal::new(None),
        dialog: RwSignal::new(None),
        announcer,
    };
    provide_context(store);
    // A fresh list retires confirmed optimistic statuses and prunes the selection.
    Effect::new(move |_| {
        if let Some(Ok(list)) = keys.get() {
            store.on_keys_loaded(&list);
        }
    });

    let drawer_open = RwSignal::new(false);
    let key_name = RwSignal::new(String::new());

    let open_drawer = Callback::new(move |_| {
        if key_name.with_untracked(String::is_empty) {
            let existing: Vec<String> = store.loaded_keys().into_iter().map(|k| k.name).collect();
            let seed = (js_sys::Math::random() * 9000.0) as u32;
            key_name.set(suggest_name(existing.iter().map(String::as_str), seed));
        }
        drawer_open.set(true);
    });
    let close_drawer = Callback::new(move |_| drawer_open.set(false));
    let on_created = Callback::new(move |accesskey: String| {
        store.new_ids.update(|ids| ids.push(accesskey));
        key_name.set(String::new());
        let v = view_state.get_untracked();
        if v.page != 1 || v.tab != Tab::Keys {
            set_view.run((ViewState { page: 1, tab: Tab::Keys, ..v }, false));
        }
        // A new key has no bucket permissions yet: only the key list changed.
        store.keys.refetch();
    });
    let close_dialog = Callback::new(move |_| store.dialog.set(None));
    let details = Memo::new(move |_| view_state.with(|v| v.key.clone()));
    let close_details = Callback::new(move |_| {
        let v = view_state.get_untracked();
        set_view.run((ViewState { key: None, ..v }, false));
    });

    let reveal_open = expect_context::<RevealOpen>();
    let select_tab = move |tab: Tab| {
        let v = view_state.get_untracked();
        if v.tab != tab {
            // A secret on screen is never lost silently: moving to another tab asks first.
            if reveal_open.0.get_untracked()
                && !window()
                    .confirm_with_message("A secret key is shown that cannot be shown again. Switch tabs anyway?")
                    .unwrap_or(false)
            {
                return;
            }
            set_view.run((ViewState { tab, ..v }, false));
        }
    };
    let tab_keydown = move |ev: KeyboardEvent| {
        let next = match ev.key().as_str() {
            "ArrowLeft" | "ArrowRight" | "Home" | "End" => {
                if view_state.get_untracked().tab == Tab::Keys { Tab::Buckets } else { Tab::Keys }
            }
            _ => return,
        };
        ev.prevent_default();
        select_tab(next);
        let id = if next == Tab::Keys { "uk-tab-keys" } else { "uk-tab-buckets" };
        request_animation_frame(move || {
            if let Some(el) = document().get_element_by_id(id) {
                let _ = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&el).focus();
            }
        });
    };
    let change_dc = move |ev| {
        let slug = event_target_value(&ev);
        let v = view_state.get_untracked();
        set_view.run((ViewState { dc: Some(slug.clone()), page: 1, ..v }, false));
        announcer.say(format!("Showing data centre {slug}."));
    };
    let is_tab = move |t: Tab| tab.get() == t;
    let dc_options = dcs.clone();

    view! {
        <header class="uk-card uk-page-header">
            <div>
                <h1 class="uk-page-header__title">"Object Storage"</h1>
                <p class="uk-page-header__sub">"Buckets/Access Keys"</p>
            </div>
            <div class="uk-page-header__actions">
                <label class="uk-dc-picker">
                    <span class="uk-dc-picker__label">"Data centre"</span>
                    <select class="uk-select" on:change=change_dc data-testid="dc-picker">
                        {dc_options.into_iter().map(|d| {
                            let slug = d.slug.clone();
                            view! {
                                <option value=d.slug.clone() selected=move || dc.get() == slug>
                                    {format!("{}, {} ({})", d.location, d.country, d.slug)}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </label>
                <button
                    type="button"
                    class="uk-btn uk-btn--primary"
                    id="uk-create-key"
                    aria-haspopup="dialog"
                    on:click=move |_| open_drawer.run(())
                >
                    "+ Create Access Key"
                </button>
            </div>
        </header>
        <section class="uk-card">
            <div class="uk-tabs" role="tablist" aria-label="Object storage">
                <button
                    type="button"
                    id="uk-tab-buckets"
                    class="uk-tab"
                    role="tab"
                    aria-controls="uk-panel"
                    aria-selected=move || is_tab(Tab::Buckets).to_string()
                    tabindex=move || if is_tab(Tab::Buckets) { "0" } else { "-1" }
                    on:click=move |_| select_tab(Tab::Buckets)
                    on:keydown=tab_keydown
                >
                    "Buckets"
                </button>
                <button
                    type="button"
                    id="uk-tab-keys"
                    class="uk-tab"
                    role="tab"
                    aria-controls="uk-panel"
                    aria-selected=move || is_tab(Tab::Keys).to_string()
                    tabindex=move || if is_tab(Tab::Keys) { "0" } else { "-1" }
                    on:click=move |_| select_tab(Tab::Keys)
                    on:keydown=tab_keydown
                >
                    "Access Keys"
                </button>
            </div>
            <div
                id="uk-panel"
                class="uk-panel"
                role="tabpanel"
                aria-labelledby=move || if is_tab(Tab::Keys) { "uk-tab-keys" } else { "uk-tab-buckets" }
            >
                {move || if is_tab(Tab::Keys) {
                    view! { <KeysPanel on_create=open_drawer /> }.into_any()
                } else {
                    view! { <BucketsPanel /> }.into_any()
                }}
            </div>
        </section>
        <Show when=move || drawer_open.get()>
            <CreateKeyDrawer dc name=key_name on_close=close_drawer on_created on_failed=Callback::new(move |_| store.keys.refetch()) />
        </Show>
        {move || details.get().map(|accesskey| view! { <KeyDetails accesskey on_close=close_details /> })}
        {move || store.dialog.get().map(|d| match d {
            KeyDialog::Delete(key) => view! { <DeleteKeyDialog key on_close=close_dialog /> }.into_any(),
            KeyDialog::BulkDelete(keys) => view! { <BulkDeleteDialog keys on_close=close_dialog /> }.into_any(),
            KeyDialog::Rotate(old) => view! { <RotateDrawer old on_close=close_dialog /> }.into_any(),
        })}
    }
}
