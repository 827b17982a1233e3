//! Generic widgets that know nothing of access keys: dialogs, the copy button, the pager,
//! alerts and loading states, live announcements.

pub mod announcer;
pub mod copy_button;
pub mod dialog;
pub mod effect;
pub mod feedback;
pub mod menu;
pub mod pager;
