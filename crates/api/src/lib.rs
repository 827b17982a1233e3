//! The one source of truth shared by the console and the reference server:
//! the wire types of Utho's object-storage access-key API (see `shared/reference/utho-api.md`),
//! the key-name rules, and the data centres. Nothing here does I/O.

pub mod calls;
mod datacenters;
mod lenient;
mod names;
mod types;
pub mod wire;

pub use datacenters::{datacenters, DataCentre};
pub use lenient::Count;
pub use names::{name_problems, suggest_name, validate_key_name, NameError, NAME_MAX, NAME_MIN};
pub use types::*;
