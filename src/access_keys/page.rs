//! The "Object Storage" page: data-centre picker, tabs Buckets | Access Keys, and the dialogs the
//! Access Keys tab opens. The view state lives in the URL query (see `state::view`).

use super::bucket_keys::GiveAccessDialog;
use super::buckets_panel::BucketsPanel;
use super::create_drawer::CreateKeyDrawer;
use super::delete_dialog::{BulkDeleteDialog, DeleteKeyDialog};
use super::key_details::KeyDetails;
use super::keys_panel::KeysPanel;
use super::rotate_drawer::RotateDrawer;
use crate::api::ApiClient;
use crate::browser::dom::use_root;
use crate::config::{Config, DataCentres};
use crate::state::Tab;
use crate::store::{use_store, History, HostPort, KeyDialog, KeyStore, View};
use crate::ui::announcer::use_announcer;
use crate::ui::effect::effect;
use crate::ui::feedback::{Alert, AlertKind};
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

/// The whole page, over `client`.
#[component]
pub fn ObjectStoragePage(
    /// The API the page reads and writes.
    client: ApiClient,
    /// The default data centre, the URL mode, whether a host page embeds the console.
    config: Config,
    /// Where events for the host go.
    events: HostPort,
    /// A data centre the host switched to after mounting.
    dc_override: ArcRwSignal<Option<String>>,
) -> impl IntoView {
    let view = View::new(config.url_mode, config.rotate_after_days > 0);
    let store = KeyStore::new(client, &config, view, use_announcer(), events);
    provide_context(store);
    effect(move || {
        if let Some(dc) = dc_override.get() {
            store.view.update(History::Replace, |v| v.dc = Some(dc));
        }
    });
    // While a dialog is open the page behind it is inert (and, on the console's own page, does not scroll).
    let dialog_open = Memo::new(move |_| {
        store.create.open.get() || store.dialog.with(Option::is_some) || store.view.key.with(Option::is_some)
    });
    if !store.embedded {
        effect(move || lock_page_scroll(dialog_open.get()));
        on_cleanup(|| lock_page_scroll(false));
    }
    let root = use_root();
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        root.focus(&root.id("panel"));
    };
    view! {
        <a class="uk-skip" href="#" on:click=skip>"Skip to the access keys"</a>
        <div class="uk-page" inert=move || dialog_open.get().then_some("")>
            <PageHeader />
            <RefusedToken />
            <section class="uk-card">
                <Tabs />
                <div
                    id=use_root().id("panel")
                    class="uk-panel"
                    role="tabpanel"
                    tabindex="-1"
                    aria-labelledby=move || tab_id(store.view.tab.get())
                >
                    {move || match store.view.tab.get() {
                        Tab::Keys => view! { <KeysPanel /> }.into_any(),
                        Tab::Buckets => view! { <BucketsPanel /> }.into_any(),
                    }}
                </div>
            </section>
        </div>
        <PageDialogs />
    }
}

/// On the console's own page, the document does not scroll behind an open dialog.
fn lock_page_scroll(locked: bool) {
    if let Some(html) = document().document_element() {
        let _ = html.class_list().toggle_with_force("uk-locked", locked);
    }
}

/// The title, the data-centre picker and "+ Create Access Key".
#[component]
fn PageHeader() -> impl IntoView {
    let store = use_store();
    let DataCentres(dcs) = expect_context::<DataCentres>();
    let change_dc = move |ev| {
        let slug = event_target_value(&ev);
        // Messages about the other data centre's keys do not belong here.
        store.action_error.set(None);
        store.selection.outcome.set(None);
        store.view.update(History::Push, |v| {
            v.dc = Some(slug.clone());
            v.page = 1;
        });
        store.announcer.say(format!("Showing data centre {slug}."));
    };
    view! {
        <header class="uk-card uk-page-header">
            <div>
                <h1 class="uk-page-header__title">"Object Storage"</h1>
                <p class="uk-page-header__sub">"Buckets/Access Keys"</p>
            </div>
            <div class="uk-page-header__actions">
                <label class="uk-dc-picker">
                    <span class="uk-dc-picker__label">"Data centre"</span>
                    <select
                        class="uk-select"
                        prop:value=move || store.lists.dc.get()
                        on:change=change_dc
                        data-testid="dc-picker"
                    >
                        {dcs
                            .into_iter()
                            .map(|d| {
                                let slug = d.slug.clone();
                                view! {
                                    <option value=d.slug.clone() selected=move || store.lists.dc.with(|dc| *dc == slug)>
                                        {format!("{}, {} ({})", d.location, d.country, d.slug)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <button
                    type="button"
                    class="uk-btn uk-btn--primary"
                    id=use_root().id("create-key")
                    aria-haspopup="dialog"
                    on:click=move |_| store.open_create()
                >
                    "+ Create Access Key"
                </button>
            </div>
        </header>
    }
}

/// Shown while the API refuses the token (see `KeyStore::observe`).
#[component]
fn RefusedToken() -> impl IntoView {
    let store = use_store();
    move || {
        store.lists.refused.get().map(|error| {
            view! {
                <Alert kind=AlertKind::Danger urgent=true testid="token-refused">
                    <p class="uk-alert__title">{error.to_string()}</p>
                </Alert>
            }
        })
    }
}

fn tab_id(tab: Tab) -> String {
    use_root().id(match tab {
        Tab::Keys => "tab-keys",
        Tab::Buckets => "tab-buckets",
    })
}

/// The tab list: click or arrow keys; a secret on screen is never left silently.
#[component]
fn Tabs() -> impl IntoView {
    let store = use_store();
    let root = use_root();
    let select = move |tab: Tab| {
        if store.view.tab.get_untracked() == tab {
            return;
        }
        if store.reveal_open.get_untracked()
            && !window()
                .confirm_with_message("A secret key is shown that cannot be shown again. Switch tabs anyway?")
                .unwrap_or(false)
        {
            return;
        }
        store.view.update(History::Push, |v| v.tab = tab);
    };
    let keydown = move |ev: KeyboardEvent| {
        if !matches!(ev.key().as_str(), "ArrowLeft" | "ArrowRight" | "Home" | "End") {
            return;
        }
        ev.prevent_default();
        let next = match store.view.tab.get_untracked() {
            Tab::Keys => Tab::Buckets,
            Tab::Buckets => Tab::Keys,
        };
        select(next);
        let id = tab_id(next);
        request_animation_frame(move || {
            root.focus(&id);
        });
    };
    let tab = move |t: Tab, label: &'static str| {
        let selected = move || store.view.tab.get() == t;
        view! {
            <button
                type="button"
                id=tab_id(t)
                class="uk-tab"
                role="tab"
                aria-controls=use_root().id("panel")
                aria-selected=move || selected().to_string()
                tabindex=move || if selected() { "0" } else { "-1" }
                on:click=move |_| select(t)
                on:keydown=keydown
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="uk-tabs" role="tablist" aria-label="Object storage">
            {tab(Tab::Buckets, "Buckets")}
            {tab(Tab::Keys, "Access Keys")}
        </div>
    }
}

/// The create drawer, the details of the key in the URL, and the dialog a row opened.
#[component]
fn PageDialogs() -> impl IntoView {
    let store = use_store();
    let close_dialog = Callback::new(move |_| store.dialog.set(None));
    let close_details = Callback::new(move |_| store.view.update(History::Push, |v| v.key = None));
    view! {
        <Show when=move || store.create.open.get()>
            <CreateKeyDrawer />
        </Show>
        {move || store.view.key.get().map(|accesskey| view! { <KeyDetails accesskey on_close=close_details /> })}
        {move || {
            store
                .dialog
                .get()
                .map(|d| match d {
                    KeyDialog::Delete(key) => view! { <DeleteKeyDialog key on_close=close_dialog /> }.into_any(),
                    KeyDialog::BulkDelete(keys) => view! { <BulkDeleteDialog keys on_close=close_dialog /> }.into_any(),
                    KeyDialog::Rotate(old) => view! { <RotateDrawer old on_close=close_dialog /> }.into_any(),
                    KeyDialog::GiveAccess(bucket) => view! { <GiveAccessDialog bucket on_close=close_dialog /> }.into_any(),
                })
        }}
    }
}
