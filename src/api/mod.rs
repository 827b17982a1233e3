//! The typed HTTP client for Utho's access-key API.

mod client;
mod error;

pub use client::{ApiClient, TokenSource, TIMEOUT_SECS};
pub use error::{decode, ApiError};
