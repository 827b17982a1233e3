//! Which buckets a key can reach, read from the bucket list (the only source the API offers),
//! and the steps of writing permissions to a new key.

use super::bulk::BulkOutcome;
use super::table::KeyIndex;
use crate::api::ApiError;
use keys_api::{AccessKey, Bucket, BucketPermission, Permission};

/// A key's permission on one bucket (`Permission::None` where it has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketAccess {
    pub bucket: String,
    pub permission: Permission,
}

/// Every bucket of the data centre with `accesskey`'s permission on it, in the list's order.
pub fn key_access(buckets: &[Bucket], accesskey: &str) -> Vec<BucketAccess> {
    buckets
        .iter()
        .map(|b| BucketAccess {
            bucket: b.name.clone(),
            permission: b
                .permissions
                .iter()
                .find(|p| p.accesskey == accesskey)
                .and_then(|p| Permission::parse(&p.permission))
                .unwrap_or(Permission::None),
        })
        .collect()
}

/// Only the buckets the key can reach.
pub fn reachable(buckets: &[Bucket], accesskey: &str) -> Vec<BucketAccess> {
    key_access(buckets, accesskey).into_iter().filter(|a| a.permission != Permission::None).collect()
}

/// The permission an entry of a bucket's list gives its key, if any (`none` and a permission this
/// console cannot read give none).
fn given(p: &BucketPermission) -> Option<Permission> {
    Permission::parse(&p.permission).filter(|p| *p != Permission::None)
}

/// Every permission of `buckets` that reaches a key of `keys` (indexed by `index`), as
/// `(bucket, the key's position, permission)` in the bucket list's order: what the filter flags
/// and the inventory read. `none`, unreadable permissions and keys not in the list are left out.
pub fn grants_to<'a: 'i, 'i>(
    buckets: &'a [Bucket],
    keys: &'i [AccessKey],
    index: &'i KeyIndex,
) -> impl Iterator<Item = (&'a Bucket, usize, Permission)> + 'i {
    buckets.iter().flat_map(move |b| {
        b.permissions.iter().filter_map(move |p| {
            let permission = given(p)?;
            Some((b, index.position(keys, &p.accesskey)?, permission))
        })
    })
}

/// The keys that reach `bucket`, as `(name, access key ID, permission)` in the bucket list's
/// order: the name the list gives, else the key list's (`keys`, indexed by `index`), else the ID.
pub fn keys_reaching(bucket: &Bucket, keys: &[AccessKey], index: &KeyIndex) -> Vec<(String, String, Permission)> {
    bucket
        .permissions
        .iter()
        .filter_map(|p| {
            let permission = given(p)?;
            let listed = || index.position(keys, &p.accesskey).map(|i| keys[i].name.clone());
            let name =
                Some(p.name.clone()).filter(|n| !n.is_empty()).or_else(listed).unwrap_or_else(|| p.accesskey.clone());
            Some((name, p.accesskey.clone(), permission))
        })
        .collect()
}

/// How a write on a bucket's side (`grant`) went: "Gave 2 of 3 keys Write on media-archive." or
/// "Removed 1 of 1 key from media-archive.", then how many were refused.
pub fn bucket_outcome_text(grant: &BucketAccess, outcome: &BulkOutcome) -> String {
    let (done, total, bucket) = (outcome.done.len(), outcome.total(), &grant.bucket);
    let keys = if total == 1 { "key" } else { "keys" };
    let mut text = match grant.permission {
        Permission::None => format!("Removed {done} of {total} {keys} from {bucket}."),
        p => format!("Gave {done} of {total} {keys} {} on {bucket}.", p.label()),
    };
    if !outcome.failed.is_empty() {
        text += &format!(" {} refused.", outcome.failed.len());
    }
    text
}

/// The suggested name of a rotated key: `<old>-rotated`, shortened to fit 64 characters, with a
/// number when that name is taken. A key rotated before (`backup-rotated`, `backup-rotated-2`)
/// gets the next number of the same stem, not a second suffix.
pub fn rotated_name<'a>(old: &str, existing: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let taken = |n: &str| n == old || existing.clone().into_iter().any(|e| e == n);
    let stem = rotation_stem(old);
    (1..1000)
        .map(|i| {
            let suffix = if i == 1 { "-rotated".to_string() } else { format!("-rotated-{i}") };
            let keep = keys_api::NAME_MAX - suffix.len();
            let stem: String = stem.chars().take(keep).collect();
            format!("{stem}{suffix}")
        })
        .find(|n| !taken(n))
        .unwrap_or_else(|| format!("{old}-new"))
}

/// `backup-rotated-3` → `backup`; a name without the suffix is its own stem.
fn rotation_stem(name: &str) -> &str {
    let without_number = match name.rsplit_once('-') {
        Some((head, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && head.ends_with("-rotated") => head,
        _ => name,
    };
    without_number.strip_suffix("-rotated").filter(|s| !s.is_empty()).unwrap_or(without_number)
}

/// How one planned permission write went (a rotation's copy, a bucket chosen at create).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepState {
    Pending,
    Running,
    Done,
    Failed(ApiError),
}

/// One permission to write to a new key, and how it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionStep {
    pub grant: BucketAccess,
    pub state: StepState,
}

/// The permissions to write to a new key and how each went: rotation copies the old key's, a
/// create writes the ones chosen in the form. Both run through `store::ops::set_permissions`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PermissionPlan {
    pub steps: Vec<PermissionStep>,
}

impl PermissionPlan {
    /// Steps for each grant, none of them run yet.
    pub fn new(grants: Vec<BucketAccess>) -> Self {
        PermissionPlan {
            steps: grants.into_iter().map(|grant| PermissionStep { grant, state: StepState::Pending }).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The steps still to run (all but the done ones), in order, set back to pending.
    pub fn take_remaining(&mut self) -> Vec<(usize, BucketAccess)> {
        self.steps
            .iter_mut()
            .enumerate()
            .filter(|(_, s)| s.state != StepState::Done)
            .map(|(i, s)| {
                s.state = StepState::Pending;
                (i, s.grant.clone())
            })
            .collect()
    }

    /// Records how step `index` is going.
    pub fn set(&mut self, index: usize, state: StepState) {
        if let Some(step) = self.steps.get_mut(index) {
            step.state = state;
        }
    }

    pub fn done(&self) -> usize {
        self.steps.iter().filter(|s| s.state == StepState::Done).count()
    }

    pub fn all_done(&self) -> bool {
        self.steps.iter().all(|s| s.state == StepState::Done)
    }

    pub fn any_failed(&self) -> bool {
        self.steps.iter().any(|s| matches!(s.state, StepState::Failed(_)))
    }

    pub fn running(&self) -> bool {
        self.steps.iter().any(|s| s.state == StepState::Running)
    }

    /// The step of a bucket.
    pub fn of(&self, bucket: &str) -> Option<&PermissionStep> {
        self.steps.iter().find(|s| s.grant.bucket == bucket)
    }
}

/// A flow that creates a key and then writes permissions to it: rotation (the old key's
/// permissions) and a create with bucket access chosen in the form. `store::ops` runs both through
/// the same code (`create_and_grant`, `grant_remaining`); the flows differ only in these steps.
pub trait GrantFlow {
    /// The form was sent: create `name`, then write `grants`. False when not in the form.
    fn begin(&mut self, name: String, grants: Vec<BucketAccess>) -> bool;
    /// The key exists.
    fn created(&mut self, accesskey: String) -> bool;
    /// The key was not created.
    fn create_failed(&mut self, error: ApiError) -> bool;
    /// The new key's access key ID, once created.
    fn new_accesskey(&self) -> Option<String>;
    /// The permission writes still to run (empty when none may run now).
    fn take_remaining(&mut self) -> Vec<(usize, BucketAccess)>;
    /// How write `index` is going.
    fn step(&mut self, index: usize, state: StepState);
    /// A batch of writes ended; what to announce (the words, and whether it is an alert).
    fn settled(&mut self) -> Option<(String, bool)>;
}

#[cfg(test)]
mod tests {
    use super::*;
    use keys_api::BucketsResponse;

    fn buckets() -> Vec<Bucket> {
        let json = r#"{"buckets":[
          {"name":"a","permissions":[{"accesskey":"K1","permission":"write"},{"accesskey":"K2","permission":"read"}]},
          {"name":"b","permissions":[{"accesskey":"K2","permission":"full"}]},
          {"name":"c","permissions":[]}]}"#;
        <BucketsResponse as keys_api::wire::FromJson>::from_text(json).unwrap().buckets
    }

    #[test]
    fn access_of_a_key_over_every_bucket() {
        let a = key_access(&buckets(), "K2");
        let perms: Vec<_> = a.iter().map(|x| (x.bucket.as_str(), x.permission)).collect();
        assert_eq!(perms, [("a", Permission::Read), ("b", Permission::Full), ("c", Permission::None)]);
        assert_eq!(reachable(&buckets(), "K1").len(), 1);
        assert!(reachable(&buckets(), "nobody").is_empty());
        // The Buckets tab's Keys column.
        let on = |b: &Bucket| keys_reaching(b, &[], &KeyIndex::default()).len();
        assert_eq!(on(&buckets()[0]), 2);
        assert_eq!(on(&buckets()[2]), 0);
    }

    #[test]
    fn the_keys_on_a_bucket_are_named_from_the_bucket_list_then_the_key_list() {
        use keys_api::KeyStatus;
        let keys: Vec<AccessKey> = ["K1", "K2"]
            .iter()
            .map(|id| crate::state::test_key(&format!("name-of-{id}"), id, "", KeyStatus::Active))
            .collect();
        let json = r#"{"buckets":[{"name":"a","permissions":[
          {"accesskey":"K1","name":"","permission":"write"},{"accesskey":"K2","name":"listed","permission":"read"},
          {"accesskey":"K3","name":"","permission":"full"},{"accesskey":"K2","name":"","permission":"none"}]}]}"#;
        let b = &<BucketsResponse as keys_api::wire::FromJson>::from_text(json).unwrap().buckets[0];
        let on = keys_reaching(b, &keys, &KeyIndex::new(&keys));
        assert_eq!(
            on,
            [
                ("name-of-K1".into(), "K1".into(), Permission::Write),
                ("listed".into(), "K2".into(), Permission::Read),
                ("K3".into(), "K3".into(), Permission::Full),
            ]
        );
    }

    #[test]
    fn a_bucket_side_outcome_says_what_was_given_or_removed_and_what_was_refused() {
        use crate::state::bulk::BulkFailure;
        let on = |permission| BucketAccess { bucket: "media".into(), permission };
        let mut o = BulkOutcome { done: vec!["A".into(), "B".into()], ..Default::default() };
        assert_eq!(bucket_outcome_text(&on(Permission::Write), &o), "Gave 2 of 2 keys Write on media.");
        o.failed.push(BulkFailure { accesskey: "C".into(), name: "c".into(), error: ApiError::Network });
        assert_eq!(
            bucket_outcome_text(&on(Permission::Full), &o),
            "Gave 2 of 3 keys Read & Write on media. 1 refused."
        );
        let one = BulkOutcome { done: vec!["A".into()], ..Default::default() };
        assert_eq!(bucket_outcome_text(&on(Permission::None), &one), "Removed 1 of 1 key from media.");
    }

    #[test]
    fn a_rotated_key_rotates_to_the_next_number_not_a_second_suffix() {
        assert_eq!(rotated_name("backup-rotated", []), "backup-rotated-2");
        assert_eq!(rotated_name("backup-rotated-2", ["backup-rotated"]), "backup-rotated-3");
        assert_eq!(rotated_name("backup-rotated-2", []), "backup-rotated");
        assert_eq!(rotated_name("v2-final", []), "v2-final-rotated");
        assert_eq!(rotation_stem("a-rotated-x"), "a-rotated-x");
    }

    #[test]
    fn a_plan_runs_what_is_not_done_and_reports_each_step() {
        let mut p = PermissionPlan::new(vec![
            BucketAccess { bucket: "a".into(), permission: Permission::Write },
            BucketAccess { bucket: "b".into(), permission: Permission::Read },
        ]);
        assert_eq!(p.take_remaining().len(), 2);
        p.set(0, StepState::Done);
        p.set(1, StepState::Failed(ApiError::Invalid("read is not supported".into())));
        assert!(p.any_failed() && !p.all_done());
        assert_eq!(p.done(), 1);
        let again: Vec<usize> = p.take_remaining().into_iter().map(|(i, _)| i).collect();
        assert_eq!(again, [1]);
        assert_eq!(p.of("b").map(|s| s.state.clone()), Some(StepState::Pending));
        p.set(1, StepState::Done);
        assert!(p.all_done() && !p.any_failed());
    }

    #[test]
    fn rotated_names_fit_and_do_not_collide() {
        assert_eq!(rotated_name("backup", []), "backup-rotated");
        assert_eq!(rotated_name("backup", ["backup-rotated"]), "backup-rotated-2");
        let long = "x".repeat(64);
        let n = rotated_name(&long, []);
        assert_eq!(n.len(), 64);
        assert!(keys_api::validate_key_name(&n).is_ok());
    }
}
