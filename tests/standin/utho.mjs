// A stand-in for Utho's API (https://api.utho.com/v2/) as shared/reference/utho-api.md describes
// it, quirks included: failures sent with HTTP 200 and {"status":"error"}, lists without the
// status envelope, numbers as strings, fields the console does not know, stray bytes before the
// JSON, and "read" permissions refused by the platform. In memory; for the end-to-end tests of
// the server's upstream mode. GET /__state shows what it holds (tests only).
//   node tests/standin/utho.mjs <port>      (token: STANDIN_TOKEN, default "standin-utho-token")
import http from "node:http";
import { randomBytes } from "node:crypto";

const port = Number(process.argv[2] ?? 8097);
const token = process.env.STANDIN_TOKEN ?? "standin-utho-token";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const id = () => [...randomBytes(36)].map((b) => ALNUM[b % 62]).join("");
const now = () => new Date().toISOString().slice(0, 19).replace("T", " ");

const keys = [
  { name: "standin-backup", accesskey: id(), dcslug: "innoida", status: "Active", created_at: "2026-03-14 09:12:44" },
  { name: "standin-archive", accesskey: id(), dcslug: "innoida", status: "Suspended", created_at: "2026-03-15 10:00:00" },
];
const buckets = ["media-archive", "backups-innoida"].map((name) => ({ name, permissions: [] }));

const send = (res, status, body, prefix = "") => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(prefix + JSON.stringify(body));
};
// The service's way of refusing: HTTP 200 with an error envelope.
const refuse = (res, message) => send(res, 200, { status: "error", message });

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, "http://x");
  if (url.pathname === "/__state") return send(res, 200, { keys, buckets });
  if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { status: "error", message: "Unauthorized" });
  let raw = "";
  for await (const chunk of req) raw += chunk;
  const body = raw ? JSON.parse(raw) : {};
  const m = url.pathname.match(/^\/v2\/objectstorage\/([^/]+)\/(.*?)\/?$/);
  if (!m) return send(res, 404, { status: "error", message: "Not Found" });
  const [, dc, rest] = m;
  if (dc !== "innoida") return refuse(res, "Invalid dcslug");
  const key = (ref) => keys.find((k) => k.accesskey === ref || k.name === ref);

  if (req.method === "GET" && rest === "accesskeys") {
    // No envelope, an unknown field, stray bytes before the JSON.
    return send(res, 200, { accesskeys: keys.map((k) => ({ ...k, user_id: "4711" })) }, "\ufeff\n");
  }
  if (req.method === "POST" && rest === "accesskey/create") {
    const name = String(body.accesskey ?? "");
    if (!name) return refuse(res, "Access key name is required");
    if (keys.some((k) => k.name === name)) return refuse(res, `Access key ${name} already exists`);
    const made = { name, accesskey: id(), dcslug: dc, status: "Active", created_at: now() };
    keys.unshift(made);
    return send(res, 200, { status: "success", message: "Object User has been created", accesskey: made.accesskey, secretkey: id() });
  }
  let s = rest.match(/^accesskey\/([^/]+)\/status$/);
  if (req.method === "POST" && s) {
    const k = key(decodeURIComponent(s[1])) ?? key(body.accesskey);
    if (!k) return refuse(res, "Access key not found");
    if (body.status === "enable") k.status = "Active";
    else if (body.status === "disable") k.status = "Suspended";
    else if (body.status === "remove") {
      keys.splice(keys.indexOf(k), 1);
      for (const b of buckets) b.permissions = b.permissions.filter((p) => p.accesskey !== k.accesskey);
    } else return refuse(res, "Invalid status");
    return send(res, 200, { status: "success", message: "Status updated" });
  }
  s = rest.match(/^bucket\/([^/]+)\/permission\/([^/]+)\/accesskey\/([^/]+)$/);
  if (req.method === "POST" && s) {
    const [b, perm, ak] = [buckets.find((x) => x.name === s[1]), s[2], decodeURIComponent(s[3])];
    if (!b || !key(ak)) return refuse(res, "Bucket or access key not found");
    if (perm === "read") return refuse(res, "Read permission is not currently supported by the platform");
    b.permissions = b.permissions.filter((p) => p.accesskey !== ak);
    if (perm !== "none") b.permissions.push({ bucket: b.name, name: "", accesskey: ak, permission: perm, status: null, created_at: now() });
    return send(res, 200, { status: "success", message: "Permission updated" });
  }
  if (req.method === "GET" && rest === "bucket") {
    return send(res, 200, {
      buckets: buckets.map((b) => ({
        name: b.name, access: "private", dcslug: dc, size: "10120", status: "Active", created_at: "2026-03-02 11:05:31",
        object_count: "14", version_enabled: false, current_size: "48.20 MB", permissions: b.permissions,
        dclocation: { location: "Delhi (Noida)", country: "India", dc, dccc: "in" }, cdn_enabled: "0",
      })),
    });
  }
  return send(res, 404, { status: "error", message: "Not Found" });
});
server.listen(port, "127.0.0.1", () => console.log(`stand-in Utho API on http://127.0.0.1:${port}/v2/`));
