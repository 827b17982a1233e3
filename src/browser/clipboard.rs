//! Copying that tells the truth: the Clipboard API first, then a copy through a selection;
//! "copied" only when one of them really copied.

use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyOutcome {
    /// Copied through the Clipboard API.
    Copied,
    /// The Clipboard API was refused or missing; the selection fallback copied.
    CopiedByFallback,
    /// Both ways failed.
    Failed,
}

impl CopyOutcome {
    pub fn copied(self) -> bool {
        !matches!(self, CopyOutcome::Failed)
    }
}

/// How a copy button copies `text`; `host` is where a fallback may put a temporary element.
/// A plain `fn` so it is `Copy + Send` and a test can pass a fake.
pub type Copier = fn(text: String, host: Option<web_sys::Element>) -> Pin<Box<dyn Future<Output = CopyOutcome>>>;

/// The real copier.
pub fn system_copier(text: String, host: Option<web_sys::Element>) -> Pin<Box<dyn Future<Output = CopyOutcome>>> {
    Box::pin(copy_text(text, host))
}

pub async fn copy_text(text: String, host: Option<web_sys::Element>) -> CopyOutcome {
    if clipboard_api_copy(&text).await {
        return CopyOutcome::Copied;
    }
    if host.is_some_and(|host| selection_copy(&text, &host)) {
        return CopyOutcome::CopiedByFallback;
    }
    CopyOutcome::Failed
}

async fn clipboard_api_copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let navigator = window.navigator();
    // `navigator.clipboard` is undefined in insecure contexts and old browsers.
    let has = js_sys::Reflect::get(&navigator, &"clipboard".into()).map(|v| !v.is_undefined()).unwrap_or(false);
    if !has {
        return false;
    }
    JsFuture::from(navigator.clipboard().write_text(text)).await.is_ok()
}

/// `document.execCommand("copy")` on a temporary, off-screen text area appended to `host` (the
/// console's root, so its styles apply). The text area is removed at once, whatever happens.
fn selection_copy(text: &str, host: &web_sys::Element) -> bool {
    let Some(document) = host.owner_document() else { return false };
    let Ok(area) = document.create_element("textarea") else { return false };
    let area: web_sys::HtmlTextAreaElement = area.unchecked_into();
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("aria-hidden", "true");
    area.set_class_name("uk-offscreen");
    let active = super::dom::active_element(host);
    if host.append_child(&area).is_err() {
        return false;
    }
    area.select();
    let ok = document.dyn_ref::<web_sys::HtmlDocument>().and_then(|d| d.exec_command("copy").ok()).unwrap_or(false);
    area.remove();
    if let Some(el) = active.and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
    ok
}
