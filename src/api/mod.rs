//! The typed HTTP client for Utho's access-key API.

mod client;
mod error;

pub use client::ApiClient;
pub use error::{decode, ApiError};
