//! The root component and mounting.

use crate::api::ApiClient;
use crate::components::announcer::{Announcer, LiveRegions};
use crate::components::object_storage::{DataCentres, ObjectStoragePage};
use crate::components::reveal::RevealOpen;
use crate::config::Config;
use leptos::prelude::*;
use leptos_router::components::Router;

/// The class every style of the console lives under.
pub const ROOT_CLASS: &str = "utho-keys";

/// Where the console appends short-lived helper elements (the copy text area, the download link),
/// so the console's styles apply to them: its root, else the page's body.
pub fn console_root(document: &web_sys::Document) -> Option<web_sys::Element> {
    document
        .query_selector(&format!(".{ROOT_CLASS}"))
        .ok()
        .flatten()
        .or_else(|| document.body().map(Into::into))
}

#[component]
pub fn App(config: Config) -> impl IntoView {
    provide_context(ApiClient::new(&config.api_base, config.token.clone(), config.timeout_secs));
    provide_context(Announcer::new());
    provide_context(RevealOpen(RwSignal::new(false)));
    provide_context(DataCentres(config.datacenters.clone()));
    let default_dc = config.dc.clone();
    view! {
        <Router>
            <div class=ROOT_CLASS>
                <ObjectStoragePage default_dc />
                <LiveRegions />
            </div>
        </Router>
    }
}

/// Mounts the console into `el` with `config`. The console stays mounted for the page's life.
pub fn mount(el: web_sys::HtmlElement, config: Config) {
    leptos::mount::mount_to(el, move || view! { <App config /> }).forget();
}
