//! Creating a key as one state value: the form (with the bucket access chosen for the new key),
//! the create, then the chosen permissions written one bucket each. The secret is not part of it:
//! it is shown the moment the key exists, and a refused permission never hides or delays it.
//!
//! ```text
//! Form ──begin──▶ Creating ──created──▶ Granting ──(all answered)──▶ Settled ──retry──▶ Granting
//!   ▲                │                  (or Settled at once when no bucket was chosen)
//!   └─create_failed──┘
//! ```

use super::access::{BucketAccess, GrantFlow, PermissionPlan, StepState};
use crate::api::ApiError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreatePhase {
    /// The form; `error` says why the last create failed.
    Form {
        error: Option<ApiError>,
    },
    Creating,
    /// The key exists; its permissions are being written.
    Granting,
    /// Every chosen permission was answered (some may have been refused: see `plan`).
    Settled,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateFlow {
    pub phase: CreatePhase,
    /// The new key's access key ID, once created.
    pub accesskey: Option<String>,
    /// The bucket permissions chosen in the form, and how each was written.
    pub plan: PermissionPlan,
}

impl Default for CreateFlow {
    fn default() -> Self {
        CreateFlow { phase: CreatePhase::Form { error: None }, accesskey: None, plan: PermissionPlan::default() }
    }
}

impl CreateFlow {
    /// A request is running: the drawer does not close.
    pub fn busy(&self) -> bool {
        matches!(self.phase, CreatePhase::Creating | CreatePhase::Granting)
    }

    /// The last create's refusal, while the form is shown.
    pub fn error(&self) -> Option<&ApiError> {
        match &self.phase {
            CreatePhase::Form { error } => error.as_ref(),
            _ => None,
        }
    }

    /// Settled with refusals → Granting again, for the refused buckets only.
    pub fn retry(&mut self) -> bool {
        if self.phase != CreatePhase::Settled || !self.plan.any_failed() {
            return false;
        }
        self.phase = CreatePhase::Granting;
        true
    }

    /// One sentence on the permissions, once settled.
    pub fn summary(&self) -> Option<String> {
        if self.phase != CreatePhase::Settled || self.plan.is_empty() {
            return None;
        }
        let (done, total) = (self.plan.done(), self.plan.steps.len());
        Some(if done == total {
            format!("Bucket access set: {done} of {total}.")
        } else {
            format!("Bucket access set: {done} of {total}. The key was created; retry the refused buckets below.")
        })
    }
}

impl GrantFlow for CreateFlow {
    fn begin(&mut self, _name: String, grants: Vec<BucketAccess>) -> bool {
        if !matches!(self.phase, CreatePhase::Form { .. }) {
            return false;
        }
        self.plan = PermissionPlan::new(grants);
        self.phase = CreatePhase::Creating;
        true
    }

    fn created(&mut self, accesskey: String) -> bool {
        if self.phase != CreatePhase::Creating {
            return false;
        }
        self.accesskey = Some(accesskey);
        self.phase = if self.plan.is_empty() { CreatePhase::Settled } else { CreatePhase::Granting };
        true
    }

    fn create_failed(&mut self, error: ApiError) -> bool {
        if self.phase != CreatePhase::Creating {
            return false;
        }
        self.plan = PermissionPlan::default();
        self.phase = CreatePhase::Form { error: Some(error) };
        true
    }

    fn new_accesskey(&self) -> Option<String> {
        self.accesskey.clone()
    }

    fn take_remaining(&mut self) -> Vec<(usize, BucketAccess)> {
        if self.phase != CreatePhase::Granting {
            return Vec::new();
        }
        self.plan.take_remaining()
    }

    fn step(&mut self, index: usize, state: StepState) {
        if self.phase == CreatePhase::Granting {
            self.plan.set(index, state);
        }
    }

    fn settled(&mut self) -> Option<(String, bool)> {
        if self.phase != CreatePhase::Granting {
            return None;
        }
        self.phase = CreatePhase::Settled;
        let failed = self.plan.any_failed();
        self.summary().map(|s| (s, failed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keys_api::Permission;

    fn grants() -> Vec<BucketAccess> {
        vec![
            BucketAccess { bucket: "a".into(), permission: Permission::Write },
            BucketAccess { bucket: "b".into(), permission: Permission::Read },
        ]
    }

    #[test]
    fn a_refused_permission_is_reported_and_retried_alone() {
        let mut f = CreateFlow::default();
        assert!(f.begin("k".into(), grants()));
        assert!(f.busy());
        assert!(f.created("AK".into()));
        assert_eq!(f.phase, CreatePhase::Granting);
        let run: Vec<usize> = f.take_remaining().into_iter().map(|(i, _)| i).collect();
        assert_eq!(run, [0, 1]);
        f.step(0, StepState::Done);
        f.step(1, StepState::Failed(ApiError::Invalid("read is not supported".into())));
        assert_eq!(
            f.settled(),
            Some(("Bucket access set: 1 of 2. The key was created; retry the refused buckets below.".into(), true))
        );
        assert!(!f.busy());
        assert!(f.retry());
        let again: Vec<usize> = f.take_remaining().into_iter().map(|(i, _)| i).collect();
        assert_eq!(again, [1]);
        f.step(1, StepState::Done);
        assert_eq!(f.settled(), Some(("Bucket access set: 2 of 2.".into(), false)));
        assert!(!f.retry(), "nothing left to retry");
    }

    #[test]
    fn no_bucket_chosen_settles_at_once_and_a_failed_create_goes_back_to_the_form() {
        let mut f = CreateFlow::default();
        f.begin("k".into(), vec![]);
        f.created("AK".into());
        assert_eq!(f.phase, CreatePhase::Settled);
        assert_eq!(f.summary(), None);
        let mut f = CreateFlow::default();
        f.begin("k".into(), grants());
        assert!(f.create_failed(ApiError::Conflict("taken".into())));
        assert_eq!(f.error(), Some(&ApiError::Conflict("taken".into())));
        assert!(f.plan.is_empty());
        assert!(!f.created("AK".into()), "no key after a refusal");
        assert!(f.begin("k2".into(), grants()), "the form can be sent again");
    }
}
