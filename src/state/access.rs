//! Which buckets a key can reach, read from the bucket list (the only source the API offers),
//! and the steps of writing permissions to a new key.

use crate::api::ApiError;
use keys_api::{Bucket, Permission};

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

/// How many keys hold a permission other than `none` on the bucket.
pub fn keys_on_bucket(bucket: &Bucket) -> usize {
    bucket
        .permissions
        .iter()
        .filter(|p| Permission::parse(&p.permission).is_some_and(|p| p != Permission::None))
        .count()
}

/// The suggested name of a rotated key: `<old>-rotated`, shortened to fit 64 characters,
/// with a number when that name is taken.
pub fn rotated_name<'a>(old: &str, existing: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let taken = |n: &str| existing.clone().into_iter().any(|e| e == n);
    (1..1000)
        .map(|i| {
            let suffix = if i == 1 { "-rotated".to_string() } else { format!("-rotated-{i}") };
            let keep = keys_api::NAME_MAX - suffix.len();
            let stem: String = old.chars().take(keep).collect();
            format!("{stem}{suffix}")
        })
        .find(|n| !taken(n))
        .unwrap_or_else(|| format!("{old}-new"))
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

impl PermissionStep {
    /// Steps for each grant, none of them run yet.
    pub fn plan(grants: Vec<BucketAccess>) -> Vec<PermissionStep> {
        grants.into_iter().map(|grant| PermissionStep { grant, state: StepState::Pending }).collect()
    }
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
        serde_json::from_str::<BucketsResponse>(json).unwrap().buckets
    }

    #[test]
    fn access_of_a_key_over_every_bucket() {
        let a = key_access(&buckets(), "K2");
        let perms: Vec<_> = a.iter().map(|x| (x.bucket.as_str(), x.permission)).collect();
        assert_eq!(perms, [("a", Permission::Read), ("b", Permission::Full), ("c", Permission::None)]);
        assert_eq!(reachable(&buckets(), "K1").len(), 1);
        assert!(reachable(&buckets(), "nobody").is_empty());
        assert_eq!(keys_on_bucket(&buckets()[0]), 2);
        assert_eq!(keys_on_bucket(&buckets()[2]), 0);
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
