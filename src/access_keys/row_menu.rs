//! The actions menu of one key row: View details, Suspend/Activate, Rotate, Delete.
//!
//! A row has only its "⋯" button (drawn with the row, `key_rows`); the menu is drawn when it opens. Which menu is open and the
//! status change a menu starts belong to the table ([`RowShared`]), so a page of rows holds no
//! per-row menus, actions or timers.

use crate::browser::dom::use_root;
use crate::store::{use_store, History, KeyDialog, KeyStore};
use crate::ui::menu::{MenuItem, MenuList};
use crate::ui::write::{start, write, Write};
use keys_api::{AccessKey, KeyStatus, StatusAction};
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Details,
    Suspend,
    Activate,
    Rotate,
    Delete,
}

impl Item {
    fn menu_item(self) -> MenuItem {
        let label = match self {
            Item::Details => "View details",
            Item::Suspend => "Suspend",
            Item::Activate => "Activate",
            Item::Rotate => "Rotate",
            Item::Delete => "Delete",
        };
        // A status change opens nothing: focus goes back to the button.
        let refocus = matches!(self, Item::Suspend | Item::Activate);
        MenuItem { label, danger: self == Item::Delete, refocus }
    }
}

/// The open menu of a table: whose, and whether focus starts at its last item (opened with ArrowUp).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenMenu {
    pub accesskey: String,
    pub focus_last: bool,
}

/// What the rows of one table share: the open menu and the status change its menus start.
/// The table's own handlers (one for all rows) open and close the menus.
#[derive(Clone, Copy)]
pub struct RowShared {
    pub menu: RwSignal<Option<OpenMenu>>,
    status: Write,
    store: KeyStore,
}

impl RowShared {
    pub fn new(store: KeyStore) -> RowShared {
        RowShared { menu: RwSignal::new(None), status: write(), store }
    }

    /// Suspends or activates a key. Its outcome shows through the store (the status overlay,
    /// the action error), not here.
    fn set_status(&self, key: AccessKey, action: StatusAction) {
        let change = self.store.set_status(key, action);
        start(self.status, async move { drop(change.await) });
    }

    fn is_open(&self, accesskey: &str) -> bool {
        self.menu.with(|m| m.as_ref().is_some_and(|m| m.accesskey == accesskey))
    }

    /// The "⋯" button of `accesskey` was clicked: its menu opens, or closes if it was open.
    pub fn toggle(&self, accesskey: String) {
        if self.is_open(&accesskey) {
            self.menu.set(None);
        } else {
            self.open(accesskey, false);
        }
    }

    /// Opens the menu of `accesskey` (ArrowUp on its button: focus at the last item).
    pub fn open(&self, accesskey: String, focus_last: bool) {
        self.menu.set(Some(OpenMenu { accesskey, focus_last }));
    }
}

/// The id of a row's actions button, where focus returns after a dialog opened from the menu.
pub fn actions_button_id(accesskey: &str) -> String {
    use_root().id(&format!("actions-{accesskey}"))
}

/// The open menu of a row (the table mounts it into the row's menu cell).
#[component]
pub fn RowMenuList(key: AccessKey, shared: RowShared) -> impl IntoView {
    let store = use_store();
    let root = use_root();
    let menu = shared.menu;
    let button = actions_button_id(&key.accesskey);
    let label = format!("Actions for {}", key.name);
    let focus_last = menu.with_untracked(|m| m.as_ref().is_some_and(|m| m.focus_last));
    // The items as the menu opens (Suspend or Activate after the status shown now).
    let toggle =
        if untrack(|| store.lists.shown_status(&key)) == KeyStatus::Suspended { Item::Activate } else { Item::Suspend };
    let items = [Item::Details, toggle, Item::Rotate, Item::Delete];
    // Plain values, not stored ones: the menu's owner is gone once a pick closes it, and the pick
    // still needs the key.
    let accesskey = key.accesskey.clone();
    let refocus = {
        let button = button.clone();
        move || {
            root.focus(&button);
        }
    };
    let on_pick = {
        let refocus = refocus.clone();
        Callback::new(move |index: usize| {
            let item = items[index];
            menu.set(None);
            if item.menu_item().refocus {
                refocus();
            }
            let k = key.clone();
            match item {
                Item::Details => store.view.update(History::Push, |v| v.key = Some(k.accesskey)),
                Item::Suspend => shared.set_status(k, StatusAction::Disable),
                Item::Activate => shared.set_status(k, StatusAction::Enable),
                Item::Rotate => store.dialog.set(Some(KeyDialog::Rotate(k))),
                Item::Delete => store.dialog.set(Some(KeyDialog::Delete(k))),
            }
        })
    };
    let on_close = Callback::new(move |back: bool| {
        // Only this row's menu: another row's may have opened meanwhile.
        if shared.is_open(&accesskey) {
            menu.set(None);
        }
        if back {
            refocus();
        }
    });
    view! {
        <MenuList
            label
            anchor=button
            items=items.into_iter().map(Item::menu_item).collect()
            focus_last
            on_pick
            on_close
        />
    }
}
