//! How the console is configured: API base URL, API token, default data centre, and the list of
//! data centres. A standalone page reads them from its mount element's `data-*` attributes and the
//! token from the URL fragment; an embedding page passes them to `mountConsole`.

use keys_api::{datacenters, DataCentre};
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

/// Where the token lives for the rest of the browser tab's life (so a reload keeps working).
/// This is the account's API token, never an access key's secret.
const TOKEN_STORAGE_KEY: &str = "utho-keys-console.api-token";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub api_base: String,
    pub token: Option<String>,
    pub dc: String,
    pub datacenters: Vec<DataCentre>,
    /// Seconds before a request counts as timed out.
    pub timeout_secs: u32,
}

impl Default for Config {
    fn default() -> Self {
        let dcs = datacenters().to_vec();
        Config {
            api_base: "/v2/".into(),
            token: None,
            dc: dcs[0].slug.clone(),
            datacenters: dcs,
            timeout_secs: crate::api::TIMEOUT_SECS,
        }
    }
}

/// The data centres offered, from the configuration (given to every component as context).
#[derive(Clone)]
pub struct DataCentres(pub Vec<DataCentre>);

impl DataCentres {
    pub fn find(&self, slug: &str) -> Option<DataCentre> {
        self.0.iter().find(|d| d.slug == slug).cloned()
    }
}

/// `#token=abc&x=y` → `Some("abc")`.
pub fn token_from_fragment(hash: &str) -> Option<String> {
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|part| part.strip_prefix("token="))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

impl Config {
    /// From `data-api-base`, `data-dc`, `data-timeout-secs` and `data-token` on the mount element,
    /// then the URL fragment.
    pub fn from_element(el: &HtmlElement) -> Config {
        let mut c = Config::default();
        if let Some(v) = el.get_attribute("data-api-base").filter(|v| !v.is_empty()) {
            c.api_base = v;
        }
        if let Some(v) = el.get_attribute("data-dc").filter(|v| !v.is_empty()) {
            c.dc = v;
        }
        if let Some(v) = el.get_attribute("data-timeout-secs").and_then(|v| v.parse().ok()) {
            c.timeout_secs = v;
        }
        c.token = el.get_attribute("data-token").filter(|v| !v.is_empty()).or_else(take_token_from_url);
        c
    }

    /// From a JS object `{ apiBase, token, dc, datacenters, timeoutSecs }`; missing fields keep their defaults.
    pub fn from_js(obj: &JsValue) -> Config {
        let mut c = Config::default();
        let get = |k: &str| js_sys::Reflect::get(obj, &JsValue::from_str(k)).ok().and_then(|v| v.as_string());
        if let Some(v) = get("apiBase") {
            c.api_base = v;
        }
        if let Some(v) = get("dc") {
            c.dc = v;
        }
        c.token = get("token").or_else(take_token_from_url);
        if let Some(secs) = js_sys::Reflect::get(obj, &JsValue::from_str("timeoutSecs")).ok().and_then(|v| v.as_f64()) {
            c.timeout_secs = secs as u32;
        }
        if let Ok(list) = js_sys::Reflect::get(obj, &JsValue::from_str("datacenters")) {
            if let Some(json) = js_sys::JSON::stringify(&list).ok().and_then(|s| s.as_string()) {
                if let Ok(dcs) = serde_json::from_str::<Vec<DataCentre>>(&json) {
                    if !dcs.is_empty() {
                        c.datacenters = dcs;
                    }
                }
            }
        }
        c
    }
}

/// Takes `#token=…` out of the address bar (so it is not in history or a copied link) and keeps it
/// in sessionStorage for this tab; falls back to what an earlier load of this tab kept.
fn take_token_from_url() -> Option<String> {
    let window = web_sys::window()?;
    let storage = window.session_storage().ok().flatten();
    let location = window.location();
    if let Some(token) = location.hash().ok().as_deref().and_then(token_from_fragment) {
        if let Some(s) = &storage {
            let _ = s.set_item(TOKEN_STORAGE_KEY, &token);
        }
        let clean = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&clean));
        }
        return Some(token);
    }
    storage.and_then(|s| s.get_item(TOKEN_STORAGE_KEY).ok().flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_from_the_fragment() {
        assert_eq!(token_from_fragment("#token=abc123"), Some("abc123".into()));
        assert_eq!(token_from_fragment("#x=1&token=t"), Some("t".into()));
        assert_eq!(token_from_fragment("#token="), None);
        assert_eq!(token_from_fragment(""), None);
    }

    #[test]
    fn default_is_the_first_data_centre_on_this_origin() {
        let c = Config::default();
        assert_eq!((c.api_base.as_str(), c.dc.as_str()), ("/v2/", "innoida"));
    }
}
