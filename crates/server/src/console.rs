//! Serves the built console from `--dist`: files as they are, the SPA's `index.html` for
//! extension-less paths, a real `robots.txt`, and a hint page when the console is not built.

use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
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

fn text(status: StatusCode, body: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let dist = state.dist.clone();
    let readable = matches!(*req.method(), Method::GET | Method::HEAD);

    if path == "/robots.txt" && !dist.join("robots.txt").is_file() {
        return text(StatusCode::OK, ROBOTS);
    }
    let index = dist.join("index.html");
    if !index.is_file() && readable && !has_extension(&path) {
        return text(StatusCode::OK, NOT_BUILT);
    }

    let (parts, body) = req.into_parts();
    let retry = Request::from_parts(parts.clone(), Body::empty());
    let res = ServeDir::new(dist.as_path())
        .oneshot(Request::from_parts(parts, body))
        .await
        .map(|r| r.map(Body::new))
        .unwrap_or_else(|e| match e {});
    if res.status() == StatusCode::NOT_FOUND {
        if readable && !has_extension(&path) {
            // A console route such as /keys/abc: the SPA decides what to show.
            return ServeFile::new(index)
                .oneshot(retry)
                .await
                .map(|r| r.map(Body::new).into_response())
                .unwrap_or_else(|e| match e {});
        }
        return text(StatusCode::NOT_FOUND, "Not found.\n");
    }
    res.into_response()
}

#[cfg(test)]
mod tests {
    use super::has_extension;

    #[test]
    fn extensions() {
        assert!(has_extension("/pkg/app_bg.wasm"));
        assert!(has_extension("/robots.txt"));
        assert!(!has_extension("/"));
        assert!(!has_extension("/keys/R8fK2pQm"));
        assert!(!has_extension("/v.1/keys"));
    }
}
