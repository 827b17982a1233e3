//! The whole view state, kept in the URL query so a reload, back/forward or a shared link
//! restores the same view: `?tab=keys&dc=innoida&q=backup&sort=created&dir=desc&page=2&size=25`.
//! Defaults are left out of the URL.

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

    /// The query string (with its leading `?`, or empty), defaults left out.
    pub fn to_query(&self) -> String {
        let d = ViewState::default();
        let mut parts: Vec<String> = Vec::new();
        if self.tab != d.tab {
            parts.push(format!("tab={}", self.tab.as_str()));
        }
        if let Some(dc) = &self.dc {
            parts.push(format!("dc={}", encode(dc)));
        }
        if !self.search.is_empty() {
            parts.push(format!("q={}", encode(&self.search)));
        }
        if self.sort != d.sort || self.dir != d.dir {
            parts.push(format!("sort={}", self.sort.as_str()));
            parts.push(format!("dir={}", if self.dir == SortDir::Asc { "asc" } else { "desc" }));
        }
        if self.page != 1 {
            parts.push(format!("page={}", self.page));
        }
        if self.size != d.size {
            parts.push(format!("size={}", self.size));
        }
        if let Some(key) = &self.key {
            parts.push(format!("key={}", encode(key)));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
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
            sort: SortKey::Name,
            dir: SortDir::Asc,
            page: 3,
            size: 25,
            key: Some("AK1".into()),
        };
        let q = v.to_query();
        assert_eq!(q, "?dc=inmumbaizone2&q=back%20up%26more&sort=name&dir=asc&page=3&size=25&key=AK1");
        assert_eq!(
            parse(&[
                ("dc", "inmumbaizone2"),
                ("q", "back up&more"),
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
