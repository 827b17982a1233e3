//! The lenient readings of fields the real service sends in more than one shape: counts as
//! strings (`"14"`) or as numbers (`14`), flags as `0`/`"1"`/`"yes"`. The one place these rules
//! live; the JSON reader ([`crate::wire`]) applies them. This module imports neither the reader
//! nor the wire types.

use serde::{Serialize, Serializer};
use std::fmt;

/// A count that arrives as `"14"`, `14`, `""` or `null`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Count(pub u64);

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Sent as a string, the way the service does.
impl Serialize for Count {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

/// The whole, non-negative part of a number written as text: `"14"`, `"14.9"` → 14; `"-3"`, `""` → 0.
pub(crate) fn count_of(text: &str) -> u64 {
    let t = text.trim();
    if t.starts_with('-') {
        return 0;
    }
    let whole = t.split(['.', 'e', 'E']).next().unwrap_or("");
    whole.parse().unwrap_or(0)
}

/// `"1"`, `"true"`, `"yes"`, `"enabled"` in any case, around white space.
pub(crate) fn truthy(text: &str) -> bool {
    matches!(text.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "enabled")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_in_every_shape() {
        for (text, n) in [("14", 14), (" 14 ", 14), ("14.9", 14), ("-3", 0), ("", 0), ("1e3", 1), ("x", 0)] {
            assert_eq!(count_of(text), n, "{text}");
        }
        assert_eq!(count_of("18446744073709551616"), 0, "past u64 reads as 0");
        assert_eq!(Count(14).to_string(), "14");
        assert_eq!(serde_json::to_string(&Count(14)).unwrap(), r#""14""#, "sent as a string");
    }

    #[test]
    fn truthy_words() {
        for yes in ["1", "true", "TRUE", " yes ", "Enabled"] {
            assert!(truthy(yes), "{yes}");
        }
        for no in ["0", "", "no", "false", "2", "on"] {
            assert!(!truthy(no), "{no}");
        }
    }
}
