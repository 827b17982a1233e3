//! The Access Keys page's shared state, by concern: the lists and how they load ([`Lists`]), the
//! view kept in the URL ([`View`]), the selection, the create form, the host's events
//! ([`HostPort`]) and what is open. Views read it through [`use_store`]; every write to the API
//! goes through the operations in [`ops`].

mod host;
mod lists;
mod loader;
pub mod ops;
mod view;

pub use host::{HostEvent, HostPort};
pub use lists::{Buckets, BucketsResource, Keys, KeysResource, Lists, PendingStatus};
pub use loader::Loader;
pub use ops::{NewKey, PermissionPolicy, PermissionResult, BULK_CONCURRENCY};
pub use view::{History, View};

use crate::api::{ApiClient, ApiError};
use crate::config::Config;
use crate::state::bulk::BulkOutcome;
use crate::state::hygiene::KeyFlags;
use crate::state::Tab;
use crate::state::{SmallMap, SmallSet};
use crate::ui::announcer::Announcer;
use crate::ui::effect::effect;
use keys_api::{suggest_name, AccessKey, Permission, StatusAction};
use leptos::prelude::*;
use std::fmt;
use std::sync::Arc;

/// Which dialog the Access Keys tab has open (besides create and details, which have their own state).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyDialog {
    Delete(AccessKey),
    BulkDelete(Vec<AccessKey>),
    Rotate(AccessKey),
    /// "Give access…" to a bucket (by name), from the Buckets tab.
    GiveAccess(String),
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

/// The keys ticked in the table, and how the last bulk action over them went.
#[derive(Clone, Copy)]
pub struct Selection {
    /// Access key IDs.
    pub ids: RwSignal<SmallSet<String>>,
    pub outcome: RwSignal<Option<BulkOutcome>>,
}

/// The create drawer's form. It lives with the page, so a name typed before closing the drawer is
/// still there when it reopens.
#[derive(Clone, Copy)]
pub struct CreateForm {
    pub open: RwSignal<bool>,
    pub name: RwSignal<String>,
    /// The bucket access chosen (bucket → permission; absent means none).
    pub scope: RwSignal<SmallMap<String, Permission>>,
}

#[derive(Clone, Copy)]
pub struct KeyStore {
    pub lists: Lists,
    pub view: View,
    pub selection: Selection,
    pub create: CreateForm,
    /// Events for the host page.
    pub host: HostPort,
    /// A host page embeds the console: the host's page is not the console's to lock.
    pub embedded: bool,
    /// Keys older than this many days are due for rotation (`0`: no key is).
    pub rotate_after_days: u32,
    /// Which dialog the Access Keys tab has open (besides create and details).
    pub dialog: RwSignal<Option<KeyDialog>>,
    /// A secret is on screen: moving away asks first.
    pub reveal_open: RwSignal<bool>,
    /// The last failed row action, shown above the table.
    pub action_error: RwSignal<Option<FailedAction>>,
    /// The last write on a bucket's side (its `grant` says which), shown under that bucket in the
    /// Buckets tab until dismissed.
    pub bucket_outcome: RwSignal<Option<BulkOutcome>>,
    pub announcer: Announcer,
}

pub fn use_store() -> KeyStore {
    expect_context::<KeyStore>()
}

impl KeyStore {
    /// The page's state for `client`, showing `config.dc` unless the view names another.
    pub fn new(client: ApiClient, config: &Config, view: View, announcer: Announcer, host: HostPort) -> KeyStore {
        let default_dc = config.dc.clone();
        let dc = Memo::new(move |_| view.state.with(|v| v.dc.clone()).unwrap_or_else(|| default_dc.clone()));
        let store = KeyStore {
            lists: Lists::new(client, dc, host),
            view,
            selection: Selection { ids: RwSignal::new(SmallSet::new()), outcome: RwSignal::new(None) },
            create: CreateForm {
                open: RwSignal::new(false),
                name: RwSignal::new(String::new()),
                scope: RwSignal::new(SmallMap::new()),
            },
            host,
            embedded: config.embedded,
            rotate_after_days: config.rotate_after_days,
            dialog: RwSignal::new(None),
            reveal_open: RwSignal::new(false),
            action_error: RwSignal::new(None),
            bucket_outcome: RwSignal::new(None),
            announcer,
        };
        // A fresh list retires confirmed pending statuses and prunes the selection.
        effect(move || {
            if let Some(Ok(list)) = store.lists.keys.get() {
                store.on_keys_loaded(&list);
            }
        });
        store
    }

    /// Which keys of the list pass each filter, keys older than this page's rotation age due
    /// ([`Lists::flags`]: made once per key list and bucket list).
    pub fn flags(&self) -> Arc<KeyFlags> {
        self.lists.flags(self.rotate_after_days)
    }

    /// Opens the create drawer, suggesting a free name unless one is typed already.
    pub fn open_create(&self) {
        if self.create.name.with_untracked(String::is_empty) {
            let existing: Vec<String> = self.lists.loaded_keys().iter().map(|k| k.name.clone()).collect();
            let seed = (js_sys::Math::random() * 9000.0) as u32;
            self.create.name.set(suggest_name(existing.iter().map(String::as_str), seed));
        }
        self.create.open.set(true);
    }

    /// After a create: the typed name and the chosen access are used up, and the table shows its
    /// first page of the keys tab, where the new key is.
    pub fn after_create(&self) {
        self.create.name.set(String::new());
        self.create.scope.set(SmallMap::new());
        let v = self.view.get_untracked();
        if v.page != 1 || v.tab != Tab::Keys {
            self.view.update(History::Push, |v| {
                v.page = 1;
                v.tab = Tab::Keys;
            });
        }
    }

    /// Called when a fresh key list arrives: confirmed pending statuses are no longer needed, and
    /// keys that are gone leave the selection.
    fn on_keys_loaded(&self, keys: &[AccessKey]) {
        self.lists.retire_confirmed();
        let selection = self.selection.ids;
        // Nothing selected (the first load): no set of all IDs to build.
        if selection.with_untracked(SmallSet::is_empty) {
            return;
        }
        // Looked up through the list's index (a binary search), not a set of all its IDs.
        let listed = |id: &String| self.lists.index.with_untracked(|index| index.position(keys, id).is_some());
        if selection.with_untracked(|s| s.iter().any(|id| !listed(id))) {
            selection.update(|s| s.retain(listed));
        }
    }
}
