//! Which buckets a key can reach, read from the bucket list (the only source the API offers),
//! and the plan and report of a rotation.

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
    bucket.permissions.iter().filter(|p| Permission::parse(&p.permission).is_some_and(|p| p != Permission::None)).count()
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

/// One step of a rotation and how it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepState {
    Pending,
    Running,
    Done,
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyStep {
    pub grant: BucketAccess,
    pub state: StepState,
}

/// What a rotation has done so far: the new key (once created) and each permission to copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RotationReport {
    pub new_name: String,
    pub create: StepState,
    pub copies: Vec<CopyStep>,
}

impl RotationReport {
    pub fn new(new_name: String, grants: Vec<BucketAccess>) -> Self {
        RotationReport {
            new_name,
            create: StepState::Pending,
            copies: grants.into_iter().map(|grant| CopyStep { grant, state: StepState::Pending }).collect(),
        }
    }

    pub fn copied(&self) -> usize {
        self.copies.iter().filter(|c| c.state == StepState::Done).count()
    }

    pub fn failed(&self) -> bool {
        matches!(self.create, StepState::Failed(_)) || self.copies.iter().any(|c| matches!(c.state, StepState::Failed(_)))
    }

    pub fn complete(&self) -> bool {
        self.create == StepState::Done && self.copies.iter().all(|c| c.state == StepState::Done)
    }

    /// One sentence of what was done and what was not.
    pub fn summary(&self) -> String {
        let total = self.copies.len();
        let copied = self.copied();
        let noun = if total == 1 { "permission" } else { "permissions" };
        match &self.create {
            StepState::Failed(_) => "Rotation stopped: the new key was not created; nothing changed.".into(),
            StepState::Done if self.failed() => {
                format!("Rotation stopped: new key created, {copied} of {total} {noun} copied.")
            }
            StepState::Done if self.complete() => format!("New key created, {copied} of {total} {noun} copied."),
            StepState::Done => format!("New key created; copying {noun}: {copied} of {total} done."),
            _ => "Creating the new key…".into(),
        }
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

    #[test]
    fn report_says_what_was_done() {
        let grants = vec![
            BucketAccess { bucket: "a".into(), permission: Permission::Write },
            BucketAccess { bucket: "b".into(), permission: Permission::Full },
            BucketAccess { bucket: "c".into(), permission: Permission::Read },
        ];
        let mut r = RotationReport::new("new".into(), grants);
        r.create = StepState::Done;
        r.copies[0].state = StepState::Done;
        r.copies[1].state = StepState::Done;
        r.copies[2].state = StepState::Failed("read is not supported".into());
        assert_eq!(r.summary(), "Rotation stopped: new key created, 2 of 3 permissions copied.");
        assert!(r.failed() && !r.complete());
        r.copies[2].state = StepState::Done;
        assert_eq!(r.summary(), "New key created, 3 of 3 permissions copied.");
        assert!(r.complete());
        let mut none = RotationReport::new("n".into(), vec![]);
        none.create = StepState::Failed("taken".into());
        assert_eq!(none.summary(), "Rotation stopped: the new key was not created; nothing changed.");
    }
}
