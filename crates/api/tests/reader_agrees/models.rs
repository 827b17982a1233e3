//! Strategies for values of the wire types: names in any Unicode (quotes, backslashes, control
//! characters, emoji, U+2028, BOMs), digit strings, timestamps, counts up to `u64::MAX`, key
//! statuses of every kind.

use keys_api::{
    AccessKey, Bucket, BucketPermission, BucketsResponse, Count, CreateKeyResponse, DataCentre, DcLocation, Envelope,
    KeyStatus, ListKeysResponse, SecretKey,
};
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;

/// The spellings the contract reads as active / suspended (in any case, around white space).
pub const ACTIVE: [&str; 4] = ["active", "enable", "enabled", "1"];
pub const SUSPENDED: [&str; 6] = ["suspended", "suspend", "disable", "disabled", "inactive", "0"];

fn is_spelling(s: &str) -> bool {
    let t = s.trim();
    ACTIVE.iter().chain(&SUSPENDED).any(|w| t.eq_ignore_ascii_case(w))
}

fn char_() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => any::<char>(),
        3 => prop::char::range('a', 'z'),
        1 => Just('"'),
        1 => Just('\\'),
        1 => Just('/'),
        1 => prop::char::range('\0', '\u{1f}'),
        1 => prop::char::range('\u{1F300}', '\u{1FAFF}'),
        1 => prop::sample::select(vec!['é', ' ', '\u{7f}', '\u{2028}', '\u{feff}', '\u{fffd}', '\u{10ffff}']),
    ]
}

/// Any text, digits (which may travel as a number), or a timestamp.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => vec(char_(), 0..12).prop_map(|cs| cs.into_iter().collect()),
        1 => "0|[1-9][0-9]{0,19}|0[0-9]{1,3}",
        1 => "20[0-9]{2}-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]",
    ]
}

fn id() -> impl Strategy<Value = String> {
    prop_oneof![3 => "[A-Za-z0-9]{36}", 1 => text()]
}

pub fn key_status() -> impl Strategy<Value = KeyStatus> {
    prop_oneof![
        2 => Just(KeyStatus::Active),
        2 => Just(KeyStatus::Suspended),
        1 => text().prop_filter("a known state", |s| !is_spelling(s)).prop_map(KeyStatus::Other),
    ]
}

pub fn envelope() -> impl Strategy<Value = Envelope> {
    let status = prop_oneof![
        3 => prop::sample::select(vec!["success", "Success", "SUCCESS", "error", "Error", "failed"]).prop_map(String::from),
        1 => text(),
    ];
    (of(status), of(text())).prop_map(|(status, message)| Envelope { status, message })
}

pub fn access_key() -> impl Strategy<Value = AccessKey> {
    (text(), id(), text(), key_status(), text()).prop_map(|(name, accesskey, dcslug, status, created_at)| AccessKey {
        name,
        accesskey,
        dcslug,
        status,
        created_at,
    })
}

pub fn list_keys() -> impl Strategy<Value = ListKeysResponse> {
    (vec(access_key(), 0..6), envelope()).prop_map(|(accesskeys, envelope)| ListKeysResponse { accesskeys, envelope })
}

fn count() -> impl Strategy<Value = Count> {
    prop_oneof![3 => 0u64..100_000, 1 => any::<u64>()].prop_map(Count)
}

fn permission() -> impl Strategy<Value = BucketPermission> {
    (text(), text(), id(), text(), of(text()), text()).prop_map(
        |(bucket, name, accesskey, permission, status, created_at)| BucketPermission {
            bucket,
            name,
            accesskey,
            permission,
            status,
            created_at,
        },
    )
}

fn dc_location() -> impl Strategy<Value = DcLocation> {
    (text(), text(), text(), text()).prop_map(|(location, country, dc, dccc)| DcLocation {
        location,
        country,
        dc,
        dccc,
    })
}

pub fn bucket() -> impl Strategy<Value = Bucket> {
    let head = (text(), text(), text(), count(), text(), text());
    let tail = (count(), any::<bool>(), text(), vec(permission(), 0..4), of(dc_location()));
    (head, tail).prop_map(
        |(
            (name, access, dcslug, size, status, created_at),
            (object_count, version_enabled, current_size, permissions, dclocation),
        )| {
            Bucket {
                name,
                access,
                dcslug,
                size,
                status,
                created_at,
                object_count,
                version_enabled,
                current_size,
                permissions,
                dclocation,
            }
        },
    )
}

pub fn buckets() -> impl Strategy<Value = BucketsResponse> {
    (vec(bucket(), 0..4), envelope()).prop_map(|(buckets, envelope)| BucketsResponse { buckets, envelope })
}

pub fn create_key() -> impl Strategy<Value = CreateKeyResponse> {
    (envelope(), id(), id()).prop_map(|(envelope, accesskey, secret)| CreateKeyResponse {
        envelope,
        accesskey,
        secretkey: SecretKey::new(secret),
    })
}

pub fn datacentres() -> impl Strategy<Value = Vec<DataCentre>> {
    let dc = (text(), text(), text(), text(), text(), text()).prop_map(
        |(slug, location, country, dccc, s3_endpoint, region)| DataCentre {
            slug,
            location,
            country,
            dccc,
            s3_endpoint,
            region,
        },
    );
    vec(dc, 0..5)
}
