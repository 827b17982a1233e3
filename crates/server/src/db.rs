//! SQLite storage: schema, first-start seed, and the queries the routes need.
//! Secrets are never stored: only a random salt and SHA-256(salt ‖ secret).

use crate::ids;
use keys_api::{AccessKey, Bucket, BucketPermission, Count, DcLocation, KeyStatus, Permission};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS datacenters (
    slug        TEXT PRIMARY KEY,
    location    TEXT NOT NULL,
    country     TEXT NOT NULL,
    dccc        TEXT NOT NULL,
    s3_endpoint TEXT NOT NULL,
    region      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS buckets (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    dcslug          TEXT NOT NULL REFERENCES datacenters(slug),
    name            TEXT NOT NULL,
    access          TEXT NOT NULL DEFAULT 'private',
    size            INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL DEFAULT 'Active',
    created_at      TEXT NOT NULL,
    object_count    INTEGER NOT NULL DEFAULT 0,
    version_enabled INTEGER NOT NULL DEFAULT 0,
    current_size    TEXT NOT NULL DEFAULT '0 B',
    UNIQUE (dcslug, name)
);
CREATE TABLE IF NOT EXISTS keys (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    dcslug      TEXT NOT NULL REFERENCES datacenters(slug),
    name        TEXT NOT NULL,
    accesskey   TEXT NOT NULL UNIQUE,
    secret_salt BLOB NOT NULL,
    secret_hash BLOB NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('Active', 'Suspended')),
    created_at  TEXT NOT NULL,
    UNIQUE (dcslug, name)
);
CREATE TABLE IF NOT EXISTS permissions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    bucket_id  INTEGER NOT NULL REFERENCES buckets(id) ON DELETE CASCADE,
    key_id     INTEGER NOT NULL REFERENCES keys(id) ON DELETE CASCADE,
    permission TEXT NOT NULL CHECK (permission IN ('read', 'write', 'full')),
    created_at TEXT NOT NULL,
    UNIQUE (bucket_id, key_id)
);
";

/// Buckets seeded on first start: (dc, name, object count, current size).
const SEED_BUCKETS: &[(&str, &str, u64, &str)] = &[
    ("innoida", "media-archive", 14, "48.20 MB"),
    ("innoida", "backups-innoida", 3, "1.10 GB"),
    ("innoida", "web-assets", 0, "0 B"),
    ("inmumbaizone2", "logs-mumbai", 120, "310.00 MB"),
];
/// The bucket `size` the contract's example shows (a plan size; its unit is not published).
const SEED_BUCKET_SIZE: i64 = 10120;

/// Opens (creating it and its parent directories if needed) the database, in WAL mode, seeded.
pub fn open(path: &Path) -> Result<Connection, Box<dyn std::error::Error + Send + Sync>> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create the directory {}: {e}", parent.display()))?;
    }
    let mut conn = Connection::open(path)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        eprintln!("warning: SQLite refused WAL mode (journal_mode = {mode})");
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute_batch(SCHEMA)?;
    seed(&mut conn)?;
    Ok(conn)
}

/// Seeds data centres and buckets, only into an empty database.
fn seed(conn: &mut Connection) -> rusqlite::Result<()> {
    let count: i64 = conn.query_row("SELECT COUNT(*) FROM datacenters", [], |r| r.get(0))?;
    if count > 0 {
        return Ok(());
    }
    let now = ids::now();
    let tx = conn.transaction()?;
    for dc in keys_api::datacenters() {
        tx.execute(
            "INSERT INTO datacenters (slug, location, country, dccc, s3_endpoint, region)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![dc.slug, dc.location, dc.country, dc.dccc, dc.s3_endpoint, dc.region],
        )?;
    }
    for (dc, name, objects, current) in SEED_BUCKETS {
        tx.execute(
            "INSERT INTO buckets (dcslug, name, size, created_at, object_count, current_size)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![dc, name, SEED_BUCKET_SIZE, now, *objects as i64, current],
        )?;
    }
    tx.commit()
}

/// A data centre row, as `dclocation` shows it.
pub fn datacenter(conn: &Connection, slug: &str) -> rusqlite::Result<Option<DcLocation>> {
    conn.query_row("SELECT slug, location, country, dccc FROM datacenters WHERE slug = ?1", [slug], |r| {
        Ok(DcLocation { dc: r.get(0)?, location: r.get(1)?, country: r.get(2)?, dccc: r.get(3)? })
    })
    .optional()
}

pub fn datacenter_slugs(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT slug FROM datacenters ORDER BY rowid")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    rows.collect()
}

/// The keys of a data centre, newest first.
pub fn list_keys(conn: &Connection, dc: &str) -> rusqlite::Result<Vec<AccessKey>> {
    let mut stmt = conn.prepare(
        "SELECT name, accesskey, dcslug, status, created_at FROM keys
         WHERE dcslug = ?1 ORDER BY created_at DESC, id DESC",
    )?;
    let rows = stmt.query_map([dc], |r| {
        Ok(AccessKey {
            name: r.get(0)?,
            accesskey: r.get(1)?,
            dcslug: r.get(2)?,
            status: KeyStatus::from(r.get::<_, String>(3)?.as_str()),
            created_at: r.get(4)?,
        })
    })?;
    rows.collect()
}

pub fn key_name_taken(conn: &Connection, dc: &str, name: &str) -> rusqlite::Result<bool> {
    conn.query_row("SELECT 1 FROM keys WHERE dcslug = ?1 AND name = ?2", [dc, name], |_| Ok(()))
        .optional()
        .map(|o| o.is_some())
}

/// Stores a new active key: its ID, and the salted hash of its secret.
pub fn insert_key(
    conn: &Connection,
    dc: &str,
    name: &str,
    accesskey: &str,
    salt: &[u8],
    hash: &[u8],
    created_at: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO keys (dcslug, name, accesskey, secret_salt, secret_hash, status, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'Active', ?6)",
        params![dc, name, accesskey, salt, hash, created_at],
    )?;
    Ok(())
}

pub fn accesskey_exists(conn: &Connection, accesskey: &str) -> rusqlite::Result<bool> {
    conn.query_row("SELECT 1 FROM keys WHERE accesskey = ?1", [accesskey], |_| Ok(())).optional().map(|o| o.is_some())
}

#[derive(Debug, Clone)]
pub struct KeyRow {
    pub id: i64,
    pub name: String,
}

/// Finds a key of `dc` by its access key ID or, when `or_name`, by its name (the ID wins).
pub fn find_key(conn: &Connection, dc: &str, id_or_name: &str, or_name: bool) -> rusqlite::Result<Option<KeyRow>> {
    conn.query_row(
        "SELECT id, name FROM keys WHERE dcslug = ?1 AND (accesskey = ?2 OR (?3 AND name = ?2))
         ORDER BY accesskey = ?2 DESC LIMIT 1",
        params![dc, id_or_name, or_name],
        |r| Ok(KeyRow { id: r.get(0)?, name: r.get(1)? }),
    )
    .optional()
}

pub fn set_key_status(conn: &Connection, key_id: i64, status: &KeyStatus) -> rusqlite::Result<()> {
    conn.execute("UPDATE keys SET status = ?1 WHERE id = ?2", params![status.label(), key_id])?;
    Ok(())
}

/// Deletes a key and every bucket permission it had, in one transaction.
pub fn remove_key(conn: &mut Connection, key_id: i64) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    tx.execute("DELETE FROM permissions WHERE key_id = ?1", [key_id])?;
    tx.execute("DELETE FROM keys WHERE id = ?1", [key_id])?;
    tx.commit()
}

pub fn find_bucket(conn: &Connection, dc: &str, name: &str) -> rusqlite::Result<Option<i64>> {
    conn.query_row("SELECT id FROM buckets WHERE dcslug = ?1 AND name = ?2", [dc, name], |r| r.get(0)).optional()
}

/// Grants or changes (in place) a key's permission on a bucket; `Permission::None` revokes it.
pub fn set_permission(
    conn: &Connection,
    bucket_id: i64,
    key_id: i64,
    permission: Permission,
    now: &str,
) -> rusqlite::Result<()> {
    if permission == Permission::None {
        conn.execute("DELETE FROM permissions WHERE bucket_id = ?1 AND key_id = ?2", [bucket_id, key_id])?;
    } else {
        conn.execute(
            "INSERT INTO permissions (bucket_id, key_id, permission, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (bucket_id, key_id) DO UPDATE SET permission = excluded.permission",
            params![bucket_id, key_id, permission.as_str(), now],
        )?;
    }
    Ok(())
}

/// Every bucket of a data centre with the permissions keys hold on it.
pub fn list_buckets(conn: &Connection, dc: &DcLocation) -> rusqlite::Result<Vec<Bucket>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, access, dcslug, size, status, created_at, object_count, version_enabled, current_size
         FROM buckets WHERE dcslug = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([&dc.dc], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Bucket {
                name: r.get(1)?,
                access: r.get(2)?,
                dcslug: r.get(3)?,
                size: Count(r.get::<_, i64>(4)?.max(0) as u64),
                status: r.get(5)?,
                created_at: r.get(6)?,
                object_count: Count(r.get::<_, i64>(7)?.max(0) as u64),
                version_enabled: r.get(8)?,
                current_size: r.get(9)?,
                permissions: Vec::new(),
                dclocation: Some(dc.clone()),
            },
        ))
    })?;
    let mut buckets = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut perms = conn.prepare(
        "SELECT b.name, k.name, k.accesskey, p.permission, p.created_at
         FROM permissions p JOIN buckets b ON b.id = p.bucket_id JOIN keys k ON k.id = p.key_id
         WHERE p.bucket_id = ?1 ORDER BY p.created_at, p.id",
    )?;
    for (id, bucket) in &mut buckets {
        let rows = perms.query_map([*id], |r| {
            Ok(BucketPermission {
                bucket: r.get(0)?,
                name: r.get(1)?,
                accesskey: r.get(2)?,
                permission: r.get(3)?,
                status: None,
                created_at: r.get(4)?,
            })
        })?;
        bucket.permissions = rows.collect::<rusqlite::Result<_>>()?;
    }
    Ok(buckets.into_iter().map(|(_, b)| b).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_once_and_keeps_secrets_out() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/dir/keys.db");
        let conn = open(&path).unwrap();
        let dc = datacenter(&conn, "innoida").unwrap().unwrap();
        assert_eq!(dc.location, "Delhi (Noida)");
        let names: Vec<_> = list_buckets(&conn, &dc).unwrap().into_iter().map(|b| b.name).collect();
        assert_eq!(names, ["media-archive", "backups-innoida", "web-assets"]);
        drop(conn);
        let conn = open(&path).unwrap();
        let n: i64 = conn.query_row("SELECT COUNT(*) FROM buckets", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 4, "a second start must not seed again");
        assert!(datacenter(&conn, "defra1").unwrap().is_none());
    }

    #[test]
    fn find_key_prefers_the_id_and_respects_the_dc() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("k.db")).unwrap();
        insert_key(&conn, "innoida", "alpha", "IDA", b"s", b"h", "2026-01-01 00:00:00").unwrap();
        insert_key(&conn, "innoida", "IDA", "IDB", b"s", b"h", "2026-01-01 00:00:01").unwrap();
        assert_eq!(find_key(&conn, "innoida", "IDA", true).unwrap().unwrap().name, "alpha");
        assert_eq!(find_key(&conn, "innoida", "alpha", true).unwrap().unwrap().name, "alpha");
        assert!(find_key(&conn, "innoida", "alpha", false).unwrap().is_none());
        assert!(find_key(&conn, "inmumbaizone2", "IDA", true).unwrap().is_none());
        let keys = list_keys(&conn, "innoida").unwrap();
        assert_eq!(keys[0].accesskey, "IDB", "newest first");
    }
}
