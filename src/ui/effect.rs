//! [`effect`]: `Effect::new` for effects that keep no value between runs, compiled once.
//!
//! Each `Effect::new` with its own closure type gets its own copy of the effect's scheduling code
//! (about 900 bytes of wasm each, 18 KB for the console's 20 effects). Going through one boxed
//! closure type leaves one copy; the extra indirect call per run costs nothing measurable.

use leptos::prelude::Effect;

/// Runs `f` now (after the current render) and again whenever a signal it read changes.
pub fn effect(f: impl Fn() + 'static) {
    boxed(Box::new(f));
}

/// Not generic: a closure made inside `effect` would be a new type for every `f`.
fn boxed(f: Box<dyn Fn()>) {
    Effect::new(move |_| f());
}
