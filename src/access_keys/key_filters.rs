//! Key hygiene in the Access Keys tab: the notice of keys due for rotation. Drawn as HTML
//! (`ui::html`); the logic is `state::hygiene`'s, the flags are made once per list by the panel.

use crate::state::hygiene::{notice_text, Filter, KeyFlags};
use crate::store::use_store;
use crate::ui::html::{fill, html_part};
use leptos::prelude::*;
use std::sync::Arc;

/// The flags of the current key list (made by the panel).
pub type Flags = Memo<Arc<KeyFlags>>;

/// The notice of `due` keys older than `after` days; nothing when no key is due.
pub fn notice_html(due: usize, after: u32) -> String {
    let mut out = String::new();
    if due > 0 {
        fill(
            &mut out,
            "<div class=\"uk-notice\" data-testid=\"rotation-notice\"><p>\u{1}</p></div>",
            &[&notice_text(due, after)],
        );
    }
    out
}

/// "3 keys are older than 90 days and due for rotation". Quiet: not announced when the list loads.
pub fn rotation_notice(flags: Flags) -> impl IntoView {
    let after = use_store().rotate_after_days;
    let due = move || flags.with(|f| f.count(Filter::Due)).unwrap_or(0);
    html_part("", move || notice_html(due(), after), Arc::new(|_: &str, _: &str, _: &web_sys::Element| {}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_says_how_many_keys_are_due() {
        assert_eq!(notice_html(0, 90), "");
        let n = notice_html(2, 90);
        assert!(n.contains("<p>2 keys are older than 90 days and due for rotation.</p>"), "{n}");
    }
}
