//! Key hygiene: each key's age, which keys are due for rotation, which reach no bucket, and the
//! table's filters over them ([`Filters`], [`KeyFlags`]).
//!
//! The API's timestamps (`"YYYY-MM-DD HH:MM:SS"`) carry no time zone; they are read as UTC (the
//! reference server writes UTC). An age is in whole days, so the difference rarely shows.

use super::access::grants_to;
use super::table::KeyIndex;
use keys_api::{AccessKey, Bucket, KeyStatus};

const DAY: i64 = 86_400;

/// Seconds since 1970-01-01 of `"YYYY-MM-DD HH:MM:SS"` (the time may be left out, `T` may stand
/// for the space); `None` for anything else.
pub fn timestamp_secs(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0i64, |n, d| d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0')))
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let time = if b.len() >= 19 && matches!(b[10], b' ' | b'T') && b[13] == b':' && b[16] == b':' {
        num(11, 2)? * 3600 + num(14, 2)? * 60 + num(17, 2)?
    } else {
        0
    };
    // Days from the civil date (Howard Hinnant's `days_from_civil`).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * DAY + time)
}

/// Whole days from `created_at` to `now` (seconds since 1970); 0 for a time still to come,
/// `None` when the timestamp cannot be read.
pub fn age_days(created_at: &str, now: i64) -> Option<u32> {
    timestamp_secs(created_at).map(|t| ((now - t).max(0) / DAY) as u32)
}

/// An age for people: "today", "1 day", "45 days", "3 months", "14 months", "2 years".
pub fn age_label(days: u32) -> String {
    let (n, unit) = match days {
        0 => return "today".into(),
        1..60 => (days, "day"),
        60..730 => (days / 30, "month"),
        _ => (days / 365, "year"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

/// A key of this age is due for rotation: older than `after` days (`0`: never).
pub fn rotation_due(age: Option<u32>, after: u32) -> bool {
    after > 0 && age.is_some_and(|d| d > after)
}

/// One filter of the key table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Older than the rotation age.
    Due,
    /// No permission on any bucket.
    NoAccess,
    Suspended,
}

impl Filter {
    pub const ALL: [Filter; 3] = [Filter::Due, Filter::NoAccess, Filter::Suspended];

    fn bit(self) -> u8 {
        1 << self as u8
    }

    /// Its name in the URL (`filter=due,no-access`).
    pub fn as_str(self) -> &'static str {
        match self {
            Filter::Due => "due",
            Filter::NoAccess => "no-access",
            Filter::Suspended => "suspended",
        }
    }

    /// What a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Filter::Due => "Due for rotation",
            Filter::NoAccess => "No bucket access",
            Filter::Suspended => "Suspended",
        }
    }
}

/// The filters that are on; a key must pass every one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Filters(u8);

impl Filters {
    pub fn only(f: Filter) -> Filters {
        Filters(f.bit())
    }

    pub fn has(self, f: Filter) -> bool {
        self.0 & f.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Turns `f` on or off.
    pub fn toggle(&mut self, f: Filter) {
        self.0 ^= f.bit();
    }

    /// These filters with `f` off.
    pub fn without(self, f: Filter) -> Filters {
        Filters(self.0 & !f.bit())
    }

    /// The filters that are on, in their fixed order.
    pub fn on(self) -> impl Iterator<Item = Filter> {
        Filter::ALL.into_iter().filter(move |f| self.has(*f))
    }

    /// `due,suspended`: unknown names are left out.
    pub fn parse(s: &str) -> Filters {
        Filters(
            s.split(',')
                .filter_map(|w| Filter::ALL.into_iter().find(|f| f.as_str() == w.trim()))
                .fold(0, |b, f| b | f.bit()),
        )
    }

    /// The URL's value: the names of the filters that are on, in order, comma-separated.
    pub fn to_param(self) -> String {
        let mut out = String::new();
        for f in self.on() {
            if !out.is_empty() {
                out.push(',');
            }
            out += f.as_str();
        }
        out
    }
}

/// Which filters each key of a list passes, and how many keys pass each: made once per list (and
/// again when the bucket list or the rotation age changes), read by every filter pass of the table.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct KeyFlags {
    /// The filters each key passes, one byte per key, in list order.
    pass: Vec<u8>,
    /// Which filters are known: `NoAccess` only once the bucket list is there.
    known: u8,
    /// How many keys pass each filter, in the order of [`Filter::ALL`] (counted once, here: the
    /// filters' buttons read them on every change of the view).
    counts: [usize; 3],
}

impl KeyFlags {
    /// The flags of `keys` (whose index is `index`) when they were read, with keys older than
    /// `rotate_after` days due for rotation and, when `buckets` are given, what each key reaches.
    pub fn new(keys: &[AccessKey], index: &KeyIndex, rotate_after: u32, buckets: Option<&[Bucket]>) -> KeyFlags {
        let now = index.read_at;
        let mut pass: Vec<u8> = keys
            .iter()
            .map(|k| {
                let due = rotation_due(age_days(&k.created_at, now), rotate_after);
                let suspended = k.status == KeyStatus::Suspended;
                (u8::from(due) * Filter::Due.bit()) | (u8::from(suspended) * Filter::Suspended.bit())
            })
            .collect();
        let mut known = Filter::Due.bit() | Filter::Suspended.bit();
        if let Some(buckets) = buckets {
            known |= Filter::NoAccess.bit();
            pass.iter_mut().for_each(|p| *p |= Filter::NoAccess.bit());
            for (_, i, _) in grants_to(buckets, keys, index) {
                pass[i] &= !Filter::NoAccess.bit();
            }
        }
        let counts = Filter::ALL.map(|f| pass.iter().filter(|p| **p & f.bit() != 0).count());
        KeyFlags { pass, known, counts }
    }

    /// Whether `f` can be told yet (`NoAccess` needs the bucket list).
    pub fn knows(&self, f: Filter) -> bool {
        self.known & f.bit() != 0
    }

    /// How many keys pass `f`; `None` while it cannot be told.
    pub fn count(&self, f: Filter) -> Option<usize> {
        self.knows(f).then(|| self.counts[f as usize])
    }

    /// Whether the key at position `i` passes every filter of `wanted` (none passes one not yet
    /// known: its bit is set for no key).
    pub fn passes(&self, i: usize, wanted: Filters) -> bool {
        self.pass.get(i).is_some_and(|p| p & wanted.0 == wanted.0)
    }
}

/// The notice above the table: "3 keys are older than 90 days."
pub fn notice_text(due: usize, after: u32) -> String {
    let is = if due == 1 { "key is" } else { "keys are" };
    format!("{due} {is} older than {after} days and due for rotation.")
}

/// What the table says when no key is left to show: which search and which filters hide them.
pub fn no_match_text(search: &str, filters: Filters) -> String {
    let search = search.trim();
    let mut text = String::from("No keys match");
    if !search.is_empty() {
        text = text + " “" + search + "”";
    }
    let n = filters.on().count();
    for (i, f) in filters.on().enumerate() {
        text += match (i, search.is_empty(), n) {
            (0, true, 1) => " the filter ",
            (0, true, _) => " the filters ",
            (0, false, 1) => " and the filter ",
            (0, false, _) => " and the filters ",
            _ if i + 1 == n => " and ",
            _ => ", ",
        };
        text += f.label();
    }
    text + "."
}

#[cfg(test)]
mod tests {
    use super::*;
    use keys_api::BucketsResponse;

    const NOW: &str = "2026-06-30 12:00:00";

    fn now() -> i64 {
        timestamp_secs(NOW).unwrap()
    }

    fn key(name: &str, created: &str, status: KeyStatus) -> AccessKey {
        crate::state::test_key(name, &format!("ID-{name}"), created, status)
    }

    #[test]
    fn timestamps_read_as_utc_and_nonsense_is_none() {
        assert_eq!(timestamp_secs("1970-01-01 00:00:00"), Some(0));
        assert_eq!(timestamp_secs("1970-01-02 00:00:01"), Some(DAY + 1));
        // 2026-03-14 09:12:44 UTC, as `date -u -d … +%s` gives it.
        assert_eq!(timestamp_secs("2026-03-14 09:12:44"), Some(1_773_479_564));
        assert_eq!(timestamp_secs("2026-03-14T09:12:44Z"), Some(1_773_479_564));
        assert_eq!(timestamp_secs("2026-03-14"), timestamp_secs("2026-03-14 00:00:00"));
        assert_eq!(
            timestamp_secs("2024-03-01 00:00:00").unwrap() - timestamp_secs("2024-02-28 00:00:00").unwrap(),
            2 * DAY
        );
        for bad in ["", "yesterday", "2026-13-01 00:00:00", "2026-1-01", "2026/03/14 09:12:44", "２０２６-03-14"] {
            assert_eq!(timestamp_secs(bad), None, "{bad}");
        }
    }

    #[test]
    fn ages_in_whole_days_in_words() {
        assert_eq!(age_days("2026-06-30 11:00:00", now()), Some(0));
        assert_eq!(age_days("2026-06-29 12:00:00", now()), Some(1));
        assert_eq!(age_days("2026-06-29 12:00:01", now()), Some(0), "a second short of a day");
        assert_eq!(age_days("2026-07-05 00:00:00", now()), Some(0), "a clock behind the server's");
        assert_eq!(age_days("2025-04-30 12:00:00", now()), Some(426));
        assert_eq!(age_days("not a date", now()), None);
        let words: Vec<String> = [0, 1, 3, 59, 60, 89, 426, 729, 730, 1200].into_iter().map(age_label).collect();
        assert_eq!(
            words,
            [
                "today",
                "1 day",
                "3 days",
                "59 days",
                "2 months",
                "2 months",
                "14 months",
                "24 months",
                "2 years",
                "3 years"
            ]
        );
    }

    #[test]
    fn due_means_older_than_the_rotation_age_and_zero_turns_it_off() {
        assert!(!rotation_due(Some(90), 90));
        assert!(rotation_due(Some(91), 90));
        assert!(rotation_due(Some(2), 1));
        assert!(!rotation_due(Some(5000), 0), "0 turns the hint off");
        assert!(!rotation_due(None, 90), "an unreadable date is not due");
        // The boundary in time: 91 whole days after creation.
        let created = "2026-03-31 12:00:00";
        assert!(!rotation_due(age_days(created, now() - 1), 90));
        assert!(rotation_due(age_days(created, now()), 90));
    }

    #[test]
    fn the_words_name_the_search_and_the_filters() {
        assert_eq!(notice_text(1, 90), "1 key is older than 90 days and due for rotation.");
        assert_eq!(notice_text(3, 30), "3 keys are older than 30 days and due for rotation.");
        let mut f = Filters::only(Filter::Suspended);
        assert_eq!(no_match_text(" back ", Filters::default()), "No keys match “back”.");
        assert_eq!(no_match_text("", f), "No keys match the filter Suspended.");
        assert_eq!(no_match_text("back", f), "No keys match “back” and the filter Suspended.");
        f.toggle(Filter::Due);
        assert_eq!(no_match_text("", f), "No keys match the filters Due for rotation and Suspended.");
        f.toggle(Filter::NoAccess);
        assert_eq!(
            no_match_text("x", f),
            "No keys match “x” and the filters Due for rotation, No bucket access and Suspended."
        );
    }

    #[test]
    fn filters_round_trip_through_their_url_value() {
        let mut f = Filters::default();
        assert!(f.is_empty() && f.to_param().is_empty());
        f.toggle(Filter::Suspended);
        f.toggle(Filter::Due);
        assert_eq!(f.to_param(), "due,suspended");
        assert_eq!(Filters::parse("suspended,due"), f);
        assert_eq!(Filters::parse("due, nonsense,,no-access"), {
            let mut g = Filters::only(Filter::Due);
            g.toggle(Filter::NoAccess);
            g
        });
        assert!(Filters::parse("").is_empty() && Filters::parse("all").is_empty());
        assert_eq!(f.without(Filter::Due), Filters::only(Filter::Suspended));
        assert_eq!(f.without(Filter::NoAccess), f);
        f.toggle(Filter::Due);
        assert_eq!(f, Filters::only(Filter::Suspended));
        for g in Filter::ALL {
            assert_eq!(Filters::parse(g.as_str()), Filters::only(g));
        }
    }

    #[test]
    fn flags_say_which_keys_pass_each_filter_and_count_them() {
        let keys = vec![
            key("old", "2026-01-01 00:00:00", KeyStatus::Active),
            key("old-off", "2025-01-01 00:00:00", KeyStatus::Suspended),
            key("new", "2026-06-29 00:00:00", KeyStatus::Active),
            key("new-off", "2026-06-01 00:00:00", KeyStatus::Suspended),
            key("odd", "whenever", KeyStatus::Active),
        ];
        let json = r#"{"buckets":[
          {"name":"a","permissions":[{"accesskey":"ID-old","permission":"write"},{"accesskey":"ID-new","permission":"none"}]},
          {"name":"b","permissions":[{"accesskey":"ID-new-off","permission":"read"},{"accesskey":"ID-gone","permission":"full"}]}]}"#;
        let buckets = <BucketsResponse as keys_api::wire::FromJson>::from_text(json).unwrap().buckets;
        let index = KeyIndex::new(&keys).at(now());
        let passing = |flags: &KeyFlags, wanted: Filters| -> Vec<&str> {
            (0..keys.len()).filter(|i| flags.passes(*i, wanted)).map(|i| keys[i].name.as_str()).collect()
        };
        let due = Filters::only(Filter::Due);
        let no_access = Filters::only(Filter::NoAccess);
        let off = Filters::only(Filter::Suspended);

        let before = KeyFlags::new(&keys, &index, 90, None);
        assert_eq!(passing(&before, due), ["old", "old-off"]);
        assert_eq!(passing(&before, off), ["old-off", "new-off"]);
        assert_eq!((before.count(Filter::Due), before.count(Filter::Suspended)), (Some(2), Some(2)));
        assert!(!before.knows(Filter::NoAccess));
        assert_eq!(before.count(Filter::NoAccess), None, "unknown until the buckets are there");
        assert!(passing(&before, no_access).is_empty(), "no key passes a filter not yet known");
        assert_eq!(passing(&before, Filters::default()).len(), 5);

        let after = KeyFlags::new(&keys, &index, 90, Some(&buckets));
        // "new" holds only `none`: it reaches nothing.
        assert_eq!(passing(&after, no_access), ["old-off", "new", "odd"]);
        assert_eq!(after.count(Filter::NoAccess), Some(3));
        let mut both = due;
        both.toggle(Filter::NoAccess);
        assert_eq!(passing(&after, both), ["old-off"], "filters combine: every one must pass");

        let never = KeyFlags::new(&keys, &index, 0, Some(&buckets));
        assert_eq!(never.count(Filter::Due), Some(0), "rotation age 0: nothing is due");
        let week = KeyFlags::new(&keys, &index, 7, None);
        assert_eq!(passing(&week, due), ["old", "old-off", "new-off"]);
    }
}
