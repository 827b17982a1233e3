//! `keys-server seed`: fills a database with many keys at once (one transaction), for the
//! benchmarks (`make bench`) and for trying the console with a long list. Secrets are random and
//! stored hashed, as for keys made through the API; they are never printed.

use crate::{db, ids};
use rusqlite::params;
use std::path::Path;

/// What to seed.
#[derive(Debug, Clone)]
pub struct Seed {
    pub dc: String,
    pub keys: usize,
    /// Every third key also gets `write` on the data centre's first bucket, every fifth `read` on the second.
    pub permissions: bool,
}

/// Adds `seed.keys` keys named `bench-key-00001`… (every seventh suspended, one second apart,
/// newest last) to the database at `path`. Returns how many keys the data centre then has.
pub fn run(path: &Path, seed: &Seed) -> Result<usize, Box<dyn std::error::Error + Send + Sync>> {
    let mut conn = db::open(path)?;
    if db::datacenter(&conn, &seed.dc)?.is_none() {
        return Err(format!("no data centre {:?} in {}", seed.dc, path.display()).into());
    }
    let buckets: Vec<i64> = {
        let mut stmt = conn.prepare("SELECT id FROM buckets WHERE dcslug = ?1 ORDER BY id")?;
        let rows = stmt.query_map([&seed.dc], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let start = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
        .saturating_sub(seed.keys as u64);
    let tx = conn.transaction()?;
    for i in 1..=seed.keys {
        let name = format!("bench-key-{i:05}");
        let accesskey = ids::random_alnum(ids::ID_LEN);
        let salt = ids::salt();
        let hash = ids::hash_secret(&salt, &ids::random_alnum(ids::ID_LEN));
        let status = if i % 7 == 0 { "Suspended" } else { "Active" };
        let created = ids::format_timestamp(start + i as u64);
        tx.execute(
            "INSERT INTO keys (dcslug, name, accesskey, secret_salt, secret_hash, status, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![seed.dc, name, accesskey, &salt[..], &hash[..], status, created],
        )?;
        if seed.permissions {
            let key_id = tx.last_insert_rowid();
            let grants = [(0, 3, "write"), (1, 5, "read")];
            for (bucket, every, permission) in grants {
                if let Some(bucket_id) = buckets.get(bucket).filter(|_| i % every == 0) {
                    tx.execute(
                        "INSERT INTO permissions (bucket_id, key_id, permission, created_at) VALUES (?1, ?2, ?3, ?4)",
                        params![bucket_id, key_id, permission, created],
                    )?;
                }
            }
        }
    }
    tx.commit()?;
    Ok(db::list_keys(&conn, &seed.dc)?.len())
}
