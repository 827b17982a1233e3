//! Who may act with this server's credentials: only the console's own page, under the server's
//! own names. Applied to `/v2/` in both modes and to the test routes, before the token check.
//!
//! - **Host** (421): a request must name this server. On its own address: `127.0.0.1`,
//!   `localhost` or `[::1]` with the port it listens on (and, bound to a non-loopback address, that
//!   address, or any IP address when bound to all of them). With `--public-origin`, also that
//!   origin's host. A name an attacker owns (DNS rebinding) is none of these.
//! - **Origin** (403): when a browser sends one, it must be this server's origin: the public
//!   origin when set, otherwise `http://` and the request's own Host.
//! - **Sec-Fetch-Site** (403): `cross-site` and `same-site` are refused.
//! - **Content-Type** (415): every write (POST, the API's one write method) carries
//!   `application/json`, which no page of another site can send without asking first (a CORS
//!   preflight, which this server never grants). Other methods need a preflight anyway.
//!
//! A request with neither Origin nor Sec-Fetch-Site (a script, curl) is no browser's: the token
//! check that follows judges it.

use crate::error::ApiError;
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, SocketAddr};

/// `--public-origin`, checked: `scheme://host[:port]`, lower-case, the port always known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicOrigin {
    /// As a browser writes it in `Origin` (no default port).
    pub origin: String,
    pub host: String,
    pub port: u16,
}

impl PublicOrigin {
    pub fn parse(text: &str) -> Result<PublicOrigin, String> {
        let bad = |why: &str| {
            format!("--public-origin {text:?} {why}: give the address people open, such as https://keys.example.com")
        };
        let url = reqwest::Url::parse(text.trim()).map_err(|_| bad("is not a URL"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(bad("must start with http:// or https://"));
        }
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
            return Err(bad("must be an origin only (no path, query, fragment or user)"));
        }
        let host = url.host_str().ok_or_else(|| bad("has no host"))?.to_ascii_lowercase();
        let port = url.port_or_known_default().ok_or_else(|| bad("has no port"))?;
        let origin = url.origin().ascii_serialization();
        Ok(PublicOrigin { origin, host, port })
    }
}

/// This server's names and origin.
#[derive(Debug, Clone)]
pub struct Site {
    pub listen: SocketAddr,
    pub public: Option<PublicOrigin>,
}

impl Site {
    /// Whether a `Host` header names this server.
    pub fn names_us(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let (name, port) = split_host(&host);
        if let Some(public) = &self.public {
            let port = port.unwrap_or(if public.origin.starts_with("https:") { 443 } else { 80 });
            if name == public.host && port == public.port {
                return true;
            }
        }
        if port.unwrap_or(80) != self.listen.port() {
            return false;
        }
        if matches!(name, "localhost" | "127.0.0.1" | "[::1]") {
            return true;
        }
        let ip = name.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>();
        match ip {
            Ok(ip) if self.listen.ip().is_unspecified() => !ip.is_unspecified(),
            Ok(ip) => ip == self.listen.ip(),
            Err(_) => false,
        }
    }

    /// The origin a page of this server has, as the request's (checked) Host names it.
    pub fn origin_for(&self, host: &str) -> String {
        match &self.public {
            Some(public) => public.origin.clone(),
            None => format!("http://{}", host.trim().to_ascii_lowercase()),
        }
    }
}

/// `name` and `port` of a Host header (`[::1]:8080`, `localhost`, `example.com:443`).
fn split_host(host: &str) -> (&str, Option<u16>) {
    let colon = if host.starts_with('[') { host.find("]:").map(|i| i + 1) } else { host.rfind(':') };
    match colon {
        Some(i) => match host[i + 1..].parse() {
            Ok(port) => (&host[..i], Some(port)),
            Err(_) => (host, Some(0)),
        },
        None => (host, None),
    }
}

/// What a request fails, if anything: its status and message.
pub fn check(site: &Site, method: &Method, headers: &HeaderMap) -> Result<(), (StatusCode, String)> {
    let text = |name: header::HeaderName| headers.get(name).map(|v| v.to_str().unwrap_or("\u{fffd}"));
    let own = || match &site.public {
        Some(p) => p.origin.clone(),
        None => format!("http://{}", crate::browsable(site.listen)),
    };
    let host = text(header::HOST).unwrap_or("");
    if !site.names_us(host) {
        let hint = match &site.public {
            Some(_) => "".to_string(),
            None => " Behind a reverse proxy, start the server with --public-origin set to the address people open."
                .to_string(),
        };
        return Err((
            StatusCode::MISDIRECTED_REQUEST,
            format!("This server does not answer to the name {host:?}. Open the console at {}/.{hint}", own()),
        ));
    }
    let foreign = || {
        Err((
            StatusCode::FORBIDDEN,
            format!(
                "This server acts only for its own page. Open the console from {}/ itself, not from another \
                 site or page.",
                site.origin_for(host)
            ),
        ))
    };
    if let Some(origin) = text(header::ORIGIN) {
        if !origin.trim().eq_ignore_ascii_case(&site.origin_for(host)) {
            return foreign();
        }
    }
    if let Some(fetch_site) = headers.get("sec-fetch-site") {
        if matches!(fetch_site.as_bytes(), b"cross-site" | b"same-site") {
            return foreign();
        }
    }
    if *method == Method::POST {
        let essence = text(header::CONTENT_TYPE).unwrap_or("").split(';').next().unwrap_or("").trim();
        if !essence.eq_ignore_ascii_case("application/json") {
            return Err((
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Send the request with the header Content-Type: application/json (and a JSON body, {} when it \
                 has nothing to say)."
                    .into(),
            ));
        }
    }
    Ok(())
}

/// The middleware: [`check`], answered with the API's envelope.
pub async fn own_page_only(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match check(&state.site, req.method(), req.headers()) {
        Ok(()) => next.run(req).await,
        Err((status, message)) => ApiError::new(status, message).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn site(listen: &str, public: Option<&str>) -> Site {
        Site { listen: listen.parse().unwrap(), public: public.map(|p| PublicOrigin::parse(p).unwrap()) }
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    fn status(site: &Site, method: Method, pairs: &[(&'static str, &str)]) -> u16 {
        check(site, &method, &headers(pairs)).map_or_else(|(s, _)| s.as_u16(), |()| 200)
    }

    #[test]
    fn on_loopback_only_the_loopback_names_with_the_port() {
        let s = site("127.0.0.1:8080", None);
        for host in ["127.0.0.1:8080", "localhost:8080", "[::1]:8080", "LOCALHOST:8080"] {
            assert!(s.names_us(host), "{host}");
        }
        for host in ["evil.example:8080", "127.0.0.1:8081", "localhost", "10.0.0.5:8080", "", "127.0.0.1:x", "[::1]"] {
            assert!(!s.names_us(host), "{host}");
        }
    }

    #[test]
    fn on_all_addresses_any_ip_but_no_other_name() {
        let s = site("0.0.0.0:9000", None);
        assert!(s.names_us("10.0.0.5:9000") && s.names_us("[fe80::1]:9000") && s.names_us("localhost:9000"));
        assert!(!s.names_us("evil.example:9000") && !s.names_us("10.0.0.5:9001") && !s.names_us("0.0.0.0:9000"));
        let s = site("10.0.0.5:9000", None);
        assert!(s.names_us("10.0.0.5:9000") && !s.names_us("10.0.0.6:9000"));
    }

    #[test]
    fn a_public_origin_adds_its_host_and_is_the_only_origin() {
        let s = site("127.0.0.1:8080", Some("https://Keys.Example.com/"));
        assert_eq!(s.public.as_ref().unwrap().origin, "https://keys.example.com");
        assert!(s.names_us("keys.example.com") && s.names_us("keys.example.com:443"));
        assert!(!s.names_us("keys.example.com:8080") && !s.names_us("evil.example"));
        let ok = [("host", "keys.example.com"), ("origin", "https://keys.example.com")];
        assert_eq!(status(&s, Method::GET, &ok), 200);
        let local_page = [("host", "127.0.0.1:8080"), ("origin", "http://127.0.0.1:8080")];
        assert_eq!(status(&s, Method::GET, &local_page), 403);
        for bad in ["https://keys.example.com/x", "ftp://x", "https://keys.example.com?a", "not a url"] {
            assert!(PublicOrigin::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(PublicOrigin::parse("http://keys.test:8443").unwrap().port, 8443);
    }

    #[test]
    fn origins_fetch_sites_and_content_types() {
        let s = site("127.0.0.1:8080", None);
        let host = ("host", "127.0.0.1:8080");
        let json = ("content-type", "application/json; charset=utf-8");
        assert_eq!(status(&s, Method::GET, &[host]), 200, "curl: no Origin, no Sec-Fetch-Site");
        assert_eq!(status(&s, Method::POST, &[host, json, ("origin", "http://127.0.0.1:8080")]), 200);
        assert_eq!(status(&s, Method::GET, &[host, ("sec-fetch-site", "same-origin")]), 200);
        assert_eq!(status(&s, Method::POST, &[host, json, ("origin", "https://evil.example")]), 403);
        assert_eq!(status(&s, Method::POST, &[host, json, ("origin", "null")]), 403);
        assert_eq!(status(&s, Method::POST, &[host, json, ("origin", "http://localhost:8080")]), 403);
        assert_eq!(status(&s, Method::GET, &[host, ("sec-fetch-site", "cross-site")]), 403);
        assert_eq!(status(&s, Method::GET, &[host, ("sec-fetch-site", "same-site")]), 403);
        assert_eq!(status(&s, Method::POST, &[host, ("content-type", "text/plain")]), 415);
        assert_eq!(status(&s, Method::POST, &[host, ("content-type", "application/x-www-form-urlencoded")]), 415);
        assert_eq!(status(&s, Method::POST, &[host]), 415);
        assert_eq!(status(&s, Method::GET, &[("host", "evil.example:8080")]), 421);
        let (_, message) = check(&s, &Method::GET, &headers(&[("host", "evil.example:8080")])).unwrap_err();
        assert!(message.contains("http://127.0.0.1:8080/") && message.contains("--public-origin"), "{message}");
    }
}
