//! How the console is configured: API base URL, API token (or a function that supplies one),
//! default data centre, the list of data centres, and how much of the page's URL it may use.
//! The console's own page reads them from its mount element's `data-*` attributes and is given the
//! token by its script (assets/boot.js, which takes it out of the address); a host page passes them
//! to `mountConsole` or sets them on the element.

use crate::api::TokenSource;
use crate::state::view::UrlMode;
use keys_api::wire::FromJson;
use keys_api::{datacenters, DataCentre};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    /// The person's system setting (`prefers-color-scheme`).
    Auto,
}

impl Theme {
    /// `"light"`, `"dark"`, `"auto"`.
    pub fn parse(s: &str) -> Option<Theme> {
        match s.trim() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "auto" => Some(Theme::Auto),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub api_base: String,
    /// Debug-printing a config never shows the token (see `TokenSource`).
    pub token: TokenSource,
    pub dc: String,
    pub datacenters: Vec<DataCentre>,
    /// Seconds before a request counts as timed out.
    pub timeout_secs: u32,
    /// How much of the page's URL the console uses.
    pub url_mode: UrlMode,
    /// A host page mounted the console (`mountConsole` or `<utho-access-keys>`): messages speak
    /// of the host's session, and the view's URL parameters are prefixed by default.
    pub embedded: bool,
    /// Light, dark, or the system's: `Auto` on the console's own page, `Light` when embedded
    /// (a host opts in to dark or auto, so the console never turns dark inside a light host).
    pub theme: Theme,
    /// Keys older than this many days are due for rotation: a hint on each, a notice above the
    /// table, a filter (default 90; `0` turns all three off).
    pub rotate_after_days: u32,
}

/// The default rotation age, in days (AWS's console warns at the same age).
pub const ROTATE_AFTER_DAYS: u32 = 90;

/// Whole days from a number or its text (`"90"`); anything else (negative, not a number) is `None`.
fn whole_days(number: Option<f64>, text: Option<String>) -> Option<u32> {
    let n = number.or_else(|| Some(text?.trim().parse::<u32>().ok()?.into()))?;
    (n >= 0.0).then(|| n.min(36_500.0) as u32)
}

impl Default for Config {
    fn default() -> Self {
        let dcs = datacenters().to_vec();
        Config {
            api_base: "/v2/".into(),
            token: TokenSource::None,
            dc: dcs[0].slug.clone(),
            datacenters: dcs,
            timeout_secs: crate::api::TIMEOUT_SECS,
            url_mode: UrlMode::Query,
            embedded: false,
            theme: Theme::Auto,
            rotate_after_days: ROTATE_AFTER_DAYS,
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

impl Config {
    /// The console's own page: `data-api-base`, `data-dc`, `data-timeout-secs`, `data-url-state`,
    /// `data-theme` and `data-rotate-after-days` on the mount element, and the token its script
    /// found (assets/boot.js).
    pub fn for_page(el: &HtmlElement, token: Option<String>) -> Config {
        let mut c = Config::default();
        let attr = |name: &str| el.get_attribute(name).filter(|v| !v.is_empty());
        if let Some(v) = attr("data-api-base") {
            c.api_base = v;
        }
        if let Some(v) = attr("data-dc") {
            c.dc = v;
        }
        if let Some(v) = attr("data-timeout-secs").and_then(|v| v.parse().ok()) {
            c.timeout_secs = v;
        }
        if let Some(mode) = attr("data-url-state").as_deref().and_then(UrlMode::parse) {
            c.url_mode = mode;
        }
        if let Some(theme) = attr("data-theme").as_deref().and_then(Theme::parse) {
            c.theme = theme;
        }
        if let Some(days) = whole_days(None, attr("data-rotate-after-days")) {
            c.rotate_after_days = days;
        }
        c.token = token.filter(|t| !t.is_empty()).map_or(TokenSource::None, TokenSource::Fixed);
        c
    }

    /// A host page's options: `{ apiBase, dc, datacenters, timeoutSecs, token | getToken, urlState,
    /// theme, rotateAfterDays }`.
    /// Missing or unreadable fields keep their defaults; `urlState` defaults to `"prefixed"`, `theme` to `"light"`.
    pub fn from_js(obj: &JsValue) -> Config {
        let mut c = Config { embedded: true, url_mode: UrlMode::Prefixed, theme: Theme::Light, ..Config::default() };
        let field = |k: &str| js_sys::Reflect::get(obj, &JsValue::from_str(k)).ok().filter(|v| !v.is_undefined());
        let text = |k: &str| field(k).and_then(|v| v.as_string()).filter(|v| !v.is_empty());
        if let Some(v) = text("apiBase") {
            c.api_base = v;
        }
        if let Some(v) = text("dc") {
            c.dc = v;
        }
        // A number, or its text (read as whole seconds: no float parsing in the wasm).
        let secs = field("timeoutSecs")
            .and_then(|v| v.as_f64().or_else(|| Some(v.as_string()?.trim().parse::<u32>().ok()?.into())));
        if let Some(secs) = secs {
            c.timeout_secs = secs.clamp(1.0, 3600.0) as u32;
        }
        if let Some(mode) = text("urlState").as_deref().and_then(UrlMode::parse) {
            c.url_mode = mode;
        }
        if let Some(theme) = text("theme").as_deref().and_then(Theme::parse) {
            c.theme = theme;
        }
        // A number, or its text (the element's attribute).
        let days = field("rotateAfterDays");
        if let Some(days) = whole_days(days.as_ref().and_then(JsValue::as_f64), days.and_then(|v| v.as_string())) {
            c.rotate_after_days = days;
        }
        c.token = match (field("getToken").and_then(|v| v.dyn_into::<js_sys::Function>().ok()), text("token")) {
            (Some(provider), _) => TokenSource::Provider(provider),
            (None, Some(token)) => TokenSource::Fixed(token),
            (None, None) => TokenSource::None,
        };
        if let Some(list) = field("datacenters") {
            if let Some(json) = js_sys::JSON::stringify(&list).ok().and_then(|s| s.as_string()) {
                if let Ok(dcs) = <Vec<DataCentre> as FromJson>::from_text(&json) {
                    if !dcs.is_empty() {
                        c.datacenters = dcs;
                    }
                }
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_the_first_data_centre_on_this_origin() {
        let c = Config::default();
        assert_eq!((c.api_base.as_str(), c.dc.as_str()), ("/v2/", "innoida"));
        assert_eq!(c.url_mode, UrlMode::Query);
    }

    #[test]
    fn rotation_age_from_a_number_or_its_text() {
        assert_eq!(Config::default().rotate_after_days, 90);
        assert_eq!(whole_days(Some(30.0), None), Some(30));
        assert_eq!(whole_days(Some(0.0), None), Some(0), "0 turns the hint off");
        assert_eq!(whole_days(Some(45.9), None), Some(45));
        assert_eq!(whole_days(None, Some(" 120 ".into())), Some(120));
        assert_eq!(whole_days(Some(-1.0), None), None);
        assert_eq!(whole_days(Some(f64::NAN), None), None);
        assert_eq!(whole_days(None, Some("ninety".into())), None);
        assert_eq!(whole_days(None, Some("-5".into())), None);
        assert_eq!(whole_days(None, None), None);
    }

    #[test]
    fn debug_never_prints_the_token() {
        let c = Config { token: TokenSource::Fixed("tok-3c9e1f".into()), ..Config::default() };
        let printed = format!("{c:?}");
        assert!(!printed.contains("tok-3c9e1f"), "{printed}");
        assert!(printed.contains("redacted"), "{printed}");
    }
}
