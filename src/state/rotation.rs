//! Rotation as one state value: a replacement key is created, the old key's bucket permissions are
//! copied to it one by one, its secret is shown once, then the old key may be suspended.
//!
//! ```text
//! Naming ──start──▶ Creating ──created──▶ Copying ──(all done)──▶ Copied ──suspend──▶ SuspendingOld ──▶ OldKeyHandled
//!   ▲                  │                    │  ▲                     ▲                                     │ (refused)
//!   └───create_failed──┘            refused ▼  │ retry               └──────────── retry_suspend ──────────┘
//!                                          Stopped
//! ```
//! The secret being saved is a flag beside the phase: it can happen in any phase after `Creating`,
//! and the offer to suspend the old key waits for both the copies and the saved secret.
//! Every transition is a method that refuses (returns `false`/`None`) when it does not apply.

use super::access::{BucketAccess, GrantFlow, PermissionPlan, StepState};
use crate::api::ApiError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RotationPhase {
    /// Choosing the replacement's name; `error` says why the last create failed.
    Naming { error: Option<ApiError> },
    /// The replacement is being created.
    Creating,
    /// The replacement exists; permissions are being copied.
    Copying,
    /// A copy was refused; the remaining copies wait for a retry.
    Stopped,
    /// Every permission is copied.
    Copied,
    /// The old key is being suspended.
    SuspendingOld,
    /// The old key was suspended, or the suspend was refused (then it can be retried).
    OldKeyHandled(Result<(), ApiError>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotation {
    /// The replacement's name, as last submitted.
    pub new_name: String,
    /// The access key ID of the replacement, once created.
    pub new_accesskey: Option<String>,
    /// One step per permission of the old key.
    pub copies: PermissionPlan,
    /// The person closed the reveal of the new secret.
    pub secret_saved: bool,
    pub phase: RotationPhase,
}

impl Rotation {
    pub fn new() -> Self {
        Rotation {
            new_name: String::new(),
            new_accesskey: None,
            copies: PermissionPlan::default(),
            secret_saved: false,
            phase: RotationPhase::Naming { error: None },
        }
    }

    /// Naming → Creating, with the permissions to copy.
    pub fn start(&mut self, new_name: String, grants: Vec<BucketAccess>) -> bool {
        if !matches!(self.phase, RotationPhase::Naming { .. }) {
            return false;
        }
        self.new_name = new_name;
        self.copies = PermissionPlan::new(grants);
        self.phase = RotationPhase::Creating;
        true
    }

    /// Creating → Copying (or Copied when there is nothing to copy).
    pub fn created(&mut self, accesskey: String) -> bool {
        if self.phase != RotationPhase::Creating {
            return false;
        }
        self.new_accesskey = Some(accesskey);
        self.phase = if self.copies.is_empty() { RotationPhase::Copied } else { RotationPhase::Copying };
        true
    }

    /// Creating → Naming, with the reason.
    pub fn create_failed(&mut self, error: ApiError) -> bool {
        if self.phase != RotationPhase::Creating {
            return false;
        }
        self.copies = PermissionPlan::default();
        self.phase = RotationPhase::Naming { error: Some(error) };
        true
    }

    /// The copies still to run, in order, each marked running. Empty outside `Copying`.
    pub fn take_remaining(&mut self) -> Vec<(usize, BucketAccess)> {
        if self.phase != RotationPhase::Copying {
            return Vec::new();
        }
        self.copies.take_remaining()
    }

    /// Copy `index` started.
    pub fn copy_started(&mut self, index: usize) {
        self.copies.set(index, StepState::Running);
    }

    /// Copy `index` finished: a refusal stops the rotation, the last success completes the copies.
    pub fn copy_finished(&mut self, index: usize, result: Result<(), ApiError>) {
        if self.phase != RotationPhase::Copying {
            return;
        }
        if index >= self.copies.steps.len() {
            return;
        }
        match result {
            Ok(()) => self.copies.set(index, StepState::Done),
            Err(e) => {
                self.copies.set(index, StepState::Failed(e));
                self.phase = RotationPhase::Stopped;
                return;
            }
        }
        if self.copies.all_done() {
            self.phase = RotationPhase::Copied;
        }
    }

    /// Stopped → Copying: failed copies run again, done ones are kept.
    pub fn retry(&mut self) -> bool {
        if self.phase != RotationPhase::Stopped {
            return false;
        }
        self.phase = RotationPhase::Copying;
        true
    }

    /// The reveal of the new secret was closed.
    pub fn save_secret(&mut self) {
        if self.new_accesskey.is_some() {
            self.secret_saved = true;
        }
    }

    /// The offer to suspend the old key shows once the copies are done and the secret is saved.
    pub fn offers_suspend(&self) -> bool {
        self.phase == RotationPhase::Copied && self.secret_saved
    }

    /// Copied → SuspendingOld.
    pub fn suspend_started(&mut self) -> bool {
        if !self.offers_suspend() {
            return false;
        }
        self.phase = RotationPhase::SuspendingOld;
        true
    }

    /// SuspendingOld → OldKeyHandled.
    pub fn suspend_finished(&mut self, result: Result<(), ApiError>) {
        if self.phase == RotationPhase::SuspendingOld {
            self.phase = RotationPhase::OldKeyHandled(result);
        }
    }

    /// A refused suspend → the offer again.
    pub fn retry_suspend(&mut self) -> bool {
        if !matches!(self.phase, RotationPhase::OldKeyHandled(Err(_))) {
            return false;
        }
        self.phase = RotationPhase::Copied;
        true
    }

    /// A request is running: the drawer does not close.
    pub fn busy(&self) -> bool {
        matches!(self.phase, RotationPhase::Creating | RotationPhase::Copying | RotationPhase::SuspendingOld)
    }

    /// Past the form: the steps are shown.
    pub fn started(&self) -> bool {
        !matches!(self.phase, RotationPhase::Naming { .. })
    }

    pub fn copied(&self) -> usize {
        self.copies.done()
    }

    pub fn failed(&self) -> bool {
        self.phase == RotationPhase::Stopped
    }

    /// One sentence of what was done and what was not.
    pub fn summary(&self) -> String {
        let total = self.copies.steps.len();
        let copied = self.copied();
        let noun = if total == 1 { "permission" } else { "permissions" };
        match &self.phase {
            RotationPhase::Naming { error: Some(_) } => {
                "Rotation stopped: the new key was not created; nothing changed.".into()
            }
            RotationPhase::Naming { error: None } | RotationPhase::Creating => "Creating the new key…".into(),
            RotationPhase::Stopped => format!("Rotation stopped: new key created, {copied} of {total} {noun} copied."),
            RotationPhase::Copying => format!("New key created; copying {noun}: {copied} of {total} done."),
            RotationPhase::Copied | RotationPhase::SuspendingOld | RotationPhase::OldKeyHandled(_) => {
                format!("New key created, {copied} of {total} {noun} copied.")
            }
        }
    }
}

impl GrantFlow for Rotation {
    fn begin(&mut self, name: String, grants: Vec<BucketAccess>) -> bool {
        self.start(name, grants)
    }
    fn created(&mut self, accesskey: String) -> bool {
        Rotation::created(self, accesskey)
    }
    fn create_failed(&mut self, error: ApiError) -> bool {
        Rotation::create_failed(self, error)
    }
    fn new_accesskey(&self) -> Option<String> {
        self.new_accesskey.clone()
    }
    fn take_remaining(&mut self) -> Vec<(usize, BucketAccess)> {
        Rotation::take_remaining(self)
    }
    fn step(&mut self, index: usize, state: StepState) {
        match state {
            StepState::Running => self.copy_started(index),
            StepState::Done => self.copy_finished(index, Ok(())),
            StepState::Failed(e) => self.copy_finished(index, Err(e)),
            StepState::Pending => {}
        }
    }
    fn settled(&mut self) -> Option<(String, bool)> {
        Some((self.summary(), self.failed()))
    }
}

impl Default for Rotation {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keys_api::Permission;

    fn grants() -> Vec<BucketAccess> {
        vec![
            BucketAccess { bucket: "a".into(), permission: Permission::Write },
            BucketAccess { bucket: "b".into(), permission: Permission::Full },
            BucketAccess { bucket: "c".into(), permission: Permission::Read },
        ]
    }

    fn refused() -> ApiError {
        ApiError::Invalid("read is not supported".into())
    }

    /// Runs every remaining copy with the given results.
    fn copy_all(r: &mut Rotation, results: &[Result<(), ApiError>]) {
        for ((i, _), result) in r.take_remaining().into_iter().zip(results.iter().cloned()) {
            r.copy_started(i);
            r.copy_finished(i, result);
            if r.phase == RotationPhase::Stopped {
                break;
            }
        }
    }

    #[test]
    fn the_happy_path_ends_with_the_old_key_suspended() {
        let mut r = Rotation::new();
        assert!(!r.started() && !r.busy());
        assert!(r.start("new".into(), grants()));
        assert!(r.busy());
        assert_eq!(r.summary(), "Creating the new key…");
        assert!(r.created("AK2".into()));
        assert_eq!(r.phase, RotationPhase::Copying);
        assert_eq!(r.summary(), "New key created; copying permissions: 0 of 3 done.");
        copy_all(&mut r, &[Ok(()), Ok(()), Ok(())]);
        assert_eq!(r.phase, RotationPhase::Copied);
        assert_eq!(r.summary(), "New key created, 3 of 3 permissions copied.");
        assert!(!r.offers_suspend(), "not before the secret is saved");
        assert!(!r.suspend_started());
        r.save_secret();
        assert!(r.offers_suspend());
        assert!(r.suspend_started());
        assert!(r.busy());
        r.suspend_finished(Ok(()));
        assert_eq!(r.phase, RotationPhase::OldKeyHandled(Ok(())));
        assert!(!r.busy() && !r.offers_suspend());
    }

    #[test]
    fn a_refused_copy_stops_and_retry_runs_only_what_is_left() {
        let mut r = Rotation::new();
        r.start("new".into(), grants());
        r.created("AK2".into());
        copy_all(&mut r, &[Ok(()), Ok(()), Err(refused())]);
        assert!(r.failed() && !r.busy());
        assert_eq!(r.summary(), "Rotation stopped: new key created, 2 of 3 permissions copied.");
        assert_eq!(r.copies.steps[2].state, StepState::Failed(refused()));
        assert!(r.take_remaining().is_empty(), "nothing runs while stopped");
        assert!(r.retry());
        let remaining: Vec<usize> = r.take_remaining().into_iter().map(|(i, _)| i).collect();
        assert_eq!(remaining, [2], "the two done copies are not repeated");
        r.copy_started(2);
        r.copy_finished(2, Ok(()));
        assert_eq!(r.summary(), "New key created, 3 of 3 permissions copied.");
        assert_eq!(r.phase, RotationPhase::Copied);
    }

    #[test]
    fn a_refused_create_goes_back_to_the_form_with_the_reason() {
        let mut r = Rotation::new();
        r.start("taken".into(), grants());
        assert!(r.create_failed(ApiError::Conflict("taken".into())));
        assert_eq!(r.phase, RotationPhase::Naming { error: Some(ApiError::Conflict("taken".into())) });
        assert_eq!(r.summary(), "Rotation stopped: the new key was not created; nothing changed.");
        assert!(r.copies.is_empty());
        r.save_secret();
        assert!(!r.secret_saved, "no key, no secret to save");
        assert!(r.start("other".into(), vec![]), "the form can be sent again");
    }

    #[test]
    fn no_permissions_to_copy_means_copied_at_once() {
        let mut r = Rotation::new();
        r.start("new".into(), vec![]);
        r.created("AK2".into());
        assert_eq!(r.phase, RotationPhase::Copied);
        assert_eq!(r.summary(), "New key created, 0 of 0 permissions copied.");
    }

    #[test]
    fn transitions_that_do_not_apply_are_refused() {
        let mut r = Rotation::new();
        assert!(!r.created("X".into()), "nothing was being created");
        assert!(!r.create_failed(refused()));
        assert!(!r.retry());
        assert!(!r.retry_suspend());
        r.start("new".into(), grants());
        assert!(!r.start("again".into(), grants()), "one create at a time");
        r.copy_finished(0, Ok(()));
        assert_eq!(r.copies.steps[0].state, StepState::Pending, "no copy before the key exists");
        r.created("AK2".into());
        r.save_secret();
        copy_all(&mut r, &[Ok(()), Ok(()), Ok(())]);
        r.suspend_started();
        r.suspend_finished(Err(ApiError::Server { status: 500, message: "down".into() }));
        assert!(r.retry_suspend());
        assert!(r.offers_suspend());
    }
}
