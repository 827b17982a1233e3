//! Component tests in headless Chromium: `cargo test --target wasm32-unknown-unknown --lib`.

use crate::access_keys::name_field::KeyNameField;
use crate::api::ApiError;
use crate::browser::clipboard::CopyOutcome;
use crate::ui::copy_button::CopyButton;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets effects, spawned tasks and rendering run.
async fn settle() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn container() -> HtmlElement {
    let doc = document();
    let el: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

fn text_of(root: &HtmlElement, selector: &str) -> String {
    root.query_selector(selector).unwrap().unwrap().text_content().unwrap_or_default()
}

fn type_into(root: &HtmlElement, value: &str) {
    let input: HtmlInputElement = root.query_selector("input").unwrap().unwrap().unchecked_into();
    input.set_value(value);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn name_field_shows_each_rule_as_the_person_types() {
    let root = container();
    let name = RwSignal::new("my_key_1240".to_string());
    let server_error = RwSignal::new(None::<ApiError>);
    let _h = leptos::mount::mount_to(root.clone(), move || view! { <KeyNameField name server_error /> });
    settle().await;
    let msg = "[data-testid=key-name-message]";
    assert_eq!(text_of(&root, msg), "");
    assert_eq!(root.query_selector("input").unwrap().unwrap().get_attribute("aria-invalid").as_deref(), Some("false"));

    for (typed, want) in [
        ("", "Enter a key name."),
        ("ab", "Use at least 3 characters (this name has 2)."),
        ("-abc", "Start the name with a letter or a digit, not “-”."),
        ("my key", "Remove the spaces: use letters, digits, _ and - only."),
        ("a<bc", "Remove “<”: use letters, digits, _ and - only."),
        ("<b>", "Remove “<”: use letters, digits, _ and - only.Remove “>”: use letters, digits, _ and - only."),
        ("backup-nightly", ""),
    ] {
        type_into(&root, typed);
        settle().await;
        assert_eq!(text_of(&root, msg), want, "typed {typed:?}");
        assert_eq!(name.get_untracked(), typed, "the typed value is kept");
    }

    // A server message shows until the name changes.
    server_error.set(Some(ApiError::Conflict("An access key named backup-nightly already exists.".into())));
    settle().await;
    assert_eq!(text_of(&root, msg), "An access key named backup-nightly already exists.");
    assert_eq!(root.query_selector("input").unwrap().unwrap().get_attribute("aria-invalid").as_deref(), Some("true"));
    type_into(&root, "backup-nightly-2");
    settle().await;
    assert_eq!(text_of(&root, msg), "");
    root.remove();
}

fn copies(_: String, _: Option<web_sys::Element>) -> Pin<Box<dyn Future<Output = CopyOutcome>>> {
    Box::pin(async { CopyOutcome::Copied })
}
fn copies_by_fallback(_: String, _: Option<web_sys::Element>) -> Pin<Box<dyn Future<Output = CopyOutcome>>> {
    Box::pin(async { CopyOutcome::CopiedByFallback })
}
fn refuses(_: String, _: Option<web_sys::Element>) -> Pin<Box<dyn Future<Output = CopyOutcome>>> {
    Box::pin(async { CopyOutcome::Failed })
}

async fn click_copy(copier: crate::browser::clipboard::Copier) -> (String, String, usize) {
    let root = container();
    let copied = RwSignal::new(0usize);
    let _h = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <CopyButton
                value=Signal::stored("VALUE".to_string())
                what="secret key"
                copier
                on_copied=Callback::new(move |_| copied.update(|n| *n += 1))
            />
        }
    });
    settle().await;
    let button: HtmlElement = root.query_selector("button").unwrap().unwrap().unchecked_into();
    assert_eq!(button.get_attribute("aria-label").as_deref(), Some("Copy secret key"));
    assert_eq!(text_of(&root, ".uk-copy__text"), "Copy");
    button.click();
    settle().await;
    let out = (text_of(&root, ".uk-copy__text"), text_of(&root, "[role=status]"), copied.get_untracked());
    root.remove();
    out
}

#[wasm_bindgen_test]
async fn copy_button_says_copied_only_when_it_copied() {
    let (label, status, calls) = click_copy(copies).await;
    assert_eq!(label, "Copied");
    assert_eq!(status, "Copied secret key to the clipboard.");
    assert_eq!(calls, 1);

    let (label, _, calls) = click_copy(copies_by_fallback).await;
    assert_eq!(label, "Copied");
    assert_eq!(calls, 1);

    let (label, status, calls) = click_copy(refuses).await;
    assert_eq!(label, "Copy failed");
    assert!(status.contains("press Ctrl+C"), "{status}");
    assert_eq!(calls, 0, "no copy, no 'copied' callback");
}

#[wasm_bindgen_test]
async fn loader_keeps_the_latest_answer_and_takes_a_ready_one_at_once() {
    use crate::store::Loader;
    use futures::channel::oneshot;
    use std::cell::RefCell;
    use std::rc::Rc;

    let owner = Owner::new();
    let dc = RwSignal::new("a");
    // The requests still waiting for an answer, by the data centre they asked for.
    type Waiting = Vec<(&'static str, oneshot::Sender<String>)>;
    let waiting: Rc<RefCell<Waiting>> = Rc::default();
    let loader = owner.with(|| {
        let waiting = waiting.clone();
        Loader::new(move || {
            let (tx, rx) = oneshot::channel();
            waiting.borrow_mut().push((dc.get(), tx));
            async move { rx.await.unwrap_or_default() }
        })
    });
    let answer = |dc: &str, list: &str| {
        let mut w = waiting.borrow_mut();
        let i = w.iter().position(|(d, _)| *d == dc).unwrap_or_else(|| panic!("no request for {dc}"));
        w.remove(i).1.send(list.to_string()).unwrap();
    };
    assert_eq!(loader.get_untracked(), None, "nothing before the first answer");

    dc.set("b");
    settle().await;
    // The newer request answers first; the older one's late answer must not replace it.
    answer("b", "list of b");
    settle().await;
    assert_eq!(loader.get_untracked().as_deref(), Some("list of b"));
    answer("a", "list of a");
    settle().await;
    assert_eq!(loader.get_untracked().as_deref(), Some("list of b"), "an overtaken answer is dropped");

    // Asking again keeps the last answer on screen until the new one comes.
    loader.refetch();
    settle().await;
    assert_eq!(loader.get_untracked().as_deref(), Some("list of b"));
    answer("b", "list of b, again");
    settle().await;
    assert_eq!(loader.get_untracked().as_deref(), Some("list of b, again"));

    // An answer that is already there is taken in the same turn, before anything renders.
    let ready = owner.with(|| Loader::new(|| async { 7 }));
    assert_eq!(ready.get_untracked(), Some(7));

    // A signal the request reads once under way does not make it ask again; one `fetch` reads does.
    let (asked, inside) = (Rc::new(std::cell::Cell::new(0)), RwSignal::new(0));
    let counted = owner.with(|| {
        let asked = asked.clone();
        Loader::new(move || {
            asked.set(asked.get() + 1);
            async move { inside.get() }
        })
    });
    assert_eq!(counted.get_untracked(), Some(0));
    inside.set(1);
    settle().await;
    assert_eq!(asked.get(), 1, "asked again for a signal only the request read");
    drop(owner);
}

/// An event of this type that bubbles, as the browser's own `change` and `input` do.
fn bubbling(kind: &str) -> web_sys::Event {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    web_sys::CustomEvent::new_with_event_init_dict(kind, &init).unwrap().into()
}

#[wasm_bindgen_test]
async fn an_html_part_hears_its_controls_and_keeps_focus_through_a_redraw() {
    use crate::ui::html::{fill, html_part};
    use std::sync::{Arc, Mutex};
    let root = container();
    let count = RwSignal::new(0usize);
    let heard = Arc::new(Mutex::new(Vec::<String>::new()));
    let log = heard.clone();
    let draw = move || {
        let mut out = String::new();
        let n = count.get().to_string();
        fill(
            &mut out,
            "<p>\u{1} <b>&</b></p><button type=\"button\" data-act=\"add\" data-id=\"one\">Add</button>",
            &[&n],
        );
        out + "<select data-act=\"pick\"><option value=\"a\">A</option><option value=\"b\">B</option></select><input type=\"search\" data-act=\"find\">"
    };
    let on_act = Arc::new(move |act: &str, id: &str, _: &web_sys::Element| {
        log.lock().unwrap().push(format!("{act}/{id}"));
        if act == "add" {
            count.update(|n| *n += 1);
        }
    });
    let _h = leptos::mount::mount_to(root.clone(), move || html_part("", draw, on_act));
    settle().await;
    assert_eq!(text_of(&root, "p"), "0 &");
    let button: HtmlElement = root.query_selector("button").unwrap().unwrap().unchecked_into();
    button.focus().unwrap();
    button.click();
    settle().await;
    assert_eq!(text_of(&root, "p"), "1 &", "drawn again");
    let again: HtmlElement = root.query_selector("button").unwrap().unwrap().unchecked_into();
    assert!(!again.is_same_node(Some(&button)), "a new button");
    assert!(again.is_same_node(document().active_element().as_ref().map(|e| e.unchecked_ref())), "focus is back on it");
    // A drop-down speaks when it changes, a text box as it is typed in (both `input`); a click on
    // them is not an act.
    let select: HtmlElement = root.query_selector("select").unwrap().unwrap().unchecked_into();
    select.click();
    select.dispatch_event(&bubbling("input")).unwrap();
    let input: HtmlInputElement = root.query_selector("input").unwrap().unwrap().unchecked_into();
    input.click();
    input.dispatch_event(&bubbling("input")).unwrap();
    assert_eq!(*heard.lock().unwrap(), ["add/one", "pick/", "find/"]);
    root.remove();
}
