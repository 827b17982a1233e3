//! Parts of a view drawn as HTML in one call: the key table's rows (`access_keys::key_rows`) and
//! [`html_part`], a block drawn again whole when what it shows changes (the Buckets tab's table,
//! the picker of keys).
//!
//! Each `view!` element, attribute, `<For>` and `<Show>` is code of its own in the wasm; HTML
//! written into a string costs about its text. Blocks with many elements and few kinds of controls
//! are drawn this way, with one compiled copy of the drawing and of the event handling for all.

use super::effect::effect;
use crate::browser::dom::active_element;
use leptos::html::Div;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Appends `text` with `&`, `<`, `>`, `"` and `'` escaped: safe as text and in a quoted attribute.
/// Names come from the server and may hold anything.
pub fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// A piece of HTML: markup written as it is, or text that is escaped.
pub enum Part<'a> {
    M(&'a str),
    T(&'a str),
}

/// Writes `parts` in order, escaping the text.
pub fn html(capacity: usize, parts: &[Part]) -> String {
    let mut out = String::with_capacity(capacity);
    for part in parts {
        match part {
            Part::M(markup) => out.push_str(markup),
            Part::T(text) => escape(&mut out, text),
        }
    }
    out
}

/// Appends `template` with each `\u{1}` in it replaced by the next of `args`, escaped: markup
/// with a few values in it, in less code than [`html`]'s pieces.
pub fn fill(out: &mut String, template: &str, args: &[&str]) {
    let mut args = args.iter();
    for (i, piece) in template.split('\u{1}').enumerate() {
        if i > 0 {
            escape(out, args.next().copied().unwrap_or_default());
        }
        out.push_str(piece);
    }
}

/// What an [`html_part`]'s owner hears: a control's `data-act` and `data-id`, and the control.
pub type OnAct = Arc<dyn Fn(&str, &str, &Element) + Send + Sync>;

/// A `<div class=…>` whose content is `draw()`'s HTML, drawn again whenever a signal `draw` read
/// changes (only when the HTML differs). Its controls carry `data-act` (what they do) and `data-id`
/// (on what): a click on a button (Enter and Space too), a tick of a checkbox, a new choice in a
/// drop-down or typing in a text box goes to `on_act`. After a redraw, focus goes back to the
/// control with the same act and id, if there is one. (A part with a text box must not redraw
/// while it is typed in: the box would be new.)
pub fn html_part(class: &'static str, draw: impl Fn() -> String + 'static, on_act: OnAct) -> impl IntoView {
    boxed(class, Box::new(draw), on_act)
}

/// Not generic: one compiled copy for every part.
fn boxed(class: &'static str, draw: Box<dyn Fn() -> String>, on_act: OnAct) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    // What was drawn last: compared with the new HTML as written, not the DOM read back as HTML
    // (which costs a serialisation per run and normalises escapes, so it can differ when nothing did).
    let drawn = std::cell::RefCell::new(String::new());
    effect(move || {
        let html = draw();
        let Some(el) = node.get() else { return };
        if *drawn.borrow() == html {
            return;
        }
        let focused = active_element(&el).filter(|a| el.contains(Some(a))).and_then(|a| act_of(&a));
        el.set_inner_html(&html);
        *drawn.borrow_mut() = html;
        let Some((act, id)) = focused else { return };
        let Ok(controls) = el.query_selector_all("[data-act]") else { return };
        let again = (0..controls.length())
            .filter_map(|i| controls.item(i)?.dyn_into::<HtmlElement>().ok())
            .find(|c| act_of(c).is_some_and(|(a, i)| a == act && i == id));
        if let Some(control) = again {
            let _ = control.focus();
        }
    });
    // A field (a drop-down, a checkbox, a text box) speaks when its value changes, a button on a click.
    let heard = move |ev: &web_sys::Event| {
        let target = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
        let Some(control) = target.and_then(|t| t.closest("[data-act]").ok().flatten()) else { return };
        let field = matches!(control.tag_name().as_str(), "INPUT" | "SELECT");
        if field != (ev.type_() == "input") {
            return;
        }
        if let Some((act, id)) = act_of(&control) {
            on_act(&act, &id, &control);
        }
    };
    let typed = heard.clone();
    view! { <div class=class node_ref=node on:click=move |ev| heard(&ev) on:input=move |ev| typed(&ev)></div> }
}

/// The value of a control an [`OnAct`] heard (a drop-down's choice, a text box's text).
pub fn value_of(control: &Element) -> String {
    js_sys::Reflect::get(control, &"value".into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

/// A control's `data-act` and `data-id` (empty when it has none).
fn act_of(el: &Element) -> Option<(String, String)> {
    Some((el.get_attribute("data-act")?, el.get_attribute("data-id").unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_go_into_their_places_escaped() {
        let mut out = String::from("<ul>");
        fill(&mut out, "<li class=\"\u{1}\">\u{1}</li>", &["a", "<b> & 'c'"]);
        assert_eq!(out, "<ul><li class=\"a\">&lt;b&gt; &amp; &#39;c&#39;</li>");
        let mut out = String::new();
        fill(&mut out, "\u{1}-\u{1}", &["only one"]);
        assert_eq!(out, "only one-", "a missing value is empty");
    }
}
