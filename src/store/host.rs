//! The store's port to the host page: what happened ([`HostEvent`]), sent through a [`HostPort`]
//! that whoever mounts the console connects (`embed` turns the events into `CustomEvent`s on the
//! mount element). **No event ever carries a secret key**: the details are names, IDs and statuses.

use leptos::prelude::*;
use std::rc::Rc;

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

/// Where the store's events go. Safe to use at any time, also after the console is gone (then
/// nothing is sent).
#[derive(Clone, Copy)]
pub struct HostPort(StoredValue<Option<Sender>, LocalStorage>);

/// What a [`HostPort`] hands each event to.
pub type Sender = Rc<dyn Fn(&HostEvent)>;

impl HostPort {
    /// A port that hands each event to `send`; `None`: events go nowhere.
    pub fn new(send: Option<Sender>) -> Self {
        HostPort(StoredValue::new_local(send))
    }

    pub fn emit(&self, event: HostEvent) {
        self.0.try_with_value(|send| {
            if let Some(send) = send {
                send(&event);
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
