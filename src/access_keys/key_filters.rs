//! Key hygiene in the Access Keys tab: the filters beside the search (each with its count), the
//! notice of keys due for rotation, and what the table says when a search or a filter hides every
//! key. Drawn as HTML (`ui::html`); the logic is `state::hygiene`'s, the flags are made once
//! per list (`KeyStore::flags`).

use crate::browser::dom::use_root;
use crate::state::hygiene::{no_match_text, notice_text, Filter, Filters};
use crate::state::KeyPage;
use crate::store::{use_store, History};
use crate::ui::html::{fill, html_part, OnAct};
use leptos::prelude::*;
use std::sync::Arc;

/// The filters as toggle buttons, each with its count once it is known (`counts` in the order of
/// `Filter::ALL`; without `rotation` there is no "Due for rotation").
pub fn tools_html(filters: Filters, counts: [Option<usize>; 3], rotation: bool) -> String {
    let mut out = String::from("<div class=\"uk-filters\" role=\"group\" aria-label=\"Filters\">");
    for (f, count) in Filter::ALL.into_iter().zip(counts) {
        if f == Filter::Due && !rotation {
            continue;
        }
        let pressed = if filters.has(f) { "true" } else { "false" };
        fill(
            &mut out,
            "<button type=\"button\" class=\"uk-chip\" aria-pressed=\"\u{1}\" data-act=\"filter\" data-id=\"\u{1}\">\u{1}",
            &[pressed, f.as_str(), f.label()],
        );
        if let Some(n) = count {
            fill(&mut out, "<span class=\"uk-chip__count\">\u{1}</span>", &[&n.to_string()]);
        }
        out += "</button>";
    }
    out + "</div>"
}

/// The notice of `due` keys older than `after` days, with its button ("Show all keys" while only
/// those are shown); nothing when no key is due.
pub fn notice_html(due: usize, after: u32, only_due: bool) -> String {
    let mut out = String::new();
    if due > 0 {
        let button = if only_due { "Show all keys" } else { "Show only these" };
        fill(
            &mut out,
            "<div class=\"uk-notice\" data-testid=\"rotation-notice\"><p>\u{1}</p><button type=\"button\" class=\"uk-btn uk-btn--link\" data-act=\"due\">\u{1}</button></div>",
            &[&notice_text(due, after), button],
        );
    }
    out
}

/// No key to show: which search and filters hide them (or that a filter waits for the bucket
/// list), and one button that clears them.
pub fn no_match_html(search: &str, filters: Filters, waiting: bool) -> String {
    let message = if waiting { "Loading which keys reach a bucket…".into() } else { no_match_text(search, filters) };
    let label = match (search.trim().is_empty(), filters.is_empty()) {
        (false, true) => "Clear search",
        (true, false) => "Clear filters",
        _ => "Clear search and filters",
    };
    let mut out = String::new();
    fill(
        &mut out,
        "<div class=\"uk-empty uk-empty--inline\" data-testid=\"no-match\"><p>\u{1}</p><button type=\"button\" class=\"uk-btn uk-btn--secondary\" data-act=\"clear\">\u{1}</button></div>",
        &[&message, label],
    );
    out
}

/// What the filters, the notice and the empty state do (one handler for the three parts, `page`
/// the panel's page of keys): a filter on or off, only the keys due (or all again), search and
/// filters cleared. Each says what it did, but the clearing, which moves focus to the search.
pub fn filter_acts(page: Memo<KeyPage>) -> OnAct {
    let store = use_store();
    let root = use_root();
    Arc::new(move |act: &str, id: &str, _: &web_sys::Element| {
        let (filters, only_due) = store
            .view
            .table
            .with_untracked(|v| (v.filters, v.filters == Filters::only(Filter::Due) && v.search.is_empty()));
        let filter = Filter::ALL.into_iter().find(|f| f.as_str() == id);
        let (to, clear) = match (act, filter) {
            ("filter", Some(f)) => {
                let mut to = filters;
                to.toggle(f);
                (to, false)
            }
            ("filter", None) => return,
            ("due", _) if !only_due => (Filters::only(Filter::Due), true),
            _ => (Filters::default(), true),
        };
        store.view.update(History::Push, |v| {
            v.filters = to;
            if clear {
                v.search.clear();
            }
            v.page = 1;
        });
        let n = page.with_untracked(|p| p.matching);
        let s = if n == 1 { "" } else { "s" };
        store.announcer.say(match (act, filter) {
            // No bucket access needs the bucket list: the panel asks for it when the filter is on.
            ("filter", Some(f)) => {
                let shown = match untrack(|| store.flags()).knows(f) {
                    true => format!("{n} key{s} shown."),
                    false => "Loading bucket access…".into(),
                };
                format!("{}: {}. {shown}", f.label(), if to.has(f) { "on" } else { "off" })
            }
            ("due", _) if only_due => "Showing all keys.".into(),
            ("due", _) => format!("Showing the {n} keys due for rotation."),
            // The button goes with the message: focus goes where keys are found.
            _ => {
                root.focus(&root.id("key-search"));
                return;
            }
        });
    })
}

/// The filters beside the search.
pub fn filter_chips(acts: OnAct) -> impl IntoView {
    let store = use_store();
    let rotation = store.rotate_after_days > 0;
    let draw = move || {
        let flags = store.flags();
        tools_html(store.view.table.with(|v| v.filters), Filter::ALL.map(|f| flags.count(f)), rotation)
    };
    html_part("", draw, acts)
}

/// "3 keys are older than 90 days and due for rotation", with a button that shows only those (and
/// then all keys again). Quiet: not announced when the list loads.
pub fn rotation_notice(acts: OnAct) -> impl IntoView {
    let store = use_store();
    let after = store.rotate_after_days;
    let draw = move || {
        let due = store.flags().count(Filter::Due).unwrap_or(0);
        let only_due = store.view.table.with(|v| v.filters == Filters::only(Filter::Due) && v.search.is_empty());
        notice_html(due, after, only_due)
    };
    html_part("", draw, acts)
}

/// No key matches the search and filters (nothing while some do).
pub fn no_match(page: Memo<KeyPage>, acts: OnAct) -> impl IntoView {
    let store = use_store();
    let draw = move || {
        if page.with(|p| p.matching > 0) {
            return String::new();
        }
        let flags = store.flags();
        store.view.table.with(|v| {
            let waiting = v.filters.on().any(|f| !flags.knows(f));
            no_match_html(&v.search, v.filters, waiting)
        })
    };
    html_part("", draw, acts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filters_say_whether_they_are_on_and_how_many_keys_each_shows() {
        let html = tools_html(Filters::only(Filter::Suspended), [Some(3), None, Some(0)], true);
        for needle in [
            "<div class=\"uk-filters\" role=\"group\" aria-label=\"Filters\">",
            "aria-pressed=\"false\" data-act=\"filter\" data-id=\"due\">Due for rotation<span class=\"uk-chip__count\">3</span></button>",
            "aria-pressed=\"false\" data-act=\"filter\" data-id=\"no-access\">No bucket access</button>",
            "aria-pressed=\"true\" data-act=\"filter\" data-id=\"suspended\">Suspended<span class=\"uk-chip__count\">0</span></button>",
        ] {
            assert!(html.contains(needle), "{needle} not in {html}");
        }
        assert!(!tools_html(Filters::default(), [Some(3), None, Some(0)], false).contains("Due for rotation"));
    }

    #[test]
    fn the_notice_and_the_empty_state_name_what_they_are_about() {
        assert_eq!(notice_html(0, 90, false), "");
        let n = notice_html(2, 90, false);
        assert!(
            n.contains("<p>2 keys are older than 90 days and due for rotation.</p>") && n.contains(">Show only these<"),
            "{n}"
        );
        assert!(notice_html(2, 90, true).contains(">Show all keys<"));
        let e = no_match_html("<b>", Filters::only(Filter::Due), false);
        assert!(e.contains("<p>No keys match “&lt;b&gt;” and the filter Due for rotation.</p>"), "{e}");
        assert!(e.contains(">Clear search and filters</button>"), "{e}");
        assert!(no_match_html("", Filters::only(Filter::Due), false).contains(">Clear filters<"));
        assert!(no_match_html("x", Filters::default(), false).contains(">Clear search<"));
        assert!(no_match_html("", Filters::only(Filter::NoAccess), true).contains("Loading which keys reach a bucket…"));
    }
}
