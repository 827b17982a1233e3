//! The console's stylesheet (`style/console.css`, built in) given to the document or shadow root
//! the console renders into, as one constructable stylesheet in `adoptedStyleSheets`: a host
//! serves no CSS file, the console's rules reach only `.utho-keys`, and the last console to leave
//! a document or shadow root takes the sheet away.

use std::cell::RefCell;
use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, Node};

/// `style/console.css` as `build.rs` leaves it (comments and needless space out).
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/console.css"));

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
    /// Each document or shadow root holding the sheet, and how many consoles use it there.
    static USERS: RefCell<Vec<(Node, usize)>> = const { RefCell::new(Vec::new()) };
}

fn sheet() -> Option<CssStyleSheet> {
    SHEET.with(|s| {
        let mut s = s.borrow_mut();
        if s.is_none() {
            let sheet = CssStyleSheet::new().ok()?;
            sheet.replace_sync(CSS).ok()?;
            *s = Some(sheet);
        }
        s.clone()
    })
}

fn sheets_of(target: &Node) -> js_sys::Array {
    js_sys::Reflect::get(target, &JsValue::from_str("adoptedStyleSheets"))
        .ok()
        .map(|v| js_sys::Array::from(&v))
        .unwrap_or_default()
}

fn set_sheets(target: &Node, list: &js_sys::Array) {
    let _ = js_sys::Reflect::set(target, &JsValue::from_str("adoptedStyleSheets"), list);
}

/// Gives `target` (a document or a shadow root) the console's sheet, once however many consoles it holds.
pub fn adopt(target: &Node) {
    let Some(sheet) = sheet() else { return };
    let first = USERS.with(|u| {
        let mut u = u.borrow_mut();
        match u.iter_mut().find(|(n, _)| n == target) {
            Some((_, count)) => {
                *count += 1;
                false
            }
            None => {
                u.push((target.clone(), 1));
                true
            }
        }
    });
    if first {
        let list = sheets_of(target);
        list.push(&sheet);
        set_sheets(target, &list);
    }
}

/// One console left `target`: the last one takes the sheet away.
pub fn release(target: &Node) {
    let last = USERS.with(|u| {
        let mut u = u.borrow_mut();
        let Some(i) = u.iter().position(|(n, _)| n == target) else { return false };
        u[i].1 -= 1;
        if u[i].1 == 0 {
            u.remove(i);
            return true;
        }
        false
    });
    if let (true, Some(sheet)) = (last, sheet()) {
        let kept: js_sys::Array = sheets_of(target).iter().filter(|s| *s != JsValue::from(sheet.clone())).collect();
        set_sheets(target, &kept);
    }
}
