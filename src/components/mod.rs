//! The console's components. Logic lives in `crate::state` and `crate::api`; these wire signals to views.

pub mod announcer;
pub mod buckets_panel;
pub mod copy_button;
pub mod create_drawer;
pub mod dialog;
pub mod feedback;
pub mod keys_panel;
pub mod name_field;
pub mod object_storage;
pub mod pagination;
pub mod reveal;

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
