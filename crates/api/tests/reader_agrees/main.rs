//! Property tests: the serde-free reader (`keys_api::wire::FromJson`, the one decoder of the wire
//! types) against serde_json.
//!
//! Each wire type is generated (`models`), written with serde_json (`Serialize` to a `Value`),
//! bent with the contract's quirks (`quirks`: numbers as strings and digits as numbers, `null`
//! and missing fields, other spellings, unknown fields of any shape, the envelope present or not)
//! and written as text (`emit`: serde_json's compact or pretty output, or any key order, white
//! space and `\uXXXX` escapes). serde_json must read the text back as the same `Value` (the text
//! is JSON, and that value), and the reader must give exactly what the lenient rules promise.
//!
//! Then text serde_json refuses: the reader refuses it too, or is lenient in a known way
//! (leading zeros, a lone surrogate escape), and never panics on any bytes.

mod emit;
mod models;
mod quirks;

use emit::Dice;
use keys_api::wire::{FromJson, Reader};
use keys_api::{BucketsResponse, CreateKeyResponse, DataCentre, Envelope, ListKeysResponse};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde::Serialize;
use serde_json::Value;
use std::fmt::Debug;

/// 128 cases per property (512 for the cheap fuzzing ones; about 3 s in all in a debug build on
/// two cores), or `PROPTEST_CASES` for a longer run.
fn config() -> ProptestConfig {
    let cases = if std::env::var_os("PROPTEST_CASES").is_some() { ProptestConfig::default().cases } else { 128 };
    ProptestConfig { cases, ..ProptestConfig::default() }
}

fn rolls() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..200)
}

/// `model` written with serde_json, bent by `quirk`, written as text: the reader gives what
/// `quirk` promised (or refuses, when it promised nothing).
fn agrees<T, M>(
    model: &M,
    rolls: Vec<u8>,
    quirk: fn(&mut Value, &M, &mut Dice) -> Option<T>,
) -> Result<(), TestCaseError>
where
    T: FromJson + PartialEq + Debug,
    M: Serialize,
{
    let mut d = Dice::new(rolls);
    let mut value = serde_json::to_value(model).unwrap();
    let want = quirk(&mut value, model, &mut d);
    let text = emit::text(&value, &mut d);
    let back = serde_json::from_str::<Value>(&text).ok();
    prop_assert_eq!(back.as_ref(), Some(&value), "not JSON, or not the value: {}", text);
    let got = T::from_text(&text);
    match want {
        Some(want) => prop_assert_eq!(got, Ok(want), "text: {}", text),
        None => prop_assert!(got.is_err(), "must be refused: {} read as {:?}", text, got),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn list_keys(model in models::list_keys(), rolls in rolls()) {
        agrees(&model, rolls, quirks::list_keys)?;
    }

    #[test]
    fn buckets(model in models::buckets(), rolls in rolls()) {
        agrees(&model, rolls, quirks::buckets)?;
    }

    #[test]
    fn create_key(model in models::create_key(), rolls in rolls()) {
        agrees(&model, rolls, quirks::create_key)?;
    }

    #[test]
    fn envelope(model in models::envelope(), rolls in rolls()) {
        agrees(&model, rolls, quirks::envelope)?;
    }

    #[test]
    fn datacentres(model in models::datacentres(), rolls in rolls()) {
        agrees(&model, rolls, quirks::datacentres)?;
    }

    /// Stray bytes before the JSON are the caller's to strip (the console starts at the first
    /// `{`): the reader, like serde_json, refuses them.
    #[test]
    fn stray_bytes_before_the_json_are_refused(model in models::list_keys(), rolls in rolls(), prefix in 0..3usize) {
        let mut d = Dice::new(rolls);
        let text = emit::text(&serde_json::to_value(&model).unwrap(), &mut d);
        let text = format!("{}{text}", ["\u{feff}", "xx", ")]}'\n"][prefix]);
        prop_assert!(serde_json::from_str::<Value>(&text).is_err());
        prop_assert!(ListKeysResponse::from_text(&text).is_err(), "{}", text);
    }
}

/// Any JSON value, checked and stepped over.
#[derive(Debug)]
struct Any;

impl FromJson for Any {
    fn read(r: &mut Reader) -> Result<Self, String> {
        r.skip().map(|_| Any)
    }
}

/// Reads `bytes` as every type (and as single values): nothing may panic.
fn read_everything(bytes: &[u8]) {
    let _ = Any::from_bytes(bytes);
    let _ = Envelope::from_bytes(bytes);
    let _ = ListKeysResponse::from_bytes(bytes);
    let _ = BucketsResponse::from_bytes(bytes);
    let _ = CreateKeyResponse::from_bytes(bytes);
    let _ = Vec::<DataCentre>::from_bytes(bytes);
    let _ = Reader::new(bytes).count();
    let _ = Reader::new(bytes).boolean();
    let _ = Reader::new(bytes).loose_string();
    let _ = Reader::new(bytes).text();
}

/// Text the reader takes but serde_json refuses must show one of the reader's known leniencies:
/// a number with a leading zero (`01`), or a surrogate escape that is not a proper pair (read
/// as U+FFFD, or as whatever the pair makes).
fn known_leniency(text: &str) -> bool {
    let b = text.as_bytes();
    let leading_zero = (0..b.len().saturating_sub(1))
        .any(|i| b[i] == b'0' && b[i + 1].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()));
    let surrogate = text
        .to_ascii_lowercase()
        .match_indices("\\ud")
        .any(|(i, _)| matches!(text.as_bytes().get(i + 3), Some(b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F')));
    leading_zero || surrogate
}

/// What serde_json reads as JSON, the reader reads (nothing here nests 64 deep); what serde_json
/// refuses, the reader refuses unless lenient in a known way.
fn same_verdict(text: &str) -> Result<(), TestCaseError> {
    let serde = serde_json::from_str::<Value>(text).is_ok();
    let ours = Any::from_text(text).is_ok();
    if serde {
        prop_assert!(ours, "serde_json reads it, the reader does not: {:?}", text);
    } else if ours {
        prop_assert!(known_leniency(text), "the reader takes what serde_json refuses: {:?}", text);
    }
    Ok(())
}

const TOKENS: [&str; 36] = [
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\\u",
    "d83d",
    "de00",
    "0",
    "1",
    "7",
    "-",
    ".",
    "e",
    "E",
    "+",
    "true",
    "false",
    "null",
    "nul",
    " ",
    "\n",
    "\"accesskeys\"",
    "\"buckets\"",
    "\"status\"",
    "\"name\"",
    "\"a\"",
    "é",
    "\u{1F600}",
    "\u{1}",
    "\u{feff}",
    "\"secretkey\"",
    "\\n",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS.to_vec()), 0..40).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: config().cases * 4, ..config() })]

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        read_everything(&bytes);
    }

    #[test]
    fn json_like_soup_is_read_like_serde_json(text in soup()) {
        read_everything(text.as_bytes());
        same_verdict(&text)?;
    }

    /// Valid answers with a few bytes changed: mostly broken JSON, sometimes still JSON.
    #[test]
    fn edited_answers_are_read_like_serde_json(
        model in models::buckets(),
        rolls in rolls(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0..3usize, prop::sample::select(TOKENS.to_vec())), 1..4),
    ) {
        let mut d = Dice::new(rolls);
        let mut bytes = emit::text(&serde_json::to_value(&model).unwrap(), &mut d).into_bytes();
        for (at, how, token) in edits {
            let i = at.index(bytes.len() + 1);
            match how {
                0 => { bytes.insert(i.min(bytes.len()), token.as_bytes()[0]); }
                1 if i < bytes.len() => { bytes.remove(i); }
                _ => { bytes.splice(i..i, token.bytes()); }
            }
        }
        read_everything(&bytes);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            same_verdict(text)?;
        }
    }
}
