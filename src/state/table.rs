//! Filtering, sorting and paging of the key table, as pure functions.

use super::view::{SortDir, SortKey, ViewState};
use keys_api::AccessKey;
use std::cmp::Ordering;

/// One page of the filtered, sorted keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPage {
    pub rows: Vec<AccessKey>,
    /// Keys that match the search, over all pages.
    pub matching: usize,
    /// The page shown (clamped to the pages there are), 1-based.
    pub page: usize,
    pub pages: usize,
    /// 1-based index of the first row shown (0 when none).
    pub first: usize,
    pub last: usize,
}

/// Where a page sits among the pages: what a pager shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSpan {
    /// 1-based.
    pub page: usize,
    pub pages: usize,
    /// 1-based index of the first row shown (0 when none).
    pub first: usize,
    pub last: usize,
    /// Rows over all pages.
    pub total: usize,
}

impl KeyPage {
    pub fn span(&self) -> PageSpan {
        PageSpan { page: self.page, pages: self.pages, first: self.first, last: self.last, total: self.matching }
    }
}

/// One place of a pager: a page number, or the gap between far-apart numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageItem {
    Page(usize),
    Gap,
}

/// The pages a pager shows: the first, the last, and the current one with a neighbour each side;
/// gaps where numbers are left out (a gap never hides just one page: that page is shown instead).
/// At most 7 items, however many pages there are.
pub fn page_window(current: usize, pages: usize) -> Vec<PageItem> {
    let pages = pages.max(1);
    let current = current.clamp(1, pages);
    let mut shown: Vec<usize> = [1, current.saturating_sub(1), current, current + 1, pages]
        .into_iter()
        .filter(|n| (1..=pages).contains(n))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    let mut items = Vec::new();
    let mut last = 0;
    for n in shown {
        match n - last {
            1 => {}
            2 => items.push(PageItem::Page(n - 1)),
            _ => items.push(PageItem::Gap),
        }
        items.push(PageItem::Page(n));
        last = n;
    }
    items
}

fn matches(key: &AccessKey, needle: &str) -> bool {
    needle.is_empty() || key.name.to_lowercase().contains(needle) || key.accesskey.to_lowercase().contains(needle)
}

fn compare(a: &AccessKey, b: &AccessKey, sort: SortKey) -> Ordering {
    match sort {
        SortKey::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        SortKey::Status => a.status.label().cmp(b.status.label()),
        // "YYYY-MM-DD HH:MM:SS" sorts as text.
        SortKey::Created => a.created_at.cmp(&b.created_at),
    }
}

/// The rows to show for `view`. The sort is stable: keys that compare equal keep the server's order
/// (the reference server and the console both list newest first).
pub fn page_of(keys: &[AccessKey], view: &ViewState) -> KeyPage {
    let needle = view.search.trim().to_lowercase();
    let mut rows: Vec<&AccessKey> = keys.iter().filter(|k| matches(k, &needle)).collect();
    rows.sort_by(|a, b| {
        let o = compare(a, b, view.sort);
        if view.dir == SortDir::Desc {
            o.reverse()
        } else {
            o
        }
    });
    let matching = rows.len();
    let size = view.size.max(1);
    let pages = matching.div_ceil(size).max(1);
    let page = view.page.clamp(1, pages);
    let start = (page - 1) * size;
    let shown: Vec<AccessKey> = rows.into_iter().skip(start).take(size).cloned().collect();
    let (first, last) = if shown.is_empty() { (0, 0) } else { (start + 1, start + shown.len()) };
    KeyPage { rows: shown, matching, page, pages, first, last }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keys_api::KeyStatus;

    fn key(name: &str, id: &str, created: &str, status: KeyStatus) -> AccessKey {
        AccessKey {
            name: name.into(),
            accesskey: id.into(),
            dcslug: "innoida".into(),
            status,
            created_at: created.into(),
        }
    }

    fn sample() -> Vec<AccessKey> {
        vec![
            key("alpha", "AAA111", "2026-01-01 10:00:00", KeyStatus::Active),
            key("Bravo", "BBB222", "2026-03-01 10:00:00", KeyStatus::Suspended),
            key("charlie", "CCC333", "2026-02-01 10:00:00", KeyStatus::Active),
        ]
    }

    fn names(p: &KeyPage) -> Vec<&str> {
        p.rows.iter().map(|k| k.name.as_str()).collect()
    }

    #[test]
    fn newest_first_by_default() {
        assert_eq!(names(&page_of(&sample(), &ViewState::default())), ["Bravo", "charlie", "alpha"]);
    }

    #[test]
    fn ties_keep_the_server_order() {
        let keys = vec![
            key("second", "S", "2026-01-01 10:00:00", KeyStatus::Active),
            key("first", "F", "2026-01-01 10:00:00", KeyStatus::Active),
        ];
        assert_eq!(names(&page_of(&keys, &ViewState::default())), ["second", "first"]);
    }

    #[test]
    fn search_by_name_or_id_ignoring_case() {
        let v = |q: &str| ViewState { search: q.into(), ..Default::default() };
        assert_eq!(names(&page_of(&sample(), &v("BRAVO"))), ["Bravo"]);
        assert_eq!(names(&page_of(&sample(), &v("ccc3"))), ["charlie"]);
        assert_eq!(names(&page_of(&sample(), &v("  alpha "))), ["alpha"]);
        let none = page_of(&sample(), &v("zzz"));
        assert_eq!((none.matching, none.first, none.last, none.pages), (0, 0, 0, 1));
    }

    #[test]
    fn sorts_by_each_column_both_ways() {
        let v = |sort, dir| ViewState { sort, dir, ..Default::default() };
        assert_eq!(names(&page_of(&sample(), &v(SortKey::Name, SortDir::Asc))), ["alpha", "Bravo", "charlie"]);
        assert_eq!(names(&page_of(&sample(), &v(SortKey::Name, SortDir::Desc))), ["charlie", "Bravo", "alpha"]);
        assert_eq!(names(&page_of(&sample(), &v(SortKey::Status, SortDir::Desc)))[0], "Bravo");
        assert_eq!(names(&page_of(&sample(), &v(SortKey::Created, SortDir::Asc))), ["alpha", "charlie", "Bravo"]);
    }

    #[test]
    fn the_pager_window_is_bounded() {
        use PageItem::{Gap, Page};
        assert_eq!(page_window(1, 1), [Page(1)]);
        assert_eq!(page_window(2, 4), [Page(1), Page(2), Page(3), Page(4)]);
        assert_eq!(page_window(1, 25), [Page(1), Page(2), Gap, Page(25)]);
        assert_eq!(page_window(13, 1000), [Page(1), Gap, Page(12), Page(13), Page(14), Gap, Page(1000)]);
        assert_eq!(page_window(4, 25), [Page(1), Page(2), Page(3), Page(4), Page(5), Gap, Page(25)]);
        assert_eq!(page_window(25, 25), [Page(1), Gap, Page(24), Page(25)]);
        assert_eq!(page_window(99, 3), [Page(1), Page(2), Page(3)], "clamped");
        for pages in 1..60 {
            for current in 1..=pages {
                let w = page_window(current, pages);
                assert!(w.len() <= 7, "{current}/{pages}: {w:?}");
                assert!(w.contains(&Page(current)) && w.contains(&Page(1)) && w.contains(&Page(pages)));
            }
        }
    }

    #[test]
    fn pages_and_clamping() {
        let keys: Vec<AccessKey> = (0..23)
            .map(|i| {
                key(&format!("k{i:02}"), &format!("ID{i}"), &format!("2026-01-01 10:00:{i:02}"), KeyStatus::Active)
            })
            .collect();
        let p = page_of(&keys, &ViewState { page: 3, ..Default::default() });
        assert_eq!((p.page, p.pages, p.first, p.last, p.rows.len(), p.matching), (3, 3, 21, 23, 3, 23));
        let p = page_of(&keys, &ViewState { page: 9, size: 25, ..Default::default() });
        assert_eq!((p.page, p.pages, p.first, p.last), (1, 1, 1, 23));
    }
}
