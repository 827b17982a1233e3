//! The data centres that offer object storage, as data (`datacenters.json`), not literals in code.
//! The console's picker, the S3 endpoint and region in the credentials, and the reference server's
//! seed all read this one list. An embedding page may pass its own list in the console's config.

use serde::Serialize;
use std::sync::OnceLock;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DataCentre {
    pub slug: String,
    pub location: String,
    pub country: String,
    /// Two-letter country code, as the API's `dclocation.dccc`.
    pub dccc: String,
    pub s3_endpoint: String,
    pub region: String,
}

/// The built-in list, parsed once from `datacenters.json`.
pub fn datacenters() -> &'static [DataCentre] {
    static LIST: OnceLock<Vec<DataCentre>> = OnceLock::new();
    // Read with the serde-free reader: the console uses this list too, and serde costs its wasm.
    LIST.get_or_init(|| {
        <Vec<DataCentre> as crate::wire::FromJson>::from_text(include_str!("datacenters.json"))
            .expect("datacenters.json is valid")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn innoida_is_first_with_its_s3_endpoint() {
        let dcs = datacenters();
        assert!(dcs.len() >= 2);
        assert_eq!(dcs[0].slug, "innoida");
        assert_eq!(dcs[0].s3_endpoint, "https://innoida.utho.io");
        assert_eq!(dcs[0].region, "innoida");
    }
}
