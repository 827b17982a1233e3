//! The Access Keys page's shared state: the key and bucket lists, the view (kept in the URL), what
//! is selected, pending and open. Views read it through [`use_store`]; every write to the API goes
//! through the operations in [`ops`].

mod loader;
pub mod ops;
mod view;
pub mod write;

pub use loader::Loader;
pub use ops::{NewKey, PermissionPolicy, PermissionResult, BULK_CONCURRENCY};
pub use view::{History, View};
pub use write::{start, write, Write};

use crate::api::{ApiClient, ApiError};
use crate::embed::events::{HostEvent, HostEvents};
use crate::state::bulk::BulkOutcome;
use crate::state::KeyIndex;
use crate::state::Tab;
use crate::state::{SmallMap, SmallSet};
use crate::ui::announcer::Announcer;
use crate::ui::effect::effect;
use keys_api::{suggest_name, AccessKey, Bucket, KeyStatus, Permission, StatusAction};
use leptos::prelude::*;
use std::fmt;
use std::sync::Arc;

/// The key list of the data centre, shared, never copied per reader.
pub type Keys = Arc<Vec<AccessKey>>;
pub type Buckets = Arc<Vec<Bucket>>;
pub type KeysResource = Loader<Result<Keys, ApiError>>;
/// `Ok(None)`: nothing has asked for the buckets yet (the Access Keys tab alone does not).
pub type BucketsResource = Loader<Result<Option<Buckets>, ApiError>>;

/// Which dialog the Access Keys tab has open (besides create and details, which have their own state).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyDialog {
    Delete(AccessKey),
    BulkDelete(Vec<AccessKey>),
    Rotate(AccessKey),
}

/// A status shown before the server confirms it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingStatus {
    pub status: KeyStatus,
    /// The request has not answered yet; once it has, the entry waits for the next list.
    pub in_flight: bool,
}

/// A row action that failed, shown above the table until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedAction {
    pub action: StatusAction,
    pub key_name: String,
    pub error: ApiError,
}

impl fmt::Display for FailedAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = match self.action {
            StatusAction::Enable => "activate",
            StatusAction::Disable => "suspend",
            StatusAction::Remove => "delete",
        };
        write!(f, "Could not {verb} {}: {}", self.key_name, self.error)
    }
}

#[derive(Clone, Copy)]
pub struct KeyStore {
    /// Kept here, not looked up: operations run outside the component tree.
    api: StoredValue<ApiClient, LocalStorage>,
    /// Events for the host page.
    pub events: HostEvents,
    pub keys: KeysResource,
    /// What the table and the rows need of the current list (lower-case names, keys by ID).
    pub index: Memo<Arc<KeyIndex>>,
    pub buckets: BucketsResource,
    /// Something on screen needs the buckets (see [`KeyStore::need_buckets`]).
    buckets_wanted: RwSignal<bool>,
    pub dc: Memo<String>,
    pub view: View,
    /// Statuses shown before the server confirms them, by access key ID.
    pub overlay: RwSignal<SmallMap<String, PendingStatus>>,
    pub selection: RwSignal<SmallSet<String>>,
    /// Access key IDs created during this visit ("New" badge).
    pub new_ids: RwSignal<Vec<String>>,
    /// The last failed row action, shown above the table.
    pub action_error: RwSignal<Option<FailedAction>>,
    pub bulk_result: RwSignal<Option<BulkOutcome>>,
    pub dialog: RwSignal<Option<KeyDialog>>,
    /// The create drawer is open.
    pub create_open: RwSignal<bool>,
    /// The name in the create form. Lives with the page, so a name typed before closing the
    /// drawer is still there when it reopens.
    pub create_name: RwSignal<String>,
    /// The bucket access chosen in the create form (bucket → permission; absent means none).
    /// Lives with the page like the name.
    pub create_scope: RwSignal<SmallMap<String, Permission>>,
    /// A secret is on screen: moving away asks first.
    pub reveal_open: RwSignal<bool>,
    /// A host page embeds the console: the host's page is not the console's to lock.
    pub embedded: bool,
    /// The API refused the token on the last request: set and cleared by [`KeyStore::observe`] only.
    pub refused: RwSignal<Option<ApiError>>,
    pub announcer: Announcer,
}

pub fn use_store() -> KeyStore {
    expect_context::<KeyStore>()
}

/// Every API result passes through here: the one place that notices a refused token. The first
/// refusal after a success raises `utho-keys:unauthorized` for the host. Safe after an `.await`
/// (it touches signals only through `try_*`).
fn observe<T>(
    refused: RwSignal<Option<ApiError>>,
    events: HostEvents,
    dc: &str,
    result: Result<T, ApiError>,
) -> Result<T, ApiError> {
    match &result {
        Err(e @ ApiError::Unauthorized) => {
            let newly = refused.try_maybe_update(|r| (r.is_none(), r.replace(e.clone()).is_none()));
            if newly == Some(true) {
                events.emit(HostEvent::Unauthorized { dc });
            }
        }
        Err(_) => {}
        Ok(_) => {
            refused.try_maybe_update(|r| (r.take().is_some(), ()));
        }
    }
    result
}

impl KeyStore {
    /// The page's state for `client`, showing `default_dc` unless the view names another.
    pub fn new(
        client: ApiClient,
        default_dc: String,
        view: View,
        announcer: Announcer,
        events: HostEvents,
        embedded: bool,
    ) -> KeyStore {
        let dc = Memo::new(move |_| view.state.with(|v| v.dc.clone()).unwrap_or_else(|| default_dc.clone()));
        let refused = RwSignal::new(None);
        // The list is asked for now, while the page is first drawn (when the Keys tab shows).
        if view.state.with_untracked(|v| v.tab == Tab::Keys) {
            client.prefetch_keys(&dc.get_untracked());
        }
        let api = StoredValue::new_local(client);
        let keys: KeysResource = Loader::new(move || {
            let (client, dc) = (api.get_value(), dc.get());
            async move { observe(refused, events, &dc, client.list_keys(&dc).await.map(|r| Arc::new(r.accesskeys))) }
        });
        let index = Memo::new(move |_| {
            Arc::new(keys.with(|k| match k {
                Some(Ok(list)) => KeyIndex::new(list),
                _ => KeyIndex::default(),
            }))
        });
        // Soon after a list loads (after its first rows show), the other orders are made, so a
        // first sort by another column does not wait for them.
        let prepare = StoredValue::new(None::<TimeoutHandle>);
        effect(move || {
            index.track();
            if let Some(t) = prepare.get_value() {
                t.clear();
            }
            let later = set_timeout_with_handle(
                move || {
                    if let (Some(index), Some(Some(Ok(list)))) = (index.try_get_untracked(), keys.try_get_untracked()) {
                        index.prepare(&list);
                    }
                },
                std::time::Duration::from_millis(200),
            );
            prepare.set_value(later.ok());
        });
        on_cleanup(move || {
            if let Some(t) = prepare.try_get_value().flatten() {
                t.clear();
            }
        });
        let buckets_wanted = RwSignal::new(false);
        let buckets: BucketsResource = Loader::new(move || {
            let (client, dc, wanted) = (api.get_value(), dc.get(), buckets_wanted.get());
            async move {
                if !wanted {
                    return Ok(None);
                }
                observe(refused, events, &dc, client.list_buckets(&dc).await.map(|r| Some(Arc::new(r.buckets))))
            }
        });
        let store = KeyStore {
            api,
            events,
            keys,
            index,
            buckets,
            buckets_wanted,
            dc,
            view,
            overlay: RwSignal::new(SmallMap::new()),
            selection: RwSignal::new(SmallSet::new()),
            new_ids: RwSignal::new(Vec::new()),
            action_error: RwSignal::new(None),
            bulk_result: RwSignal::new(None),
            dialog: RwSignal::new(None),
            create_open: RwSignal::new(false),
            create_name: RwSignal::new(String::new()),
            create_scope: RwSignal::new(SmallMap::new()),
            reveal_open: RwSignal::new(false),
            embedded,
            refused,
            announcer,
        };
        // A fresh list retires confirmed optimistic statuses and prunes the selection.
        effect(move || {
            if let Some(Ok(list)) = keys.get() {
                store.on_keys_loaded(&list);
            }
        });
        store
    }

    pub(crate) fn client(&self) -> ApiClient {
        self.api.get_value()
    }

    /// See [`observe`]; `dc` is the data centre the request went to.
    pub(crate) fn observe<T>(&self, dc: &str, result: Result<T, ApiError>) -> Result<T, ApiError> {
        observe(self.refused, self.events, dc, result)
    }

    /// The names of the loaded keys (to catch a duplicate before asking the server).
    pub fn names(&self) -> Vec<String> {
        self.keys.with(|k| {
            k.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|ks| ks.iter().map(|k| k.name.clone()).collect())
                .unwrap_or_default()
        })
    }

    /// The loaded keys (empty while loading or after an error).
    pub fn loaded_keys(&self) -> Keys {
        self.keys.get_untracked().and_then(Result::ok).unwrap_or_default()
    }

    /// Asks for the bucket list: called by what shows buckets or permissions (the Buckets tab,
    /// details, create, rotation, delete). The Access Keys tab alone never fetches it.
    pub fn need_buckets(&self) {
        if !self.buckets_wanted.get_untracked() {
            self.buckets_wanted.set(true);
        }
    }

    /// The bucket list (tracked): `None` while it loads (or before anything asked for it).
    pub fn buckets_now(&self) -> Option<Result<Buckets, ApiError>> {
        match self.buckets.get()? {
            Ok(Some(list)) => Some(Ok(list)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }

    /// The status a row shows: the optimistic one while a change is pending, else the latest list's
    /// (rows outlive refreshes, so `key` itself may be older than the list).
    /// [`KeyStore::shown_status`] for a key found at `at` in the list when its row was made: read
    /// there while the list is the same, searched for after the list changed.
    pub fn shown_status_at(&self, key: &AccessKey, at: u32) -> KeyStatus {
        if let Some(s) = self.overlay.with(|o| o.get(&key.accesskey).map(|p| p.status.clone())) {
            return s;
        }
        let there = self.keys.with(|r| {
            let k = r.as_ref()?.as_ref().ok()?.get(at as usize)?;
            (k.accesskey == key.accesskey).then(|| k.status.clone())
        });
        there.unwrap_or_else(|| self.shown_status(key))
    }

    pub fn shown_status(&self, key: &AccessKey) -> KeyStatus {
        if let Some(s) = self.overlay.with(|o| o.get(&key.accesskey).map(|p| p.status.clone())) {
            return s;
        }
        // Looked up through the index (a binary search), not by scanning the list.
        self.index
            .with(|index| {
                self.keys.with(|r| {
                    let list = r.as_ref()?.as_ref().ok()?;
                    index.position(list, &key.accesskey).map(|i| list[i].status.clone())
                })
            })
            .unwrap_or_else(|| key.status.clone())
    }

    /// Opens the create drawer, suggesting a free name unless one is typed already.
    pub fn open_create(&self) {
        if self.create_name.with_untracked(String::is_empty) {
            let existing: Vec<String> = self.loaded_keys().iter().map(|k| k.name.clone()).collect();
            let seed = (js_sys::Math::random() * 9000.0) as u32;
            self.create_name.set(suggest_name(existing.iter().map(String::as_str), seed));
        }
        self.create_open.set(true);
    }

    /// After a create: the typed name and the chosen access are used up, and the table shows its
    /// first page of the keys tab, where the new key is.
    pub fn after_create(&self) {
        self.create_name.set(String::new());
        self.create_scope.set(SmallMap::new());
        let v = self.view.get_untracked();
        if v.page != 1 || v.tab != Tab::Keys {
            self.view.update(History::Push, |v| {
                v.page = 1;
                v.tab = Tab::Keys;
            });
        }
    }

    /// Reloads keys and (if anything uses them) buckets; the view state (search, sort, page) and
    /// the selection stay. Safe after an `.await`.
    pub fn refresh(&self) {
        self.keys.refetch();
        self.buckets.refetch();
    }

    /// Called when a fresh key list arrives: confirmed optimistic statuses are no longer needed,
    /// and keys that are gone leave the selection.
    fn on_keys_loaded(&self, keys: &[AccessKey]) {
        // Only touch the signals when something changes: every row listens to them.
        if self.overlay.with_untracked(|o| o.values().any(|p| !p.in_flight)) {
            self.overlay.update(|o| o.retain(|_, p| p.in_flight));
        }
        // Nothing selected (the first load): no set of all IDs to build.
        if self.selection.with_untracked(SmallSet::is_empty) {
            return;
        }
        // Looked up through the list's index (a binary search), not a set of all its IDs.
        let listed = |id: &String| self.index.with_untracked(|index| index.position(keys, id).is_some());
        if self.selection.with_untracked(|s| s.iter().any(|id| !listed(id))) {
            self.selection.update(|s| s.retain(listed));
        }
    }
}
