//! The byte reader: JSON read one value at a time, straight from the bytes, with no tree in
//! between. Numbers are kept as their text (no float code); strings without escapes are borrowed.

use super::FromJson;
use crate::lenient::{count_of, truthy, Count};
use std::borrow::Cow;

/// A scalar value as its text; arrays and objects are stepped over and read as `Nested`.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar<'a> {
    Null,
    Bool(bool),
    /// A number, as written.
    Num(&'a str),
    Str(Cow<'a, str>),
    Nested,
}

/// Reads JSON from bytes, one value at a time. Errors say where (a byte offset) or which field,
/// never the text itself: the create response carries a secret.
pub struct Reader<'a> {
    s: &'a [u8],
    i: usize,
    depth: u32,
}

/// Deeper than this is not an API response.
const MAX_DEPTH: u32 = 64;

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { s: bytes, i: 0, depth: 0 }
    }

    fn err(&self) -> String {
        format!("not JSON at byte {}", self.i)
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    pub(super) fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, lit: &[u8]) -> Result<(), String> {
        if self.s[self.i..].starts_with(lit) {
            self.i += lit.len();
            Ok(())
        } else {
            Err(self.err())
        }
    }

    /// Nothing but white space is left.
    pub fn end(&mut self) -> Result<(), String> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.err()),
        }
    }

    /// `[a, b]` or `{"k": v}`: `item` reads each entry, up to `close`.
    fn entries(&mut self, close: u8, mut item: impl FnMut(&mut Self) -> Result<(), String>) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err());
        }
        self.i += 1;
        if self.peek() == Some(close) {
            self.i += 1;
        } else {
            loop {
                item(self)?;
                match self.peek() {
                    Some(b',') => self.i += 1,
                    Some(c) if c == close => {
                        self.i += 1;
                        break;
                    }
                    _ => return Err(self.err()),
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// An object: `field` gets each name and reads (or [`Reader::skip`]s) its value.
    pub fn object(&mut self, mut field: impl FnMut(&mut Self, &str) -> Result<(), String>) -> Result<(), String> {
        if self.peek() != Some(b'{') {
            return Err("not an object".into());
        }
        self.entries(b'}', |r| {
            if r.peek() != Some(b'"') {
                return Err(r.err());
            }
            let name = r.string()?;
            if r.peek() != Some(b':') {
                return Err(r.err());
            }
            r.i += 1;
            field(r, &name)
        })
    }

    /// A list of `T`; missing (the caller's default) or `null` is empty.
    pub fn list<T: FromJson>(&mut self, what: &'static str) -> Result<Vec<T>, String> {
        let mut items = Vec::new();
        match self.peek() {
            Some(b'n') => self.eat(b"null")?,
            Some(b'[') => self.entries(b']', |r| {
                items.push(T::read(r)?);
                Ok(())
            })?,
            _ => return Err(format!("{what} is not a list")),
        }
        Ok(items)
    }

    /// Any value, read as a [`Scalar`] (an array or object is checked and stepped over).
    pub fn scalar(&mut self) -> Result<Scalar<'a>, String> {
        Ok(match self.peek() {
            Some(b'n') => self.eat(b"null").map(|_| Scalar::Null)?,
            Some(b't') => self.eat(b"true").map(|_| Scalar::Bool(true))?,
            Some(b'f') => self.eat(b"false").map(|_| Scalar::Bool(false))?,
            Some(b'"') => Scalar::Str(self.string()?),
            Some(b'-' | b'0'..=b'9') => Scalar::Num(self.number()?),
            Some(b'[') => self.entries(b']', |r| r.scalar().map(drop)).map(|_| Scalar::Nested)?,
            Some(b'{') => self.object(|r, _| r.scalar().map(drop)).map(|_| Scalar::Nested)?,
            _ => return Err(self.err()),
        })
    }

    /// Steps over a value.
    pub fn skip(&mut self) -> Result<(), String> {
        self.scalar().map(drop)
    }

    /// A string that may be `null`, a number (as written) or a boolean on the wire.
    pub fn loose_string(&mut self) -> Result<String, String> {
        self.loose_str().map(Cow::into_owned)
    }

    /// The same, borrowed from the bytes where it can be.
    pub fn loose_str(&mut self) -> Result<Cow<'a, str>, String> {
        Ok(match self.scalar()? {
            Scalar::Str(s) => s,
            Scalar::Num(n) => Cow::Borrowed(n),
            Scalar::Bool(b) => Cow::Borrowed(if b { "true" } else { "false" }),
            Scalar::Null | Scalar::Nested => Cow::Borrowed(""),
        })
    }

    /// A string, or `None` for any other value.
    pub fn text(&mut self) -> Result<Option<String>, String> {
        Ok(match self.scalar()? {
            Scalar::Str(s) => Some(s.into_owned()),
            _ => None,
        })
    }

    /// A count that arrives as `"14"`, `14`, `""` or `null` ([`Count`], [`count_of`]).
    pub fn count(&mut self) -> Result<Count, String> {
        Ok(Count(match self.scalar()? {
            Scalar::Num(n) => count_of(n),
            Scalar::Str(s) => count_of(&s),
            _ => 0,
        }))
    }

    /// `true`, a number other than zero, `"1"`, `"true"`, `"yes"`, `"enabled"` ([`truthy`]).
    pub fn boolean(&mut self) -> Result<bool, String> {
        Ok(match self.scalar()? {
            Scalar::Bool(b) => b,
            Scalar::Num(n) => count_of(n) != 0 || n.contains(|c: char| ('1'..='9').contains(&c)),
            Scalar::Str(s) => truthy(&s),
            _ => false,
        })
    }

    fn number(&mut self) -> Result<&'a str, String> {
        let start = self.i;
        if self.s.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        let digits = |r: &mut Self| {
            let from = r.i;
            while let Some(b'0'..=b'9') = r.s.get(r.i) {
                r.i += 1;
            }
            r.i > from
        };
        if !digits(self) {
            return Err(self.err());
        }
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            if !digits(self) {
                return Err(self.err());
            }
        }
        if let Some(b'e' | b'E') = self.s.get(self.i) {
            self.i += 1;
            if let Some(b'+' | b'-') = self.s.get(self.i) {
                self.i += 1;
            }
            if !digits(self) {
                return Err(self.err());
            }
        }
        // Only ASCII digits and signs were read.
        std::str::from_utf8(&self.s[start..self.i]).map_err(|_| self.err())
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let h = self.s.get(self.i..self.i + 4).ok_or_else(|| self.err())?;
        let mut n = 0;
        for b in h {
            n = n * 16 + (*b as char).to_digit(16).ok_or_else(|| self.err())?;
        }
        self.i += 4;
        Ok(n)
    }

    /// A string literal. Without escapes (nearly always) it is borrowed from the bytes.
    fn string(&mut self) -> Result<Cow<'a, str>, String> {
        self.i += 1;
        let start = self.i;
        // The plain run up to the closing quote or the first escape.
        while let Some(&b) = self.s.get(self.i) {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            self.i += 1;
        }
        let plain = std::str::from_utf8(&self.s[start..self.i]).map_err(|_| self.err())?;
        match self.s.get(self.i) {
            Some(b'"') => {
                self.i += 1;
                return Ok(Cow::Borrowed(plain));
            }
            Some(b'\\') => {}
            _ => return Err(self.err()),
        }
        let mut out = plain.to_string();
        loop {
            let b = *self.s.get(self.i).ok_or_else(|| self.err())?;
            self.i += 1;
            match b {
                b'"' => return Ok(Cow::Owned(out)),
                b'\\' => {
                    let e = *self.s.get(self.i).ok_or_else(|| self.err())?;
                    self.i += 1;
                    out.push(match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let mut code = self.hex4()?;
                            if (0xD800..0xDC00).contains(&code) && self.s[self.i..].starts_with(b"\\u") {
                                self.i += 2;
                                let low = self.hex4()?;
                                code = 0x10000 + ((code - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF);
                            }
                            char::from_u32(code).unwrap_or('\u{FFFD}')
                        }
                        _ => return Err(self.err()),
                    });
                }
                0..=0x1F => return Err(self.err()),
                _ => {
                    // A run of plain bytes (valid UTF-8 is checked on the run).
                    let from = self.i - 1;
                    while let Some(&b) = self.s.get(self.i) {
                        if b == b'"' || b == b'\\' || b < 0x20 {
                            break;
                        }
                        self.i += 1;
                    }
                    out.push_str(std::str::from_utf8(&self.s[from..self.i]).map_err(|_| self.err())?);
                }
            }
        }
    }
}
