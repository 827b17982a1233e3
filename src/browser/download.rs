//! Saving a text file from the browser: a Blob, an object URL, a click, and the URL revoked after.

use leptos::prelude::{set_timeout_with_handle, TimeoutHandle};
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// Milliseconds the object URL lives after the click that starts the download.
const REVOKE_AFTER_MS: u64 = 1000;

/// The object URL of a download: revoked by a timer, or at once by [`ObjectUrl::revoke`] (when the
/// console goes before the timer fires).
pub struct ObjectUrl {
    url: String,
    timer: Option<TimeoutHandle>,
}

impl ObjectUrl {
    pub fn revoke(self) {
        if let Some(t) = self.timer {
            t.clear();
        }
        let _ = web_sys::Url::revoke_object_url(&self.url);
    }
}

/// Saves `text` as `file_name`; the temporary link goes into `host` (the console's root).
pub fn download_text(host: &web_sys::Element, file_name: &str, mime: &str, text: &str) -> Result<ObjectUrl, JsValue> {
    let document = host.owner_document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.set_class_name("uk-offscreen");
    host.append_child(&a)?;
    a.click();
    a.remove();
    let timer = {
        let url = url.clone();
        set_timeout_with_handle(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            Duration::from_millis(REVOKE_AFTER_MS),
        )
        .ok()
    };
    Ok(ObjectUrl { url, timer })
}
