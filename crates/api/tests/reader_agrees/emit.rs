//! Writing a `serde_json::Value` as text, the way a server might: serde_json's compact or pretty
//! output, or a writer of our own with the keys in any order, white space anywhere it may be, and
//! any character as a `\uXXXX` escape (a surrogate pair past U+FFFF). Every choice comes from the
//! [`Dice`], whose rolls shrink to 0: the plain choice.

use serde_json::Value;

/// The random choices of one case. Its rolls are reused in turn; a roll of 0 is the plain choice.
#[derive(Debug, Clone)]
pub struct Dice {
    rolls: Vec<u8>,
    at: usize,
}

impl Dice {
    pub fn new(rolls: Vec<u8>) -> Dice {
        Dice { rolls, at: 0 }
    }

    /// A number in `0..n`.
    pub fn roll(&mut self, n: usize) -> usize {
        if self.rolls.is_empty() {
            return 0;
        }
        let r = self.rolls[self.at % self.rolls.len()];
        self.at += 1;
        r as usize % n
    }

    /// True one time in `n`, or so (never when the rolls have shrunk to 0).
    pub fn one_in(&mut self, n: usize) -> bool {
        self.roll(n) == n - 1
    }
}

/// `v` as JSON text, in one of the ways above.
pub fn text(v: &Value, d: &mut Dice) -> String {
    match d.roll(4) {
        0 => serde_json::to_string(v).unwrap(),
        1 => serde_json::to_string_pretty(v).unwrap(),
        _ => {
            let mut out = String::new();
            write(&mut out, v, d);
            out
        }
    }
}

fn ws(out: &mut String, d: &mut Dice) {
    out.push_str(match d.roll(10) {
        0..=5 => "",
        6 => " ",
        7 => "\n  ",
        8 => "\t",
        _ => "\r\n",
    });
}

fn write(out: &mut String, v: &Value, d: &mut Dice) {
    ws(out, d);
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => string(out, s, d),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(out, item, d);
            }
            ws(out, d);
            out.push(']');
        }
        Value::Object(map) => {
            // Any key order: a shuffle driven by the dice.
            let mut entries: Vec<_> = map.iter().collect();
            for i in (1..entries.len()).rev() {
                let j = d.roll(i + 1);
                entries.swap(i, j);
            }
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                ws(out, d);
                string(out, k, d);
                ws(out, d);
                out.push(':');
                write(out, v, d);
            }
            ws(out, d);
            out.push('}');
        }
    }
    ws(out, d);
}

/// A string literal; any character may be escaped, the ones JSON requires always are.
fn string(out: &mut String, s: &str, d: &mut Dice) {
    out.push('"');
    for c in s.chars() {
        let short = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '/' => Some("\\/"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            _ => None,
        };
        let must = c == '"' || c == '\\' || (c as u32) < 0x20;
        match d.roll(8) {
            0..=4 if !must => out.push(c),
            0..=5 if short.is_some() => out.push_str(short.unwrap()),
            r => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    if r % 2 == 0 {
                        out.push_str(&format!("\\u{unit:04x}"));
                    } else {
                        out.push_str(&format!("\\u{unit:04X}"));
                    }
                }
            }
        }
    }
    out.push('"');
}
