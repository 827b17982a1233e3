//! A JSON string literal ([`quote`]) and the two request bodies the console sends, written without serde.

use crate::{CreateKeyRequest, StatusRequest};

/// A JSON string literal of `s`.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl CreateKeyRequest {
    /// `{"accesskey":"<name>"}`
    pub fn to_json(&self) -> String {
        format!("{{\"accesskey\":{}}}", quote(&self.accesskey))
    }
}

impl StatusRequest {
    /// `{"accesskey":"<id>","status":"disable"}`
    pub fn to_json(&self) -> String {
        format!("{{\"accesskey\":{},\"status\":\"{}\"}}", quote(&self.accesskey), self.status.as_str())
    }
}
