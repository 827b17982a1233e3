//! The typed HTTP client for Utho's access-key API.

mod client;
mod early;
mod error;

pub use client::{ApiClient, TokenSource, TIMEOUT_SECS};
pub use early::EarlyList;
pub use error::{decode, ApiError};
