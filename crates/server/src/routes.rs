//! The `/v2/objectstorage/{dc}/…` handlers. Each one checks the data centre, then works on the
//! database inside `spawn_blocking`; every change is committed before the response is sent.
//!
//! **Addressing a key.** A path segment names a key by its access key ID or by its name. One
//! string never names two keys: a new key's name may not be any key's access key ID, and a new
//! access key ID is never an existing name or ID ([`db::identifier_in_use`]); should older data hold
//! such a pair, the call is refused with 409 rather than guessed. When a body also names a key
//! (`accesskey` on the status route), it must be the key the path names, or the call is refused
//! with 400: no call can reach a key other than the one its path names.

use crate::db::{self, KeyRow};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiPath, JsonBody};
use crate::{ids, AppState};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use keys_api::{
    validate_key_name, BucketsResponse, CreateKeyRequest, CreateKeyResponse, DcLocation, Envelope, KeyStatus,
    ListKeysResponse, Permission, SecretKey, StatusAction, StatusRequest,
};
use rusqlite::Connection;

/// Runs `f` on the connection off the async workers.
async fn with_db<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&mut Connection) -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    let db = state.db.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = db.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut conn)
    })
    .await
    .map_err(|e| {
        ApiError::internal("The server failed while handling the request.", format!("database task failed: {e}"))
    })?
}

/// The data centre, or a 404 naming the ones that exist.
fn require_dc(conn: &Connection, slug: &str) -> ApiResult<DcLocation> {
    if let Some(dc) = db::datacenter(conn, slug)? {
        return Ok(dc);
    }
    let known = db::datacenter_slugs(conn)?.join(", ");
    Err(ApiError::not_found(format!("Data centre \"{slug}\" not found. Object storage is available in: {known}.")))
}

pub async fn list_keys(
    State(state): State<AppState>,
    ApiPath(dc): ApiPath<String>,
) -> ApiResult<Json<ListKeysResponse>> {
    let accesskeys = with_db(&state, move |conn| {
        require_dc(conn, &dc)?;
        Ok(db::list_keys(conn, &dc)?)
    })
    .await?;
    Ok(Json(ListKeysResponse { accesskeys, envelope: Envelope::success("") }))
}

pub async fn create_key(
    State(state): State<AppState>,
    ApiPath(dc): ApiPath<String>,
    body: JsonBody,
) -> ApiResult<Response> {
    let name = body.string("accesskey", CREATE_EXAMPLE)?.unwrap_or_default().to_string();
    let request = CreateKeyRequest { accesskey: name };
    let (accesskey, secret) = with_db(&state, move |conn| {
        require_dc(conn, &dc)?;
        let name = request.accesskey;
        validate_key_name(&name).map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
        if db::key_name_taken(conn, &dc, &name)? {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!("An access key named \"{name}\" already exists in {dc}. Choose another name."),
            ));
        }
        if db::is_access_key_id(conn, &name)? {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!(
                    "\"{name}\" is the access key ID of another key, so calls by name could reach that key. \
                     Choose another name."
                ),
            ));
        }
        let mut accesskey = ids::random_alnum(ids::ID_LEN);
        while db::identifier_in_use(conn, &accesskey)? {
            accesskey = ids::random_alnum(ids::ID_LEN);
        }
        let secret = SecretKey::new(ids::random_alnum(ids::ID_LEN));
        let salt = ids::salt();
        let hash = ids::hash_secret(&salt, secret.expose());
        db::insert_key(conn, &dc, &name, &accesskey, &salt, &hash, &ids::now())?;
        Ok((accesskey, secret))
    })
    .await?;
    let response =
        CreateKeyResponse { envelope: Envelope::success("Object User has been created"), accesskey, secretkey: secret };
    let mut res = Json(response).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// How a create body looks.
const CREATE_EXAMPLE: &str = "{\"accesskey\":\"backup-nightly\"}";
/// How a status body looks.
const STATUS_EXAMPLE: &str = "{\"accesskey\":\"…\",\"status\":\"disable\"}";

/// The status body; a wrong value gets a message listing the right ones. Without `accesskey`,
/// the key is the one the path names.
fn status_request(body: &JsonBody, path_key: &str) -> ApiResult<StatusRequest> {
    const VALID: &str = "Use \"enable\", \"disable\" or \"remove\" in \"status\", such as {\"accesskey\":\"…\",\"status\":\"disable\"}.";
    let status = match body.string("status", STATUS_EXAMPLE) {
        Ok(Some(s)) => s,
        Ok(None) => return Err(ApiError::bad_request(format!("The status is missing. {VALID}"))),
        Err(_) => return Err(ApiError::bad_request(format!("The status must be a string. {VALID}"))),
    };
    let action = StatusAction::parse(status)
        .ok_or_else(|| ApiError::bad_request(format!("Unknown status \"{status}\". {VALID}")))?;
    let accesskey = body.string("accesskey", STATUS_EXAMPLE)?.unwrap_or(path_key).to_string();
    Ok(StatusRequest { accesskey, status: action })
}

pub async fn set_status(
    State(state): State<AppState>,
    ApiPath((dc, path_key)): ApiPath<(String, String)>,
    body: JsonBody,
) -> ApiResult<Json<Envelope>> {
    let message = with_db(&state, move |conn| {
        require_dc(conn, &dc)?;
        let request = status_request(&body, &path_key)?;
        let key = resolve_key(conn, &dc, &path_key)?;
        if request.accesskey != path_key {
            let same = matches!(db::find_key(conn, &dc, &request.accesskey)?, db::Found::One(k) if k.id == key.id);
            if !same {
                return Err(ApiError::bad_request(format!(
                    "The path names access key \"{path_key}\" but the body names \"{}\". Send the same key in \
                     both places (its access key ID), or leave \"accesskey\" out of the body.",
                    request.accesskey
                )));
            }
        }
        Ok(match request.status {
            StatusAction::Enable => {
                db::set_key_status(conn, key.id, &KeyStatus::Active)?;
                "Access key activated"
            }
            StatusAction::Disable => {
                db::set_key_status(conn, key.id, &KeyStatus::Suspended)?;
                "Access key suspended"
            }
            StatusAction::Remove => {
                db::remove_key(conn, key.id)?;
                "Access key deleted"
            }
        })
    })
    .await?;
    Ok(Json(Envelope::success(message)))
}

/// The one key `id_or_name` names in `dc` (see the module comment), or 404 / 409.
fn resolve_key(conn: &Connection, dc: &str, id_or_name: &str) -> ApiResult<KeyRow> {
    match db::find_key(conn, dc, id_or_name)? {
        db::Found::One(key) => Ok(key),
        db::Found::None => Err(key_not_found(id_or_name, dc)),
        db::Found::Ambiguous { by_id, by_name } => Err(ApiError::new(
            StatusCode::CONFLICT,
            format!(
                "\"{id_or_name}\" is the access key ID of the key named \"{}\" and the name of the key with \
                 ID {}. Name the key you mean by its name (\"{}\") or by the other key's ID ({}).",
                by_id.name, by_name.accesskey, by_id.name, by_name.accesskey
            ),
        )),
    }
}

fn key_not_found(key: &str, dc: &str) -> ApiError {
    ApiError::not_found(format!(
        "Access key \"{key}\" not found in {dc}. It may have been deleted: reload the list of keys."
    ))
}

pub async fn set_permission(
    State(state): State<AppState>,
    ApiPath((dc, bucket, permission, key)): ApiPath<(String, String, String, String)>,
    _body: JsonBody, // no body, `{}` or any JSON: nothing in it is used
) -> ApiResult<Json<Envelope>> {
    let message = with_db(&state, move |conn| {
        require_dc(conn, &dc)?;
        let permission = Permission::parse(&permission).ok_or_else(|| {
            ApiError::bad_request(format!(
                "Unknown permission \"{permission}\". Use read, write, full (read and write) or none (revoke)."
            ))
        })?;
        let bucket_id = db::find_bucket(conn, &dc, &bucket)?.ok_or_else(|| {
            ApiError::not_found(format!("Bucket \"{bucket}\" not found in {dc}. Reload the list of buckets."))
        })?;
        let KeyRow { id: key_id, name, .. } = resolve_key(conn, &dc, &key)?;
        db::set_permission(conn, bucket_id, key_id, permission, &ids::now())?;
        Ok(match permission {
            Permission::None => format!("Access key {name} no longer has access to bucket {bucket}"),
            p => format!("Access key {name} now has {} permission on bucket {bucket}", p.as_str()),
        })
    })
    .await?;
    Ok(Json(Envelope::success(message)))
}

pub async fn list_buckets(
    State(state): State<AppState>,
    ApiPath(dc): ApiPath<String>,
) -> ApiResult<Json<BucketsResponse>> {
    let buckets = with_db(&state, move |conn| {
        let dc = require_dc(conn, &dc)?;
        Ok(db::list_buckets(conn, &dc)?)
    })
    .await?;
    Ok(Json(BucketsResponse { buckets, envelope: Envelope::success("") }))
}

pub async fn not_found() -> ApiError {
    ApiError::not_found("There is no such API route. The routes are under /v2/objectstorage/{dcslug}/: accesskeys, accesskey/create, accesskey/{name}/status, bucket, bucket/{bucket}/permission/{permission}/accesskey/{accesskey}.")
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "This route does not accept that method: lists use GET, changes use POST.",
    )
}
