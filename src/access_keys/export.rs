//! "Export": the data centre's whole key inventory (`state::export`: every key, not only the page)
//! as a .csv or a .json file. It needs the bucket list: asked for on the click, the file is written
//! once the list is there (at once when something loaded it before).

use crate::browser::dom::use_root;
use crate::browser::download::download_text;
use crate::state::export::{file_name, inventory, to_csv, to_json};
use crate::store::use_store;
use crate::ui::effect::effect;
use crate::ui::html::html_part;
use leptos::prelude::*;
use std::sync::Arc;

/// The two buttons (drawn as HTML, `ui::html`).
const BUTTONS: &str = "<div class=\"uk-export\" role=\"group\" aria-label=\"Export all keys\">\
    <button type=\"button\" class=\"uk-btn uk-btn--secondary uk-btn--small\" data-act=\"export\" data-id=\"csv\">Export .csv</button>\
    <button type=\"button\" class=\"uk-btn uk-btn--secondary uk-btn--small\" data-act=\"export\" data-id=\"json\">Export .json</button></div>";

/// "Export .csv" and "Export .json".
pub fn export_buttons() -> impl IntoView {
    let store = use_store();
    let root = use_root();
    // The format asked for ("csv" or "json"), until the bucket list is there.
    let asked = RwSignal::new(String::new());
    effect(move || {
        let Some(csv) = asked.with(|a| (!a.is_empty()).then(|| a == "csv")) else { return };
        let Some(buckets) = store.lists.buckets_now() else { return };
        asked.set(String::new());
        let announcer = store.announcer;
        let (keys, buckets) = match (store.lists.keys.get_untracked(), buckets) {
            (Some(Ok(keys)), Ok(buckets)) => (keys, buckets),
            (_, Err(e)) => {
                return announcer.alert(format!("Nothing was exported: the buckets could not be loaded. {e}"))
            }
            _ => return announcer.alert("Nothing was exported: the key list is not loaded."),
        };
        let dc = store.lists.dc.get_untracked();
        let d = js_sys::Date::new_0();
        let today = format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date());
        let file = file_name(&dc, &today, if csv { "csv" } else { "json" });
        let text = store.lists.index.with_untracked(|index| {
            let rows = inventory(&keys, index, &buckets);
            if csv {
                to_csv(&rows)
            } else {
                to_json(&dc, &rows)
            }
        });
        let mime = if csv { "text/csv;charset=utf-8" } else { "application/json" };
        // The object URL revokes itself a moment after the download started.
        match root.element().map(|host| download_text(&host, &file, mime, &text)) {
            Some(Ok(_)) => announcer.say(format!("Exported {} keys to {file}.", keys.len())),
            _ => announcer.alert(format!("Could not save {file}.")),
        }
    });
    let on_act = Arc::new(move |_: &str, id: &str, _: &web_sys::Element| {
        store.lists.need_buckets();
        asked.set(id.to_string());
    });
    html_part("", || BUTTONS.to_string(), on_act)
}
