//! Unit tests of the reader and writers; the property tests against serde_json are in
//! `tests/reader_agrees/`.

use super::*;
use crate::{
    AccessKey, Bucket, BucketPermission, BucketsResponse, Count, CreateKeyRequest, CreateKeyResponse, DcLocation,
    KeyStatus, ListKeysResponse, Permission, SecretKey, StatusAction, StatusRequest,
};

/// Any JSON value, checked and stepped over.
struct Any;
impl FromJson for Any {
    fn read(r: &mut Reader) -> Result<Self, String> {
        r.skip().map(|_| Any)
    }
}

/// The string field "s" of an object.
struct S(Option<String>);
impl FromJson for S {
    fn read(r: &mut Reader) -> Result<Self, String> {
        let mut s = None;
        r.object(|r, name| {
            if name == "s" {
                s = r.text()?;
            } else {
                r.skip()?;
            }
            Ok(())
        })?;
        Ok(S(s))
    }
}

#[test]
fn reads_values_escapes_and_rejects_broken_text() {
    let text = r#" {"a":[1,-2.5e3,true,false,null,{"x":[]}],"s":"x\"\\\/\n\u00e9\ud83d\ude00 é","o":{}} "#;
    assert_eq!(S::from_text(text).unwrap().0.as_deref(), Some("x\"\\/\né😀 é"));
    assert_eq!(S::from_text(r#"{"s":"plain"}"#).unwrap().0.as_deref(), Some("plain"));
    assert_eq!(S::from_text(r#"{"s":5}"#).unwrap().0, None, "a number is not a string");
    for bad in ["", "{", "[1,]", "{\"a\" 1}", "01x", "\"\u{1}\"", "nul", "[1] 2", "{\"a\":-}", "\"\\x\""] {
        assert!(Any::from_text(bad).is_err(), "{bad:?}");
    }
    assert_eq!(Any::from_text("[1,]").err().unwrap(), "not JSON at byte 3");
    assert!(Any::from_bytes(b"\"\xff\"").is_err(), "not UTF-8");
    let deep = "[".repeat(100) + &"]".repeat(100);
    assert!(Any::from_text(&deep).is_err(), "too deep");
    let fine = "[".repeat(60) + &"]".repeat(60);
    assert!(Any::from_text(&fine).is_ok());
}

#[test]
fn reads_the_contract_leniently() {
    let list = r#"{"accesskeys":[{"name":"backup-nightly","accesskey":"R8fK2pQm","dcslug":"innoida",
        "status":"Active","created_at":"2026-03-14 09:12:44","user_id":17},
        {"name":null,"accesskey":"X","status":"disabled","created_at":5}],"status":"success","message":""}"#;
    let key = |name: &str, accesskey: &str, dcslug: &str, status, created_at: &str| AccessKey {
        name: name.into(),
        accesskey: accesskey.into(),
        dcslug: dcslug.into(),
        status,
        created_at: created_at.into(),
    };
    assert_eq!(
        ListKeysResponse::from_text(list).unwrap(),
        ListKeysResponse {
            accesskeys: vec![
                key("backup-nightly", "R8fK2pQm", "innoida", KeyStatus::Active, "2026-03-14 09:12:44"),
                key("", "X", "", KeyStatus::Suspended, "5"),
            ],
            envelope: Envelope::success(""),
        }
    );
    let buckets = r#"{"buckets":[{"name":"media-archive","access":"private","dcslug":"innoida","size":"10120",
      "status":"Active","created_at":"2026-03-02 11:05:31","object_count":"14","version_enabled":"1",
      "current_size":"48.20 MB","permissions":[{"bucket":"media-archive","name":null,"accesskey":"R8",
      "permission":"write","status":null,"created_at":"2026-03-02 11:20:09"}],
      "dclocation":{"location":"Delhi (Noida)","country":"India","dc":"innoida","dccc":"in"}},
      {"name":"b","object_count":14.7,"size":-3,"permissions":null,"version_enabled":0}]}"#;
    let media = Bucket {
        name: "media-archive".into(),
        access: "private".into(),
        dcslug: "innoida".into(),
        size: Count(10120),
        status: "Active".into(),
        created_at: "2026-03-02 11:05:31".into(),
        object_count: Count(14),
        version_enabled: true,
        current_size: "48.20 MB".into(),
        permissions: vec![BucketPermission {
            bucket: "media-archive".into(),
            name: String::new(),
            accesskey: "R8".into(),
            permission: "write".into(),
            status: None,
            created_at: "2026-03-02 11:20:09".into(),
        }],
        dclocation: Some(DcLocation {
            location: "Delhi (Noida)".into(),
            country: "India".into(),
            dc: "innoida".into(),
            dccc: "in".into(),
        }),
    };
    let b = Bucket { name: "b".into(), object_count: Count(14), ..Bucket::default() };
    let ours = BucketsResponse::from_text(buckets).unwrap();
    assert_eq!(ours, BucketsResponse { buckets: vec![media, b], envelope: Envelope::default() });
    assert_eq!(Permission::parse(&ours.buckets[0].permissions[0].permission), Some(Permission::Write));
    let create = r#"{"status":"success","message":"Object User has been created","accesskey":"AK","secretkey":"S3"}"#;
    let ours = CreateKeyResponse::from_text(create).unwrap();
    assert_eq!(
        ours,
        CreateKeyResponse {
            envelope: Envelope::success("Object User has been created"),
            accesskey: "AK".into(),
            secretkey: SecretKey::new("S3".into()),
        }
    );
    // A key needs its ID and status, a list must be a list, a create answer needs string credentials.
    for bad in [r#"{"accesskeys":[{"name":"x"}]}"#, r#"{"accesskeys":[{"accesskey":"x"}]}"#, r#"{"accesskeys":{}}"#] {
        assert!(ListKeysResponse::from_text(bad).is_err(), "{bad}");
    }
    assert!(CreateKeyResponse::from_text(r#"{"status":"success","accesskey":5,"secretkey":"S"}"#).is_err());
}

#[test]
fn errors_never_carry_the_text() {
    let e = CreateKeyResponse::from_text(r#"{"accesskey":5,"secretkey":"SECRETSECRET"}"#).unwrap_err();
    assert!(!e.contains("SECRETSECRET"), "{e}");
    let e = CreateKeyResponse::from_text("{\"secretkey\":\"SECRETSECRET\"").unwrap_err();
    assert!(!e.contains("SECRET"), "{e}");
}

#[test]
fn requests_are_written_as_the_contract_shows() {
    let body = StatusRequest { accesskey: "AK".into(), status: StatusAction::Disable };
    assert_eq!(body.to_json(), r#"{"accesskey":"AK","status":"disable"}"#);
    assert_eq!(body.to_json(), serde_json::to_string(&body).unwrap());
    let name = CreateKeyRequest { accesskey: "we\"ird\\\n\u{1}".into() };
    let back = CreateKeyRequest::read_back(&name.to_json());
    assert_eq!(back, "we\"ird\\\n\u{1}");
    assert_eq!(name.to_json(), serde_json::to_string(&name).unwrap());
}

#[test]
fn counts_and_flags() {
    let count = |t: &str| Reader::new(t.as_bytes()).count().unwrap().0;
    for (text, n) in
        [("14", 14), ("\"14\"", 14), ("14.9", 14), ("-3", 0), ("\"\"", 0), ("1e3", 1), ("null", 0), ("[]", 0)]
    {
        assert_eq!(count(text), n, "{text}");
    }
    let flag = |t: &str| Reader::new(t.as_bytes()).boolean().unwrap();
    assert!(flag("2") && flag("0.5") && flag("\"yes\"") && flag("true"));
    assert!(!flag("0") && !flag("null") && !flag("\"no\"") && !flag("[1]"));
}

impl CreateKeyRequest {
    fn read_back(json: &str) -> String {
        let mut name = String::new();
        Reader::new(json.as_bytes())
            .object(|r, field| {
                assert_eq!(field, "accesskey");
                name = r.loose_string()?;
                Ok(())
            })
            .unwrap();
        name
    }
}
