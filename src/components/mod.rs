//! The console's components. Logic lives in `crate::state` and `crate::api`; these wire signals to views.

pub mod announcer;
pub mod buckets_panel;
pub mod bulk_bar;
pub mod copy_button;
pub mod create_drawer;
pub mod delete_dialog;
pub mod dialog;
pub mod feedback;
pub mod key_details;
pub mod key_table;
pub mod keys_panel;
pub mod name_field;
pub mod object_storage;
pub mod pagination;
pub mod reveal;
pub mod rotate_drawer;
pub mod row_menu;
pub mod store;

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
