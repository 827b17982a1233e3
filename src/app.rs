//! The root component and mounting.

use crate::api::ApiClient;
use crate::components::announcer::{Announcer, LiveRegions};
use crate::components::object_storage::{DataCentres, ObjectStoragePage};
use crate::components::reveal::RevealOpen;
use crate::config::Config;
use leptos::prelude::*;
use leptos_router::components::Router;

#[component]
pub fn App(config: Config) -> impl IntoView {
    provide_context(ApiClient::new(&config.api_base, config.token.clone(), config.timeout_secs));
    provide_context(Announcer::new());
    provide_context(RevealOpen(RwSignal::new(false)));
    provide_context(DataCentres(config.datacenters.clone()));
    let default_dc = config.dc.clone();
    view! {
        <Router>
            <div class="utho-keys">
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
