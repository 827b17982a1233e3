//! Builds the console's stylesheet into the wasm small: `style/console.css` without comments and
//! runs of white space (OUT_DIR/console.css, included by `src/embed/style.rs`). Conservative: only
//! space that cannot matter goes (around `{ } ; ,` and at line ends), never inside quotes.

use std::{env, fs, path::Path};

fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote: Option<char> = None;
    let mut space = false;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut last = ' ';
            for d in chars.by_ref() {
                if last == '*' && d == '/' {
                    break;
                }
                last = d;
            }
            space = true;
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let tight = |x: char| matches!(x, '{' | '}' | ';' | ',');
        if space && !out.is_empty() && !tight(c) && !out.ends_with(tight) {
            out.push(' ');
        }
        space = false;
        if c == '}' && out.ends_with(';') {
            out.pop();
        }
        if c == '"' || c == '\'' {
            quote = Some(c);
        }
        out.push(c);
    }
    out
}

fn main() {
    let src = Path::new("style/console.css");
    println!("cargo:rerun-if-changed={}", src.display());
    let css = fs::read_to_string(src).expect("style/console.css");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("console.css");
    fs::write(out, minify(&css)).expect("write the minified stylesheet");
}
