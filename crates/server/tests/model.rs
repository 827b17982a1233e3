//! The API against a model of it, as a proptest state machine: random sequences of create, status
//! (enable, disable, remove) and permission calls, with valid and invalid names, keys named by ID,
//! by name, by another key's ID, unknown data centres (`nowhere`) and unknown buckets. After every
//! call the answer must be a JSON envelope (never a 5xx) whose HTTP status is the one the model
//! predicts; at checkpoints, and at the end of every sequence, the key and bucket lists of each
//! data centre must equal the model's.
//!
//! Each case is a sequence of [`STEPS`] calls against a fresh server on a fresh database, [`CASES`]
//! cases a run: 4,000 calls (about 5,200 requests with the checkpoints' list reads), some 8 seconds
//! on two cores. `PROPTEST_CASES=<n>` runs more or fewer cases; `PROPTEST_VERBOSE=1` prints every
//! call as it is made.
//!
//! A failure is shrunk to a short sequence and printed as the calls to make, one a line: a create
//! call ends in `-> <id#N>`, and `<id#N>` in later calls stands for the ID the server gave that key.
//! Shrinking starts a server per attempt: seconds to minutes (at most [`SHRINK_SECONDS`], then the
//! shortest sequence found so far is printed). Proptest appends the failing case's seed to
//! `tests/model.proptest-regressions` beside this file and replays it before any new case on every
//! later run (so a rerun fails at once, shrinks again and prints the same sequence); commit that
//! line with the fix, and every later run checks the case again. `PROPTEST_RNG_SEED=<n>` fixes
//! the new cases too.

mod common;

use common::*;
use keys_api::wire::FromJson;
use keys_api::{validate_key_name, BucketsResponse, ListKeysResponse};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::FileFailurePersistence;
use proptest_state_machine::{prop_state_machine, ReferenceStateMachine, StateMachineTest};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Once, OnceLock};

/// Calls per case (a sequence against one server).
const STEPS: usize = 500;
/// Cases per run, unless `PROPTEST_CASES` says otherwise.
const CASES: u32 = 8;
/// How long a failure may be shrunk (each attempt starts a server and replays calls); then the
/// shortest failing sequence found so far is printed.
const SHRINK_SECONDS: u32 = 300;

#[derive(Clone, Debug)]
struct Key {
    dc: String,
    name: String,
    id: String,
    active: bool,
}

#[derive(Clone, Debug, Default)]
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
/// Any case is taken ("Remove"); "delete" is not an action.
const ACTIONS: [&str; 7] = ["enable", "disable", "disable", "enable", "remove", "Remove", "delete"];
const PERMISSIONS: [&str; 5] = ["read", "write", "full", "none", "admin"];

// Key IDs. The server draws them at random, but the calls of a sequence (and their expected
// answers) are drawn before any is made: each create call carries a number `n`, the key it makes
// has the stand-in ID `id_of(n)` in the model, and the test swaps the stand-in for the real ID in
// every call it sends and every list it compares. A stand-in has the shape of a real ID (36
// letters and digits), so the model's rules treat it exactly as the server treats the real one.
// The number belongs to the call, not to its place in the sequence: shrinking can drop calls
// without renaming the keys of the others.

/// The stand-in ID of the key the create call numbered `n` makes.
fn id_of(n: usize) -> String {
    format!("ID{n:034}")
}

/// `n` when `s` is `id_of(n)`.
fn stand_in(s: &str) -> Option<usize> {
    let digits = s.strip_prefix("ID").filter(|d| d.len() == 34 && d.bytes().all(|b| b.is_ascii_digit()))?;
    digits.parse().ok()
}

/// How a failure shows a segment or name: `<id#N>` for a stand-in ID.
fn show(s: &str) -> String {
    stand_in(s).map_or_else(|| s.to_string(), |n| format!("<id#{n}>"))
}

/// One step of a sequence: a call, or a checkpoint.
#[derive(Clone)]
enum Call {
    /// `n` numbers the create calls of a sequence: the key made is `<id#n>`, a fresh name `k<n>-…`.
    Create {
        n: usize,
        dc: &'static str,
        name: String,
    },
    Status {
        dc: &'static str,
        path: String,
        body_key: Option<String>,
        action: &'static str,
    },
    Permission {
        dc: &'static str,
        bucket: String,
        permission: &'static str,
        key: String,
    },
    /// The key and bucket lists of every data centre against the model's.
    Check,
}

impl Call {
    /// The names and key segments the call carries (where a stand-in ID may be).
    fn keys(&self) -> Vec<&str> {
        match self {
            Call::Create { name, .. } => vec![name],
            Call::Status { path, body_key, .. } => std::iter::once(path.as_str()).chain(body_key.as_deref()).collect(),
            Call::Permission { key, .. } => vec![key],
            Call::Check => vec![],
        }
    }

    /// The POST the call makes, path and body, each name and key segment written by `key`.
    fn request(&self, key: impl Fn(&str) -> String) -> Option<(String, Value)> {
        Some(match self {
            Call::Create { dc, name, .. } => {
                (format!("/v2/objectstorage/{dc}/accesskey/create"), json!({ "accesskey": key(name) }))
            }
            Call::Status { dc, path, body_key, action } => {
                let mut body = json!({ "status": action });
                if let Some(b) = body_key {
                    body["accesskey"] = json!(key(b));
                }
                (format!("/v2/objectstorage/{dc}/accesskey/{}/status", key(path)), body)
            }
            Call::Permission { dc, bucket, permission, key: k } => (
                format!("/v2/objectstorage/{dc}/bucket/{bucket}/permission/{permission}/accesskey/{}", key(k)),
                json!({}),
            ),
            Call::Check => return None,
        })
    }

    fn kind(&self) -> &'static str {
        match self {
            Call::Create { .. } => "create",
            Call::Status { .. } => "status",
            Call::Permission { .. } => "permission",
            Call::Check => "check",
        }
    }
}

/// The call as it is sent, stand-in IDs as `<id#N>`: a failing sequence reads as calls to replay.
impl fmt::Debug for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.request(show), self) {
            (Some((path, body)), Call::Create { n, .. }) => write!(f, "POST {path} {body} -> <id#{n}>"),
            (Some((path, body)), _) => write!(f, "POST {path} {body}"),
            (None, _) => write!(f, "check: the key and bucket lists of {} equal the model's", DCS.join(" and ")),
        }
    }
}

/// The reference state: the model, and what drawing the next calls needs.
#[derive(Clone)]
struct State {
    model: Model,
    /// The numbers of the create calls so far: the next is one more than the last.
    creates: BTreeSet<usize>,
    /// The numbers of the create calls that made a key: the stand-in IDs a call may name.
    keys: BTreeSet<usize>,
    /// What the model expects of the call just applied (`None` for a checkpoint).
    expected: Option<StatusCode>,
    /// Why the model itself failed (panicked) at a call, if it did: it is not asked again, and the
    /// test fails at that call (shrunk like any other failure).
    broken: Option<String>,
}

impl fmt::Debug for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let buckets: Vec<String> = self.model.buckets.iter().map(|(dc, b)| format!("{dc}: {}", b.join(", "))).collect();
        write!(f, "a database with {} keys; buckets {}", self.model.keys.len(), buckets.join("; "))
    }
}

/// The state of a fresh database, read once from a server of its own.
fn fresh_model() -> &'static Model {
    static FRESH: OnceLock<Model> = OnceLock::new();
    FRESH.get_or_init(|| {
        let dir = tempdir();
        let server = Server::new(dir.path());
        runtime().block_on(async {
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
            model
        })
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime")
}

/// Runs `f`, its panic (message) caught and not printed.
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    thread_local!(static QUIET: Cell<bool> = const { Cell::new(false) });
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let hook = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.get() {
                hook(info)
            }
        }));
    });
    QUIET.set(true);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.set(false);
    result.map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

/// A data centre: mostly a real one, sometimes one that does not exist.
fn dc() -> impl Strategy<Value = &'static str> {
    prop_oneof![95 => select(DCS.to_vec()), 5 => Just("nowhere")]
}

/// One of `items`, or `otherwise` when there are none.
fn one_of(items: &[String], otherwise: &str) -> BoxedStrategy<String> {
    if items.is_empty() {
        Just(otherwise.to_string()).boxed()
    } else {
        select(items.to_vec()).boxed()
    }
}

/// A segment naming some key (of any data centre), by ID or by name, or no key at all.
fn some_key(ids: &[String], names: &[String]) -> BoxedStrategy<String> {
    if ids.is_empty() {
        return Just("no-such-key".to_string()).boxed();
    }
    prop_oneof![1 => Just("no-such-key".to_string()), 5 => one_of(ids, ""), 4 => one_of(names, "")].boxed()
}

struct Api;

impl ReferenceStateMachine for Api {
    type State = State;
    type Transition = Call;

    fn init_state() -> BoxedStrategy<State> {
        let model = fresh_model().clone();
        Just(State { model, creates: BTreeSet::new(), keys: BTreeSet::new(), expected: None, broken: None }).boxed()
    }

    fn transitions(state: &State) -> BoxedStrategy<Call> {
        let ids: Vec<String> = state.model.keys.iter().map(|k| k.id.clone()).collect();
        let names: Vec<String> = state.model.keys.iter().map(|k| k.name.clone()).collect();
        let fresh = state.creates.last().map_or(1, |n| n + 1);
        let name = prop_oneof![
            11 => (0..1000u32).prop_map(move |n| format!("k{fresh}-{n}")).boxed(),
            3 => one_of(&names, "k0"),
            2 => one_of(&ids, "k0"),
            4 => select(BAD_NAMES.to_vec()).prop_map(String::from).boxed(),
        ];
        let create = (dc(), name).prop_map(move |(dc, name)| Call::Create { n: fresh, dc, name });
        let status = (dc(), some_key(&ids, &names), 0..10u8, some_key(&ids, &names), select(ACTIONS.to_vec()))
            .prop_map(|(dc, path, body, other, action)| {
                let body_key = match body {
                    0..=1 => None,
                    2..=6 => Some(path.clone()),
                    _ => Some(other),
                };
                Call::Status { dc, path, body_key, action }
            });
        let buckets = state.model.buckets.clone();
        let permission = (dc(), 0..10u8, any::<Index>(), select(PERMISSIONS.to_vec()), some_key(&ids, &names))
            .prop_map(move |(dc, known, bucket, permission, key)| {
                let bucket = match buckets.get(dc) {
                    Some(list) if !list.is_empty() && known < 9 => bucket.get(list).clone(),
                    _ => "no-such-bucket".to_string(),
                };
                Call::Permission { dc, bucket, permission, key }
            });
        // Shrinking turns a call into one of those listed before it: a create is never made up.
        prop_oneof![10 => Just(Call::Check), 25 => permission, 35 => status, 30 => create].boxed()
    }

    /// A call may name a key by a stand-in ID only once that key was created (shrinking may drop
    /// the create), and each create call's number is its own.
    fn preconditions(state: &State, call: &Call) -> bool {
        let new = match call {
            Call::Create { n, .. } => !state.creates.contains(n),
            _ => true,
        };
        new && call.keys().into_iter().all(|s| stand_in(s).is_none_or(|n| state.keys.contains(&n)))
    }

    fn apply(mut state: State, call: &Call) -> State {
        if state.broken.is_some() {
            return state;
        }
        if let Call::Create { n, .. } = call {
            state.creates.insert(*n);
        }
        let model = &mut state.model;
        let keys = &mut state.keys;
        // Calls are drawn from the model's state, before the test runs: a model that fails (its
        // own assertion) must fail the test case where it does, not the drawing.
        let expected = quietly(|| match call {
            Call::Create { n, dc, name } => {
                let expected = model.create(dc, name);
                if expected == StatusCode::OK {
                    model.keys.push(Key { dc: dc.to_string(), name: name.clone(), id: id_of(*n), active: true });
                    keys.insert(*n);
                }
                Some(expected)
            }
            // The server takes the action in any case ("Remove"); the model lower-cases it too.
            Call::Status { dc, path, body_key, action } => {
                Some(model.status(dc, path, body_key.as_deref(), &action.to_ascii_lowercase()))
            }
            Call::Permission { dc, bucket, permission, key } => Some(model.permission(dc, bucket, permission, key)),
            Call::Check => None,
        });
        match expected {
            Ok(expected) => state.expected = expected,
            Err(why) => (state.expected, state.broken) = (None, Some(why)),
        }
        state
    }
}

/// The system under test: a server on a fresh database, and what the test learnt of it.
struct Sut {
    // Fields drop in order: the server stops before its directory goes.
    server: Server,
    _dir: tempfile::TempDir,
    runtime: tokio::runtime::Runtime,
    /// Stand-in ID → the ID the server gave.
    ids: HashMap<String, String>,
    step: usize,
    requests: usize,
    counts: BTreeMap<&'static str, usize>,
}

impl Sut {
    /// `s` as the server knows it: a stand-in ID becomes the real one.
    fn real(&self, s: &str) -> String {
        self.ids.get(s).cloned().unwrap_or_else(|| s.to_string())
    }

    /// The lists of every data centre must equal the model's.
    fn compare(&mut self, model: &Model, what: &str) {
        for dc in DCS {
            let (list, grants) = self.runtime.block_on(async {
                let list = server_list(&self.server, dc).await;
                (list, server_grants(&self.server, dc).await.1)
            });
            self.requests += 2;
            let (model_list, model_grants) = quietly(|| (model.list(dc), model.grants(dc)))
                .unwrap_or_else(|why| panic!("{what}: the model failed: {why}"));
            let mut expected: Vec<_> =
                model_list.into_iter().map(|(id, name, status)| (self.real(&id), self.real(&name), status)).collect();
            expected.sort();
            assert_eq!(list, expected, "{what}: the key list of {dc} (left: the server's, right: the model's)");
            let mut expected: Vec<_> = model_grants
                .into_iter()
                .map(|(bucket, id, name, permission)| (bucket, self.real(&id), self.real(&name), permission))
                .collect();
            expected.sort();
            assert_eq!(
                grants, expected,
                "{what}: the bucket permissions of {dc} (left: the server's, right: the model's)"
            );
        }
    }
}

impl StateMachineTest for Api {
    type SystemUnderTest = Sut;
    type Reference = Api;

    fn init_test(state: &State) -> Sut {
        let dir = tempdir();
        let server = Server::new(dir.path());
        let mut sut = Sut {
            server,
            _dir: dir,
            runtime: runtime(),
            ids: HashMap::new(),
            step: 0,
            requests: 0,
            counts: BTreeMap::new(),
        };
        let buckets = sut.runtime.block_on(async {
            let mut buckets = BTreeMap::new();
            for dc in DCS {
                buckets.insert(dc.to_string(), server_grants(&sut.server, dc).await.0);
            }
            buckets
        });
        sut.requests += DCS.len();
        assert_eq!(buckets, state.model.buckets, "a fresh database's buckets");
        sut.compare(&state.model, "a fresh database");
        sut
    }

    fn apply(mut sut: Sut, state: &State, call: Call) -> Sut {
        sut.step += 1;
        let what = format!("call {}, {call:?}", sut.step);
        *sut.counts.entry(call.kind()).or_default() += 1;
        if let Some(why) = &state.broken {
            panic!("{what}: the model failed: {why}");
        }
        let Some((path, body)) = call.request(|s| sut.real(s)) else {
            sut.compare(&state.model, &what);
            return sut;
        };
        let (status, answer) = sut.runtime.block_on(sut.server.post(&path, body));
        sut.requests += 1;
        check_envelope(&what, status, &answer);
        let expected = state.expected.expect("the model's answer to a call");
        assert!(status == expected, "{what}: the model expects {expected}, the server answered {status}: {answer}");
        if let (Call::Create { n, .. }, StatusCode::OK) = (&call, status) {
            let id = answer["accesskey"].as_str().unwrap().to_string();
            let secret = answer["secretkey"].as_str().unwrap();
            assert_eq!((id.len(), secret.len()), (36, 36), "{what}: {answer}");
            sut.ids.insert(id_of(*n), id);
        }
        sut
    }

    fn teardown(mut sut: Sut, state: State) {
        sut.compare(&state.model, &format!("the end, after call {}", sut.step));
        println!(
            "model: {} requests matched the model ({:?}; {} keys at the end)",
            sut.requests,
            sut.counts,
            state.model.keys.len()
        );
    }
}

/// The keys of `dc` as (ID, name, status), sorted.
async fn server_list(server: &Server, dc: &str) -> Vec<(String, String, String)> {
    let text = get_text(server, &format!("/v2/objectstorage/{dc}/accesskeys")).await;
    let list = ListKeysResponse::from_text(&text).unwrap_or_else(|e| panic!("the key list of {dc}: {e}: {text}"));
    let mut rows: Vec<_> =
        list.accesskeys.into_iter().map(|k| (k.accesskey, k.name, k.status.label().to_string())).collect();
    rows.sort();
    rows
}

/// The bucket names of `dc`, and every permission as (bucket, key ID, key name, permission), sorted.
async fn server_grants(server: &Server, dc: &str) -> (Vec<String>, Vec<(String, String, String, String)>) {
    let text = get_text(server, &format!("/v2/objectstorage/{dc}/bucket")).await;
    let list = BucketsResponse::from_text(&text).unwrap_or_else(|e| panic!("the buckets of {dc}: {e}: {text}"));
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

/// The body of a GET that must succeed.
async fn get_text(server: &Server, path: &str) -> String {
    let res = server.api(Method::GET, path).send().await.expect("request sent");
    let status = res.status();
    let text = res.text().await.expect("the body");
    assert_eq!(status, StatusCode::OK, "GET {path}: {text}");
    text
}

/// Asserts the answer is an envelope whose `status` fits the HTTP status.
fn check_envelope(what: &str, status: StatusCode, body: &Value) {
    assert!(status.as_u16() < 500, "{what}: a server error, {status}: {body}");
    let expected = if status == StatusCode::OK { "success" } else { "error" };
    assert_eq!(body["status"], expected, "{what}: {status} {body}");
}

/// [`CASES`] cases, shrinking for up to [`SHRINK_SECONDS`], the failing seeds in
/// `model.proptest-regressions`; `PROPTEST_CASES`, `PROPTEST_MAX_SHRINK_ITERS` and
/// `PROPTEST_MAX_SHRINK_TIME` (milliseconds) say otherwise.
fn config() -> ProptestConfig {
    let defaults = ProptestConfig::default(); // with the PROPTEST_* variables
    let set = |var: &str| std::env::var_os(var).is_some();
    ProptestConfig {
        cases: if set("PROPTEST_CASES") { defaults.cases } else { CASES },
        // Proptest's default is 4 per case: too few to take a sequence of hundreds of calls apart.
        max_shrink_iters: if set("PROPTEST_MAX_SHRINK_ITERS") { defaults.max_shrink_iters } else { u32::MAX - 1 },
        max_shrink_time: if set("PROPTEST_MAX_SHRINK_TIME") { defaults.max_shrink_time } else { SHRINK_SECONDS * 1000 },
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..defaults
    }
}

prop_state_machine! {
    #![proptest_config(config())]

    #[test]
    fn the_api_matches_its_model_over_random_call_sequences(sequential STEPS => Api);
}
