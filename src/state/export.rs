//! The data centre's key inventory as a file (what an auditor asks for): every key with its
//! status, creation time, age in days and each bucket it reaches with its permission. Never a
//! secret: the key list holds none. CSV that a spreadsheet opens as it is, and JSON.

use super::access::grants_to;
use super::credentials::csv_field;
use super::hygiene::age_days;
use super::table::KeyIndex;
use keys_api::wire::quote;
use keys_api::{AccessKey, Bucket, Permission};

/// One key of the inventory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InventoryRow<'a> {
    pub key: &'a AccessKey,
    /// Whole days since it was created (`None`: its date cannot be read).
    pub age: Option<u32>,
    /// The buckets it reaches, in the bucket list's order.
    pub buckets: Vec<(&'a str, Permission)>,
}

/// Every key of `keys` (in list order) with what it reaches in `buckets`, aged at the time the
/// list was read (`index` is the list's index).
pub fn inventory<'a>(keys: &'a [AccessKey], index: &KeyIndex, buckets: &'a [Bucket]) -> Vec<InventoryRow<'a>> {
    let mut rows: Vec<InventoryRow> = keys
        .iter()
        .map(|key| InventoryRow { key, age: age_days(&key.created_at, index.read_at), buckets: Vec::new() })
        .collect();
    for (b, i, permission) in grants_to(buckets, keys, index) {
        rows[i].buckets.push((&b.name, permission));
    }
    rows
}

/// Appends a CSV field that a spreadsheet shows as text: quoted when needed (RFC 4180), and a
/// value that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) starts with `'`.
fn cell(out: &mut String, s: &str) {
    let guarded;
    let s = match s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        true => {
            guarded = format!("'{s}");
            &guarded
        }
        false => s,
    };
    out.push_str(&csv_field(s));
}

/// The inventory as CSV: a header, then one line per key (CRLF line ends); the buckets in one
/// field, `bucket:permission` separated by `; `.
pub fn to_csv(rows: &[InventoryRow]) -> String {
    let mut out = String::from("Name,Access key ID,Status,Created at,Age (days),Buckets\r\n");
    for r in rows {
        for field in [&r.key.name, &r.key.accesskey, r.key.status.label(), &r.key.created_at] {
            cell(&mut out, field);
            out.push(',');
        }
        out += &r.age.map(|a| a.to_string()).unwrap_or_default();
        out.push(',');
        let mut buckets = String::new();
        for (b, p) in &r.buckets {
            if !buckets.is_empty() {
                buckets += "; ";
            }
            buckets += b;
            buckets.push(':');
            buckets += p.as_str();
        }
        cell(&mut out, &buckets);
        out += "\r\n";
    }
    out
}

/// The inventory as JSON: `{"dc": …, "keys": [{"name", "accesskey", "status", "created_at",
/// "age_days", "buckets": [{"bucket", "permission"}]}]}` (`age_days` is `null` when unknown).
pub fn to_json(dc: &str, rows: &[InventoryRow]) -> String {
    let mut out = format!("{{\"dc\":{},\"keys\":[", quote(dc));
    for (i, r) in rows.iter().enumerate() {
        out += if i == 0 { "{\"name\":" } else { ",{\"name\":" };
        for (field, value) in [
            ("", &*r.key.name),
            (",\"accesskey\":", &r.key.accesskey),
            (",\"status\":", r.key.status.label()),
            (",\"created_at\":", &r.key.created_at),
        ] {
            out += field;
            out += &quote(value);
        }
        out += ",\"age_days\":";
        out += &r.age.map_or("null".to_string(), |a| a.to_string());
        out += ",\"buckets\":[";
        for (j, (b, p)) in r.buckets.iter().enumerate() {
            out += if j == 0 { "{\"bucket\":" } else { ",{\"bucket\":" };
            out += &quote(b);
            out += ",\"permission\":\"";
            out += p.as_str();
            out += "\"}";
        }
        out += "]}";
    }
    out + "]}\n"
}

/// `innoida-access-keys-2026-06-30.csv`: the data centre, the day (`YYYY-MM-DD`), the format.
pub fn file_name(dc: &str, day: &str, extension: &str) -> String {
    format!("{dc}-access-keys-{day}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::hygiene::timestamp_secs;
    use keys_api::{BucketsResponse, KeyStatus};

    use crate::state::test_key as key;

    fn sample() -> (Vec<AccessKey>, Vec<Bucket>) {
        let keys = vec![
            key("backup,nightly", "AK1", "2026-03-01 10:00:00", KeyStatus::Active),
            key("say \"hi\"", "AK2", "2026-06-29 10:00:00", KeyStatus::Suspended),
            key("=HYPERLINK(\"x\")", "AK3", "someday", KeyStatus::Active),
        ];
        let json = r#"{"buckets":[
          {"name":"media-archive","permissions":[{"accesskey":"AK1","permission":"write"},{"accesskey":"AK2","permission":"none"}]},
          {"name":"web-assets","permissions":[{"accesskey":"AK1","permission":"read"},{"accesskey":"GONE","permission":"full"}]}]}"#;
        (keys, <BucketsResponse as keys_api::wire::FromJson>::from_text(json).unwrap().buckets)
    }

    fn index(keys: &[AccessKey]) -> KeyIndex {
        KeyIndex::new(keys).at(timestamp_secs("2026-06-30 12:00:00").unwrap())
    }

    #[test]
    fn every_key_with_its_age_and_the_buckets_it_reaches() {
        let (keys, buckets) = sample();
        let rows = inventory(&keys, &index(&keys), &buckets);
        assert_eq!(rows.len(), 3, "every key, not a page");
        assert_eq!(rows[0].age, Some(121));
        assert_eq!(rows[0].buckets, [("media-archive", Permission::Write), ("web-assets", Permission::Read)]);
        assert!(rows[1].buckets.is_empty(), "`none` reaches nothing");
        assert_eq!(rows[2].age, None);
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_keeps_formulas_text() {
        let (keys, buckets) = sample();
        let csv = to_csv(&inventory(&keys, &index(&keys), &buckets));
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "Name,Access key ID,Status,Created at,Age (days),Buckets");
        assert_eq!(
            lines[1],
            "\"backup,nightly\",AK1,Active,2026-03-01 10:00:00,121,media-archive:write; web-assets:read"
        );
        assert_eq!(lines[2], "\"say \"\"hi\"\"\",AK2,Suspended,2026-06-29 10:00:00,1,", "a key with no bucket");
        assert_eq!(lines[3], "\"'=HYPERLINK(\"\"x\"\")\",AK3,Active,someday,,");
        assert_eq!(lines[4], "", "every line ends with CRLF");
        assert_eq!(lines.len(), 5);
        let cells = |s: &str| {
            let mut out = String::new();
            cell(&mut out, s);
            out
        };
        assert_eq!(cells("-1"), "'-1");
        assert_eq!(cells("2026-03-01"), "2026-03-01");
    }

    #[test]
    fn json_carries_the_same_facts_escaped() {
        let (keys, buckets) = sample();
        let json = to_json("innoida", &inventory(&keys, &index(&keys), &buckets));
        assert!(json.starts_with("{\"dc\":\"innoida\",\"keys\":[{\"name\":\"backup,nightly\",\"accesskey\":\"AK1\",\"status\":\"Active\",\"created_at\":\"2026-03-01 10:00:00\",\"age_days\":121,\"buckets\":[{\"bucket\":\"media-archive\",\"permission\":\"write\"},{\"bucket\":\"web-assets\",\"permission\":\"read\"}]}"), "{json}");
        assert!(json.contains("{\"name\":\"say \\\"hi\\\"\",\"accesskey\":\"AK2\",\"status\":\"Suspended\",\"created_at\":\"2026-06-29 10:00:00\",\"age_days\":1,\"buckets\":[]}"), "{json}");
        assert!(json.contains("\"age_days\":null"), "{json}");
        // It is JSON: the server's own parser reads it back.
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["keys"][2]["name"], "=HYPERLINK(\"x\")");
        assert_eq!(file_name("innoida", "2026-06-30", "csv"), "innoida-access-keys-2026-06-30.csv");
    }
}
