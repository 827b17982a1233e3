//! The wasm's entry points: `mountConsole` (hosts, and the custom element of assets/element.js) and
//! `startPage` (the console's own page, called by assets/boot.js). The module hosts import is
//! assets/keys-console.js, declared for TypeScript by assets/keys-console.d.ts.

use keys_console::api::EarlyList;
use keys_console::{mount, Config, Mounted};
use wasm_bindgen::prelude::*;

/// A mounted console, as JavaScript holds it.
#[wasm_bindgen(skip_typescript)]
pub struct ConsoleHandle(Mounted);

#[wasm_bindgen]
impl ConsoleHandle {
    pub fn unmount(&mut self) {
        self.0.unmount();
    }

    #[wasm_bindgen(js_name = setDc)]
    pub fn set_dc(&self, dc: String) {
        self.0.set_dc(dc);
    }
}

/// Mounts the console into `element`; see `ConsoleOptions`.
#[wasm_bindgen(js_name = mountConsole, unchecked_return_type = "ConsoleHandle")]
pub fn mount_console(
    element: web_sys::HtmlElement,
    #[wasm_bindgen(unchecked_param_type = "ConsoleOptions")] options: JsValue,
) -> ConsoleHandle {
    ConsoleHandle(mount(element, Config::from_js(&options), None))
}

/// The console's own page (index.html): mounts into `el` for the page's life, with the API token
/// the page's script took out of the address and the key list it asked for with it while the wasm
/// loaded (assets/boot.js). Hosts use `mountConsole`.
#[wasm_bindgen(js_name = startPage, skip_typescript)]
pub fn start_page(el: web_sys::HtmlElement, token: Option<String>, early: Option<EarlyList>) {
    let config = Config::for_page(&el, token);
    // Never unmounted: the page is the console's (dropping the handle leaves it mounted).
    let _ = mount(el, config, early);
}

fn main() {
    // Panic messages in the browser's console for development builds. A release build aborts on a
    // panic without a message (scripts/build-console.sh): a hook there would never run.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
}
