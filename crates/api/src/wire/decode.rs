//! [`FromJson`] for each wire type: the lenient rules of the contract, field by field. A field
//! that is not there keeps its default; unknown fields are stepped over.

use super::{FromJson, Reader};
use crate::{
    AccessKey, Bucket, BucketPermission, BucketsResponse, CreateKeyResponse, DataCentre, DcLocation, Envelope,
    KeyStatus, ListKeysResponse, SecretKey,
};

/// A required string field that was not there (or not a string).
fn missing(field: &'static str) -> String {
    format!("no {field}")
}

/// The envelope's own fields; other fields go to `other`.
fn envelope_field(
    e: &mut Envelope,
    r: &mut Reader,
    name: &str,
    other: impl FnOnce(&mut Reader, &str) -> Result<(), String>,
) -> Result<(), String> {
    match name {
        "status" => e.status = r.text()?,
        "message" => e.message = r.text()?,
        _ => other(r, name)?,
    }
    Ok(())
}

impl FromJson for Envelope {
    fn read(r: &mut Reader) -> Result<Self, String> {
        let mut e = Envelope::default();
        r.object(|r, name| envelope_field(&mut e, r, name, |r, _| r.skip()))?;
        Ok(e)
    }

    fn envelope(&self) -> Option<&Envelope> {
        Some(self)
    }
}

impl FromJson for AccessKey {
    fn read(r: &mut Reader) -> Result<Self, String> {
        let (mut name, mut dcslug, mut created_at) = (String::new(), String::new(), String::new());
        let (mut accesskey, mut status) = (None, None);
        r.object(|r, field| {
            match field {
                "name" => name = r.loose_string()?,
                "accesskey" => accesskey = r.text()?,
                "dcslug" => dcslug = r.loose_string()?,
                "status" => status = Some(KeyStatus::from(&*r.loose_str()?)),
                "created_at" => created_at = r.loose_string()?,
                _ => r.skip()?,
            }
            Ok(())
        })?;
        let status = status.ok_or("a key without status")?;
        let accesskey = accesskey.ok_or_else(|| missing("accesskey"))?;
        Ok(AccessKey { name, accesskey, dcslug, status, created_at })
    }
}

impl FromJson for ListKeysResponse {
    fn read(r: &mut Reader) -> Result<Self, String> {
        let (accesskeys, envelope) = list_response(r, "accesskeys")?;
        Ok(ListKeysResponse { accesskeys, envelope })
    }

    fn envelope(&self) -> Option<&Envelope> {
        Some(&self.envelope)
    }
}

/// A list answer: the list under `field`, and the envelope beside it (absent parts stay empty).
fn list_response<T: FromJson>(r: &mut Reader, field: &'static str) -> Result<(Vec<T>, Envelope), String> {
    let (mut list, mut envelope) = (Vec::new(), Envelope::default());
    r.object(|r, name| {
        envelope_field(&mut envelope, r, name, |r, name| {
            if name == field {
                list = r.list(field)?;
            } else {
                r.skip()?;
            }
            Ok(())
        })
    })?;
    Ok((list, envelope))
}

impl FromJson for CreateKeyResponse {
    fn read(r: &mut Reader) -> Result<Self, String> {
        let mut envelope = Envelope::default();
        let (mut accesskey, mut secretkey) = (None, None);
        r.object(|r, name| {
            envelope_field(&mut envelope, r, name, |r, name| {
                match name {
                    "accesskey" => accesskey = r.text()?,
                    "secretkey" => secretkey = r.text()?.map(SecretKey::new),
                    _ => r.skip()?,
                }
                Ok(())
            })
        })?;
        Ok(CreateKeyResponse {
            envelope,
            accesskey: accesskey.ok_or_else(|| missing("accesskey"))?,
            secretkey: secretkey.ok_or_else(|| missing("secretkey"))?,
        })
    }

    fn envelope(&self) -> Option<&Envelope> {
        Some(&self.envelope)
    }
}

impl FromJson for BucketPermission {
    fn read(r: &mut Reader) -> Result<Self, String> {
        let mut p = BucketPermission::default();
        r.object(|r, field| {
            match field {
                "bucket" => p.bucket = r.loose_string()?,
                "name" => p.name = r.loose_string()?,
                "accesskey" => p.accesskey = r.loose_string()?,
                "permission" => p.permission = r.loose_string()?,
                "status" => p.status = r.text()?,
                "created_at" => p.created_at = r.loose_string()?,
                _ => r.skip()?,
            }
            Ok(())
        })?;
        Ok(p)
    }
}

impl FromJson for DcLocation {
    fn read(r: &mut Reader) -> Result<Self, String> {
        let mut d = DcLocation::default();
        r.object(|r, field| {
            match field {
                "location" => d.location = r.loose_string()?,
                "country" => d.country = r.loose_string()?,
                "dc" => d.dc = r.loose_string()?,
                "dccc" => d.dccc = r.loose_string()?,
                _ => r.skip()?,
            }
            Ok(())
        })?;
        Ok(d)
    }
}

impl FromJson for Bucket {
    fn read(r: &mut Reader) -> Result<Self, String> {
        let mut b = Bucket::default();
        let mut name = None;
        r.object(|r, field| {
            match field {
                "name" => name = r.text()?,
                "access" => b.access = r.loose_string()?,
                "dcslug" => b.dcslug = r.loose_string()?,
                "size" => b.size = r.count()?,
                "status" => b.status = r.loose_string()?,
                "created_at" => b.created_at = r.loose_string()?,
                "object_count" => b.object_count = r.count()?,
                "version_enabled" => b.version_enabled = r.boolean()?,
                "current_size" => b.current_size = r.loose_string()?,
                "permissions" => b.permissions = r.list("permissions")?,
                "dclocation" => {
                    b.dclocation =
                        if r.peek() == Some(b'n') { r.skip().map(|_| None)? } else { Some(DcLocation::read(r)?) }
                }
                _ => r.skip()?,
            }
            Ok(())
        })?;
        b.name = name.ok_or_else(|| missing("name"))?;
        Ok(b)
    }
}

impl FromJson for BucketsResponse {
    fn read(r: &mut Reader) -> Result<Self, String> {
        let (buckets, envelope) = list_response(r, "buckets")?;
        Ok(BucketsResponse { buckets, envelope })
    }

    fn envelope(&self) -> Option<&Envelope> {
        Some(&self.envelope)
    }
}

impl FromJson for DataCentre {
    fn read(r: &mut Reader) -> Result<Self, String> {
        let (mut slug, mut s3_endpoint) = (None, None);
        let mut d = DataCentre::default();
        r.object(|r, field| {
            match field {
                "slug" => slug = r.text()?,
                "location" => d.location = r.loose_string()?,
                "country" => d.country = r.loose_string()?,
                "dccc" => d.dccc = r.loose_string()?,
                "s3_endpoint" => s3_endpoint = r.text()?,
                "region" => d.region = r.loose_string()?,
                _ => r.skip()?,
            }
            Ok(())
        })?;
        d.slug = slug.ok_or_else(|| missing("slug"))?;
        d.s3_endpoint = s3_endpoint.ok_or_else(|| missing("s3_endpoint"))?;
        Ok(d)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read(r: &mut Reader) -> Result<Self, String> {
        if r.peek() == Some(b'n') {
            return Err("value is not a list".into());
        }
        r.list("value")
    }
}
