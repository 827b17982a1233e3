//! The contract's quirks applied to a value as serde_json wrote it, each with the value the
//! lenient rules promise for it, written out here from the generated value (never by asking the
//! reader). `None` for a promise means the reader must refuse the text.
//!
//! The rules: a text field reads `null`, a missing field, or an array/object as `""`, a number
//! as its text as written, a boolean as `"true"`/`"false"`; a count reads a number or a string
//! (around white space) as its whole, non-negative part and anything else as 0; a flag reads
//! `true`, a non-zero number, or `"1"`/`"true"`/`"yes"`/`"enabled"` (any case) as true; an optional
//! text reads anything but a string as `None`; a list reads `null` or a missing field as empty;
//! a key's status reads any spelling of the contract's words, in any case, around white space;
//! unknown fields are ignored; a key's ID and status, a bucket's name, a create answer's key and
//! secret and a data centre's slug and endpoint are required (strings).

use crate::emit::Dice;
use crate::models::{ACTIVE, SUSPENDED};
use keys_api::{
    AccessKey, Bucket, BucketPermission, BucketsResponse, Count, CreateKeyResponse, DataCentre, DcLocation, Envelope,
    KeyStatus, ListKeysResponse,
};
use serde_json::{Map, Value};

type Obj = Map<String, Value>;

fn obj(v: &mut Value) -> &mut Obj {
    v.as_object_mut().expect("serialised as an object")
}

fn set(m: &mut Obj, k: &str, v: Option<Value>) {
    match v {
        Some(v) => m.insert(k.to_string(), v),
        None => m.remove(k),
    };
}

fn any_case(word: &str, d: &mut Dice) -> String {
    word.chars().map(|c| if d.roll(2) == 1 { c.to_ascii_uppercase() } else { c }).collect()
}

/// ASCII white space around a word.
fn padded(word: &str, d: &mut Dice) -> String {
    const PAD: [&str; 4] = ["", " ", "\t", " \n "];
    format!("{}{word}{}", PAD[d.roll(4)], PAD[d.roll(4)])
}

/// A number that is not a plain count: negative, a fraction, huge, tiny.
fn odd_number(d: &mut Dice) -> Value {
    match d.roll(5) {
        0 => Value::from(-1 - d.roll(100) as i64),
        1 => Value::from(d.roll(200) as f64 / 8.0),
        2 => Value::from(1e300),
        3 => Value::from(u64::MAX),
        _ => Value::from(-1.5e-7),
    }
}

/// Some JSON, nested up to `depth` more levels.
pub fn junk(d: &mut Dice, depth: usize) -> Value {
    const TEXTS: [&str; 5] = ["", "x\"y\\z/", "\u{1F600}", "\u{0}\u{1f}\u{7f}", "[]{}:,"];
    match d.roll(if depth == 0 { 4 } else { 6 }) {
        0 => Value::Null,
        1 => Value::Bool(d.roll(2) == 1),
        2 => odd_number(d),
        3 => Value::from(TEXTS[d.roll(TEXTS.len())]),
        4 => Value::Array((0..d.roll(4)).map(|_| junk(d, depth - 1)).collect()),
        _ => Value::Object((0..d.roll(4)).map(|i| (format!("k{i}"), junk(d, depth - 1))).collect()),
    }
}

fn container(d: &mut Dice) -> Value {
    if d.roll(2) == 0 {
        Value::Array(vec![junk(d, 2)])
    } else {
        Value::Object([("a".to_string(), junk(d, 2))].into_iter().collect())
    }
}

/// Fields the reader does not know, with values of any shape.
fn extras(m: &mut Obj, known: &[&str], d: &mut Dice) {
    const NAMES: [&str; 10] =
        ["user_id", "Name", "ACCESSKEY", "access key", "meta", "", "é\u{1F600}", "accesskeys ", "status\u{0}", "\""];
    for _ in 0..d.roll(4) {
        let name = NAMES[d.roll(NAMES.len())];
        assert!(!known.contains(&name));
        let value = junk(d, 3);
        m.insert(name.to_string(), value);
    }
}

/// A text field (serialised as a string).
fn loose(m: &mut Obj, k: &str, d: &mut Dice) -> String {
    let s = m[k].as_str().expect("serialised as a string").to_string();
    let (v, want) = match d.roll(20) {
        13 => (None, String::new()),
        14 => (Some(Value::Null), String::new()),
        15 => {
            let b = d.roll(2) == 1;
            (Some(Value::Bool(b)), b.to_string())
        }
        16 => (Some(container(d)), String::new()),
        17 | 18 => {
            // Digits travel as a number; any number reads as written.
            let n = match s.parse::<u64>() {
                Ok(n) if n.to_string() == s => Value::from(n),
                _ => odd_number(d),
            };
            let written = serde_json::to_string(&n).unwrap();
            (Some(n), written)
        }
        _ => return s,
    };
    set(m, k, v);
    want
}

/// A required string: kept, or (rarely) taken away or made a number, which must be refused.
fn required(m: &mut Obj, k: &str, want: &str, d: &mut Dice) -> Option<String> {
    if !d.one_in(64) {
        return Some(want.to_string());
    }
    let v = match d.roll(3) {
        0 => None,
        1 => Some(Value::Null),
        _ => Some(Value::from(7)),
    };
    set(m, k, v);
    None
}

fn count(m: &mut Obj, k: &str, want: Count, d: &mut Dice) -> Count {
    let n = want.0;
    let (v, got) = match d.roll(20) {
        11 | 12 => (Some(Value::from(n)), n),
        13 => (Some(Value::from(format!("{n}.{}", d.roll(100)))), n),
        14 if n < 1 << 40 => (Some(Value::from(n as f64 + 0.5)), n),
        15 => (Some(Value::from(padded(&n.to_string(), d))), n),
        16 => (Some(Value::from(-1 - (n % 1000) as i64)), 0),
        17 => (None, 0),
        18 => (Some([Value::Null, Value::from(""), Value::Bool(true)][d.roll(3)].clone()), 0),
        19 => (Some(container(d)), 0),
        _ => return want,
    };
    set(m, k, v);
    Count(got)
}

fn flag(m: &mut Obj, k: &str, want: bool, d: &mut Dice) -> bool {
    let (v, got) = match d.roll(16) {
        9 => (Some(Value::from(if want { 1 + d.roll(9) } else { 0 })), want),
        10 => (Some(Value::from(if want { 0.5 } else { 0.0 })), want),
        11 | 12 => {
            let words = if want { ["1", "true", "yes", "enabled"] } else { ["0", "false", "no", "disabled"] };
            let word = any_case(words[d.roll(4)], d);
            (Some(Value::from(padded(&word, d))), want)
        }
        13 => (None, false),
        14 => (Some(Value::Null), false),
        15 => (Some(container(d)), false),
        _ => return want,
    };
    set(m, k, v);
    got
}

/// An optional string: `None` is missing or `null`; a string made anything else reads as `None`.
fn opt_text(m: &mut Obj, k: &str, want: &Option<String>, d: &mut Dice) -> Option<String> {
    match want {
        None => {
            match d.roll(3) {
                1 => set(m, k, Some(Value::Null)),
                2 => set(m, k, None),
                _ => {}
            }
            None
        }
        Some(_) if d.one_in(16) => {
            let v = if d.roll(2) == 0 { odd_number(d) } else { container(d) };
            set(m, k, Some(v));
            None
        }
        Some(s) => Some(s.clone()),
    }
}

fn key_status(m: &mut Obj, want: &KeyStatus, d: &mut Dice) -> Option<KeyStatus> {
    if d.one_in(64) {
        m.remove("status");
        return None;
    }
    let (words, number): (&[&str], u8) = match want {
        KeyStatus::Active => (&ACTIVE, 1),
        KeyStatus::Suspended => (&SUSPENDED, 0),
        KeyStatus::Other(s) => {
            if s.is_empty() && d.roll(2) == 1 {
                m.insert("status".into(), Value::Null);
            }
            return Some(want.clone());
        }
    };
    match d.roll(4) {
        0 => {}
        1 => set(m, "status", Some(Value::from(number))),
        _ => {
            let word = any_case(words[d.roll(words.len())], d);
            set(m, "status", Some(Value::from(padded(&word, d))));
        }
    }
    Some(want.clone())
}

/// A list field: each item through `item`; an empty one may also be `null` or missing.
fn list<M, T>(
    m: &mut Obj,
    k: &str,
    models: &[M],
    d: &mut Dice,
    item: fn(&mut Value, &M, &mut Dice) -> Option<T>,
) -> Option<Vec<T>> {
    let values = m.get_mut(k).and_then(Value::as_array_mut).expect("serialised as a list");
    let got: Vec<_> = values.iter_mut().zip(models).map(|(v, model)| item(v, model, d)).collect();
    if models.is_empty() {
        match d.roll(4) {
            1 => set(m, k, Some(Value::Null)),
            2 => set(m, k, None),
            _ => {}
        }
    }
    got.into_iter().collect()
}

fn envelope_fields(m: &mut Obj, e: &Envelope, d: &mut Dice) -> Envelope {
    Envelope { status: opt_text(m, "status", &e.status, d), message: opt_text(m, "message", &e.message, d) }
}

pub fn envelope(v: &mut Value, e: &Envelope, d: &mut Dice) -> Option<Envelope> {
    let m = obj(v);
    let got = envelope_fields(m, e, d);
    extras(m, &["status", "message"], d);
    Some(got)
}

fn access_key(v: &mut Value, k: &AccessKey, d: &mut Dice) -> Option<AccessKey> {
    let m = obj(v);
    let name = loose(m, "name", d);
    let accesskey = required(m, "accesskey", &k.accesskey, d);
    let dcslug = loose(m, "dcslug", d);
    let status = key_status(m, &k.status, d);
    let created_at = loose(m, "created_at", d);
    extras(m, &["name", "accesskey", "dcslug", "status", "created_at"], d);
    Some(AccessKey { name, accesskey: accesskey?, dcslug, status: status?, created_at })
}

pub fn list_keys(v: &mut Value, r: &ListKeysResponse, d: &mut Dice) -> Option<ListKeysResponse> {
    let m = obj(v);
    let accesskeys = list(m, "accesskeys", &r.accesskeys, d, access_key);
    let envelope = envelope_fields(m, &r.envelope, d);
    extras(m, &["accesskeys", "status", "message"], d);
    Some(ListKeysResponse { accesskeys: accesskeys?, envelope })
}

fn permission(v: &mut Value, p: &BucketPermission, d: &mut Dice) -> Option<BucketPermission> {
    let m = obj(v);
    let got = BucketPermission {
        bucket: loose(m, "bucket", d),
        name: loose(m, "name", d),
        accesskey: loose(m, "accesskey", d),
        permission: loose(m, "permission", d),
        status: opt_text(m, "status", &p.status, d),
        created_at: loose(m, "created_at", d),
    };
    extras(m, &["bucket", "name", "accesskey", "permission", "status", "created_at"], d);
    Some(got)
}

fn dc_location(v: &mut Value, d: &mut Dice) -> DcLocation {
    let m = obj(v);
    let got = DcLocation {
        location: loose(m, "location", d),
        country: loose(m, "country", d),
        dc: loose(m, "dc", d),
        dccc: loose(m, "dccc", d),
    };
    extras(m, &["location", "country", "dc", "dccc"], d);
    got
}

fn bucket(v: &mut Value, b: &Bucket, d: &mut Dice) -> Option<Bucket> {
    let m = obj(v);
    let name = required(m, "name", &b.name, d);
    let access = loose(m, "access", d);
    let dcslug = loose(m, "dcslug", d);
    let size = count(m, "size", b.size, d);
    let status = loose(m, "status", d);
    let created_at = loose(m, "created_at", d);
    let object_count = count(m, "object_count", b.object_count, d);
    let version_enabled = flag(m, "version_enabled", b.version_enabled, d);
    let current_size = loose(m, "current_size", d);
    let permissions = list(m, "permissions", &b.permissions, d, permission);
    let dclocation = match &b.dclocation {
        Some(_) => Some(dc_location(m.get_mut("dclocation").unwrap(), d)),
        None => {
            if d.roll(2) == 1 {
                m.remove("dclocation");
            }
            None
        }
    };
    const KNOWN: [&str; 11] = [
        "name",
        "access",
        "dcslug",
        "size",
        "status",
        "created_at",
        "object_count",
        "version_enabled",
        "current_size",
        "permissions",
        "dclocation",
    ];
    extras(m, &KNOWN, d);
    Some(Bucket {
        name: name?,
        access,
        dcslug,
        size,
        status,
        created_at,
        object_count,
        version_enabled,
        current_size,
        permissions: permissions?,
        dclocation,
    })
}

pub fn buckets(v: &mut Value, r: &BucketsResponse, d: &mut Dice) -> Option<BucketsResponse> {
    let m = obj(v);
    let buckets = list(m, "buckets", &r.buckets, d, bucket);
    let envelope = envelope_fields(m, &r.envelope, d);
    extras(m, &["buckets", "status", "message"], d);
    Some(BucketsResponse { buckets: buckets?, envelope })
}

pub fn create_key(v: &mut Value, r: &CreateKeyResponse, d: &mut Dice) -> Option<CreateKeyResponse> {
    let m = obj(v);
    let envelope = envelope_fields(m, &r.envelope, d);
    let accesskey = required(m, "accesskey", &r.accesskey, d);
    let secretkey = required(m, "secretkey", r.secretkey.expose(), d);
    extras(m, &["status", "message", "accesskey", "secretkey"], d);
    Some(CreateKeyResponse { envelope, accesskey: accesskey?, secretkey: keys_api::SecretKey::new(secretkey?) })
}

fn datacentre(v: &mut Value, dc: &DataCentre, d: &mut Dice) -> Option<DataCentre> {
    let m = obj(v);
    let slug = required(m, "slug", &dc.slug, d);
    let location = loose(m, "location", d);
    let country = loose(m, "country", d);
    let dccc = loose(m, "dccc", d);
    let s3_endpoint = required(m, "s3_endpoint", &dc.s3_endpoint, d);
    let region = loose(m, "region", d);
    extras(m, &["slug", "location", "country", "dccc", "s3_endpoint", "region"], d);
    Some(DataCentre { slug: slug?, location, country, dccc, s3_endpoint: s3_endpoint?, region })
}

/// A bare list (no envelope); `null` at the top is not a list.
pub fn datacentres(v: &mut Value, dcs: &Vec<DataCentre>, d: &mut Dice) -> Option<Vec<DataCentre>> {
    let items = v.as_array_mut().expect("serialised as a list");
    let got: Option<Vec<_>> = items.iter_mut().zip(dcs).map(|(v, dc)| datacentre(v, dc, d)).collect();
    if d.one_in(64) {
        *v = Value::Null;
        return None;
    }
    got
}
