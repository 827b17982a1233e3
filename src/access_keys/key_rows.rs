//! The rows of the key table, drawn for speed: the table's hot path (a page of up to 50 rows, redrawn
//! on every search, sort and page change).
//!
//! Each row is one `<tr>` whose content is set as HTML in one call ([`row_html`]), instead of a view
//! that makes some 60 DOM calls per row (elements, attributes, text and marker nodes). What changes in a
//! row after it is drawn is patched by four effects of the whole table ([`patch_rows`]), not by
//! effects per row: its selection, its status, its copy button's state and whether its menu is open.
//! The open menu itself is a view, mounted into its row's menu cell by the table.

use crate::state::hygiene::age_label;
use crate::state::KeyPage;
use crate::store::KeyStore;
use crate::ui::copy_button::{copy_class, copy_content_html, CopyState, SharedCopy};
use keys_api::{AccessKey, KeyStatus};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use super::row_menu::RowShared;
use crate::ui::effect::effect;

/// The dot of a status.
pub fn dot_class(status: &KeyStatus) -> &'static str {
    match status {
        KeyStatus::Active => "uk-dot uk-dot--active",
        KeyStatus::Suspended => "uk-dot uk-dot--suspended",
        KeyStatus::Other(_) => "uk-dot uk-dot--other",
    }
}

/// What a row's control does, written in its `data-act` and read back by the table's handlers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowAct {
    /// The row's checkbox.
    Select,
    /// The copy button of the key's ID.
    Copy,
    /// The button of the row's menu.
    Menu,
    /// The "Rotate" hint of a key due for rotation.
    Rotate,
}

impl RowAct {
    const ALL: [RowAct; 4] = [RowAct::Select, RowAct::Copy, RowAct::Menu, RowAct::Rotate];

    pub fn as_str(self) -> &'static str {
        match self {
            RowAct::Select => "select",
            RowAct::Copy => "copy",
            RowAct::Menu => "menu",
            RowAct::Rotate => "rotate",
        }
    }

    pub fn parse(s: &str) -> Option<RowAct> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

use crate::ui::html::{
    html,
    Part::{M, T},
};

/// A status as its dot and word: the content of a `.uk-status`, in the table's rows and in
/// [`status_cell`].
pub fn status_html(status: &KeyStatus) -> String {
    html(96, &[M("<span class=\""), M(dot_class(status)), M("\" aria-hidden=\"true\"></span>"), T(status.label())])
}

/// A key's status as a coloured dot and its word, outside the table (the key's details).
///
/// `status` is a plain closure, not a derived signal: rows are disposed while a list refresh is
/// still notifying them, and a closure owns nothing that can be disposed under it.
pub fn status_cell(status: impl Fn() -> KeyStatus + Send + Sync + 'static) -> impl IntoView {
    view! { <span class="uk-status" inner_html=move || status_html(&status())></span> }
}

/// What a row shows when it is drawn.
pub struct RowParts<'a> {
    pub key: &'a AccessKey,
    pub selected: bool,
    /// Created during this visit: a "New" badge.
    pub is_new: bool,
    pub status: &'a KeyStatus,
    pub copy: CopyState,
    pub menu_open: bool,
    /// How old the key is, in whole days (`None`: its date cannot be read).
    pub age: Option<u32>,
    /// Older than the rotation age: a "Rotate" hint.
    pub due: bool,
    /// The id of the cell showing the key's ID (selected when a copy fails).
    pub id_cell: &'a str,
    /// The id of the row's actions button (where focus returns from a dialog).
    pub actions_id: &'a str,
}

/// The content of a key's `<tr>`: selection, name, ID with copy, status, creation time with the
/// key's age (and a "Rotate" hint when it is due), actions.
pub fn row_html(p: &RowParts) -> String {
    let k = p.key;
    let (status, copy) = (status_html(p.status), copy_content_html(p.copy));
    // "12 days ago" says what it is to a screen reader too: no hidden words (a hidden span in every
    // row cost about 2 ms on each page drawn, in `make bench`).
    let age = p.age.map(|d| if d == 0 { age_label(d) } else { age_label(d) + " ago" }).unwrap_or_default();
    let (has_age, due) = (p.age.is_some(), p.due);
    html(
        1024,
        &[
            M("<td class=\"uk-table__check\"><input class=\"uk-check\" type=\"checkbox\" aria-label=\"Select "),
            T(&k.name),
            M("\" data-act=\""),
            M(RowAct::Select.as_str()),
            M("\""),
            M(if p.selected { " checked" } else { "" }),
            M("></td><th class=\"uk-table__name\" scope=\"row\">"),
            T(&k.name),
            M(if p.is_new { "<span class=\"uk-badge\">New</span>" } else { "" }),
            M("</th><td class=\"uk-table__id\" data-label=\"Access Key\"><div class=\"uk-idcell\"><code class=\"uk-id\" id=\""),
            T(p.id_cell),
            M("\">"),
            T(&k.accesskey),
            M("</code><button class=\""),
            M(copy_class(p.copy)),
            M("\" type=\"button\" aria-label=\"Copy access key ID of "),
            T(&k.name),
            M("\" data-act=\""),
            M(RowAct::Copy.as_str()),
            M("\">"),
            M(&copy),
            M("</button></div></td><td class=\"uk-table__status\" data-testid=\"key-status\" data-label=\"Status\"><span class=\"uk-status\">"),
            M(&status),
            M("</span></td><td class=\"uk-table__date\" data-label=\"Created At\"><span class=\"uk-date\">"),
            T(&k.created_at),
            M("</span>"),
            M(if has_age { "<span class=\"uk-age\">" } else { "" }),
            T(&age),
            M(if has_age { "</span>" } else { "" }),
            M(if due { "<button class=\"uk-btn uk-btn--warn uk-btn--small uk-rotate\" type=\"button\" aria-label=\"Rotate " } else { "" }),
            T(if due { &k.name } else { "" }),
            M(if due { " (due for rotation)\" data-act=\"rotate\">Rotate</button>" } else { "" }),
            M("</td><td class=\"uk-table__actions\"><div class=\"uk-menu\"><button class=\"uk-menu__button\" type=\"button\" id=\""),
            T(p.actions_id),
            M("\" aria-label=\"Actions for "),
            T(&k.name),
            M("\" aria-haspopup=\"menu\" aria-expanded=\""),
            M(if p.menu_open { "true" } else { "false" }),
            M("\" data-act=\""),
            M(RowAct::Menu.as_str()),
            M("\"><span aria-hidden=\"true\">⋯</span></button></div></td>"),
        ],
    )
}

/// The parts of a drawn row that its patches look for, by the classes [`row_html`] gives them.
const CHECKBOX: &str = ".uk-check";
const STATUS: &str = ".uk-status";
const COPY_BUTTON: &str = ".uk-btn--copy";
const MENU_BUTTON: &str = ".uk-menu__button";
const MENU_CELL: &str = ".uk-menu";

/// Calls `f` with each row of `tbody` and its key's ID.
fn each_row(tbody: NodeRef<html::Tbody>, mut f: impl FnMut(&Element, &str)) {
    let Some(tbody) = tbody.get_untracked() else { return };
    let mut row = tbody.first_element_child();
    while let Some(tr) = row {
        if let Some(key) = tr.get_attribute("data-key") {
            f(&tr, &key);
        }
        row = tr.next_element_sibling();
    }
}

/// The element of a row matching `selector`.
fn part(tr: &Element, selector: &str) -> Option<Element> {
    tr.query_selector(selector).ok().flatten()
}

/// Sets an attribute only when it differs (a write costs a style invalidation).
fn set_attr(el: &Element, name: &str, value: &str) {
    if el.get_attribute(name).as_deref() != Some(value) {
        let _ = el.set_attribute(name, value);
    }
}

/// The menu cell (`.uk-menu`) of `accesskey`'s row, where its open menu is mounted.
pub fn menu_cell(tbody: NodeRef<html::Tbody>, accesskey: &str) -> Option<Element> {
    let mut found = None;
    each_row(tbody, |tr, key| {
        if found.is_none() && key == accesskey {
            found = part(tr, MENU_CELL);
        }
    });
    found
}

/// Keeps the drawn rows of `tbody` up to date: one effect for the selection, one for the statuses
/// (the list and the changes not yet confirmed), one for the copy buttons, one for the menus. Each
/// runs when its own state changes, never for a search, sort or page change (new rows are drawn
/// right).
pub fn patch_rows(
    store: KeyStore,
    tbody: NodeRef<html::Tbody>,
    page: Memo<KeyPage>,
    shared: RowShared,
    copy: SharedCopy,
) {
    effect(move || {
        store.selection.ids.track();
        each_row(tbody, |tr, key| {
            let on = store.selection.ids.with_untracked(|s| s.contains(key));
            let _ = tr.class_list().toggle_with_force("uk-row--selected", on);
            if let Some(input) = part(tr, CHECKBOX).and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) {
                if input.checked() != on {
                    input.set_checked(on);
                }
            }
        });
    });
    effect(move || {
        // Reading the statuses tracks the list and the pending changes.
        let shown: Vec<(String, KeyStatus)> = page.with_untracked(|p| {
            p.rows.iter().zip(&p.at).map(|(k, at)| (k.accesskey.clone(), store.lists.shown_status_at(k, *at))).collect()
        });
        each_row(tbody, |tr, key| {
            let Some((_, status)) = shown.iter().find(|(id, _)| id == key) else { return };
            let Some(cell) = part(tr, STATUS) else { return };
            let html = status_html(status);
            if cell.inner_html() != html {
                cell.set_inner_html(&html);
            }
        });
    });
    effect(move || {
        copy.track();
        each_row(tbody, |tr, key| {
            let state = copy.state_of_untracked(key);
            let Some(button) = part(tr, COPY_BUTTON) else { return };
            set_attr(&button, "class", copy_class(state));
            let content = copy_content_html(state);
            if button.inner_html() != content {
                button.set_inner_html(&content);
            }
        });
    });
    effect(move || {
        let open = shared.menu.with(|m| m.as_ref().map(|m| m.accesskey.clone()));
        each_row(tbody, |tr, key| {
            if let Some(button) = part(tr, MENU_BUTTON) {
                set_attr(&button, "aria-expanded", if open.as_deref() == Some(key) { "true" } else { "false" });
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> AccessKey {
        AccessKey {
            name: name.into(),
            accesskey: "AK1".into(),
            dcslug: "innoida".into(),
            status: KeyStatus::Active,
            created_at: "2026-03-14 09:12:44".into(),
        }
    }

    fn parts<'a>(k: &'a AccessKey, status: &'a KeyStatus) -> RowParts<'a> {
        RowParts {
            key: k,
            selected: false,
            is_new: false,
            status,
            copy: CopyState::Idle,
            menu_open: false,
            age: Some(3),
            due: false,
            id_cell: "uk-id-AK1",
            actions_id: "uk-actions-AK1",
        }
    }

    #[test]
    fn a_row_holds_every_cell_with_its_labels() {
        let (k, s) = (key("backup"), KeyStatus::Active);
        let html = row_html(&parts(&k, &s));
        for needle in [
            "aria-label=\"Select backup\" data-act=\"select\">",
            "<th class=\"uk-table__name\" scope=\"row\">backup</th>",
            "<code class=\"uk-id\" id=\"uk-id-AK1\">AK1</code>",
            "aria-label=\"Copy access key ID of backup\" data-act=\"copy\"",
            "<span class=\"uk-copy__text\">Copy</span>",
            "<span class=\"uk-dot uk-dot--active\" aria-hidden=\"true\"></span>Active",
            "data-label=\"Created At\"><span class=\"uk-date\">2026-03-14 09:12:44</span><span class=\"uk-age\">3 days ago</span></td>",
            "id=\"uk-actions-AK1\" aria-label=\"Actions for backup\" aria-haspopup=\"menu\" aria-expanded=\"false\"",
        ] {
            assert!(html.contains(needle), "{needle} not in {html}");
        }
        assert!(!html.contains("checked") && !html.contains("uk-badge") && !html.contains("Rotate"));
        // What the patches look for is there, once each.
        for part in [CHECKBOX, STATUS, COPY_BUTTON, MENU_BUTTON, MENU_CELL] {
            let class = part.trim_start_matches('.');
            let found = html.matches(&format!("{class}\"")).count() + html.matches(&format!("{class} ")).count();
            assert_eq!(found, 1, "{part} in {html}");
        }
        for act in RowAct::ALL {
            assert_eq!(RowAct::parse(act.as_str()), Some(act));
            let drawn = html.contains(&format!("data-act=\"{}\"", act.as_str()));
            assert_eq!(drawn, act != RowAct::Rotate, "{act:?}: only a key due for rotation has the hint");
        }
        let p = RowParts { selected: true, is_new: true, menu_open: true, age: Some(426), due: true, ..parts(&k, &s) };
        let html = row_html(&p);
        assert!(html.contains("14 months ago</span><button class=\"uk-btn uk-btn--warn uk-btn--small uk-rotate\" type=\"button\" aria-label=\"Rotate backup (due for rotation)\" data-act=\"rotate\">Rotate</button></td>"), "{html}");
        let p = RowParts { age: None, ..parts(&k, &s) };
        assert!(row_html(&p).contains("09:12:44</span></td>"), "an unreadable date shows no age");
        assert!(html.contains("data-act=\"select\" checked>"), "{html}");
        assert!(html.contains("backup<span class=\"uk-badge\">New</span></th>"), "{html}");
        assert!(html.contains("aria-expanded=\"true\""), "{html}");
    }

    #[test]
    fn names_cannot_inject_markup() {
        let (k, s) = (key("<img src=x onerror=alert(1)>\"' & more"), KeyStatus::Other("<b>".into()));
        let html = row_html(&RowParts { due: true, ..parts(&k, &s) });
        assert!(!html.contains("<img") && !html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39; &amp; more"), "{html}");
        assert!(html.contains("uk-dot--other\" aria-hidden=\"true\"></span>&lt;b&gt;"), "{html}");
    }
}
