//! The calls of the contract (`shared/reference/utho-api.md`): the five the console makes, and the
//! only ones the reference server routes and its upstream mode forwards. This table is the one
//! list; the README shows it.
//!
//! [`match_call`] reads a request's path as written (never normalised) and checks every segment,
//! so a path it accepts can be rebuilt from its segments alone and cannot name anything else.

/// One call of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallId {
    ListKeys,
    CreateKey,
    SetStatus,
    SetPermission,
    ListBuckets,
}

/// A call: its method and its path under `/v2/`. A `{…}` segment is a parameter, checked by
/// its name: `{dc}` a data-centre slug, `{name}` and `{accesskey}` an access key's name or ID,
/// `{bucket}` a bucket name, `{permission}` a permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Call {
    pub id: CallId,
    pub method: &'static str,
    pub path: &'static str,
}

pub const CALLS: [Call; 5] = [
    Call { id: CallId::ListKeys, method: "GET", path: "objectstorage/{dc}/accesskeys" },
    Call { id: CallId::CreateKey, method: "POST", path: "objectstorage/{dc}/accesskey/create" },
    Call { id: CallId::SetStatus, method: "POST", path: "objectstorage/{dc}/accesskey/{name}/status" },
    Call {
        id: CallId::SetPermission,
        method: "POST",
        path: "objectstorage/{dc}/bucket/{bucket}/permission/{permission}/accesskey/{accesskey}",
    },
    Call { id: CallId::ListBuckets, method: "GET", path: "objectstorage/{dc}/bucket" },
];

/// The permissions a key can have on a bucket (`{permission}`).
pub const PERMISSIONS: [&str; 4] = ["read", "write", "full", "none"];

/// A request that names one of [`CALLS`], its segments checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched<'a> {
    pub call: &'static Call,
    /// Every segment after `/v2/`, literals and parameters, as written.
    pub segments: Vec<&'a str>,
    /// The path ended with one `/` (the contract accepts both forms).
    pub trailing_slash: bool,
}

/// Why a request is not one of [`CALLS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A path that could be read as something else: dot or empty segments, a backslash, an
    /// encoded character. HTTP 400.
    Unsafe(String),
    /// No call has this path. HTTP 404.
    UnknownPath,
    /// A call has this path, with another method (the allowed one, e.g. `GET`). HTTP 405.
    WrongMethod(&'static str),
    /// The call takes no query. HTTP 400.
    Query,
    /// A parameter that is not what its place holds, e.g. a bucket name with `_`. HTTP 400.
    BadSegment(String),
}

impl Refusal {
    pub fn status(&self) -> u16 {
        match self {
            Refusal::UnknownPath => 404,
            Refusal::WrongMethod(_) => 405,
            Refusal::Unsafe(_) | Refusal::Query | Refusal::BadSegment(_) => 400,
        }
    }

    /// What a person reads: what was wrong and what is accepted.
    pub fn message(&self) -> String {
        match self {
            Refusal::Unsafe(why) => format!(
                "The address {why}: send paths as plain segments, such as /v2/objectstorage/innoida/accesskeys."
            ),
            Refusal::UnknownPath => "Not found. This server answers only the access-key calls of object storage: \
                 list keys, create a key, set a key's status, set a bucket permission and list buckets."
                .into(),
            Refusal::WrongMethod(allowed) => format!("This address takes {allowed} only."),
            Refusal::Query => "This call takes no query string: remove everything from the \"?\" on.".into(),
            Refusal::BadSegment(why) => why.clone(),
        }
    }
}

/// Reads `path` (the whole request path, starting `/v2/`) and `query` as written and finds the
/// call they name. Order of refusal: an unsafe path (400), an unknown path (404), a wrong method
/// (405), a query (400), a parameter that is not of its kind (400).
pub fn match_call<'a>(method: &str, path: &'a str, query: Option<&str>) -> Result<Matched<'a>, Refusal> {
    let rest = path.strip_prefix("/v2/").ok_or(Refusal::UnknownPath)?;
    if rest.contains('\\') {
        return Err(Refusal::Unsafe("holds a backslash".into()));
    }
    if rest.contains('%') {
        return Err(Refusal::Unsafe("holds a percent-encoded character".into()));
    }
    if rest.is_empty() {
        return Err(Refusal::UnknownPath);
    }
    let (rest, trailing_slash) = match rest.strip_suffix('/') {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let segments: Vec<&str> = rest.split('/').collect();
    if segments.iter().any(|s| s.is_empty()) {
        return Err(Refusal::Unsafe("holds an empty segment (//)".into()));
    }
    if segments.iter().any(|s| *s == "." || *s == "..") {
        return Err(Refusal::Unsafe("holds a . or .. segment".into()));
    }
    let same_shape = |call: &&Call| {
        let pattern = call.path.split('/');
        pattern.clone().count() == segments.len() && pattern.zip(&segments).all(|(p, s)| p.starts_with('{') || p == *s)
    };
    let mut shapes = CALLS.iter().filter(same_shape).peekable();
    let first = *shapes.peek().ok_or(Refusal::UnknownPath)?;
    let call = shapes.find(|c| c.method == method).ok_or(Refusal::WrongMethod(first.method))?;
    if query.is_some() {
        return Err(Refusal::Query);
    }
    for (param, segment) in call.path.split('/').zip(&segments) {
        check_param(param, segment)?;
    }
    Ok(Matched { call, segments, trailing_slash })
}

fn check_param(param: &str, value: &str) -> Result<(), Refusal> {
    let bad = |what: &str| Err(Refusal::BadSegment(format!("“{value}” is not {what}.")));
    match param {
        "{dc}" if !is_dc_slug(value) => bad("a data-centre slug (lower-case letters and digits, such as innoida)"),
        "{name}" | "{accesskey}" if !is_key_segment(value) => {
            bad("an access key name or ID (1 to 128 letters, digits, _ and -)")
        }
        "{bucket}" if !is_bucket_name(value) => bad(
            "a bucket name (3 to 63 lower-case letters, digits, . and -, starting and ending with a letter or digit)",
        ),
        "{permission}" if !PERMISSIONS.contains(&value) => bad("a permission: read, write, full or none"),
        _ => Ok(()),
    }
}

/// A data-centre slug's shape (`innoida`, `inmumbaizone2`): 2 to 32 lower-case letters and
/// digits, starting with a letter.
pub fn is_dc_slug(s: &str) -> bool {
    (2..=32).contains(&s.len())
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// An access key's name or ID in a path: 1 to 128 of the contract's characters (letters,
/// digits, `_`, `-`). Names are at most 64 ([`crate::NAME_MAX`]), IDs 36.
pub fn is_key_segment(s: &str) -> bool {
    (1..=128).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// S3's bucket-name rules: 3 to 63 lower-case letters, digits, `.` and `-`, starting and ending
/// with a letter or digit, no `..`.
pub fn is_bucket_name(s: &str) -> bool {
    let edge = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (3..=63).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && edge(s.as_bytes().first())
        && edge(s.as_bytes().last())
        && !s.contains("..")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(method: &str, path: &str) -> Result<CallId, Refusal> {
        match_call(method, path, None).map(|m| m.call.id)
    }

    #[test]
    fn the_five_calls_with_and_without_a_trailing_slash() {
        let cases = [
            ("GET", "/v2/objectstorage/innoida/accesskeys", CallId::ListKeys),
            ("POST", "/v2/objectstorage/innoida/accesskey/create", CallId::CreateKey),
            (
                "POST",
                "/v2/objectstorage/inmumbaizone2/accesskey/AK0123456789abcdefghijklmnopqrstuvw/status",
                CallId::SetStatus,
            ),
            ("POST", "/v2/objectstorage/innoida/accesskey/backup_nightly-2/status", CallId::SetStatus),
            (
                "POST",
                "/v2/objectstorage/innoida/bucket/media.archive-2/permission/full/accesskey/AK01",
                CallId::SetPermission,
            ),
            ("GET", "/v2/objectstorage/innoida/bucket", CallId::ListBuckets),
        ];
        for (method, path, want) in cases {
            assert_eq!(id(method, path), Ok(want), "{path}");
            let slashed = format!("{path}/");
            let m = match_call(method, &slashed, None).unwrap();
            assert_eq!((m.call.id, m.trailing_slash), (want, true), "{slashed}");
        }
        let m = match_call("POST", "/v2/objectstorage/innoida/bucket/b1b/permission/none/accesskey/AK1", None).unwrap();
        assert_eq!(m.segments, ["objectstorage", "innoida", "bucket", "b1b", "permission", "none", "accesskey", "AK1"]);
    }

    #[test]
    fn foreign_paths_are_unknown_and_wrong_methods_say_which_one() {
        for path in [
            "/v2/cloud",
            "/v2/cloud/12345/destroy",
            "/v2/account/apikey/create",
            "/v2/dns",
            "/v2/",
            "/v2/objectstorage/innoida/bucket/b1/delete",
            "/v2/objectstorage/innoida",
            "/v1/objectstorage/innoida/accesskeys",
            "/v2/objectstorage/innoida/accesskeys/extra",
            "/v2/Objectstorage/innoida/accesskeys",
        ] {
            assert_eq!(id("GET", path), Err(Refusal::UnknownPath), "{path}");
        }
        assert_eq!(id("POST", "/v2/objectstorage/innoida/accesskeys"), Err(Refusal::WrongMethod("GET")));
        assert_eq!(id("DELETE", "/v2/objectstorage/innoida/accesskey/create"), Err(Refusal::WrongMethod("POST")));
        assert_eq!(id("get", "/v2/objectstorage/innoida/accesskeys"), Err(Refusal::WrongMethod("GET")));
    }

    #[test]
    fn paths_that_could_mean_something_else_are_refused_as_unsafe() {
        for path in [
            "/v2/objectstorage/innoida/../../account/info",
            "/v2/objectstorage/./innoida/accesskeys",
            "/v2/objectstorage/%2e%2e/%2e%2e/account/info",
            "/v2/objectstorage/innoida/accesskey/..%2f..%2fcloud/status",
            "/v2/objectstorage/innoida/accesskey/x%5C..%5Cy/status",
            "/v2/objectstorage/innoida/accesskey/a\\b/status",
            "/v2/objectstorage//innoida/accesskeys",
            "/v2/objectstorage/innoida/accesskeys//",
            "/v2//",
            "/v2/objectstorage/innoida/accesskey/%41K1/status",
        ] {
            let refusal = id("GET", path).unwrap_err();
            assert!(matches!(refusal, Refusal::Unsafe(_)), "{path}: {refusal:?}");
            assert_eq!(refusal.status(), 400);
        }
    }

    #[test]
    fn a_query_is_refused_after_the_path_is_known() {
        let list = "/v2/objectstorage/innoida/accesskeys";
        assert_eq!(match_call("GET", list, Some("page=2")).map(|m| m.call.id), Err(Refusal::Query));
        assert_eq!(match_call("GET", list, Some("")).map(|m| m.call.id), Err(Refusal::Query));
        assert_eq!(match_call("GET", "/v2/cloud", Some("x=1")).map(|m| m.call.id), Err(Refusal::UnknownPath));
    }

    #[test]
    fn every_parameter_is_checked_by_its_kind() {
        let bad = [
            "/v2/objectstorage/INNOIDA/accesskeys",
            "/v2/objectstorage/i/accesskeys",
            "/v2/objectstorage/1noida/accesskeys",
            "/v2/objectstorage/innoida/accesskey/a.b/status",
            "/v2/objectstorage/innoida/accesskey/a:b/status",
            "/v2/objectstorage/innoida/bucket/Media/permission/read/accesskey/AK1",
            "/v2/objectstorage/innoida/bucket/a_b/permission/read/accesskey/AK1",
            "/v2/objectstorage/innoida/bucket/a..b/permission/read/accesskey/AK1",
            "/v2/objectstorage/innoida/bucket/-ab/permission/read/accesskey/AK1",
            "/v2/objectstorage/innoida/bucket/ab/permission/read/accesskey/AK1",
            "/v2/objectstorage/innoida/bucket/abc/permission/admin/accesskey/AK1",
            "/v2/objectstorage/innoida/bucket/abc/permission/read/accesskey/A~1",
        ];
        for path in bad {
            let method = if path.ends_with("accesskeys") { "GET" } else { "POST" };
            let refusal = id(method, path).unwrap_err();
            assert!(matches!(refusal, Refusal::BadSegment(_)), "{path}: {refusal:?}");
            assert_eq!(refusal.status(), 400);
        }
        assert!(is_key_segment(&"a".repeat(128)) && !is_key_segment(&"a".repeat(129)));
        assert!(is_bucket_name(&"b".repeat(63)) && !is_bucket_name(&"b".repeat(64)));
        for slug in ["innoida", "inmumbaizone2", "inbangalore", "defra1", "uslosangeles"] {
            assert!(is_dc_slug(slug), "{slug}");
        }
    }

    #[test]
    fn messages_say_what_is_accepted() {
        assert!(Refusal::UnknownPath.message().contains("only the access-key calls"));
        assert_eq!(Refusal::WrongMethod("GET").message(), "This address takes GET only.");
        let bad = id("GET", "/v2/objectstorage/INNOIDA/accesskeys").unwrap_err().message();
        assert!(bad.contains("“INNOIDA”") && bad.contains("data-centre slug"), "{bad}");
    }
}
