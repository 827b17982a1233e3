//! The page's shared state for the Access Keys tab, and the key operations that change it.
//! Components take what they need from this context; the logic they call lives in `crate::state`.

use super::announcer::Announcer;
use crate::api::{ApiClient, ApiError};
use crate::state::bulk::{run_bounded, BulkOutcome};
use crate::state::ViewState;
use keys_api::{AccessKey, Bucket, KeyStatus, StatusAction};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::{BTreeSet, HashMap};

pub type KeysResource = LocalResource<Result<Vec<AccessKey>, ApiError>>;
pub type BucketsResource = LocalResource<Result<Vec<Bucket>, ApiError>>;

/// How many requests a bulk action keeps in flight.
pub const BULK_CONCURRENCY: usize = 4;

/// Which dialog the Access Keys tab has open (besides create and details, which have their own state).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyDialog {
    Delete(AccessKey),
    BulkDelete(Vec<AccessKey>),
    Rotate(AccessKey),
}

#[derive(Clone, Copy)]
pub struct KeyStore {
    /// Kept here, not looked up: event handlers and tasks run outside the component tree.
    pub api: StoredValue<ApiClient>,
    pub keys: KeysResource,
    pub buckets: BucketsResource,
    pub dc: Memo<String>,
    pub view_state: Memo<ViewState>,
    pub set_view: Callback<(ViewState, bool)>,
    /// Statuses shown before the server confirms (optimistic), by access key ID; `true` while in flight.
    pub overlay: RwSignal<HashMap<String, (KeyStatus, bool)>>,
    pub selection: RwSignal<BTreeSet<String>>,
    /// Access key IDs created during this visit ("New" badge).
    pub new_ids: RwSignal<Vec<String>>,
    /// The last failed row action, shown above the table.
    pub action_error: RwSignal<Option<String>>,
    pub bulk_result: RwSignal<Option<BulkOutcome>>,
    pub dialog: RwSignal<Option<KeyDialog>>,
    pub announcer: Announcer,
}

pub fn use_store() -> KeyStore {
    expect_context::<KeyStore>()
}

fn verbs(action: StatusAction) -> (&'static str, &'static str) {
    match action {
        StatusAction::Enable => ("activate", "activated"),
        StatusAction::Disable => ("suspend", "suspended"),
        StatusAction::Remove => ("delete", "deleted"),
    }
}

impl KeyStore {
    pub fn client(&self) -> ApiClient {
        self.api.get_value()
    }

    /// The loaded keys (empty while loading or after an error).
    pub fn loaded_keys(&self) -> Vec<AccessKey> {
        self.keys.get_untracked().and_then(Result::ok).unwrap_or_default()
    }

    pub fn loaded_buckets(&self) -> Vec<Bucket> {
        self.buckets.get_untracked().and_then(Result::ok).unwrap_or_default()
    }

    /// The status a row shows: the optimistic one while a change is pending, else the latest list's
    /// (rows outlive refreshes, so `key` itself may be older than the list).
    pub fn shown_status(&self, key: &AccessKey) -> KeyStatus {
        if let Some(s) = self.overlay.with(|o| o.get(&key.accesskey).map(|(s, _)| s.clone())) {
            return s;
        }
        self.keys
            .with(|r| {
                r.as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .and_then(|ks| ks.iter().find(|k| k.accesskey == key.accesskey))
                    .map(|k| k.status.clone())
            })
            .unwrap_or_else(|| key.status.clone())
    }

    /// Reloads keys and buckets; the view state (search, sort, page) and the selection stay.
    pub fn refresh(&self) {
        self.keys.refetch();
        self.buckets.refetch();
    }

    /// Called when a fresh key list arrives: confirmed optimistic statuses are no longer needed,
    /// and keys that are gone leave the selection.
    pub fn on_keys_loaded(&self, keys: &[AccessKey]) {
        // Only touch the signals when something changes: every row listens to them.
        if self.overlay.with_untracked(|o| o.values().any(|(_, in_flight)| !in_flight)) {
            self.overlay.update(|o| o.retain(|_, (_, in_flight)| *in_flight));
        }
        let ids: BTreeSet<&str> = keys.iter().map(|k| k.accesskey.as_str()).collect();
        if self.selection.with_untracked(|s| s.iter().any(|id| !ids.contains(id.as_str()))) {
            self.selection.update(|s| s.retain(|id| ids.contains(id.as_str())));
        }
    }

    /// Suspend or activate one key from its menu: the row changes at once and goes back if refused.
    pub fn set_status(&self, key: AccessKey, action: StatusAction) {
        let store = *self;
        let (client, dc) = (self.client(), self.dc.get_untracked());
        let target = if action == StatusAction::Enable { KeyStatus::Active } else { KeyStatus::Suspended };
        self.action_error.set(None);
        self.overlay.update(|o| {
            o.insert(key.accesskey.clone(), (target, true));
        });
        spawn_local(async move {
            let (verb, done) = verbs(action);
            match client.set_status(&dc, &key.accesskey, action).await {
                Ok(_) => {
                    store.overlay.update(|o| {
                        if let Some(entry) = o.get_mut(&key.accesskey) {
                            entry.1 = false;
                        }
                    });
                    store.announcer.say(format!("Access key {} {done}.", key.name));
                    store.keys.refetch();
                }
                Err(e) => {
                    store.overlay.update(|o| {
                        o.remove(&key.accesskey);
                    });
                    let msg = format!("Could not {verb} {}: {e}", key.name);
                    store.announcer.alert(msg.clone());
                    store.action_error.set(Some(msg));
                }
            }
        });
    }

    /// Deletes one key (status `remove`). Returns the error for the dialog to show.
    pub async fn delete(&self, key: &AccessKey) -> Result<(), ApiError> {
        let (client, dc) = (self.client(), self.dc.get_untracked());
        client.set_status(&dc, &key.accesskey, StatusAction::Remove).await?;
        self.selection.update(|s| {
            s.remove(&key.accesskey);
        });
        self.announcer.say(format!("Access key {} deleted.", key.name));
        self.refresh();
        Ok(())
    }

    /// Runs one status action over `keys` with bounded concurrency and reports every failure;
    /// the failed keys stay selected.
    pub async fn bulk(&self, keys: Vec<AccessKey>, action: StatusAction) -> BulkOutcome {
        let (client, dc) = (self.client(), self.dc.get_untracked());
        let results = run_bounded(keys, BULK_CONCURRENCY, |key: AccessKey| {
            let (client, dc) = (client.clone(), dc.clone());
            async move {
                let r = client.set_status(&dc, &key.accesskey, action).await;
                (key, r)
            }
        })
        .await;
        let verb = match action {
            StatusAction::Enable => "Activated",
            StatusAction::Disable => "Suspended",
            StatusAction::Remove => "Deleted",
        };
        let mut outcome = BulkOutcome { verb, ..Default::default() };
        for (key, r) in results {
            match r {
                Ok(_) => outcome.done.push(key.accesskey),
                Err(e) => outcome.failed.push((key.accesskey, key.name, e.to_string())),
            }
        }
        let remaining = self.selection.with_untracked(|s| outcome.remaining_selection(s));
        self.selection.set(remaining);
        if outcome.failed.is_empty() {
            self.announcer.say(outcome.summary());
        } else {
            self.announcer.alert(format!("{} {} failed.", outcome.summary(), outcome.failed.len()));
        }
        self.bulk_result.set(Some(outcome.clone()));
        self.refresh();
        outcome
    }
}
