//! The lists the page shows and how they load: the current data centre's keys and buckets, the
//! statuses shown before the server confirms them, the keys made during this visit, and whether
//! the API refused the token.

use super::host::{HostEvent, HostPort};
use super::Loader;
use crate::api::{ApiClient, ApiError};
use crate::state::hygiene::KeyFlags;
use crate::state::{KeyIndex, SmallMap};
use crate::ui::effect::effect;
use keys_api::{AccessKey, Bucket, KeyStatus};
use leptos::prelude::*;
use std::sync::Arc;

/// The key list of the data centre, shared, never copied per reader.
pub type Keys = Arc<Vec<AccessKey>>;
pub type Buckets = Arc<Vec<Bucket>>;
pub type KeysResource = Loader<Result<Keys, ApiError>>;
/// `Ok(None)`: nothing has asked for the buckets yet (the Access Keys tab alone does not).
pub type BucketsResource = Loader<Result<Option<Buckets>, ApiError>>;

/// A status shown before the server confirms it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingStatus {
    pub status: KeyStatus,
    /// The request has not answered yet; once it has, the entry waits for the next list.
    pub in_flight: bool,
}

#[derive(Clone, Copy)]
pub struct Lists {
    /// Kept here, not looked up: operations run outside the component tree.
    api: StoredValue<ApiClient, LocalStorage>,
    host: HostPort,
    pub dc: Memo<String>,
    pub keys: KeysResource,
    /// What the table and the rows need of the current list (lower-case names, keys by ID, when
    /// it was read).
    pub index: Memo<Arc<KeyIndex>>,
    pub buckets: BucketsResource,
    /// Something on screen needs the buckets (see [`Lists::need_buckets`]).
    buckets_wanted: RwSignal<bool>,
    /// Statuses shown before the server confirms them, by access key ID.
    pub pending: RwSignal<SmallMap<String, PendingStatus>>,
    /// Access key IDs created during this visit ("New" badge).
    pub created: RwSignal<Vec<String>>,
    /// The API refused the token on the last request: set and cleared by [`Lists::observe`] only.
    pub refused: RwSignal<Option<ApiError>>,
}

/// Every API result passes through here: the one place that notices a refused token. The first
/// refusal after a success raises `utho-keys:unauthorized` for the host. Safe after an `.await`
/// (it touches signals only through `try_*`).
fn observe<T>(
    refused: RwSignal<Option<ApiError>>,
    host: HostPort,
    dc: &str,
    result: Result<T, ApiError>,
) -> Result<T, ApiError> {
    match &result {
        Err(e @ ApiError::Unauthorized) => {
            let newly = refused.try_maybe_update(|r| (r.is_none(), r.replace(e.clone()).is_none()));
            if newly == Some(true) {
                host.emit(HostEvent::Unauthorized { dc });
            }
        }
        Err(_) => {}
        Ok(_) => {
            refused.try_maybe_update(|r| (r.take().is_some(), ()));
        }
    }
    result
}

impl Lists {
    /// The lists of the data centre `dc` over `client`. The key list is asked for at once: with a
    /// token known, the request leaves before the rest of the page is drawn.
    pub fn new(client: ApiClient, dc: Memo<String>, host: HostPort) -> Lists {
        let refused = RwSignal::new(None);
        let api = StoredValue::new_local(client);
        let keys: KeysResource = Loader::new(move || {
            let (client, dc) = (api.get_value(), dc.get());
            async move { observe(refused, host, &dc, client.list_keys(&dc).await.map(|r| Arc::new(r.accesskeys))) }
        });
        let index = Memo::new(move |_| {
            Arc::new(keys.with(|k| match k {
                Some(Ok(list)) => KeyIndex::new(list).at((js_sys::Date::now() / 1000.0) as i64),
                _ => KeyIndex::default(),
            }))
        });
        prepare_orders_when_idle(keys, index);
        let buckets_wanted = RwSignal::new(false);
        let buckets: BucketsResource = Loader::new(move || {
            let (client, dc, wanted) = (api.get_value(), dc.get(), buckets_wanted.get());
            async move {
                if !wanted {
                    return Ok(None);
                }
                observe(refused, host, &dc, client.list_buckets(&dc).await.map(|r| Some(Arc::new(r.buckets))))
            }
        });
        Lists {
            api,
            host,
            dc,
            keys,
            index,
            buckets,
            buckets_wanted,
            pending: RwSignal::new(SmallMap::new()),
            created: RwSignal::new(Vec::new()),
            refused,
        }
    }

    pub(crate) fn client(&self) -> ApiClient {
        self.api.get_value()
    }

    /// See [`observe`]; `dc` is the data centre the request went to.
    pub(crate) fn observe<T>(&self, dc: &str, result: Result<T, ApiError>) -> Result<T, ApiError> {
        observe(self.refused, self.host, dc, result)
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

    /// Which keys pass each filter, keys older than `rotate_after` days due ([`KeyIndex::flags`]:
    /// made once per key list and bucket list). Tracks both lists; never asks for the buckets.
    pub fn flags(&self, rotate_after: u32) -> Arc<KeyFlags> {
        let buckets = self.buckets_now().and_then(Result::ok);
        let keys = self.keys.get().and_then(Result::ok).unwrap_or_default();
        self.index.with(|index| index.flags(&keys, rotate_after, buckets))
    }

    /// [`Lists::shown_status`] for a key found at `at` in the list when its row was made: read
    /// there while the list is the same, searched for after the list changed.
    pub fn shown_status_at(&self, key: &AccessKey, at: u32) -> KeyStatus {
        if let Some(s) = self.pending.with(|o| o.get(&key.accesskey).map(|p| p.status.clone())) {
            return s;
        }
        let there = self.keys.with(|r| {
            let k = r.as_ref()?.as_ref().ok()?.get(at as usize)?;
            (k.accesskey == key.accesskey).then(|| k.status.clone())
        });
        there.unwrap_or_else(|| self.shown_status(key))
    }

    /// The status a row shows: the pending one while a change is unconfirmed, else the latest
    /// list's (rows outlive refreshes, so `key` itself may be older than the list).
    pub fn shown_status(&self, key: &AccessKey) -> KeyStatus {
        if let Some(s) = self.pending.with(|o| o.get(&key.accesskey).map(|p| p.status.clone())) {
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

    /// Reloads keys and (if anything uses them) buckets. Safe after an `.await`.
    pub fn refresh(&self) {
        self.keys.refetch();
        self.buckets.refetch();
    }

    /// A fresh list retires confirmed pending statuses.
    pub(super) fn retire_confirmed(&self) {
        // Only touch the signal when something changes: every row listens to it.
        if self.pending.with_untracked(|o| o.values().any(|p| !p.in_flight)) {
            self.pending.update(|o| o.retain(|_, p| p.in_flight));
        }
    }
}

/// Soon after a list loads (after its first rows show), the other orders are made, so a first
/// sort by another column does not wait for them.
fn prepare_orders_when_idle(keys: KeysResource, index: Memo<Arc<KeyIndex>>) {
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
}
