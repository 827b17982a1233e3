//! Random identifiers, secrets and tokens from the OS CSPRNG, salted secret hashes, and timestamps.

use sha2::{Digest, Sha256};
use std::time::{SystemTime, UNIX_EPOCH};

const ALPHABET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/// Bytes at or above this are rejected: 248 = 4 × 62, so `b % 62` is uniform below it.
const REJECT_FROM: u8 = (256 - 256 % ALPHABET.len()) as u8;

/// Length of access key IDs and secrets, as the real service issues them.
pub const ID_LEN: usize = 36;
/// Length of a generated API token.
pub const TOKEN_LEN: usize = 32;

/// `len` characters of `[A-Za-z0-9]`, uniformly distributed (rejection sampling, no modulo bias).
pub fn random_alnum(len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut buf = [0u8; 64];
    while out.len() < len {
        getrandom::fill(&mut buf).expect("the operating system's random source works");
        for &b in buf.iter().filter(|&&b| b < REJECT_FROM) {
            if out.len() == len {
                break;
            }
            out.push(ALPHABET[usize::from(b) % ALPHABET.len()] as char);
        }
    }
    out
}

/// A fresh random salt for hashing a secret.
pub fn salt() -> [u8; 16] {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).expect("the operating system's random source works");
    salt
}

/// SHA-256 over salt then secret: what the database keeps instead of the secret.
pub fn hash_secret(salt: &[u8], secret: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(salt);
    h.update(secret.as_bytes());
    h.finalize().into()
}

/// Now as `"YYYY-MM-DD HH:MM:SS"` in UTC.
pub fn now() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    format_timestamp(secs)
}

/// Seconds since the Unix epoch as `"YYYY-MM-DD HH:MM:SS"` (UTC, proleptic Gregorian calendar).
pub fn format_timestamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Days since 1970-01-01 to (year, month, day); Howard Hinnant's `civil_from_days`.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_the_right_length_and_alphabet() {
        for len in [ID_LEN, TOKEN_LEN, 1, 200] {
            let id = random_alnum(len);
            assert_eq!(id.len(), len);
            assert!(id.bytes().all(|b| b.is_ascii_alphanumeric()), "{id}");
        }
        assert_ne!(random_alnum(ID_LEN), random_alnum(ID_LEN));
    }

    #[test]
    fn every_character_shows_up() {
        let s = random_alnum(20_000);
        for &c in ALPHABET {
            assert!(s.as_bytes().contains(&c), "missing {}", c as char);
        }
        assert_eq!(REJECT_FROM, 248);
    }

    #[test]
    fn timestamps_match_known_dates() {
        assert_eq!(format_timestamp(0), "1970-01-01 00:00:00");
        assert_eq!(format_timestamp(951_782_400), "2000-02-29 00:00:00");
        assert_eq!(format_timestamp(1_773_479_564), "2026-03-14 09:12:44");
        assert_eq!(format_timestamp(4_102_444_799), "2099-12-31 23:59:59");
        assert_eq!(now().len(), 19);
    }

    #[test]
    fn hashes_depend_on_salt_and_secret() {
        let a = hash_secret(b"salt1", "secret");
        assert_eq!(a, hash_secret(b"salt1", "secret"));
        assert_ne!(a, hash_secret(b"salt2", "secret"));
        assert_ne!(a, hash_secret(b"salt1", "secreT"));
    }
}
