//! "Give access to <bucket>" (from the Buckets tab): keys found by name or access key ID, ticked,
//! and one permission written to all of them through `store::ops::set_bucket_access` (each key
//! reports its own result under the bucket).

use super::buckets_panel::grant;
use crate::browser::dom::use_root;
use crate::state::{order, RowQuery, SmallSet, SortDir, SortKey};
use crate::store::use_store;
use crate::ui::dialog::Modal;
use crate::ui::html::{fill, html_part, value_of};
use crate::ui::write::write;
use keys_api::{AccessKey, Permission};
use leptos::prelude::*;
use std::sync::Arc;

/// How many matching keys the picker lists at once (a search narrows the rest).
pub const PICKS_SHOWN: usize = 50;

/// The picker's list: the keys at `found` (positions in `keys`, the first [`PICKS_SHOWN`]), each a
/// checkbox (ticked if in `picked`) with its name and ID, and how many more there are.
pub fn picks_html(keys: &[AccessKey], found: &[u32], picked: &SmallSet<String>) -> String {
    let mut out = String::from("<fieldset class=\"uk-fieldset\"><legend>Keys</legend><ul class=\"uk-list uk-list--scroll uk-picks\" data-testid=\"give-keys\">");
    for k in found.iter().take(PICKS_SHOWN).map(|i| &keys[*i as usize]) {
        let pick = match picked.contains(&k.accesskey) {
            true => "<li><label class=\"uk-pick\"><input type=\"checkbox\" class=\"uk-check\" data-act=\"pick\" data-id=\"\u{1}\" checked>",
            false => "<li><label class=\"uk-pick\"><input type=\"checkbox\" class=\"uk-check\" data-act=\"pick\" data-id=\"\u{1}\">",
        };
        fill(&mut out, pick, &[&k.accesskey]);
        fill(&mut out, "<span>\u{1}</span><code class=\"uk-id\">\u{1}</code></label></li>", &[&k.name, &k.accesskey]);
    }
    let more = match found.len() {
        0 => "No key matches.".to_string(),
        n if n > PICKS_SHOWN => format!("Showing {PICKS_SHOWN} of {n} keys: type to narrow the list."),
        _ => String::new(),
    };
    fill(&mut out, "</ul><p class=\"uk-field__hint\">\u{1}</p></fieldset>", &[&more]);
    out
}

/// The picker's head (title and search box) and its foot (the permission, Cancel and Give access):
/// drawn once, never again (the search box is typed in).
pub fn picker_parts(bucket: &str, prefix: &str) -> (String, String) {
    let mut head = String::new();
    fill(
        &mut head,
        "<h2 id=\"\u{1}give-title\" class=\"uk-drawer__title\">Give access to \u{1}</h2><div class=\"uk-field\">\
         <label class=\"uk-field__label\" for=\"\u{1}give-search\">Find keys by name or access key ID</label>\
         <input id=\"\u{1}give-search\" class=\"uk-input\" type=\"search\" autocomplete=\"off\" data-autofocus data-act=\"find\"></div>",
        &[prefix, bucket, prefix, prefix],
    );
    let mut foot = String::from(
        "<div class=\"uk-field\"><label class=\"uk-field__label\">Permission to give <select class=\"uk-select\" data-act=\"permission\">",
    );
    for p in &Permission::ALL[1..] {
        fill(&mut foot, "<option value=\"\u{1}\">\u{1}</option>", &[p.as_str(), p.label()]);
    }
    foot += "</select></label></div><div class=\"uk-modal__actions\"><button type=\"button\" class=\"uk-btn uk-btn--secondary\" data-act=\"cancel\">Cancel</button>\
        <button type=\"button\" class=\"uk-btn uk-btn--primary\" data-act=\"give\">Give access</button></div>";
    (head, foot)
}

/// The picker of keys for `bucket`: drawn as HTML (`ui::html`), its list drawn again for each search.
#[component]
pub fn GiveAccessDialog(
    /// The bucket.
    bucket: String,
    /// The dialog is done (access given, or cancelled).
    on_close: Callback<()>,
) -> impl IntoView {
    let store = use_store();
    let root = use_root();
    let search = RwSignal::new(String::new());
    let picked = RwSignal::new(SmallSet::<String>::new());
    let permission = RwSignal::new(Permission::Read);
    let give = write();
    // The keys whose name or ID holds the search, by name (one pass over the table's index). The
    // ticks are the checkboxes' own between searches: a tick does not redraw (or scroll) the list.
    let list = move || {
        let keys = store.lists.keys.get().and_then(Result::ok).unwrap_or_default();
        let query = RowQuery { search: search.get(), sort: SortKey::Name, dir: SortDir::Asc, ..Default::default() };
        let found = store.lists.index.with(|index| order(&keys, index, &query, None));
        picked.with_untracked(|p| picks_html(&keys, &found, p))
    };
    let name = StoredValue::new(bucket.clone());
    let on_act = Arc::new(move |act: &str, id: &str, control: &web_sys::Element| {
        let value = || value_of(control);
        match act {
            "find" => search.set(value().trim().to_ascii_lowercase()),
            "pick" => picked.update(|p| {
                if !p.remove(id) {
                    p.insert(id.to_string());
                }
            }),
            "permission" => permission.set(Permission::parse(&value()).unwrap_or(Permission::Read)),
            "give" => {
                let keys = store.lists.loaded_keys();
                let chosen: Vec<(String, String)> = picked.with_untracked(|p| {
                    keys.iter()
                        .filter(|k| p.contains(&k.accesskey))
                        .map(|k| (k.accesskey.clone(), k.name.clone()))
                        .collect()
                });
                if chosen.is_empty() {
                    store.announcer.alert("Tick at least one key.");
                    return;
                }
                grant(store, give, root, &name.get_value(), chosen, permission.get_untracked(), None);
                on_close.run(());
            }
            _ => on_close.run(()),
        }
    });
    let (head, foot) = picker_parts(&bucket, root.prefix);
    view! {
        <Modal labelled_by=root.id("give-title") on_dismiss=on_close return_focus=root.id(&format!("give-{bucket}"))>
            <div class="uk-modal__body">
                {html_part("", move || head.clone(), on_act.clone())}
                {html_part("", list, on_act.clone())}
                {html_part("", move || foot.clone(), on_act)}
            </div>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keys_api::KeyStatus;

    #[test]
    fn the_picker_lists_what_matches_ticked_as_picked_and_says_how_many_more() {
        let keys: Vec<AccessKey> = (0..60)
            .map(|i| crate::state::test_key(&format!("k<{i}>"), &format!("AK{i}"), "", KeyStatus::Active))
            .collect();
        let picked: SmallSet<String> = ["AK1".to_string()].into_iter().collect();
        let html = picks_html(&keys, &[1, 2], &picked);
        assert!(
            html.contains(
                "data-act=\"pick\" data-id=\"AK1\" checked><span>k&lt;1&gt;</span><code class=\"uk-id\">AK1</code>"
            ),
            "{html}"
        );
        assert!(html.contains("data-id=\"AK2\"><span>"), "{html}");
        assert!(html.ends_with("</ul><p class=\"uk-field__hint\"></p></fieldset>"), "{html}");
        let all: Vec<u32> = (0..60).collect();
        let html = picks_html(&keys, &all, &picked);
        assert_eq!(html.matches("<li>").count(), PICKS_SHOWN);
        assert!(html.contains("Showing 50 of 60 keys: type to narrow the list."), "{html}");
        assert!(picks_html(&keys, &[], &picked).contains("No key matches."));
    }
}
