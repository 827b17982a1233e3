//! The access-key console for Utho Cloud object storage.
//!
//! - `api`: the typed HTTP client and its errors.
//! - `state`: the console's logic in plain Rust types (view state, table, rotation, credentials).
//! - `store`: the Access Keys page's shared reactive state, and `store::ops`, every write to the API.
//! - `access_keys`: the views of the Access Keys feature (page, table, drawers, dialogs).
//! - `ui`: generic widgets (dialogs, copy button, pager, alerts, announcements).
//! - `browser`: clipboard, downloads, focus and the console's root element.
//! - `embed`: mounting and unmounting, the custom element, events for the host, the stylesheet.
//! - `config`, `app`: configuration and the root component.

pub mod access_keys;
pub mod api;
pub mod app;
pub mod browser;
pub mod config;
pub mod embed;
pub mod state;
pub mod store;
pub mod ui;

#[cfg(all(test, target_arch = "wasm32"))]
mod component_tests;

pub use config::Config;
pub use embed::{mount, Mounted};
