//! Wire types of the contract. They are read by [`crate::wire::FromJson`] (the one decoder, lenient:
//! fields may be missing, numbers may be strings) and written with serde's `Serialize`, exactly as
//! the contract shows.

use crate::lenient::Count;
use serde::{Serialize, Serializer};
use std::fmt;

/// The `status` value of a successful response.
pub const SUCCESS: &str = "success";

/// The envelope every response may carry. Any `status` other than `"success"` (when present) is a failure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Envelope {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl Envelope {
    pub fn success(message: impl Into<String>) -> Self {
        Envelope { status: Some(SUCCESS.into()), message: Some(message.into()) }
    }
    pub fn error(message: impl Into<String>) -> Self {
        Envelope { status: Some("error".into()), message: Some(message.into()) }
    }
    pub fn is_failure(&self) -> bool {
        matches!(&self.status, Some(s) if !s.eq_ignore_ascii_case(SUCCESS))
    }
}

/// A key's state. The console shows `Active` and `Suspended`; other spellings are read leniently.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum KeyStatus {
    Active,
    Suspended,
    Other(String),
}

impl KeyStatus {
    pub fn label(&self) -> &str {
        match self {
            KeyStatus::Active => "Active",
            KeyStatus::Suspended => "Suspended",
            KeyStatus::Other(s) => s,
        }
    }
}

impl fmt::Display for KeyStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl From<&str> for KeyStatus {
    /// Any case, without allocating (read once per key of a list).
    fn from(s: &str) -> Self {
        let t = s.trim();
        let any = |words: &[&str]| words.iter().any(|w| t.eq_ignore_ascii_case(w));
        if any(&["active", "enable", "enabled", "1"]) {
            KeyStatus::Active
        } else if any(&["suspended", "suspend", "disable", "disabled", "inactive", "0"]) {
            KeyStatus::Suspended
        } else {
            KeyStatus::Other(s.to_string())
        }
    }
}

impl Serialize for KeyStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

/// One access key as the list returns it. The secret is never part of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessKey {
    pub name: String,
    /// The access key ID (36 characters of `[A-Za-z0-9]`).
    pub accesskey: String,
    pub dcslug: String,
    pub status: KeyStatus,
    /// `"YYYY-MM-DD HH:MM:SS"`, no time zone. Sorts as text.
    pub created_at: String,
}

/// `GET objectstorage/{dcslug}/accesskeys`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ListKeysResponse {
    pub accesskeys: Vec<AccessKey>,
    #[serde(flatten)]
    pub envelope: Envelope,
}

/// `POST objectstorage/{dcslug}/accesskey/create`. The field is called `accesskey` but carries the **name**.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreateKeyRequest {
    pub accesskey: String,
}

/// The only response that ever carries a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreateKeyResponse {
    #[serde(flatten)]
    pub envelope: Envelope,
    pub accesskey: String,
    pub secretkey: SecretKey,
}

/// A secret access key. Its `Debug` never shows it, it has no `Display`, and its bytes are
/// overwritten when it is dropped, so a stray log line or panic message cannot carry it.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct SecretKey(String);

impl SecretKey {
    pub fn new(value: String) -> Self {
        SecretKey(value)
    }
    /// The secret itself, for the one place that shows it or sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

impl Drop for SecretKey {
    fn drop(&mut self) {
        let mut bytes = std::mem::take(&mut self.0).into_bytes();
        bytes.iter_mut().for_each(|b| *b = 0);
        std::hint::black_box(&bytes);
    }
}

/// What `objectstorage/{dcslug}/accesskey/{name}/status` can do to a key. The reference server
/// reads it with [`StatusAction::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusAction {
    Enable,
    Disable,
    Remove,
}

impl StatusAction {
    pub fn as_str(self) -> &'static str {
        match self {
            StatusAction::Enable => "enable",
            StatusAction::Disable => "disable",
            StatusAction::Remove => "remove",
        }
    }

    /// `enable`, `disable` or `remove`, in any case, around white space.
    pub fn parse(s: &str) -> Option<StatusAction> {
        [StatusAction::Enable, StatusAction::Disable, StatusAction::Remove]
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// Body of the status call: the access key ID, and the action.
///
/// The path segment (`accesskey/{name}/status`) names the key by ID or by name; `accesskey` here must
/// name the same key, or the reference server refuses the call with 400 rather than act on a key
/// the path did not name. Clients send the access key ID in both places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusRequest {
    pub accesskey: String,
    pub status: StatusAction,
}

/// A key's permission on a bucket; `None` revokes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Permission {
    None,
    Read,
    Write,
    Full,
}

impl Permission {
    pub const ALL: [Permission; 4] = [Permission::None, Permission::Read, Permission::Write, Permission::Full];

    /// The path segment of the permission call.
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::None => "none",
            Permission::Read => "read",
            Permission::Write => "write",
            Permission::Full => "full",
        }
    }

    /// What a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Permission::None => "None",
            Permission::Read => "Read",
            Permission::Write => "Write",
            Permission::Full => "Read & Write",
        }
    }

    pub fn parse(s: &str) -> Option<Permission> {
        Permission::ALL.into_iter().find(|p| p.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// One key's permission as the bucket list shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BucketPermission {
    pub bucket: String,
    /// The key's name; may be empty.
    pub name: String,
    pub accesskey: String,
    pub permission: String,
    pub status: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DcLocation {
    pub location: String,
    pub country: String,
    pub dc: String,
    pub dccc: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Bucket {
    pub name: String,
    pub access: String,
    pub dcslug: String,
    pub size: Count,
    pub status: String,
    pub created_at: String,
    pub object_count: Count,
    pub version_enabled: bool,
    pub current_size: String,
    pub permissions: Vec<BucketPermission>,
    pub dclocation: Option<DcLocation>,
}

/// `GET objectstorage/{dcslug}/bucket`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BucketsResponse {
    pub buckets: Vec<Bucket>,
    #[serde(flatten)]
    pub envelope: Envelope,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::FromJson;

    #[test]
    fn list_from_the_contract_example() {
        let json = r#"{"accesskeys":[{"name":"backup-nightly","accesskey":"R8fK2pQm","dcslug":"innoida",
            "status":"Active","created_at":"2026-03-14 09:12:44"}],"status":"success","message":""}"#;
        let r = ListKeysResponse::from_text(json).unwrap();
        assert_eq!(r.accesskeys[0].status, KeyStatus::Active);
        assert!(!r.envelope.is_failure());
        // Lists may omit the envelope entirely.
        let r = ListKeysResponse::from_text(r#"{"accesskeys":null}"#).unwrap();
        assert!(r.accesskeys.is_empty());
        assert!(!r.envelope.is_failure());
    }

    #[test]
    fn status_spellings() {
        for (s, want) in [
            ("Active", KeyStatus::Active),
            ("suspended", KeyStatus::Suspended),
            ("Disabled", KeyStatus::Suspended),
            ("Pending", KeyStatus::Other("Pending".into())),
        ] {
            assert_eq!(KeyStatus::from(s), want);
        }
        assert_eq!(serde_json::to_string(&KeyStatus::Suspended).unwrap(), r#""Suspended""#);
    }

    #[test]
    fn bucket_from_the_contract_example() {
        let json = r#"{"buckets":[{"name":"media-archive","access":"private","dcslug":"innoida","size":"10120",
          "status":"Active","created_at":"2026-03-02 11:05:31","object_count":"14","version_enabled":false,
          "current_size":"48.20 MB","permissions":[{"bucket":"media-archive","name":null,"accesskey":"R8",
          "permission":"write","status":null,"created_at":"2026-03-02 11:20:09"}],
          "dclocation":{"location":"Delhi (Noida)","country":"India","dc":"innoida","dccc":"in"}}]}"#;
        let r = BucketsResponse::from_text(json).unwrap();
        let b = &r.buckets[0];
        assert_eq!(b.object_count, Count(14));
        assert_eq!(b.permissions[0].name, "");
        assert_eq!(Permission::parse(&b.permissions[0].permission), Some(Permission::Write));
        assert_eq!(b.dclocation.as_ref().unwrap().location, "Delhi (Noida)");
    }

    #[test]
    fn failure_envelope_is_detected_whatever_the_case() {
        let e = Envelope::from_text(r#"{"status":"error","message":"Name taken"}"#).unwrap();
        assert!(e.is_failure());
        assert!(!Envelope::success("ok").is_failure());
        assert!(!Envelope::default().is_failure());
    }

    #[test]
    fn secret_never_shows_in_debug() {
        let r = CreateKeyResponse {
            envelope: Envelope::success("Object User has been created"),
            accesskey: "AKID".into(),
            secretkey: SecretKey::new("TOPSECRETVALUE".into()),
        };
        assert!(!format!("{r:?}").contains("TOPSECRETVALUE"));
        let wire = serde_json::to_string(&r).unwrap();
        assert!(wire.contains(r#""secretkey":"TOPSECRETVALUE""#), "{wire}");
        let back = CreateKeyResponse::from_text(&wire).unwrap();
        assert_eq!(back.secretkey.expose(), "TOPSECRETVALUE");
    }

    #[test]
    fn requests_serialize_as_the_contract_shows() {
        let body = StatusRequest { accesskey: "AK".into(), status: StatusAction::Disable };
        assert_eq!(serde_json::to_string(&body).unwrap(), r#"{"accesskey":"AK","status":"disable"}"#);
        let body = CreateKeyRequest { accesskey: "backup-nightly".into() };
        assert_eq!(serde_json::to_string(&body).unwrap(), r#"{"accesskey":"backup-nightly"}"#);
    }

    #[test]
    fn status_actions_parse_in_any_case() {
        for a in [StatusAction::Enable, StatusAction::Disable, StatusAction::Remove] {
            assert_eq!(StatusAction::parse(a.as_str()), Some(a));
            assert_eq!(StatusAction::parse(&format!(" {} ", a.as_str().to_uppercase())), Some(a));
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{}\"", a.as_str()));
        }
        assert_eq!(StatusAction::parse("delete"), None);
    }
}
