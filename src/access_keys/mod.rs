//! The Access Keys feature's views. They read the shared state of `crate::store`, start writes
//! through `crate::store::ops`, and render; the logic they show lives in `crate::state`.

pub mod bucket_access;
pub mod bucket_keys;
pub mod buckets_panel;
pub mod bulk_bar;
pub mod create_drawer;
pub mod delete_dialog;
pub mod export;
pub mod key_details;
pub mod key_filters;
pub mod key_rows;
pub mod key_table;
pub mod keys_panel;
pub mod name_field;
pub mod page;
pub mod reveal;
pub mod rotate_drawer;
pub mod row_menu;
