//! The API's JSON read and written without serde: what the console uses in the browser, where
//! serde's generated code and serde_json (with float parsing and formatting) cost the wasm more
//! than this whole module. [`FromJson`] is the one decoder of the wire types, for the console,
//! the server's tests and this crate's: numbers as strings or numbers, `null` as empty, unknown
//! fields ignored (the rules of [`crate::lenient`]). Numbers are kept as their text, so no float
//! code is needed. (The server *writes* the types with serde's `Serialize`.)
//!
//! A type is read straight from the bytes ([`Reader`]), with no tree in between: a list of
//! 10,000 keys allocates the keys' strings and nothing else, and a field the console does not
//! use is stepped over without being copied.
//!
//! - `reader.rs`: the byte [`Reader`] and [`Scalar`];
//! - `decode.rs`: [`FromJson`] for each wire type;
//! - `write.rs`: [`quote`] and the two request bodies (`to_json`).

mod decode;
mod reader;
mod write;

#[cfg(test)]
mod tests;

pub use reader::{Reader, Scalar};
pub use write::quote;

use crate::Envelope;

/// Reading a type from JSON. The error names the field, never its value.
pub trait FromJson: Sized {
    fn read(r: &mut Reader) -> Result<Self, String>;

    /// The envelope the value came with (responses carry one beside their data).
    fn envelope(&self) -> Option<&Envelope> {
        None
    }

    /// Reads the type from the whole of `bytes`.
    fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let mut r = Reader::new(bytes);
        let v = Self::read(&mut r)?;
        r.end()?;
        Ok(v)
    }

    fn from_text(text: &str) -> Result<Self, String> {
        Self::from_bytes(text.as_bytes())
    }
}
