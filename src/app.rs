//! The root component and mounting.

use crate::access_keys::page::ObjectStoragePage;
use crate::api::ApiClient;
use crate::browser::dom::ConsoleRoot;
use crate::config::{Config, DataCentres};
use crate::ui::announcer::{Announcer, LiveRegions};
use leptos::html::Div;
use leptos::prelude::*;
use leptos_router::components::Router;

/// The class every style of the console lives under.
pub const ROOT_CLASS: &str = "utho-keys";

/// The console: the Object Storage page and its live regions, inside the root element.
#[component]
pub fn App(
    /// Where the API is, the token, the data centres.
    config: Config,
) -> impl IntoView {
    let root = NodeRef::<Div>::new();
    provide_context(ConsoleRoot(root));
    provide_context(Announcer::new());
    provide_context(DataCentres(config.datacenters.clone()));
    let client = ApiClient::new(&config.api_base, config.token.clone(), config.timeout_secs);
    let default_dc = config.dc.clone();
    view! {
        <Router>
            <div class=ROOT_CLASS node_ref=root>
                <ObjectStoragePage client default_dc />
                <LiveRegions />
            </div>
        </Router>
    }
}

/// Mounts the console into `el` with `config`. The console stays mounted for the page's life.
pub fn mount(el: web_sys::HtmlElement, config: Config) {
    leptos::mount::mount_to(el, move || view! { <App config /> }).forget();
}
