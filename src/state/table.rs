//! Filtering, sorting and paging of the key table, as pure functions.

use super::hygiene::{Filters, KeyFlags};
use super::view::{SortDir, SortKey, ViewState};
use keys_api::{AccessKey, Bucket};
use std::cmp::Ordering;
use std::sync::{Arc, Mutex, OnceLock};

/// One page of the filtered, sorted keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPage {
    pub rows: Vec<AccessKey>,
    /// Where each row's key is in the list the page was cut from (a row reads its live status
    /// there without a search).
    pub at: Vec<u32>,
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
    // Already in order (1 ≤ current-1 < current < current+1 ≤ pages, out-of-range ones dropped).
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

/// What the table needs of a key list, made once per list (not per keystroke): the names and
/// IDs in lower case, one after another, for one search pass over all keys; and, the first time
/// each is needed, the keys in the order of each column and by ID.
///
/// Case is folded for ASCII only: the API's names and IDs are ASCII (see `keys_api::names`), and
/// Unicode case tables would cost the wasm more than they give. Other characters match as typed.
#[derive(Debug, Default)]
pub struct KeyIndex {
    /// `name\0id\0` of every key, in list order, lower case.
    text: String,
    /// Where each key's text starts in `text`; one more at the end.
    starts: Vec<u32>,
    /// Where each key's name ends in `text`.
    name_ends: Vec<u32>,
    /// Per column (Name, Status, Created): positions in ascending order and their ranks.
    sorted: [OnceLock<Sorted>; 3],
    /// Positions in order of access key ID (binary search, no hashing).
    by_id: OnceLock<Vec<u32>>,
    /// The list's filter flags, for the bucket list and rotation age they were made with.
    flags: Mutex<Option<FlagsMade>>,
    /// When the list was read (seconds since 1970): the "now" of every key age shown with it
    /// (rows, notice, filters), so they agree.
    pub read_at: i64,
}

/// Flags kept by an index: the bucket list they saw (kept, so compared as the same list, never a
/// new one at a freed one's address), the rotation age, the flags.
type FlagsMade = (Option<Arc<Vec<Bucket>>>, u32, Arc<KeyFlags>);

/// The keys in the order of one column. Equal keys keep the list's order and share a rank.
#[derive(Debug)]
struct Sorted {
    asc: Vec<u32>,
    /// The rank of each position (by position): equal values, equal ranks.
    rank: Vec<u32>,
}

/// Two indexes are the same only if they are one: an index belongs to the list it was made
/// from, and its orders (made lazily, from that list) must never be taken for another list's.
impl PartialEq for KeyIndex {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl KeyIndex {
    pub fn new(keys: &[AccessKey]) -> KeyIndex {
        let mut text = String::with_capacity(keys.iter().map(|k| k.name.len() + k.accesskey.len() + 2).sum());
        let mut starts = Vec::with_capacity(keys.len() + 1);
        let mut name_ends = Vec::with_capacity(keys.len());
        for k in keys {
            starts.push(text.len() as u32);
            text.push_str(&k.name);
            name_ends.push(text.len() as u32);
            text.push('\0');
            text.push_str(&k.accesskey);
            text.push('\0');
        }
        starts.push(text.len() as u32);
        text.make_ascii_lowercase();
        KeyIndex { text, starts, name_ends, ..KeyIndex::default() }
    }

    /// The index, read at `secs` (seconds since 1970).
    pub fn at(self, secs: i64) -> KeyIndex {
        KeyIndex { read_at: secs, ..self }
    }

    fn len(&self) -> usize {
        self.name_ends.len()
    }

    fn name(&self, i: usize) -> &str {
        &self.text[self.starts[i] as usize..self.name_ends[i] as usize]
    }

    /// The position of the key with this access key ID in `keys`, the list the index was made from.
    pub fn position(&self, keys: &[AccessKey], accesskey: &str) -> Option<usize> {
        let by_id = self.by_id.get_or_init(|| {
            let mut by_id: Vec<u32> = (0..keys.len() as u32).collect();
            sort_positions(&mut by_id, &|a, b| keys[a].accesskey.cmp(&keys[b].accesskey));
            by_id
        });
        by_id
            .binary_search_by(|i| keys[*i as usize].accesskey.as_str().cmp(accesskey))
            .ok()
            .map(|at| by_id[at] as usize)
    }

    /// Which keys of the list (`keys`, the list the index was made from) pass each filter, with
    /// keys older than `rotate_after` days due and, once there, what `buckets` they reach
    /// ([`KeyFlags::new`]). Made once per bucket list and kept here like the orders: every filter
    /// pass, count and notice of the list reads the same flags.
    pub fn flags(&self, keys: &[AccessKey], rotate_after: u32, buckets: Option<Arc<Vec<Bucket>>>) -> Arc<KeyFlags> {
        let mut made = self.flags.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((seen, after, flags)) = &*made {
            let same = match (seen, &buckets) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            };
            if same && *after == rotate_after {
                return flags.clone();
            }
        }
        let flags = Arc::new(KeyFlags::new(keys, self, rotate_after, buckets.as_ref().map(|b| b.as_slice())));
        *made = Some((buckets, rotate_after, flags.clone()));
        flags
    }

    /// Makes every order now (each column's, by ID), so the first sort by another column only
    /// filters. For a quiet moment after a list loads; `keys` is the list the index was made from.
    pub fn prepare(&self, keys: &[AccessKey]) {
        for column in [SortKey::Name, SortKey::Status, SortKey::Created] {
            self.sorted(keys, column);
        }
        if let Some(k) = keys.first() {
            self.position(keys, &k.accesskey);
        }
        // The browser compiles wasm functions lazily and optimizes them only once they have run:
        // without a first run here, the first keystroke or sort would run the search and the
        // ordering as first-pass code (several times slower at 10,000 keys). Results are dropped.
        // Once per page, with the first long list (a short one is quick either way and runs too
        // little to get the code optimized); later lists run the same, by then optimized, code.
        static WARMED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        if keys.len() < 1_000 || WARMED.swap(true, std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        for dir in [SortDir::Asc, SortDir::Desc] {
            let query = RowQuery { search: "\u{1}".into(), sort: SortKey::Name, dir, ..RowQuery::default() };
            order(keys, self, &query, None);
            order(keys, self, &RowQuery { search: String::new(), ..query }, None);
        }
    }

    /// Which keys contain `needle` (lower case) in their name or ID; `None` when all do.
    fn matching(&self, needle: &str) -> Option<Vec<bool>> {
        if needle.is_empty() {
            return None;
        }
        let mut hit = vec![false; self.len()];
        // A needle without the separator cannot match across two fields.
        if needle.contains('\0') {
            return Some(hit);
        }
        // Where the needle's first byte is, whether the rest follows; after a match, on to the
        // next key. (Faster here than `str::find`'s general searcher: needles are a few letters.)
        let (text, needle) = (self.text.as_bytes(), needle.as_bytes());
        let first = needle[0];
        let (mut at, mut k) = (0, 0);
        while at + needle.len() <= text.len() {
            if text[at] != first || !text[at..].starts_with(needle) {
                at += 1;
                continue;
            }
            while self.starts[k + 1] as usize <= at {
                k += 1;
            }
            hit[k] = true;
            at = self.starts[k + 1] as usize;
        }
        Some(hit)
    }

    fn sorted(&self, keys: &[AccessKey], column: SortKey) -> &Sorted {
        let (slot, compare): (usize, &dyn Fn(usize, usize) -> Ordering) = match column {
            SortKey::Name => (0, &|a, b| self.name(a).cmp(self.name(b))),
            SortKey::Status => (1, &|a, b| keys[a].status.label().cmp(keys[b].status.label())),
            // "YYYY-MM-DD HH:MM:SS" sorts as text.
            SortKey::Created => (2, &|a, b| keys[a].created_at.cmp(&keys[b].created_at)),
        };
        self.sorted[slot].get_or_init(|| {
            let n = self.len();
            let mut asc: Vec<u32> = (0..n as u32).collect();
            if (1..n).any(|i| compare(i - 1, i) == Ordering::Greater) {
                if (1..n).all(|i| compare(i - 1, i) != Ordering::Less) {
                    // Already in descending order (the server lists newest first): the groups of
                    // equal keys from the last to the first, each in the list's order. No sort.
                    asc.clear();
                    let mut end = n;
                    while end > 0 {
                        let mut start = end - 1;
                        while start > 0 && compare(start - 1, start) == Ordering::Equal {
                            start -= 1;
                        }
                        asc.extend(start as u32..end as u32);
                        end = start;
                    }
                } else {
                    sort_positions(&mut asc, compare);
                }
            }
            let mut rank = vec![0; asc.len()];
            let mut r = 0;
            for w in 1..asc.len() {
                if compare(asc[w - 1] as usize, asc[w] as usize) != Ordering::Equal {
                    r += 1;
                }
                rank[asc[w] as usize] = r;
            }
            Sorted { asc, rank }
        })
    }
}

/// Sorts positions by `compare`, stably (equal keys keep the list's order). The one sort of the
/// table: every order goes through it, so the wasm holds one copy of the sorting code.
fn sort_positions(positions: &mut [u32], compare: &dyn Fn(usize, usize) -> Ordering) {
    positions.sort_by(|a, b| compare(*a as usize, *b as usize));
}

/// What the order of the rows depends on (not the page or its size).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowQuery {
    pub search: String,
    pub sort: SortKey,
    pub dir: SortDir,
    /// A row must pass every filter that is on.
    pub filters: Filters,
}

impl From<&ViewState> for RowQuery {
    fn from(v: &ViewState) -> Self {
        RowQuery { search: v.search.trim().to_ascii_lowercase(), sort: v.sort, dir: v.dir, filters: v.filters }
    }
}

/// The positions of the keys that match the search and pass the filters, in the order asked: one
/// pass over the column's order (made once per list), nothing sorted or allocated per keystroke.
/// Keys that compare equal keep the list's order both ways (the reference server and the console
/// both list newest first). `index` must be the index of `keys`, `flags` their flags (read only
/// when a filter is on; without them no key passes a filter).
/// Never inlined: [`KeyIndex::prepare`] must run the same code a view change runs.
#[inline(never)]
pub fn order(keys: &[AccessKey], index: &KeyIndex, query: &RowQuery, flags: Option<&KeyFlags>) -> Vec<u32> {
    let hit = index.matching(&query.search);
    let wanted = query.filters;
    let keep = |i: &u32| {
        hit.as_ref().is_none_or(|h| h[*i as usize])
            && (wanted.is_empty() || flags.is_some_and(|f| f.passes(*i as usize, wanted)))
    };
    let sorted = index.sorted(keys, query.sort);
    match query.dir {
        SortDir::Asc => sorted.asc.iter().copied().filter(keep).collect(),
        SortDir::Desc => {
            // Groups of equal keys from the last to the first, each in the list's order.
            let (asc, rank) = (&sorted.asc, &sorted.rank);
            let mut rows = Vec::with_capacity(hit.as_ref().map_or(asc.len(), |h| h.iter().filter(|x| **x).count()));
            let mut end = asc.len();
            while end > 0 {
                let r = rank[asc[end - 1] as usize];
                let mut start = end - 1;
                while start > 0 && rank[asc[start - 1] as usize] == r {
                    start -= 1;
                }
                rows.extend(asc[start..end].iter().copied().filter(keep));
                end = start;
            }
            rows
        }
    }
}

/// One page of an ordered list: only the rows shown are copied.
pub fn slice(keys: &[AccessKey], order: &[u32], page: usize, size: usize) -> KeyPage {
    let matching = order.len();
    let size = size.max(1);
    let pages = matching.div_ceil(size).max(1);
    let page = page.clamp(1, pages);
    let start = (page - 1) * size;
    let at: Vec<u32> = order.iter().skip(start).take(size).copied().collect();
    let rows: Vec<AccessKey> = at.iter().map(|i| keys[*i as usize].clone()).collect();
    let (first, last) = if rows.is_empty() { (0, 0) } else { (start + 1, start + rows.len()) };
    KeyPage { rows, at, matching, page, pages, first, last }
}

/// The rows to show for `view`, in one call (index, order and slice).
pub fn page_of(keys: &[AccessKey], view: &ViewState) -> KeyPage {
    let index = KeyIndex::new(keys);
    slice(keys, &order(keys, &index, &RowQuery::from(view), None), view.page, view.size)
}

#[cfg(test)]
mod tests {
    use super::*;
    use keys_api::KeyStatus;

    use crate::state::test_key as key;

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
    fn the_index_finds_keys_by_id_and_a_page_change_only_slices() {
        let keys = sample();
        let index = KeyIndex::new(&keys);
        assert_eq!(index.position(&keys, "CCC333"), Some(2));
        assert_eq!(index.position(&keys, "BBB222"), Some(1));
        assert_eq!(index.position(&keys, "nope"), None);
        let query = RowQuery { search: "a".into(), sort: SortKey::Name, dir: SortDir::Asc, ..RowQuery::default() };
        let rows = order(&keys, &index, &query, None);
        assert_eq!(rows, [0, 1, 2], "alpha, Bravo, charlie all contain an a");
        let p = slice(&keys, &rows, 2, 2);
        assert_eq!((p.page, p.first, p.last), (2, 3, 3));
        assert_eq!(names(&p), ["charlie"]);
        assert_eq!(p.at, [2]);
    }

    #[test]
    fn descending_keeps_ties_in_list_order_and_search_never_spans_fields() {
        let keys = vec![
            key("b", "ID1", "2026-01-01 10:00:00", KeyStatus::Active),
            key("a", "ID2", "2026-01-02 10:00:00", KeyStatus::Suspended),
            key("b", "ID3", "2026-01-03 10:00:00", KeyStatus::Active),
            key("c", "ID4", "2026-01-04 10:00:00", KeyStatus::Active),
        ];
        let index = KeyIndex::new(&keys);
        let q = |search: &str, sort, dir| RowQuery { search: search.into(), sort, dir, ..RowQuery::default() };
        let order = |keys: &[AccessKey], index: &KeyIndex, q: &RowQuery| order(keys, index, q, None);
        assert_eq!(order(&keys, &index, &q("", SortKey::Name, SortDir::Desc)), [3, 0, 2, 1]);
        assert_eq!(order(&keys, &index, &q("", SortKey::Name, SortDir::Asc)), [1, 0, 2, 3]);
        assert_eq!(order(&keys, &index, &q("", SortKey::Status, SortDir::Desc)), [1, 0, 2, 3]);
        assert_eq!(order(&keys, &index, &q("id3", SortKey::Created, SortDir::Desc)), [2]);
        // "b\0id1": the end of a name and the start of its ID are not one text.
        assert_eq!(order(&keys, &index, &q("bid", SortKey::Created, SortDir::Asc)), Vec::<u32>::new());
        assert_eq!(order(&keys, &index, &q("b\0", SortKey::Created, SortDir::Asc)), Vec::<u32>::new());
        // One key matched twice (name and ID) is one row.
        let keys = vec![key("d1", "D1", "2026-01-01 10:00:00", KeyStatus::Active)];
        assert_eq!(order(&keys, &KeyIndex::new(&keys), &q("d", SortKey::Name, SortDir::Asc)), [0]);
    }

    #[test]
    fn a_list_already_in_order_either_way_gives_the_same_orders_as_a_sort() {
        let mut keys: Vec<AccessKey> = (0..40)
            .map(|i| {
                let created = format!("2026-01-01 10:00:{:02}", 59 - i / 3);
                key(&format!("k{}", i % 7), &format!("ID{i:02}"), &created, KeyStatus::Active)
            })
            .collect();
        for _ in 0..2 {
            let index = KeyIndex::new(&keys);
            for dir in [SortDir::Asc, SortDir::Desc] {
                let query = RowQuery { sort: SortKey::Created, dir, ..RowQuery::default() };
                let got = order(&keys, &index, &query, None);
                let mut want: Vec<u32> = (0..keys.len() as u32).collect();
                want.sort_by(|a, b| {
                    let o = keys[*a as usize].created_at.cmp(&keys[*b as usize].created_at);
                    if dir == SortDir::Asc {
                        o
                    } else {
                        o.reverse()
                    }
                });
                assert_eq!(got, want, "{dir:?}");
            }
            keys.reverse();
        }
    }

    #[test]
    fn filters_narrow_the_same_pass_as_the_search_in_either_direction() {
        use crate::state::hygiene::{timestamp_secs, Filter, Filters, KeyFlags};
        let keys = vec![
            key("old-a", "OA", "2025-01-01 10:00:00", KeyStatus::Active),
            key("new-b", "NB", "2026-06-20 10:00:00", KeyStatus::Suspended),
            key("old-c", "OC", "2025-02-01 10:00:00", KeyStatus::Suspended),
            key("new-d", "ND", "2026-06-25 10:00:00", KeyStatus::Active),
        ];
        let index = KeyIndex::new(&keys).at(timestamp_secs("2026-06-30 00:00:00").unwrap());
        let flags = KeyFlags::new(&keys, &index, 90, None);
        let (due, off) = (Filters::only(Filter::Due), Filters::only(Filter::Suspended));
        let q = |search: &str, filters, dir| RowQuery { search: search.into(), sort: SortKey::Name, dir, filters };
        assert_eq!(order(&keys, &index, &q("", due, SortDir::Asc), Some(&flags)), [0, 2]);
        assert_eq!(order(&keys, &index, &q("", off, SortDir::Desc), Some(&flags)), [2, 1]);
        let mut both = due;
        both.toggle(Filter::Suspended);
        assert_eq!(order(&keys, &index, &q("", both, SortDir::Asc), Some(&flags)), [2]);
        assert_eq!(order(&keys, &index, &q("-a", due, SortDir::Asc), Some(&flags)), [0], "with the search");
        assert_eq!(order(&keys, &index, &q("new", due, SortDir::Asc), Some(&flags)), Vec::<u32>::new());
        // A filter that cannot be told yet (no bucket list) shows nothing rather than everything.
        let no_access = Filters::only(Filter::NoAccess);
        assert_eq!(order(&keys, &index, &q("", no_access, SortDir::Asc), Some(&flags)), Vec::<u32>::new());
        assert_eq!(order(&keys, &index, &q("", due, SortDir::Asc), None), Vec::<u32>::new(), "no flags");
        assert_eq!(order(&keys, &index, &q("", Filters::default(), SortDir::Asc), None), [1, 3, 0, 2]);
    }

    #[test]
    fn the_index_keeps_the_flags_of_one_bucket_list_and_makes_them_again_for_another() {
        use crate::state::hygiene::{timestamp_secs, Filter};
        use keys_api::{wire::FromJson, BucketsResponse};
        let keys = vec![
            key("old", "OLD", "2025-01-01 10:00:00", KeyStatus::Active),
            key("new", "NEW", "2026-06-20 10:00:00", KeyStatus::Active),
        ];
        let index = KeyIndex::new(&keys).at(timestamp_secs("2026-06-30 00:00:00").unwrap());
        let first = index.flags(&keys, 90, None);
        assert!(Arc::ptr_eq(&first, &index.flags(&keys, 90, None)), "made once, read again");
        assert_eq!((first.count(Filter::Due), first.count(Filter::NoAccess)), (Some(1), None));
        assert_eq!(index.flags(&keys, 0, None).count(Filter::Due), Some(0), "another rotation age");

        let json = r#"{"buckets":[{"name":"a","permissions":[{"accesskey":"NEW","permission":"read"}]}]}"#;
        let list = Arc::new(BucketsResponse::from_text(json).unwrap().buckets);
        let with = index.flags(&keys, 90, Some(list.clone()));
        assert_eq!(with.count(Filter::NoAccess), Some(1), "the bucket list, once there");
        assert!(Arc::ptr_eq(&with, &index.flags(&keys, 90, Some(list.clone()))), "the same bucket list");
        // A reloaded list (after a write) is another list, even with the same content.
        let json = r#"{"buckets":[{"name":"a","permissions":[{"accesskey":"OLD","permission":"read"},{"accesskey":"NEW","permission":"read"}]}]}"#;
        let reloaded = Arc::new(BucketsResponse::from_text(json).unwrap().buckets);
        assert_eq!(index.flags(&keys, 90, Some(reloaded)).count(Filter::NoAccess), Some(0));
        assert_eq!(index.flags(&keys, 90, None).count(Filter::NoAccess), None, "and without one again");
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
