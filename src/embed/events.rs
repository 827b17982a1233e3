//! The console's events for its host, as `CustomEvent`s on its mount element, with `bubbles` and
//! `composed` so they leave a shadow root: how the mount connects the store's port
//! (`store::HostPort`). The events and their details are the store's (`store::HostEvent`).

use crate::store::HostEvent;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};

/// Sends each event as a `CustomEvent` on `target`.
pub fn dispatch_on(target: Element) -> impl Fn(&HostEvent) {
    move |event| {
        let (kind, fields) = event.parts();
        let detail = js_sys::Object::new();
        for (k, v) in fields {
            let _ = js_sys::Reflect::set(&detail, &JsValue::from_str(k), &JsValue::from_str(v));
        }
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(ev) = CustomEvent::new_with_event_init_dict(kind, &init) {
            let _ = target.dispatch_event(&ev);
        }
    }
}
