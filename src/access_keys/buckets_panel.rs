//! The Buckets tab: the data centre's buckets, how many keys reach each and, opened, which ones,
//! with their access managed from the bucket's side: each key's permission changed or removed,
//! and "Give access…" to more keys (`bucket_keys`). Every write goes through
//! `store::ops::set_bucket_access`; how it went (per key, as bulk actions report) shows under its
//! bucket, with "Retry refused".
//!
//! The table is drawn as HTML (`ui::html::html_part`): it stays through the reloads that follow a
//! write, focus stays on the control it was on, and a choice not yet saved stays chosen.

use crate::api::ApiError;
use crate::browser::dom::{use_root, ConsoleRoot};
use crate::state::access::{bucket_outcome_text, keys_reaching};
use crate::state::bulk::BulkOutcome;
use crate::state::{KeyIndex, SmallMap, SmallSet, Tab};
use crate::store::{use_store, History, KeyDialog, KeyStore};
use crate::ui::html::{fill, html_part, value_of};
use crate::ui::write::{start, write, Write};
use keys_api::{AccessKey, Bucket, Permission};
use leptos::prelude::*;
use std::sync::Arc;

const COLUMNS: &[&str] = &["Storage", "Location", "Objects", "Keys", "Status", "Created At"];

/// What the table shows.
pub struct Table<'a> {
    pub buckets: &'a [Bucket],
    /// The key list and its index (names of keys the bucket list leaves unnamed).
    pub keys: &'a [AccessKey],
    pub index: &'a KeyIndex,
    /// The buckets opened, by name.
    pub open: &'a SmallSet<String>,
    /// Choices not yet saved, by `bucket/access key ID`.
    pub drafts: &'a SmallMap<String, Permission>,
    /// How the last write on a bucket's side went.
    pub outcome: Option<&'a BulkOutcome>,
    /// The console's id prefix.
    pub prefix: &'a str,
}

/// The buckets table as HTML: a row per bucket and, under an opened one, its keys (each with a
/// permission drop-down, Save and Remove), "Give access…" and the last write's outcome.
pub fn table_html(t: &Table) -> String {
    let mut out = String::from(
        "<table class=\"uk-table uk-table--cards\" data-testid=\"buckets-table\"><caption class=\"uk-sr-only\">Buckets</caption><thead><tr>",
    );
    for c in COLUMNS {
        fill(&mut out, "<th scope=\"col\">\u{1}</th>", &[c]);
    }
    out += "</tr></thead><tbody>";
    for b in t.buckets {
        let on = keys_reaching(b, t.keys, t.index);
        let open = t.open.contains(&b.name);
        let (location, country) = b.dclocation.as_ref().map_or((b.dcslug.as_str(), ""), |l| (&l.location, &l.country));
        let dot = if b.status.eq_ignore_ascii_case("active") { "active" } else { "other" };
        let list_id = format!("{}bucket-keys-{}", t.prefix, b.name);
        let (expanded, icon) = if open { ("true", "▾") } else { ("false", "▸") };
        fill(
            &mut out,
            "<tr class=\"uk-row--stack\" data-testid=\"bucket-row\"><th scope=\"row\"><button type=\"button\" class=\"uk-disclosure\" \
             aria-expanded=\"\u{1}\" aria-controls=\"\u{1}\" aria-label=\"Show keys for \u{1}\" data-act=\"open\" data-id=\"\u{1}\">\
             <span aria-hidden=\"true\" class=\"uk-disclosure__icon\">\u{1}</span>\u{1}</button></th>\
             <td data-label=\"Location\"><span class=\"uk-location\">\u{1}</span><span class=\"uk-location__country\">\u{1}</span></td>\
             <td class=\"uk-num\" data-label=\"Objects\">\u{1}</td><td class=\"uk-num\" data-label=\"Keys\">\u{1}</td>\
             <td data-label=\"Status\"><span class=\"uk-status\"><span class=\"uk-dot uk-dot--\u{1}\" aria-hidden=\"true\"></span>\u{1}</span></td>\
             <td class=\"uk-table__date\" data-label=\"Created At\">\u{1}</td></tr>",
            &[
                expanded,
                &list_id,
                &b.name,
                &b.name,
                icon,
                &b.name,
                location,
                country,
                &b.object_count.to_string(),
                &on.len().to_string(),
                dot,
                &b.status,
                &b.created_at,
            ],
        );
        if open {
            fill(&mut out, "<tr class=\"uk-subrow\"><td colspan=\"6\" id=\"\u{1}\">", &[&list_id]);
            keys_html(&mut out, t, &b.name, &on);
            out += "</td></tr>";
        }
    }
    out + "</tbody></table>"
}

/// An opened bucket: its keys, "Give access…", and how the last write on it went.
fn keys_html(out: &mut String, t: &Table, bucket: &str, on: &[(String, String, Permission)]) {
    if on.is_empty() {
        out.push_str("<p>No key can reach this bucket.</p>");
    } else {
        fill(out, "<ul class=\"uk-list uk-onbucket-list\" data-testid=\"bucket-keys-\u{1}\">", &[bucket]);
    }
    for (name, accesskey, permission) in on {
        let id = format!("{bucket}/{accesskey}");
        let chosen = t.drafts.get(&id).copied().unwrap_or(*permission);
        fill(
            out,
            "<li class=\"uk-onbucket\"><button type=\"button\" class=\"uk-btn uk-btn--link\" aria-label=\"View details of \u{1}\" \
             data-act=\"details\" data-id=\"\u{1}\">\u{1}</button><select class=\"uk-select\" aria-label=\"Permission of \u{1} on \u{1}\" \
             data-act=\"choose\" data-id=\"\u{1}\">",
            &[name, &id, name, name, bucket, &id],
        );
        for p in Permission::ALL {
            let option = match p == chosen {
                true => "<option value=\"\u{1}\" selected>\u{1}</option>",
                false => "<option value=\"\u{1}\">\u{1}</option>",
            };
            fill(out, option, &[p.as_str(), p.label()]);
        }
        fill(
            out,
            "</select><button type=\"button\" class=\"uk-btn uk-btn--secondary uk-btn--small\" aria-label=\"Save permission of \u{1} on \u{1}\" \
             data-act=\"save\" data-id=\"\u{1}\">Save</button><button type=\"button\" class=\"uk-btn uk-btn--secondary uk-btn--small\" \
             aria-label=\"Remove \u{1} from \u{1}\" data-act=\"remove\" data-id=\"\u{1}\">Remove</button></li>",
            &[name, bucket, &id, name, bucket, &id],
        );
    }
    if !on.is_empty() {
        out.push_str("</ul>");
    }
    fill(
        out,
        "<button type=\"button\" class=\"uk-btn uk-btn--secondary uk-btn--small\" aria-haspopup=\"dialog\" aria-label=\"Give access to \u{1}…\" \
         id=\"\u{1}give-\u{1}\" data-act=\"give\" data-id=\"\u{1}\">Give access…</button>",
        &[bucket, t.prefix, bucket, bucket],
    );
    let Some((o, grant)) = t.outcome.and_then(|o| Some((o, o.grant.as_ref().filter(|g| g.bucket == bucket)?))) else {
        return;
    };
    let kind = if o.failed.is_empty() { "ok" } else { "danger" };
    fill(
        out,
        "<div class=\"uk-alert uk-alert--\u{1}\" data-testid=\"bucket-outcome\"><p class=\"uk-alert__title\">\u{1}</p>",
        &[kind, &bucket_outcome_text(grant, o)],
    );
    if !o.failed.is_empty() {
        out.push_str("<p>These were refused:</p><ul>");
        for f in &o.failed {
            fill(out, "<li>\u{1}: \u{1}</li>", &[&f.name, &f.error.to_string()]);
        }
        fill(
            out,
            "</ul><button type=\"button\" class=\"uk-btn uk-btn--secondary\" data-act=\"retry\" data-id=\"\u{1}\">Retry refused</button>",
            &[bucket],
        );
    }
    fill(out, "<button type=\"button\" class=\"uk-btn uk-btn--link\" data-act=\"dismiss\" data-id=\"\u{1}\">Dismiss</button></div>", &[bucket]);
}

/// What the tab shows while the list loads or when it failed (with Retry), or that there is no
/// bucket (`Ok(n)`: the list holds `n` buckets; none for a table).
pub fn state_html(loaded: Option<Result<usize, &ApiError>>) -> String {
    let mut out = String::new();
    match loaded {
        None => out += "<p class=\"uk-empty\" role=\"status\">Loading buckets…</p>",
        Some(Ok(0)) => out += "<div class=\"uk-empty\"><p class=\"uk-empty__title\">No buckets in this data centre</p></div>",
        Some(Ok(_)) => {}
        Some(Err(e)) => fill(
            &mut out,
            "<div class=\"uk-alert uk-alert--danger\" role=\"alert\" data-testid=\"load-error\"><p class=\"uk-alert__title\">Could not load buckets.</p>\
             <p>\u{1}</p><button type=\"button\" class=\"uk-btn uk-btn--secondary\" data-act=\"reload\">Retry</button></div>",
            &[&e.to_string()],
        ),
    }
    out
}

/// Writes `permission` on `bucket` for `keys` as a write of `save` (its outcome is the store's);
/// then, if `after` is given, focus goes to that control of `root` (a removed key's row is gone).
/// Also the picker's (`bucket_keys`) way to give access.
pub fn grant(
    store: KeyStore,
    save: Write,
    root: ConsoleRoot,
    bucket: &str,
    keys: Vec<(String, String)>,
    permission: Permission,
    after: Option<String>,
) {
    let run = store.set_bucket_access(bucket.to_string(), keys, permission);
    start(save, async move {
        run.await;
        if let Some(id) = after {
            root.focus(&id);
        }
    });
}

/// The Buckets tab: the table drawn from the lists (or what stands in for it while they load) and
/// kept up to date; its controls' acts.
#[component]
pub fn BucketsPanel() -> impl IntoView {
    let store = use_store();
    store.lists.need_buckets();
    let root = use_root();
    let open = RwSignal::new(SmallSet::<String>::new());
    let drafts = RwSignal::new(SmallMap::<String, Permission>::new());
    let save = write();
    let draw = move || {
        let buckets = match store.lists.buckets_now() {
            Some(Ok(list)) if !list.is_empty() => list,
            other => return state_html(other.as_ref().map(|r| r.as_ref().map(|l| l.len()))),
        };
        let keys = store.lists.keys.get().and_then(Result::ok).unwrap_or_default();
        let outcome = store.bucket_outcome.get();
        store.lists.index.with(|index| {
            open.with(|open| {
                drafts.with(|drafts| {
                    let prefix = root.prefix;
                    table_html(&Table {
                        buckets: &buckets,
                        keys: &keys,
                        index,
                        open,
                        drafts,
                        outcome: outcome.as_ref(),
                        prefix,
                    })
                })
            })
        })
    };
    // A key on a bucket, by `bucket/access key ID`: its name and permission now.
    let key_on = move |id: &str| -> Option<(String, String, String, Permission)> {
        let (bucket, accesskey) = id.split_once('/')?;
        let buckets = store.lists.buckets_now()?.ok()?;
        let b = buckets.iter().find(|b| b.name == bucket)?;
        let keys = store.lists.loaded_keys();
        let on = store.lists.index.with_untracked(|index| keys_reaching(b, &keys, index));
        let (name, _, permission) = on.into_iter().find(|k| k.1 == accesskey)?;
        Some((bucket.to_string(), accesskey.to_string(), name, permission))
    };
    let on_act = Arc::new(move |act: &str, id: &str, control: &web_sys::Element| match act {
        "open" => open.update(|o| {
            if !o.remove(id) {
                o.insert(id.to_string());
            }
        }),
        "choose" => {
            if let Some(p) = Permission::parse(&value_of(control)) {
                drafts.update(|d| {
                    d.insert(id.to_string(), p);
                });
            }
        }
        "details" => {
            if let Some((_, accesskey, ..)) = untrack(|| key_on(id)) {
                store.view.update(History::Push, |v| {
                    v.tab = Tab::Keys;
                    v.key = Some(accesskey);
                });
            }
        }
        "save" | "remove" => {
            let Some((bucket, accesskey, name, now)) = untrack(|| key_on(id)) else { return };
            let draft = drafts.try_update(|d| d.remove(id)).flatten();
            let (permission, after) = match act {
                "save" => (draft.unwrap_or(now), None),
                _ => (Permission::None, Some(root.id(&format!("give-{bucket}")))),
            };
            grant(store, save, root, &bucket, vec![(accesskey, name)], permission, after);
        }
        "give" => store.dialog.set(Some(KeyDialog::GiveAccess(id.to_string()))),
        "retry" => {
            let Some(o) = store.bucket_outcome.get_untracked() else { return };
            if let Some(g) = o.grant.filter(|g| g.bucket == id) {
                let failed = o.failed.iter().map(|f| (f.accesskey.clone(), f.name.clone())).collect();
                grant(store, save, root, id, failed, g.permission, None);
            }
        }
        "reload" => store.lists.buckets.refetch(),
        "dismiss" => store.bucket_outcome.set(None),
        _ => {}
    });
    html_part("", draw, on_act)
}
