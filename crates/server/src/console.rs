//! Serves the built console from `--dist`: files as they are (the `.br`/`.gz` the build made
//! next to them when the browser takes them, so nothing is compressed per request), the SPA's
//! `index.html` for extension-less paths, a real `robots.txt`, and a hint page when the console is
//! not built. Files whose name carries a content hash are cached for a year; everything else
//! (the page, the stable `keys-console.js` a host imports) is revalidated on every load. The page's
//! own inline script runs under the CSP by its hash ([`page_csp`], worked out once at start);
//! nothing else inline does.

use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::{engine::general_purpose::STANDARD as BASE64, Engine};
use sha2::{Digest, Sha256};
use std::path::Path;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

const ROBOTS: &str = "User-agent: *\nDisallow: /\n";
const NOT_BUILT: &str = "The console has not been built yet.\n\n\
Run `make run` to build it and start this server, or start the server with --dist (KEYS_DIST)\n\
pointing at a directory that holds the built console (its index.html).\n\n\
The API itself is available under /v2/.\n";

/// Whether the last path segment looks like a file name (`app.js`, `x.wasm`).
fn has_extension(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|last| last.contains('.'))
}

/// Whether `path` is under `/v2`, in any letter case (the routes themselves catch the exact case).
fn is_api_path(path: &str) -> bool {
    let lower = path.get(..3).map(str::to_ascii_lowercase);
    lower.as_deref() == Some("/v2") && matches!(path.as_bytes().get(3), None | Some(b'/'))
}

/// Whether a file name carries trunk's content hash: `keys-console-4f1a2b3c4d5e6f70_bg.wasm`.
pub fn is_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.split('.').next().unwrap_or(file);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `immutable` for hashed files, `no-cache` for the rest.
fn cache_control(path: &str, res: &mut Response) {
    let value = if is_hashed(path) { "public, max-age=31536000, immutable" } else { "no-cache" };
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
}

/// The CSP of an HTML page: the server's ([`crate::CSP`]) with each inline `<script>` of the page
/// allowed by its SHA-256. The console's page starts from one (assets/boot.js, put inline by the
/// build so the key list is asked for without waiting for one more file); `'unsafe-inline'` stays out.
pub fn page_csp(html: &str) -> String {
    let hashes: String =
        inline_scripts(html).map(|s| format!(" 'sha256-{}'", BASE64.encode(Sha256::digest(s)))).collect();
    let scripts = "script-src 'self' 'wasm-unsafe-eval'";
    crate::CSP.replacen(scripts, &format!("{scripts}{hashes}"), 1)
}

/// The text of each `<script>` without a `src`, as a browser hashes it (the page is ours: lower-case
/// tags, no `<script` in a comment).
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || loop {
        let tag_start = rest.find("<script")?;
        let tag_len = rest[tag_start..].find('>')?;
        let tag = &rest[tag_start..tag_start + tag_len];
        let body = &rest[tag_start + tag_len + 1..];
        let end = body.find("</script")?;
        rest = &body[end..];
        if !tag.contains(" src=") {
            return Some(&body[..end]);
        }
    })
}

/// The CSP of the built console's page, from `dist/index.html` as it is at start: `None` when it
/// cannot be read (then the server's own policy stays, and nothing inline runs). A rebuilt console
/// needs a restarted server (`make run` does both).
pub fn dist_page_csp(dist: &Path) -> Option<HeaderValue> {
    let html = std::fs::read_to_string(dist.join("index.html")).ok()?;
    HeaderValue::from_str(&page_csp(&html)).ok()
}

/// The headers of a file served from dist (`path` as asked for): its caching, and for the console's
/// page (`dist/index.html`) its CSP; other pages keep the server's. For an answer with the file (a
/// success) and for a 304: the browser keeps a 304's headers with the copy it has cached, and a
/// reload would otherwise run the cached page under a policy without its script's hash.
fn file_headers(state: &AppState, path: &str, file: &Path, res: &mut Response) {
    if res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED {
        cache_control(path, res);
        match &state.page_csp {
            Some(csp) if file == state.dist.join("index.html") => {
                res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, csp.clone());
            }
            _ => {}
        }
    }
}

fn text(status: StatusCode, body: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let dist = state.dist.clone();
    let readable = matches!(*req.method(), Method::GET | Method::HEAD);

    if is_api_path(&path) {
        // `/V2/…`: under the API's prefix in another case. Its answers are the API's, never the page.
        return crate::error::ApiError::not_found(format!(
            "There is no such API route. API paths are lower case: {}.",
            path.to_ascii_lowercase()
        ))
        .into_response();
    }
    if path == "/robots.txt" && !dist.join("robots.txt").is_file() {
        return text(StatusCode::OK, ROBOTS);
    }
    let index = dist.join("index.html");
    if !index.is_file() && readable && !has_extension(&path) {
        return text(StatusCode::OK, NOT_BUILT);
    }

    let (parts, body) = req.into_parts();
    let retry = Request::from_parts(parts.clone(), Body::empty());
    let mut res = ServeDir::new(dist.as_path())
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(Request::from_parts(parts, body))
        .await
        .map(|r| r.map(Body::new))
        .unwrap_or_else(|e| match e {});
    if res.status() == StatusCode::NOT_FOUND {
        if readable && !has_extension(&path) {
            // A console route such as /keys/abc: the SPA decides what to show.
            let mut page = ServeFile::new(&index)
                .precompressed_br()
                .precompressed_gzip()
                .oneshot(retry)
                .await
                .map(|r| r.map(Body::new).into_response())
                .unwrap_or_else(|e| match e {});
            file_headers(&state, "/index.html", &index, &mut page);
            return page;
        }
        return text(StatusCode::NOT_FOUND, "Not found.\n");
    }
    // The file this came from (ServeDir's rule: a directory's index.html).
    let file = match dist.join(path.trim_start_matches('/')) {
        dir if path.ends_with('/') => dir.join("index.html"),
        file => file,
    };
    file_headers(&state, &path, &file, &mut res);
    res.into_response()
}

#[cfg(test)]
mod tests {
    use super::{has_extension, inline_scripts, is_api_path, is_hashed, page_csp};

    #[test]
    fn a_page_csp_allows_its_own_inline_scripts_by_hash() {
        let page = "<head><script type=\"module\" src=\"/app.js\"></script><script type=\"module\">abc</script>\
                    </head><body><script></script></body>";
        assert_eq!(inline_scripts(page).collect::<Vec<_>>(), ["abc", ""]);
        let csp = page_csp(page);
        // sha256("abc") and sha256(""), base64: known values, not computed here.
        assert!(csp.starts_with(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' \
             'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=' \
             'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; style-src 'self';"
        ));
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(page_csp("<p>no scripts</p><script src=\"/a.js\"></script>"), crate::CSP);
    }

    #[test]
    fn api_paths_in_any_case() {
        assert!(is_api_path("/V2/objectstorage/innoida/accesskeys"));
        assert!(is_api_path("/V2"));
        assert!(is_api_path("/v2/"));
        assert!(!is_api_path("/v20"));
        assert!(!is_api_path("/"));
        assert!(!is_api_path("/keys"));
    }

    #[test]
    fn hashed_names() {
        assert!(is_hashed("/keys-console-4f1a2b3c4d5e6f70_bg.wasm"));
        assert!(is_hashed("/keys-console-4f1a2b3c4d5e6f70.js"));
        assert!(is_hashed("/standalone-0123456789abcdef.css"));
        assert!(!is_hashed("/keys-console.js"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/embed/host.js"));
        assert!(!is_hashed("/bench-key-00001"));
    }

    #[test]
    fn extensions() {
        assert!(has_extension("/pkg/app_bg.wasm"));
        assert!(has_extension("/robots.txt"));
        assert!(!has_extension("/"));
        assert!(!has_extension("/keys/R8fK2pQm"));
        assert!(!has_extension("/v.1/keys"));
    }
}
