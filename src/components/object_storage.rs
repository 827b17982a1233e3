//! The "Object Storage" page: data-centre picker, tabs Buckets | Access Keys, and the create drawer.
//! The view state lives in the URL query (see `state::view`).

use super::announcer::use_announcer;
use super::buckets_panel::BucketsPanel;
use super::create_drawer::CreateKeyDrawer;
use super::keys_panel::{KeysPanel, KeysResource};
use crate::api::ApiClient;
use crate::state::{Tab, ViewState};
use keys_api::{suggest_name, DataCentre};
use leptos::ev::KeyboardEvent;
use leptos::html::Button;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// The data centres offered, from the configuration.
#[derive(Clone)]
pub struct DataCentres(pub Vec<DataCentre>);

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
    let table_view = Memo::new(move |_| ViewState { tab: Tab::Keys, ..view_state.get() });

    let keys: KeysResource = LocalResource::new(move || {
        let (client, dc) = (client.clone(), dc.get());
        async move { client.list_keys(&dc).await.map(|r| r.accesskeys) }
    });

    let drawer_open = RwSignal::new(false);
    let key_name = RwSignal::new(String::new());
    let new_ids = RwSignal::new(Vec::<String>::new());
    let create_button = NodeRef::<Button>::new();

    let open_drawer = Callback::new(move |_| {
        if key_name.with_untracked(String::is_empty) {
            let existing: Vec<String> = keys
                .get_untracked()
                .and_then(Result::ok)
                .map(|ks| ks.into_iter().map(|k| k.name).collect())
                .unwrap_or_default();
            let seed = (js_sys::Math::random() * 9000.0) as u32;
            key_name.set(suggest_name(existing.iter().map(String::as_str), seed));
        }
        drawer_open.set(true);
    });
    let close_drawer = Callback::new(move |_| {
        drawer_open.set(false);
        request_animation_frame(move || {
            if let Some(b) = create_button.get_untracked() {
                let _ = b.focus();
            }
        });
    });
    let on_created = Callback::new(move |accesskey: String| {
        new_ids.update(|ids| ids.push(accesskey));
        key_name.set(String::new());
        let v = view_state.get_untracked();
        if v.page != 1 || v.tab != Tab::Keys {
            set_view.run((ViewState { page: 1, tab: Tab::Keys, ..v }, false));
        }
        keys.refetch();
    });

    let select_tab = move |tab: Tab| {
        let v = view_state.get_untracked();
        if v.tab != tab {
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
                    node_ref=create_button
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
                    view! { <KeysPanel keys view_state=table_view set_view on_create=open_drawer new_ids /> }.into_any()
                } else {
                    view! { <BucketsPanel dc /> }.into_any()
                }}
            </div>
        </section>
        <Show when=move || drawer_open.get()>
            <CreateKeyDrawer dc name=key_name on_close=close_drawer on_created />
        </Show>
    }
}
