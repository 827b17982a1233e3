//! Generic widgets that know nothing of access keys: dialogs, the copy button, the pager,
//! alerts and loading states, live announcements, parts drawn as HTML; and `effect`, the one way
//! the console makes effects.

pub mod announcer;
pub mod copy_button;
pub mod dialog;
pub mod effect;
pub mod feedback;
pub mod html;
pub mod menu;
pub mod pager;
pub mod write;
