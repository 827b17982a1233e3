//! The whole view state, kept in the URL query so a reload, back/forward or a shared link
//! restores the same view: `?tab=keys&dc=innoida&q=backup&filter=due&sort=created&dir=desc&page=2&size=25`.
//! Defaults are left out of the URL.
//!
//! How much of the URL is the console's depends on the [`UrlMode`]: on its own page the view's
//! parameters are plain (`q=`); embedded in a host page they carry the prefix `keys.` (`keys.q=`)
//! and every other parameter and the hash stay exactly as the host wrote them.

use super::hygiene::Filters;

pub const PAGE_SIZES: [usize; 3] = [10, 25, 50];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    Buckets,
    #[default]
    Keys,
}

impl Tab {
    pub fn as_str(self) -> &'static str {
        match self {
            Tab::Buckets => "buckets",
            Tab::Keys => "keys",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    Name,
    Status,
    #[default]
    Created,
}

impl SortKey {
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Status => "status",
            SortKey::Created => "created",
        }
    }
    fn parse(s: &str) -> Option<SortKey> {
        [SortKey::Name, SortKey::Status, SortKey::Created].into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortDir {
    Asc,
    #[default]
    Desc,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewState {
    pub tab: Tab,
    /// `None`: the configured default data centre.
    pub dc: Option<String>,
    pub search: String,
    /// The table's filters that are on (`filter=due,no-access,suspended`).
    pub filters: Filters,
    pub sort: SortKey,
    pub dir: SortDir,
    /// 1-based.
    pub page: usize,
    pub size: usize,
    /// The access key ID whose details are open.
    pub key: Option<String>,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            tab: Tab::default(),
            dc: None,
            search: String::new(),
            filters: Filters::default(),
            sort: SortKey::default(),
            dir: SortDir::default(),
            page: 1,
            size: PAGE_SIZES[0],
            key: None,
        }
    }
}

impl ViewState {
    /// Reads the state from query parameters (already percent-decoded); anything unknown falls back
    /// to the default, so a hand-edited link never breaks the page.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> ViewState {
        let d = ViewState::default();
        ViewState {
            tab: match get("tab").as_deref() {
                Some("buckets") => Tab::Buckets,
                _ => Tab::Keys,
            },
            dc: get("dc").filter(|s| !s.is_empty()),
            search: get("q").unwrap_or_default(),
            filters: get("filter").map(|f| Filters::parse(&f)).unwrap_or_default(),
            sort: get("sort").as_deref().and_then(SortKey::parse).unwrap_or(d.sort),
            dir: match get("dir").as_deref() {
                Some("asc") => SortDir::Asc,
                Some("desc") => SortDir::Desc,
                _ => d.dir,
            },
            page: get("page").and_then(|p| p.parse().ok()).filter(|p| *p >= 1).unwrap_or(1),
            size: get("size").and_then(|s| s.parse().ok()).filter(|s| PAGE_SIZES.contains(s)).unwrap_or(d.size),
            key: get("key").filter(|s| !s.is_empty()),
        }
    }

    /// The view's parameters, defaults left out, values percent-encoded.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let d = ViewState::default();
        let mut params = Vec::new();
        if self.tab != d.tab {
            params.push(("tab", self.tab.as_str().to_string()));
        }
        if let Some(dc) = &self.dc {
            params.push(("dc", encode(dc)));
        }
        if !self.search.is_empty() {
            params.push(("q", encode(&self.search)));
        }
        if !self.filters.is_empty() {
            // Fixed names and commas: nothing to encode.
            params.push(("filter", self.filters.to_param()));
        }
        if self.sort != d.sort || self.dir != d.dir {
            params.push(("sort", self.sort.as_str().to_string()));
            params.push(("dir", if self.dir == SortDir::Asc { "asc" } else { "desc" }.to_string()));
        }
        if self.page != 1 {
            params.push(("page", self.page.to_string()));
        }
        if self.size != d.size {
            params.push(("size", self.size.to_string()));
        }
        if let Some(key) = &self.key {
            params.push(("key", encode(key)));
        }
        params
    }

    /// The query string of the view alone (with its leading `?`, or empty), defaults left out.
    pub fn to_query(&self) -> String {
        with_view("", self, UrlMode::Query)
    }

    /// Clicking a column header: a new column starts in its natural direction, the same one flips.
    pub fn toggle_sort(&mut self, key: SortKey) {
        if self.sort == key {
            self.dir = if self.dir == SortDir::Asc { SortDir::Desc } else { SortDir::Asc };
        } else {
            self.sort = key;
            self.dir = if key == SortKey::Created { SortDir::Desc } else { SortDir::Asc };
        }
        self.page = 1;
    }
}

/// The names of the view's parameters on the console's own page.
pub const VIEW_PARAMS: [&str; 9] = ["tab", "dc", "q", "filter", "sort", "dir", "page", "size", "key"];
/// The prefix of the view's parameters when the console is a guest in a host page.
pub const PREFIX: &str = "keys.";

/// How much of the page's URL the console may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlMode {
    /// The view lives in the query string under its plain names (the console's own page).
    Query,
    /// The view lives in the query string under `keys.`-prefixed names; the rest of the URL is the host's.
    Prefixed,
    /// The console never reads or writes the URL.
    Off,
}

impl UrlMode {
    /// `"query"`, `"prefixed"`, `"none"`.
    pub fn parse(s: &str) -> Option<UrlMode> {
        match s.trim() {
            "query" => Some(UrlMode::Query),
            "prefixed" => Some(UrlMode::Prefixed),
            "none" => Some(UrlMode::Off),
            _ => None,
        }
    }

    /// Whether a parameter (by its decoded name) belongs to the console.
    fn owns(self, name: &str) -> bool {
        match self {
            UrlMode::Query => VIEW_PARAMS.contains(&name),
            UrlMode::Prefixed => name.starts_with(PREFIX),
            UrlMode::Off => false,
        }
    }

    fn name(self, param: &str) -> String {
        match self {
            UrlMode::Prefixed => format!("{PREFIX}{param}"),
            _ => param.to_string(),
        }
    }
}

/// The `name=value` pairs of a query string (`?` optional), raw, in order; empty parts dropped.
fn parts(search: &str) -> impl Iterator<Item = &str> {
    search.strip_prefix('?').unwrap_or(search).split('&').filter(|p| !p.is_empty())
}

/// The view a query string holds under `mode` (the default view for [`UrlMode::Off`]).
pub fn view_from(search: &str, mode: UrlMode) -> ViewState {
    if mode == UrlMode::Off {
        return ViewState::default();
    }
    let pairs: Vec<(String, String)> = parts(search)
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    ViewState::from_query(|name| {
        let wanted = mode.name(name);
        pairs.iter().rev().find(|(k, _)| *k == wanted).map(|(_, v)| v.clone())
    })
}

/// `search` with the view's parameters replaced by `view`'s: the console's old parameters go, every
/// other one stays byte for byte and in its place, the view's are appended. Returns `""` or `?…`.
pub fn with_view(search: &str, view: &ViewState, mode: UrlMode) -> String {
    if mode == UrlMode::Off {
        return search.to_string();
    }
    let mut kept: Vec<String> = parts(search)
        .filter(|p| !mode.owns(&decode(p.split_once('=').map_or(*p, |(k, _)| k))))
        .map(str::to_string)
        .collect();
    kept.extend(view.to_params().into_iter().map(|(k, v)| format!("{}={v}", mode.name(k))));
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

/// Decodes a query component: `+` is a space, `%XX` a byte; invalid escapes stay as they are.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes a query value (everything but RFC 3986 unreserved characters).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(q: &[(&str, &str)]) -> ViewState {
        let m: HashMap<String, String> = q.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        ViewState::from_query(|k| m.get(k).cloned())
    }

    #[test]
    fn defaults_make_an_empty_query() {
        assert_eq!(ViewState::default().to_query(), "");
        assert_eq!(parse(&[]), ViewState::default());
    }

    #[test]
    fn round_trip_through_the_query() {
        let v = ViewState {
            tab: Tab::Keys,
            dc: Some("inmumbaizone2".into()),
            search: "back up&more".into(),
            filters: Filters::parse("suspended,due"),
            sort: SortKey::Name,
            dir: SortDir::Asc,
            page: 3,
            size: 25,
            key: Some("AK1".into()),
        };
        let q = v.to_query();
        assert_eq!(
            q,
            "?dc=inmumbaizone2&q=back%20up%26more&filter=due,suspended&sort=name&dir=asc&page=3&size=25&key=AK1"
        );
        assert_eq!(
            parse(&[
                ("dc", "inmumbaizone2"),
                ("q", "back up&more"),
                ("filter", "due,suspended"),
                ("sort", "name"),
                ("dir", "asc"),
                ("page", "3"),
                ("size", "25"),
                ("key", "AK1")
            ]),
            v
        );
    }

    #[test]
    fn nonsense_falls_back_to_defaults() {
        let v = parse(&[("tab", "x"), ("sort", "size"), ("page", "-2"), ("size", "7"), ("dir", "up")]);
        assert_eq!(v, ViewState::default());
        assert_eq!(parse(&[("page", "0")]).page, 1);
        assert_eq!(parse(&[("tab", "buckets")]).tab, Tab::Buckets);
    }

    #[test]
    fn prefixed_mode_keeps_the_hosts_parameters_byte_for_byte() {
        let v = ViewState { search: "back up".into(), key: Some("AK1".into()), ..Default::default() };
        let host = "?project=demo&x=a%2Bb+c&keys.q=old&empty=&keys.page=4";
        assert_eq!(
            with_view(host, &v, UrlMode::Prefixed),
            "?project=demo&x=a%2Bb+c&empty=&keys.q=back%20up&keys.key=AK1"
        );
        assert_eq!(with_view("?project=demo", &ViewState::default(), UrlMode::Prefixed), "?project=demo");
        assert_eq!(with_view("?keys.q=x", &ViewState::default(), UrlMode::Prefixed), "");
        // The host's own `q` is not the console's when prefixed.
        assert_eq!(with_view("?q=host", &v, UrlMode::Prefixed), "?q=host&keys.q=back%20up&keys.key=AK1");
    }

    #[test]
    fn filters_live_in_the_url_prefixed_when_embedded() {
        use crate::state::hygiene::Filter;
        let v = ViewState { filters: Filters::parse("no-access,due"), ..Default::default() };
        assert_eq!(
            with_view("?project=demo&filter=host", &v, UrlMode::Prefixed),
            "?project=demo&filter=host&keys.filter=due,no-access"
        );
        assert_eq!(with_view("?filter=old&utm=1", &v, UrlMode::Query), "?utm=1&filter=due,no-access");
        assert_eq!(view_from("?keys.filter=due%2Cno-access&filter=suspended", UrlMode::Prefixed).filters, v.filters);
        assert_eq!(view_from("?filter=suspended", UrlMode::Query).filters, Filters::only(Filter::Suspended));
        assert!(
            view_from("?filter=suspended", UrlMode::Prefixed).filters.is_empty(),
            "the host's filter is not the console's"
        );
        assert!(parse(&[("filter", "everything")]).filters.is_empty());
    }

    #[test]
    fn query_mode_owns_only_the_view_names() {
        let v = ViewState { page: 2, ..Default::default() };
        assert_eq!(with_view("?q=old&utm=1&page=9", &v, UrlMode::Query), "?utm=1&page=2");
        assert_eq!(ViewState::default().to_query(), "");
        assert_eq!(v.to_query(), "?page=2");
    }

    #[test]
    fn off_mode_neither_reads_nor_writes() {
        let v = ViewState { page: 3, ..Default::default() };
        assert_eq!(with_view("?keys.page=2&a=1", &v, UrlMode::Off), "?keys.page=2&a=1");
        assert_eq!(view_from("?page=2&keys.page=2", UrlMode::Off), ViewState::default());
    }

    #[test]
    fn reading_the_view_back_from_a_url() {
        let v = ViewState { search: "a b&c".into(), sort: SortKey::Name, dir: SortDir::Asc, ..Default::default() };
        for mode in [UrlMode::Query, UrlMode::Prefixed] {
            let q = with_view("?project=demo", &v, mode);
            assert_eq!(view_from(&q, mode), v, "{mode:?}");
        }
        assert_eq!(view_from("?keys.q=x+y", UrlMode::Prefixed).search, "x y");
        assert_eq!(view_from("?q=x", UrlMode::Prefixed).search, "", "the host's q is not the console's");
        assert_eq!(decode("100%25%zz%4"), "100%%zz%4");
        assert_eq!(UrlMode::parse("none"), Some(UrlMode::Off));
        assert_eq!(UrlMode::parse("hash"), None);
    }

    #[test]
    fn toggling_sort() {
        let mut v = ViewState { page: 4, ..Default::default() };
        v.toggle_sort(SortKey::Created);
        assert_eq!((v.sort, v.dir, v.page), (SortKey::Created, SortDir::Asc, 1));
        v.toggle_sort(SortKey::Name);
        assert_eq!((v.sort, v.dir), (SortKey::Name, SortDir::Asc));
        v.toggle_sort(SortKey::Name);
        assert_eq!((v.sort, v.dir), (SortKey::Name, SortDir::Desc));
    }
}
