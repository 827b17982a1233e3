//! Events the console raises for its host, as `CustomEvent`s on its mount element, with
//! `bubbles` and `composed` so they leave a shadow root. **No event ever carries a secret key**:
//! the details are built here from names, IDs and statuses only.

use leptos::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};

/// What happened, for the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostEvent<'a> {
    /// `utho-keys:created` `{dc, name, accesskey}`
    Created { dc: &'a str, name: &'a str, accesskey: &'a str },
    /// `utho-keys:status-changed` `{dc, name, accesskey, status}` (`Active` or `Suspended`)
    StatusChanged { dc: &'a str, name: &'a str, accesskey: &'a str, status: &'a str },
    /// `utho-keys:deleted` `{dc, name, accesskey}`
    Deleted { dc: &'a str, name: &'a str, accesskey: &'a str },
    /// `utho-keys:permission-changed` `{dc, bucket, accesskey, permission}` (`read`, `write`, `full`, `none`)
    PermissionChanged { dc: &'a str, bucket: &'a str, accesskey: &'a str, permission: &'a str },
    /// `utho-keys:unauthorized` `{dc}`: the API refused the session or token.
    Unauthorized { dc: &'a str },
}

impl HostEvent<'_> {
    /// The event's type and its detail's fields.
    pub fn parts(&self) -> (&'static str, Vec<(&'static str, &str)>) {
        match *self {
            HostEvent::Created { dc, name, accesskey } => {
                ("utho-keys:created", vec![("dc", dc), ("name", name), ("accesskey", accesskey)])
            }
            HostEvent::StatusChanged { dc, name, accesskey, status } => (
                "utho-keys:status-changed",
                vec![("dc", dc), ("name", name), ("accesskey", accesskey), ("status", status)],
            ),
            HostEvent::Deleted { dc, name, accesskey } => {
                ("utho-keys:deleted", vec![("dc", dc), ("name", name), ("accesskey", accesskey)])
            }
            HostEvent::PermissionChanged { dc, bucket, accesskey, permission } => (
                "utho-keys:permission-changed",
                vec![("dc", dc), ("bucket", bucket), ("accesskey", accesskey), ("permission", permission)],
            ),
            HostEvent::Unauthorized { dc } => ("utho-keys:unauthorized", vec![("dc", dc)]),
        }
    }
}

/// Where the console's events go: its mount element. Safe to use at any time, also after the
/// console is gone (then nothing is sent).
#[derive(Clone, Copy)]
pub struct HostEvents(StoredValue<Option<Element>, LocalStorage>);

impl HostEvents {
    pub fn new(target: Option<Element>) -> Self {
        HostEvents(StoredValue::new_local(target))
    }

    pub fn emit(&self, event: HostEvent) {
        let (kind, fields) = event.parts();
        let detail = js_sys::Object::new();
        for (k, v) in fields {
            let _ = js_sys::Reflect::set(&detail, &JsValue::from_str(k), &JsValue::from_str(v));
        }
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        self.0.try_with_value(|target| {
            if let (Some(target), Ok(ev)) = (target, CustomEvent::new_with_event_init_dict(kind, &init)) {
                let _ = target.dispatch_event(&ev);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_names_and_fields_are_the_contract() {
        let (kind, fields) =
            HostEvent::StatusChanged { dc: "innoida", name: "n", accesskey: "AK", status: "Suspended" }.parts();
        assert_eq!(kind, "utho-keys:status-changed");
        assert_eq!(fields, [("dc", "innoida"), ("name", "n"), ("accesskey", "AK"), ("status", "Suspended")]);
        assert_eq!(HostEvent::Unauthorized { dc: "x" }.parts().0, "utho-keys:unauthorized");
        let (kind, fields) =
            HostEvent::PermissionChanged { dc: "d", bucket: "b", accesskey: "A", permission: "none" }.parts();
        assert_eq!(kind, "utho-keys:permission-changed");
        assert_eq!(fields.iter().map(|(k, _)| *k).collect::<Vec<_>>(), ["dc", "bucket", "accesskey", "permission"]);
    }
}
