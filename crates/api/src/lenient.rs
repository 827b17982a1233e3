//! Lenient decoding for fields the real service sends in more than one shape:
//! numbers as strings (`"14"`) or as numbers (`14`), strings that may be `null`, booleans as `0`/`"1"`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A count that arrives as `"14"`, `14`, `""` or `null`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Count(pub u64);

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Loose {
    Num(f64),
    Str(String),
    Bool(bool),
    Null,
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Count(match Loose::deserialize(d)? {
            Loose::Num(n) if n >= 0.0 => n as u64,
            Loose::Str(s) => crate::wire::count_of(&s),
            _ => 0,
        }))
    }
}

/// Sent as a string, the way the service does.
impl Serialize for Count {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

/// A string that may be `null` or a number on the wire.
pub(crate) fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Loose::deserialize(d)? {
        Loose::Str(s) => s,
        Loose::Num(n) => n.to_string(),
        Loose::Bool(b) => b.to_string(),
        Loose::Null => String::new(),
    })
}

/// A boolean that may arrive as `true`, `1`, `"1"` or `"true"`.
pub(crate) fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(match Loose::deserialize(d)? {
        Loose::Bool(b) => b,
        Loose::Num(n) => n != 0.0,
        Loose::Str(s) => crate::wire::truthy(&s),
        Loose::Null => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        n: Count,
        #[serde(default, deserialize_with = "string")]
        s: String,
        #[serde(default, deserialize_with = "boolean")]
        b: bool,
    }

    #[test]
    fn counts_strings_and_booleans_in_every_shape() {
        for (json, n, s, b) in [
            (r#"{"n":"14","s":"x","b":true}"#, 14, "x", true),
            (r#"{"n":14,"s":null,"b":"1"}"#, 14, "", true),
            (r#"{"n":"","s":5,"b":0}"#, 0, "5", false),
            (r#"{"n":null}"#, 0, "", false),
            (r#"{}"#, 0, "", false),
        ] {
            let p: Probe = serde_json::from_str(json).unwrap();
            assert_eq!((p.n.0, p.s.as_str(), p.b), (n, s, b), "{json}");
        }
    }
}
