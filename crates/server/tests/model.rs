//! The API against a model of it: random sequences of create, status (enable, disable, remove)
//! and permission calls, with valid and invalid names, keys named by ID, by name, by another
//! key's ID, unknown data centres and buckets. After every call the answer's HTTP status must be
//! the one the model predicts (never a 5xx), and at checkpoints the key and bucket lists must
//! equal the model's.
//!
//! Each run draws a new seed (printed on failure); `KEYS_MODEL_SEED=<n>` replays one and
//! `KEYS_MODEL_OPS=<n>` changes the length (default 4,000 calls).

mod common;

use common::*;
use keys_api::{validate_key_name, BucketsResponse, ListKeysResponse};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// splitmix64: small, seedable, good enough to pick operations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

#[derive(Clone, Debug)]
struct Key {
    dc: String,
    name: String,
    id: String,
    active: bool,
}

#[derive(Default)]
struct Model {
    keys: Vec<Key>,
    /// (dc, bucket) → key ID → permission.
    permissions: BTreeMap<(String, String), BTreeMap<String, String>>,
    buckets: BTreeMap<String, Vec<String>>,
}

impl Model {
    /// The one key `segment` names in `dc` (by ID or name). The server refuses names that equal an
    /// ID, so in the model a segment never names two keys.
    fn resolve(&self, dc: &str, segment: &str) -> Option<usize> {
        let hits: Vec<usize> = (0..self.keys.len())
            .filter(|&i| self.keys[i].dc == dc && (self.keys[i].id == segment || self.keys[i].name == segment))
            .collect();
        assert!(hits.len() <= 1, "the model holds two keys named {segment:?}");
        hits.first().copied()
    }

    fn dc_exists(&self, dc: &str) -> bool {
        self.buckets.contains_key(dc)
    }

    fn create(&mut self, dc: &str, name: &str) -> StatusCode {
        if !self.dc_exists(dc) {
            StatusCode::NOT_FOUND
        } else if validate_key_name(name).is_err() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else if self.keys.iter().any(|k| (k.dc == dc && k.name == name) || k.id == name) {
            StatusCode::CONFLICT
        } else {
            StatusCode::OK
        }
    }

    fn status(&mut self, dc: &str, path: &str, body_key: Option<&str>, action: &str) -> StatusCode {
        if !self.dc_exists(dc) {
            return StatusCode::NOT_FOUND;
        }
        if !["enable", "disable", "remove"].contains(&action) {
            return StatusCode::BAD_REQUEST;
        }
        let Some(i) = self.resolve(dc, path) else {
            return StatusCode::NOT_FOUND;
        };
        if let Some(b) = body_key.filter(|b| *b != path) {
            if self.resolve(dc, b) != Some(i) {
                return StatusCode::BAD_REQUEST;
            }
        }
        match action {
            "enable" => self.keys[i].active = true,
            "disable" => self.keys[i].active = false,
            _ => {
                let gone = self.keys.remove(i);
                for holders in self.permissions.values_mut() {
                    holders.remove(&gone.id);
                }
            }
        }
        StatusCode::OK
    }

    fn permission(&mut self, dc: &str, bucket: &str, permission: &str, key: &str) -> StatusCode {
        if !self.dc_exists(dc) {
            return StatusCode::NOT_FOUND;
        }
        if !["read", "write", "full", "none"].contains(&permission) {
            return StatusCode::BAD_REQUEST;
        }
        if !self.buckets[dc].iter().any(|b| b == bucket) {
            return StatusCode::NOT_FOUND;
        }
        let Some(i) = self.resolve(dc, key) else {
            return StatusCode::NOT_FOUND;
        };
        let id = self.keys[i].id.clone();
        let holders = self.permissions.entry((dc.to_string(), bucket.to_string())).or_default();
        if permission == "none" {
            holders.remove(&id);
        } else {
            holders.insert(id, permission.to_string());
        }
        StatusCode::OK
    }

    /// The keys of `dc` as the list shows them, sorted by ID: (ID, name, status).
    fn list(&self, dc: &str) -> Vec<(String, String, String)> {
        let mut rows: Vec<_> = self
            .keys
            .iter()
            .filter(|k| k.dc == dc)
            .map(|k| (k.id.clone(), k.name.clone(), if k.active { "Active" } else { "Suspended" }.to_string()))
            .collect();
        rows.sort();
        rows
    }

    /// Every permission in `dc`, sorted: (bucket, key ID, key name, permission).
    fn grants(&self, dc: &str) -> Vec<(String, String, String, String)> {
        let mut rows = Vec::new();
        for ((d, bucket), holders) in &self.permissions {
            if d != dc {
                continue;
            }
            for (id, permission) in holders {
                let name = self.keys.iter().find(|k| &k.id == id).map(|k| k.name.clone()).unwrap();
                rows.push((bucket.clone(), id.clone(), name, permission.clone()));
            }
        }
        rows.sort();
        rows
    }
}

const DCS: [&str; 2] = ["innoida", "inmumbaizone2"];
const BAD_NAMES: [&str; 8] = ["", "a b", "-lead", "ab", "a$b", "ünï-code", "tab\there", "slash/name"];

fn list_path(dc: &str) -> String {
    format!("/v2/objectstorage/{dc}/accesskeys")
}

async fn server_list(server: &Server, dc: &str) -> Vec<(String, String, String)> {
    let (status, body) = server.get(&list_path(dc)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let list: ListKeysResponse = serde_json::from_value(body).unwrap();
    let mut rows: Vec<_> =
        list.accesskeys.into_iter().map(|k| (k.accesskey, k.name, k.status.label().to_string())).collect();
    rows.sort();
    rows
}

async fn server_grants(server: &Server, dc: &str) -> (Vec<String>, Vec<(String, String, String, String)>) {
    let (status, body) = server.get(&format!("/v2/objectstorage/{dc}/bucket")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let list: BucketsResponse = serde_json::from_value(body).unwrap();
    let names = list.buckets.iter().map(|b| b.name.clone()).collect();
    let mut rows = Vec::new();
    for b in list.buckets {
        for p in b.permissions {
            rows.push((b.name.clone(), p.accesskey, p.name, p.permission));
        }
    }
    rows.sort();
    (names, rows)
}

/// Asserts the answer is an envelope whose `status` fits the HTTP status.
fn check_envelope(what: &str, status: StatusCode, body: &Value) {
    assert!(status.as_u16() < 500, "{what}: a server error, {status}: {body}");
    let expected = if status == StatusCode::OK { "success" } else { "error" };
    assert_eq!(body["status"], expected, "{what}: {status} {body}");
}

#[tokio::test]
async fn the_api_matches_its_model_over_random_call_sequences() {
    let seed = std::env::var("KEYS_MODEL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    let ops: usize = std::env::var("KEYS_MODEL_OPS").ok().and_then(|s| s.parse().ok()).unwrap_or(4000);
    let dir = tempdir();
    let server = Server::new(dir.path());
    let mut rng = Rng(seed);
    let mut model = Model::default();
    for dc in DCS {
        for (id, name, status) in server_list(&server, dc).await {
            model.keys.push(Key { dc: dc.into(), name, id, active: status == "Active" });
        }
        let (buckets, grants) = server_grants(&server, dc).await;
        model.buckets.insert(dc.into(), buckets);
        for (bucket, id, _, permission) in grants {
            model.permissions.entry((dc.into(), bucket)).or_default().insert(id, permission);
        }
    }
    let mut fresh = 0usize;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut requests = 0usize;
    for step in 0..ops {
        let ctx = |what: &str| format!("seed {seed}, step {step}: {what}");
        let dc = if rng.chance(5) { "nowhere" } else { *rng.pick(&DCS).unwrap() };
        // A segment naming some key (any data centre), by ID or by name, or nothing at all.
        let some_key = |rng: &mut Rng, model: &Model| -> String {
            match (rng.below(10), rng.pick(&model.keys)) {
                (0, _) | (_, None) => "no-such-key".to_string(),
                (1..=5, Some(k)) => k.id.clone(),
                (_, Some(k)) => k.name.clone(),
            }
        };
        let roll = rng.below(100);
        if roll < 30 {
            let name = match rng.below(20) {
                0..=10 => {
                    fresh += 1;
                    format!("k{fresh}-{}", rng.below(1000))
                }
                11..=13 => rng.pick(&model.keys).map_or("k0".into(), |k| k.name.clone()),
                14..=15 => rng.pick(&model.keys).map_or("k0".into(), |k| k.id.clone()),
                _ => BAD_NAMES[rng.below(BAD_NAMES.len())].to_string(),
            };
            let expected = model.create(dc, &name);
            let (status, body) =
                server.post(&format!("/v2/objectstorage/{dc}/accesskey/create"), json!({ "accesskey": name })).await;
            requests += 1;
            let what = ctx(&format!("create {name:?} in {dc}"));
            check_envelope(&what, status, &body);
            assert_eq!(status, expected, "{what}: {body}");
            if status == StatusCode::OK {
                let id = body["accesskey"].as_str().unwrap().to_string();
                let secret = body["secretkey"].as_str().unwrap();
                assert_eq!((id.len(), secret.len()), (36, 36), "{what}: {body}");
                model.keys.push(Key { dc: dc.into(), name, id, active: true });
            }
            *counts.entry("create").or_default() += 1;
        } else if roll < 65 {
            let path = some_key(&mut rng, &model);
            let body_key = match rng.below(10) {
                0..=1 => None,
                2..=6 => Some(path.clone()),
                _ => Some(some_key(&mut rng, &model)),
            };
            let action = ["enable", "disable", "disable", "enable", "remove", "Remove", "delete"][rng.below(7)];
            // The server takes the action in any case ("Remove"); the model lower-cases it too.
            let expected = model.status(dc, &path, body_key.as_deref(), &action.to_ascii_lowercase());
            let mut body = json!({ "status": action });
            if let Some(b) = &body_key {
                body["accesskey"] = json!(b);
            }
            let (status, answer) =
                server.post(&format!("/v2/objectstorage/{dc}/accesskey/{path}/status"), body.clone()).await;
            requests += 1;
            let what = ctx(&format!("status {body} on {path} in {dc}"));
            check_envelope(&what, status, &answer);
            assert_eq!(status, expected, "{what}: {answer}");
            *counts.entry("status").or_default() += 1;
        } else if roll < 90 {
            let buckets = model.buckets.get(dc).cloned().unwrap_or_default();
            let bucket = match rng.pick(&buckets) {
                Some(b) if !rng.chance(10) => b.clone(),
                _ => "no-such-bucket".to_string(),
            };
            let permission = ["read", "write", "full", "none", "admin"][rng.below(5)];
            let key = some_key(&mut rng, &model);
            let expected = model.permission(dc, &bucket, permission, &key);
            let (status, body) = server
                .post(
                    &format!("/v2/objectstorage/{dc}/bucket/{bucket}/permission/{permission}/accesskey/{key}"),
                    json!({}),
                )
                .await;
            requests += 1;
            let what = ctx(&format!("permission {permission} on {bucket} for {key} in {dc}"));
            check_envelope(&what, status, &body);
            assert_eq!(status, expected, "{what}: {body}");
            *counts.entry("permission").or_default() += 1;
        } else {
            for dc in DCS {
                assert_eq!(server_list(&server, dc).await, model.list(dc), "{}", ctx(&format!("list of {dc}")));
                assert_eq!(
                    server_grants(&server, dc).await.1,
                    model.grants(dc),
                    "{}",
                    ctx(&format!("buckets of {dc}"))
                );
                requests += 2;
            }
            *counts.entry("check").or_default() += 1;
        }
    }
    for dc in DCS {
        assert_eq!(server_list(&server, dc).await, model.list(dc), "seed {seed}: final list of {dc}");
        assert_eq!(server_grants(&server, dc).await.1, model.grants(dc), "seed {seed}: final buckets of {dc}");
        requests += 2;
    }
    println!(
        "model: {requests} requests matched the model (seed {seed}; {counts:?}; {} keys at the end)",
        model.keys.len()
    );
}
