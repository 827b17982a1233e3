//! The root component.

use crate::access_keys::page::ObjectStoragePage;
use crate::api::ApiClient;
use crate::browser::dom::ConsoleRoot;
use crate::config::{Config, DataCentres};
use crate::store::HostPort;
use crate::ui::announcer::{Announcer, LiveRegions};
use leptos::html::Div;
use leptos::prelude::*;

/// The class every style of the console lives under.
pub const ROOT_CLASS: &str = "utho-keys";

/// The console: the Object Storage page and its live regions, inside the root element.
#[component]
pub fn App(
    /// The data centres, the default one, the URL mode.
    config: Config,
    /// The API client (the mount closes it at unmount).
    client: ApiClient,
    /// Where the console's events for its host go.
    events: HostPort,
    /// The prefix of every id inside this console (`uk-`, or `uk2-`… for a second console).
    prefix: &'static str,
    /// A data centre the host switched to after mounting.
    dc_override: ArcRwSignal<Option<String>>,
) -> impl IntoView {
    let root = NodeRef::<Div>::new();
    provide_context(ConsoleRoot { node: root, prefix });
    provide_context(Announcer::new());
    provide_context(DataCentres(config.datacenters.clone()));
    let theme = config.theme.as_str();
    view! {
        <div class=ROOT_CLASS data-theme=theme node_ref=root>
            <ObjectStoragePage client config events dc_override />
            <LiveRegions />
        </div>
    }
}
