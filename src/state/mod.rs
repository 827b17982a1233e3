//! The console's logic in plain Rust types, tested natively: the view state kept in the URL
//! query; filtering, sorting and paging of the key table; bucket access; bulk outcomes; the
//! rotation's phases; the credential files of a new key; key hygiene (ages, rotation, filters) and the inventory export.

pub mod access;
pub mod bulk;
pub mod create;
pub mod credentials;
pub mod export;
pub mod hygiene;
pub mod rotation;
pub mod small_map;
pub mod table;
pub mod view;

pub use small_map::{SmallMap, SmallSet};
pub use table::{order, page_of, page_window, slice, KeyIndex, KeyPage, PageItem, PageSpan, RowQuery};
pub use view::{SortDir, SortKey, Tab, ViewState, PAGE_SIZES};

/// A key as the API lists it in data centre `innoida`, for the unit tests of this layer.
#[cfg(test)]
pub(crate) fn test_key(name: &str, id: &str, created: &str, status: keys_api::KeyStatus) -> keys_api::AccessKey {
    keys_api::AccessKey {
        name: name.into(),
        accesskey: id.into(),
        dcslug: "innoida".into(),
        status,
        created_at: created.into(),
    }
}
