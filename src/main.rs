//! Entry point. The standalone page mounts into `[data-utho-keys-console]`; a page that embeds the
//! console calls `mountConsole(element, { apiBase, token, dc, datacenters })` instead.

use keys_console::{mount, Config};
use wasm_bindgen::prelude::*;

/// For embedding: `import init, { mountConsole } from "./keys-console.js"; await init(); mountConsole(el, {...})`.
#[wasm_bindgen(js_name = mountConsole)]
pub fn mount_console(element: web_sys::HtmlElement, config: JsValue) {
    mount(element, Config::from_js(&config));
}

fn main() {
    console_error_panic_hook::set_once();
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-utho-keys-console]").ok().flatten())
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
    if let Some(el) = el {
        let config = Config::from_element(&el);
        mount(el, config);
    }
}
