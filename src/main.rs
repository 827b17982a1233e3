//! The module's entry points. The console's own page mounts into `[data-utho-keys-console]` at
//! start; a host page calls `mountConsole(element, options)` or uses `<utho-access-keys>` after
//! `defineConsoleElement()`. The TypeScript declarations below ship as `keys-console.d.ts`.

use keys_console::api::EarlyKeys;
use keys_console::{mount, Config, Mounted};
use std::time::Duration;
use wasm_bindgen::prelude::*;

/// How long the console's own page waits for its early key list before it draws without it.
const EARLY_LIST_WAIT: Duration = Duration::from_millis(100);

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A data centre the console offers. */
export interface DataCentre {
  slug: string;
  location: string;
  country: string;
  /** Two-letter country code. */
  dccc: string;
  /** The S3 endpoint, e.g. "https://innoida.utho.io". */
  s3_endpoint: string;
  region: string;
}

/** How much of the page's URL the console uses. */
export type UrlState = "query" | "prefixed" | "none";

/** Options of `mountConsole`. */
export interface ConsoleOptions {
  /** Base URL of the API, e.g. "https://api.utho.com/v2/" (default "/v2/"). */
  apiBase?: string;
  /** The data centre shown first (default: the first of `datacenters`). */
  dc?: string;
  /** The data centres offered (default: the built-in list). */
  datacenters?: DataCentre[];
  /** Seconds before a request is reported as timed out (default 20). */
  timeoutSecs?: number;
  /** An API token, sent as `Authorization: Bearer …`. */
  token?: string;
  /** Called before every request for a token (or a Promise of one); after a 401 it is called
   *  once more and the request retried once. Wins over `token`. */
  getToken?: () => string | undefined | null | Promise<string | undefined | null>;
  /** "query": the view's own query parameters; "prefixed" (default when embedded): only
   *  parameters named `keys.*`, the host's others and its hash kept; "none": the URL is never touched. */
  urlState?: UrlState;
  /** "light" (default when embedded), "dark", or "auto" (the system's prefers-color-scheme). */
  theme?: "light" | "dark" | "auto";
}

/** A mounted console. */
export interface ConsoleHandle {
  /** Removes the console: requests aborted, timers cleared, listeners removed, the element emptied. */
  unmount(): void;
  /** Shows another data centre. */
  setDc(dc: string): void;
}

/** The details of the console's events. No event ever carries a secret key. */
export interface UthoKeysEventMap {
  "utho-keys:created": CustomEvent<{ dc: string; name: string; accesskey: string }>;
  "utho-keys:status-changed": CustomEvent<{ dc: string; name: string; accesskey: string; status: "Active" | "Suspended" }>;
  "utho-keys:deleted": CustomEvent<{ dc: string; name: string; accesskey: string }>;
  "utho-keys:permission-changed": CustomEvent<{ dc: string; bucket: string; accesskey: string; permission: "read" | "write" | "full" | "none" }>;
  "utho-keys:unauthorized": CustomEvent<{ dc: string }>;
}

/** `<utho-access-keys api-base dc timeout-secs url-state>`; the token only as a property. */
export interface UthoAccessKeysElement extends HTMLElement {
  token?: string;
  getToken?: ConsoleOptions["getToken"];
  datacenters?: DataCentre[];
  addEventListener<K extends keyof UthoKeysEventMap>(type: K, listener: (this: UthoAccessKeysElement, ev: UthoKeysEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "utho-access-keys": UthoAccessKeysElement;
  }
  interface HTMLElementEventMap extends UthoKeysEventMap {}
}
"#;

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
    ConsoleHandle(mount(element, Config::from_js(&options)))
}

/// Registers `<utho-access-keys>` (call after `init()`; later calls do nothing).
#[wasm_bindgen(js_name = defineConsoleElement)]
pub fn define_console_element() {
    let mount = Closure::<dyn Fn(web_sys::HtmlElement, JsValue) -> ConsoleHandle>::new(mount_console);
    keys_console::embed::element::define(mount.as_ref());
    // The element lives for the page's life: so does the function it calls.
    mount.forget();
}

fn main() {
    console_error_panic_hook::set_once();
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-utho-keys-console]").ok().flatten())
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
    if let Some(el) = el {
        let config = Config::from_element(&el);
        // The page draws once the key list boot.js asked for is in, so its first frame has the
        // rows; a slow answer holds it back no more than EARLY_LIST_WAIT.
        wasm_bindgen_futures::spawn_local(async move {
            EarlyKeys::settled(&el, EARLY_LIST_WAIT).await;
            // The console's own page keeps it for the page's life.
            mount(el, config);
        });
    }
}
