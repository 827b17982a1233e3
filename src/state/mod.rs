//! The console's logic in plain Rust types, tested natively: the view state kept in the URL
//! query, and filtering, sorting and paging of the key table.

pub mod access;
pub mod bulk;
pub mod table;
pub mod view;

pub use table::{page_of, KeyPage};
pub use view::{SortDir, SortKey, Tab, ViewState, PAGE_SIZES};
