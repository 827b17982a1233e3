//! Every write the console makes to the API, in one place: create, suspend/activate, delete,
//! bulk status changes, bucket permissions, rotation.
//!
//! # The one async pattern
//! - A view starts a write with `ui::write::start` on a `ui::write::Write` it made (one leptos
//!   action type for all writes): `start(save, store.operation(input))`,
//!   or an `async` block that awaits the operation and sets the view's own result signal. It
//!   renders from `pending()` and that signal. Views never call `spawn_local`.
//! - An operation is a plain method that reads what it needs from signals **when it is called**
//!   and returns a `'static` future. After an `.await` the future touches signals only through
//!   `try_*` methods, which do nothing once their owner is gone (a dialog closed, the console
//!   unmounted), so a late answer can never panic.
//! - What every caller of an operation needs happens inside it: the optimistic status and its
//!   rollback, the "New" badge, reloading the lists, announcements of the result, the host's
//!   events ([`super::HostPort`], never with a secret), and noticing a refused token
//!   ([`KeyStore::observe`]). The view only shows the typed result.
//!
//! # Writing permissions
//! [`KeyStore::set_permissions`] is the one path for bucket permissions, with an explicit
//! [`PermissionPolicy`]: rotation copies one at a time and stops at the first refusal (so what
//! was copied is exact and a retry continues); the key details and a create with bucket access
//! try every bucket and report each one; the Buckets tab writes one bucket for many keys
//! ([`KeyStore::set_bucket_access`]) through the same path. Rotation and create-with-access share
//! the whole sequence too: [`KeyStore::create_and_grant`] over a `state::access::GrantFlow`.

use super::HostEvent;
use super::{FailedAction, KeyStore, PendingStatus};
use crate::api::ApiError;
use crate::state::access::GrantFlow;
use crate::state::access::{bucket_outcome_text, BucketAccess, StepState};
use crate::state::bulk::{run_bounded, BulkOutcome};
use crate::state::rotation::Rotation;
use keys_api::{AccessKey, KeyStatus, Permission, SecretKey, StatusAction};
use leptos::prelude::*;
use std::future::Future;

/// How many requests a bulk action or a permission save keeps in flight.
pub const BULK_CONCURRENCY: usize = 4;

/// A key just created, with the only copy of its secret the console will ever have.
/// Dropping it (when the reveal closes) overwrites the secret's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewKey {
    pub name: String,
    pub accesskey: String,
    pub secret: SecretKey,
}

/// How a batch of permission writes treats a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermissionPolicy {
    /// One at a time, in order; the first refusal stops the rest.
    StopAtFirstRefusal,
    /// Up to [`BULK_CONCURRENCY`] at a time; every bucket is tried and reports its own result.
    TryEach,
}

/// One permission write and how it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionResult {
    pub grant: BucketAccess,
    pub result: Result<(), ApiError>,
}

fn past_tense(action: StatusAction) -> &'static str {
    match action {
        StatusAction::Enable => "activated",
        StatusAction::Disable => "suspended",
        StatusAction::Remove => "deleted",
    }
}

impl KeyStore {
    /// Tells the host a key's status changed or the key is gone.
    fn changed(&self, dc: &str, key: &AccessKey, action: StatusAction) {
        let (dc, name, accesskey) = (dc, key.name.as_str(), key.accesskey.as_str());
        self.host.emit(match action {
            StatusAction::Enable => HostEvent::StatusChanged { dc, name, accesskey, status: "Active" },
            StatusAction::Disable => HostEvent::StatusChanged { dc, name, accesskey, status: "Suspended" },
            StatusAction::Remove => HostEvent::Deleted { dc, name, accesskey },
        });
    }

    /// Creates a key named `name` in the current data centre. On success the key is marked New and
    /// the key list reloads (a new key has no bucket permissions, so the buckets do not). A create
    /// that timed out or lost its connection may still have happened: the list reloads then too.
    pub fn create(self, name: String) -> impl Future<Output = Result<NewKey, ApiError>> + 'static {
        let (client, dc) = (self.lists.client(), self.lists.dc.get_untracked());
        async move {
            let result = self.lists.observe(&dc, client.create_key(&dc, &name).await);
            match &result {
                Ok(created) => {
                    self.host.emit(HostEvent::Created { dc: &dc, name: &name, accesskey: &created.accesskey });
                    self.lists.created.try_update(|ids| ids.push(created.accesskey.clone()));
                    self.lists.keys.refetch();
                }
                Err(ApiError::Timeout(_) | ApiError::Network) => self.lists.keys.refetch(),
                Err(_) => {}
            }
            result.map(|r| NewKey { name, accesskey: r.accesskey.clone(), secret: r.secretkey.clone() })
        }
    }

    /// Suspends or activates one key: the row changes at once and goes back if the server refuses,
    /// with the reason shown above the table.
    pub fn set_status(
        self,
        key: AccessKey,
        action: StatusAction,
    ) -> impl Future<Output = Result<(), ApiError>> + 'static {
        let (client, dc) = (self.lists.client(), self.lists.dc.get_untracked());
        let status = if action == StatusAction::Enable { KeyStatus::Active } else { KeyStatus::Suspended };
        self.action_error.set(None);
        self.lists.pending.update(|o| {
            o.insert(key.accesskey.clone(), PendingStatus { status, in_flight: true });
        });
        async move {
            let result = self.lists.observe(&dc, client.set_status(&dc, &key.accesskey, action).await.map(drop));
            match &result {
                Ok(()) => {
                    self.changed(&dc, &key, action);
                    self.lists.pending.try_update(|o| {
                        if let Some(p) = o.get_mut(&key.accesskey) {
                            p.in_flight = false;
                        }
                    });
                    self.announcer.say(format!("Access key {} {}.", key.name, past_tense(action)));
                    self.lists.keys.refetch();
                }
                Err(error) => {
                    self.lists.pending.try_update(|o| o.remove(&key.accesskey));
                    let failed = FailedAction { action, key_name: key.name.clone(), error: error.clone() };
                    self.announcer.alert(failed.to_string());
                    self.action_error.try_set(Some(failed));
                }
            }
            result
        }
    }

    /// Deletes one key (status `remove`). The caller shows a refusal.
    pub fn delete(self, key: AccessKey) -> impl Future<Output = Result<(), ApiError>> + 'static {
        let (client, dc) = (self.lists.client(), self.lists.dc.get_untracked());
        async move {
            self.lists.observe(&dc, client.set_status(&dc, &key.accesskey, StatusAction::Remove).await)?;
            self.changed(&dc, &key, StatusAction::Remove);
            self.selection.ids.try_update(|s| s.remove(&key.accesskey));
            self.announcer.say(format!("Access key {} deleted.", key.name));
            self.lists.refresh();
            Ok(())
        }
    }

    /// Runs one status action over `keys`, [`BULK_CONCURRENCY`] at a time, and reports every
    /// failure; the failed keys stay selected. The outcome is also kept for the page to show.
    pub fn bulk(self, keys: Vec<AccessKey>, action: StatusAction) -> impl Future<Output = BulkOutcome> + 'static {
        let (client, dc) = (self.lists.client(), self.lists.dc.get_untracked());
        async move {
            let results = run_bounded(keys, BULK_CONCURRENCY, |key: AccessKey| {
                let (client, dc) = (client.clone(), dc.clone());
                async move {
                    let r = self.lists.observe(&dc, client.set_status(&dc, &key.accesskey, action).await);
                    if r.is_ok() {
                        self.changed(&dc, &key, action);
                    }
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
                outcome.push(key.accesskey, key.name, r);
            }
            self.selection.ids.try_update(|s| *s = outcome.remaining_selection(s));
            if outcome.failed.is_empty() {
                self.announcer.say(outcome.summary());
            } else {
                self.announcer.alert(format!("{} {} failed.", outcome.summary(), outcome.failed.len()));
            }
            self.selection.outcome.try_set(Some(outcome.clone()));
            self.lists.refresh();
            outcome
        }
    }

    /// Writes `grants` for `accesskey` under `policy`. `progress(i, state)` hears when grant `i`
    /// starts and how it ends (it runs after `.await`s: it may touch signals only through `try_*`).
    /// Grants a stopped batch never tried are left out of the results. The buckets reload after.
    pub fn set_permissions(
        self,
        accesskey: String,
        grants: Vec<BucketAccess>,
        policy: PermissionPolicy,
        progress: impl Fn(usize, StepState) + 'static,
    ) -> impl Future<Output = Vec<PermissionResult>> + 'static {
        let writes = grants.into_iter().map(|grant| (accesskey.clone(), grant)).collect();
        self.write_permissions(writes, policy, Box::new(progress))
    }

    /// Writes `permission` on `bucket` for each of `keys` (`(access key ID, name)`): the bucket's
    /// side of access (give, change, remove). Every key is tried, [`BULK_CONCURRENCY`] at a time,
    /// and reports its own result, as a bulk action does; the outcome is announced and kept for
    /// the Buckets tab ([`KeyStore::bucket_outcome`]).
    pub fn set_bucket_access(
        self,
        bucket: String,
        keys: Vec<(String, String)>,
        permission: Permission,
    ) -> impl Future<Output = ()> + 'static {
        let grant = BucketAccess { bucket, permission };
        let writes = keys.iter().map(|(id, _)| (id.clone(), grant.clone())).collect();
        let run = self.write_permissions(writes, PermissionPolicy::TryEach, Box::new(|_, _| {}));
        async move {
            let mut outcome = BulkOutcome::default();
            for (r, (accesskey, name)) in run.await.into_iter().zip(keys) {
                outcome.push(accesskey, name, r.result);
            }
            let words = bucket_outcome_text(&grant, &outcome);
            if outcome.failed.is_empty() {
                self.announcer.say(words);
            } else {
                self.announcer.alert(words);
            }
            outcome.grant = Some(grant);
            self.bucket_outcome.try_set(Some(outcome));
        }
    }

    /// The one path of every permission write: `(access key ID, grant)` pairs under `policy`.
    /// Not generic over `progress`, so the wasm holds it once.
    fn write_permissions(
        self,
        writes: Vec<(String, BucketAccess)>,
        policy: PermissionPolicy,
        progress: Box<dyn Fn(usize, StepState)>,
    ) -> impl Future<Output = Vec<PermissionResult>> + 'static {
        let (client, dc) = (self.lists.client(), self.lists.dc.get_untracked());
        async move {
            let write = |i: usize, (accesskey, grant): (String, BucketAccess)| {
                let (client, dc, progress) = (client.clone(), dc.clone(), &progress);
                async move {
                    progress(i, StepState::Running);
                    let result = client.set_permission(&dc, &grant.bucket, grant.permission, &accesskey).await;
                    let result = self.lists.observe(&dc, result).map(drop);
                    if result.is_ok() {
                        self.host.emit(HostEvent::PermissionChanged {
                            dc: &dc,
                            bucket: &grant.bucket,
                            accesskey: &accesskey,
                            permission: grant.permission.as_str(),
                        });
                    }
                    progress(i, result.clone().err().map_or(StepState::Done, StepState::Failed));
                    PermissionResult { grant, result }
                }
            };
            let results = match policy {
                PermissionPolicy::TryEach => {
                    let indexed: Vec<(usize, (String, BucketAccess))> = writes.into_iter().enumerate().collect();
                    run_bounded(indexed, BULK_CONCURRENCY, |(i, w)| write(i, w)).await
                }
                PermissionPolicy::StopAtFirstRefusal => {
                    let mut results = Vec::new();
                    for (i, w) in writes.into_iter().enumerate() {
                        let done = write(i, w).await;
                        let refused = done.result.is_err();
                        results.push(done);
                        if refused {
                            break;
                        }
                    }
                    results
                }
            };
            self.lists.buckets.refetch();
            results
        }
    }

    /// Creates `name`, shows its secret through `reveal` the moment the key exists, then writes
    /// `grants` to it under `policy`. The one path of a rotation (the old key's permissions, one
    /// at a time) and of a create with bucket access chosen in the form (each bucket tried).
    pub fn create_and_grant<F: GrantFlow + Send + Sync + 'static>(
        self,
        flow: RwSignal<F>,
        reveal: RwSignal<Option<NewKey>>,
        name: String,
        grants: Vec<BucketAccess>,
        policy: PermissionPolicy,
    ) -> impl Future<Output = ()> + 'static {
        let started = flow.try_update(|f| f.begin(name.clone(), grants)).unwrap_or(false);
        let create = started.then(|| self.create(name));
        async move {
            let Some(create) = create else { return };
            match create.await {
                Ok(key) => {
                    flow.try_update(|f| f.created(key.accesskey.clone()));
                    reveal.try_set(Some(key));
                    self.grant_remaining(flow, policy).await;
                }
                Err(e) => {
                    flow.try_update(|f| f.create_failed(e));
                }
            }
        }
    }

    /// Writes the flow's permissions not yet written (all of them, or after a retry the refused
    /// ones), then announces how it went.
    pub fn grant_remaining<F: GrantFlow + Send + Sync + 'static>(
        self,
        flow: RwSignal<F>,
        policy: PermissionPolicy,
    ) -> impl Future<Output = ()> + 'static {
        let plan = flow.try_update(|f| (f.new_accesskey(), f.take_remaining()));
        let writes = plan.and_then(|(id, remaining)| Some((id?, remaining))).map(|(id, remaining)| {
            let indices: Vec<usize> = remaining.iter().map(|(i, _)| *i).collect();
            let grants = remaining.into_iter().map(|(_, g)| g).collect();
            let progress = move |i: usize, state: StepState| {
                let step = indices[i];
                flow.try_update(|f| f.step(step, state));
            };
            self.set_permissions(id, grants, policy, progress)
        });
        async move {
            let Some(writes) = writes else { return };
            writes.await;
            match flow.try_update(|f| f.settled()).flatten() {
                Some((words, true)) => self.announcer.alert(words),
                Some((words, false)) => self.announcer.say(words),
                None => {}
            }
            self.lists.refresh();
        }
    }

    /// Rotation, last part: suspends the old key, once the copies are done and the secret saved.
    pub fn suspend_replaced(self, rotation: RwSignal<Rotation>, old: AccessKey) -> impl Future<Output = ()> + 'static {
        let started = rotation.try_update(|r| r.suspend_started()).unwrap_or(false);
        let (client, dc) = (self.lists.client(), self.lists.dc.get_untracked());
        async move {
            if !started {
                return;
            }
            let result =
                self.lists.observe(&dc, client.set_status(&dc, &old.accesskey, StatusAction::Disable).await.map(drop));
            match &result {
                Ok(()) => {
                    self.changed(&dc, &old, StatusAction::Disable);
                    self.announcer.say(format!("Old key {} suspended.", old.name));
                }
                Err(e) => self.announcer.alert(format!("The old key was not suspended. {e}")),
            }
            rotation.try_update(|r| r.suspend_finished(result));
            self.lists.refresh();
        }
    }
}
