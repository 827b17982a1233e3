//! What the console does to the browser beyond rendering: copying, downloading, moving focus,
//! finding elements inside its own root. No component lives here.

pub mod clipboard;
pub mod dom;
pub mod download;
pub mod url;
