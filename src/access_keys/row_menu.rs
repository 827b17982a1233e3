//! The actions menu of one key row: View details, Suspend/Activate, Rotate, Delete.

use crate::browser::dom::use_root;
use crate::store::{use_store, History, KeyDialog};
use crate::ui::menu::{MenuButton, MenuItem};
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

/// The id of a row's actions button, where focus returns after a dialog opened from the menu.
pub fn actions_button_id(accesskey: &str) -> String {
    use_root().id(&format!("actions-{accesskey}"))
}

/// The "⋯" button of a row and its menu.
#[component]
pub fn RowMenu(
    /// The row's key.
    key: AccessKey,
) -> impl IntoView {
    let store = use_store();
    let status =
        Action::new_local(move |(key, action): &(AccessKey, StatusAction)| store.set_status(key.clone(), *action));
    let id = actions_button_id(&key.accesskey);
    let label = format!("Actions for {}", key.name);
    let key = StoredValue::new(key);
    // The items of the menu as it opens (Suspend or Activate after the status shown now).
    let shown = move || {
        let toggle = if key.with_value(|k| store.shown_status(k)) == KeyStatus::Suspended {
            Item::Activate
        } else {
            Item::Suspend
        };
        [Item::Details, toggle, Item::Rotate, Item::Delete]
    };
    let items = Callback::new(move |_| shown().into_iter().map(Item::menu_item).collect());
    let on_pick = Callback::new(move |index: usize| {
        let k = key.get_value();
        match shown()[index] {
            Item::Details => store.view.update(History::Push, |v| v.key = Some(k.accesskey)),
            Item::Suspend => drop(status.dispatch((k, StatusAction::Disable))),
            Item::Activate => drop(status.dispatch((k, StatusAction::Enable))),
            Item::Rotate => store.dialog.set(Some(KeyDialog::Rotate(k))),
            Item::Delete => store.dialog.set(Some(KeyDialog::Delete(k))),
        }
    });
    view! {
        <MenuButton id label items on_pick>
            <span aria-hidden="true">"⋯"</span>
        </MenuButton>
    }
}
