//! The access-key console for Utho Cloud object storage.
//!
//! - `api`: the typed HTTP client and its errors.
//! - `state`: view state and table logic in plain Rust types.
//! - `components`: Leptos components that wire signals to views.
//! - `config`, `clipboard`, `app`: configuration, copying, mounting.

pub mod api;
pub mod app;
pub mod clipboard;
pub mod components;
pub mod config;
pub mod credentials;
pub mod download;
pub mod state;

pub use app::mount;
pub use config::Config;
