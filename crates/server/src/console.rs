//! Serves the built console from `--dist`: files as they are (the `.br`/`.gz` the build made
//! next to them when the browser takes them, so nothing is compressed per request), the SPA's
//! `index.html` for extension-less paths, a real `robots.txt`, and a hint page when the console is
//! not built. Files whose name carries a content hash are cached for a year; everything else
//! (the page, the stable `keys-console.js` a host imports) is revalidated on every load.

use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
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
    if path.contains("/snippets/") {
        return false; // named after the crate, not the content
    }
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
            let mut page = ServeFile::new(index)
                .precompressed_br()
                .precompressed_gzip()
                .oneshot(retry)
                .await
                .map(|r| r.map(Body::new).into_response())
                .unwrap_or_else(|e| match e {});
            cache_control("/index.html", &mut page);
            return page;
        }
        return text(StatusCode::NOT_FOUND, "Not found.\n");
    }
    if res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED {
        cache_control(&path, &mut res);
    }
    res.into_response()
}

#[cfg(test)]
mod tests {
    use super::{has_extension, is_api_path, is_hashed};

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
        assert!(!is_hashed("/snippets/keys-console-1f1f9f3e7562d5e8/inline0.js"));
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
