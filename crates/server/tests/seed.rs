//! `keys-server seed`: many keys at once, as the benchmarks use them, then served like any others.

mod common;

use common::*;
use std::process::Command;

fn seed(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_keys-server"))
        .arg("--db")
        .arg(db)
        .arg("seed")
        .args(args)
        .output()
        .expect("run keys-server seed")
}

#[tokio::test]
async fn seeded_keys_are_listed_newest_first_with_their_statuses_and_permissions() {
    let dir = tempdir();
    let opts = Opts::new(dir.path());
    let out = seed(&opts.db, &["--keys", "40", "--permissions"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("now holds 40 keys"));
    // Seeding never prints a secret (nor anything that looks like one).
    assert!(!String::from_utf8_lossy(&out.stdout).contains("secret"));

    let server = opts.start();
    let keys = keys(&server).await;
    assert_eq!(keys.len(), 40);
    assert_eq!(keys[0].0, "bench-key-00040", "newest first");
    assert_eq!(keys[39].0, "bench-key-00001");
    let suspended: Vec<&str> = keys.iter().filter(|k| k.2 == "Suspended").map(|k| k.0.as_str()).collect();
    assert_eq!(
        suspended,
        ["bench-key-00035", "bench-key-00028", "bench-key-00021", "bench-key-00014", "bench-key-00007"]
    );
    let ids: std::collections::HashSet<&str> = keys.iter().map(|k| k.1.as_str()).collect();
    assert_eq!(ids.len(), 40, "every key its own ID");
    // Every third key can write to the first bucket, every fifth read the second.
    let first = bucket_permissions(&server, "media-archive").await;
    assert_eq!(first.iter().filter(|p| p.2 == "write" && p.0.starts_with("bench-key-")).count(), 13);
    let second = bucket_permissions(&server, "backups-innoida").await;
    assert_eq!(second.iter().filter(|p| p.2 == "read" && p.0.starts_with("bench-key-")).count(), 8);
}

#[test]
fn seeding_an_unknown_data_centre_fails_and_says_why() {
    let dir = tempdir();
    let out = seed(&dir.path().join("keys.db"), &["--keys", "3", "--dc", "nowhere"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no data centre \"nowhere\""), "{out:?}");
}
