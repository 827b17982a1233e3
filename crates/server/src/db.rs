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

/// Why the database cannot be used: said plainly, with what to do. `keys-server` exits with
/// [`StorageError::EXIT_CODE`] on it.
#[derive(Debug)]
pub struct StorageError(pub String);

impl StorageError {
    /// The exit code of a server that would not start on its storage.
    pub const EXIT_CODE: i32 = 3;
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StorageError {}

/// What a SQLite error at start means for the operator.
fn at_start(path: &Path, e: rusqlite::Error) -> StorageError {
    use rusqlite::ErrorCode::*;
    let shown = path.display();
    StorageError(match e.sqlite_error_code() {
        Some(ReadOnly) | Some(CannotOpen) | Some(PermissionDenied) => format!(
            "The database {shown} cannot be written by this server ({e}). Make the file and its directory \
             writable by the user running keys-server, or point --db at a writable place."
        ),
        Some(DiskFull) => format!("The disk holding {shown} is full ({e}). Free some space, then start again."),
        Some(DatabaseCorrupt) | Some(NotADatabase) => format!(
            "The database {shown} is damaged ({e}). Restore it from a backup, or move it aside to start with a new one."
        ),
        _ => format!("The database {shown} cannot be used: {e}"),
    })
}

/// Opens (creating it and its parent directories if needed) the database, in WAL mode, seeded,
/// after checking that it can be written and that it is not damaged (`PRAGMA quick_check`).
pub fn open(path: &Path) -> Result<Connection, StorageError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            StorageError(format!("Cannot create the directory {} for the database: {e}", parent.display()))
        })?;
    }
    let fail = |e| at_start(path, e);
    let mut conn = Connection::open(path).map_err(fail)?;
    if conn.is_readonly(rusqlite::DatabaseName::Main).map_err(fail)? {
        return Err(at_start(
            path,
            rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY), None),
        ));
    }
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(fail)?;
    if !mode.eq_ignore_ascii_case("wal") {
        crate::log::note(&format!("warning: SQLite refused WAL mode (journal_mode = {mode})"));
    }
    let check: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0)).map_err(fail)?;
    if check != "ok" {
        return Err(StorageError(format!(
            "The database {} is damaged (quick_check: {check}). Restore it from a backup, or move it aside to \
             start with a new one.",
            path.display()
        )));
    }
    conn.pragma_update(None, "synchronous", "FULL").map_err(fail)?;
    conn.pragma_update(None, "foreign_keys", "ON").map_err(fail)?;
    conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(fail)?;
    // Writes something (in a transaction undone at once) to find a read-only file or directory now,
    // not at the first request.
    conn.execute_batch(
        "BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS keys_server_probe (x); DROP TABLE keys_server_probe; ROLLBACK;",
    )
    .map_err(fail)?;
    conn.execute_batch(SCHEMA).map_err(fail)?;
    seed(&mut conn).map_err(fail)?;
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRow {
    pub id: i64,
    pub name: String,
    pub accesskey: String,
}

/// What a path segment or body field names: no key, one key, or two different keys (one whose
/// access key ID it is, another whose name it is). New data cannot produce the third case (see
/// [`identifier_in_use`]); a lookup still refuses it rather than guess.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    None,
    One(KeyRow),
    Ambiguous { by_id: KeyRow, by_name: KeyRow },
}

/// Finds the key of `dc` whose access key ID or name is `id_or_name`.
pub fn find_key(conn: &Connection, dc: &str, id_or_name: &str) -> rusqlite::Result<Found> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, accesskey FROM keys WHERE dcslug = ?1 AND (accesskey = ?2 OR name = ?2)
         ORDER BY accesskey = ?2 DESC LIMIT 2",
    )?;
    let rows = stmt
        .query_map(params![dc, id_or_name], |r| Ok(KeyRow { id: r.get(0)?, name: r.get(1)?, accesskey: r.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut rows = rows.into_iter();
    Ok(match (rows.next(), rows.next()) {
        (None, _) => Found::None,
        (Some(one), None) => Found::One(one),
        (Some(by_id), Some(by_name)) => Found::Ambiguous { by_id, by_name },
    })
}

/// Whether `text` is any key's access key ID or name, in any data centre: a new access key ID
/// must be neither, and a new name must not be an ID ([`is_access_key_id`]), so one string never
/// names two keys.
pub fn identifier_in_use(conn: &Connection, text: &str) -> rusqlite::Result<bool> {
    conn.query_row("SELECT 1 FROM keys WHERE accesskey = ?1 OR name = ?1 LIMIT 1", [text], |_| Ok(()))
        .optional()
        .map(|o| o.is_some())
}

/// Whether `text` is the access key ID of any key, in any data centre.
pub fn is_access_key_id(conn: &Connection, text: &str) -> rusqlite::Result<bool> {
    conn.query_row("SELECT 1 FROM keys WHERE accesskey = ?1", [text], |_| Ok(())).optional().map(|o| o.is_some())
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
    fn find_key_by_id_or_name_refuses_to_guess_and_respects_the_dc() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("k.db")).unwrap();
        insert_key(&conn, "innoida", "alpha", "IDA", b"s", b"h", "2026-01-01 00:00:00").unwrap();
        let alpha = KeyRow { id: 1, name: "alpha".into(), accesskey: "IDA".into() };
        assert_eq!(find_key(&conn, "innoida", "IDA").unwrap(), Found::One(alpha.clone()));
        assert_eq!(find_key(&conn, "innoida", "alpha").unwrap(), Found::One(alpha.clone()));
        assert_eq!(find_key(&conn, "innoida", "beta").unwrap(), Found::None);
        assert_eq!(find_key(&conn, "inmumbaizone2", "IDA").unwrap(), Found::None);
        assert!(identifier_in_use(&conn, "IDA").unwrap() && identifier_in_use(&conn, "alpha").unwrap());
        assert!(!identifier_in_use(&conn, "beta").unwrap());
        assert!(is_access_key_id(&conn, "IDA").unwrap() && !is_access_key_id(&conn, "alpha").unwrap());
        // Data from before the rule: a name equal to another key's ID names two keys.
        insert_key(&conn, "innoida", "IDA", "IDB", b"s", b"h", "2026-01-01 00:00:01").unwrap();
        let other = KeyRow { id: 2, name: "IDA".into(), accesskey: "IDB".into() };
        assert_eq!(find_key(&conn, "innoida", "IDA").unwrap(), Found::Ambiguous { by_id: alpha, by_name: other });
        let keys = list_keys(&conn, "innoida").unwrap();
        assert_eq!(keys[0].accesskey, "IDB", "newest first");
    }
}
