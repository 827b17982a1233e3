//! The key list the console's own page asks for while the wasm loads (assets/boot.js `earlyList`):
//! handed to `startPage` as a typed object, and taken by the client's first `list_keys` of the same
//! URL ([`super::ApiClient::take_early`]). An answer already read when the console starts is used in
//! the same task, so the page is built once, with its rows.

use wasm_bindgen::prelude::*;
use web_sys::AbortController;

#[wasm_bindgen]
extern "C" {
    /// `{ url, controller, answer, read }`: the request boot.js sent, with the page's token.
    pub type EarlyList;
    /// The URL it asked for.
    #[wasm_bindgen(method, getter)]
    pub fn url(this: &EarlyList) -> String;
    /// Aborts it.
    #[wasm_bindgen(method, getter)]
    pub fn controller(this: &EarlyList) -> AbortController;
    /// Resolves to the [`EarlyAnswer`], read to its end.
    #[wasm_bindgen(method, getter)]
    pub fn answer(this: &EarlyList) -> js_sys::Promise;
    /// The answer once it is read (`None` before).
    #[wasm_bindgen(method, getter)]
    pub fn read(this: &EarlyList) -> Option<EarlyAnswer>;

    /// `{ status, body }`: an answer read to its end.
    #[derive(Clone)]
    pub type EarlyAnswer;
    #[wasm_bindgen(method, getter)]
    pub fn status(this: &EarlyAnswer) -> u16;
    #[wasm_bindgen(method, getter)]
    pub fn body(this: &EarlyAnswer) -> js_sys::ArrayBuffer;
}

impl EarlyAnswer {
    /// Its status and bytes.
    pub fn parts(&self) -> (u16, Vec<u8>) {
        (self.status(), js_sys::Uint8Array::new(&self.body()).to_vec())
    }
}
