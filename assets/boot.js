// Starts the console's own page (index.html). scripts/post-build.mjs fills in this build's hashed
// wasm name and puts it inline in dist/index.html, after the JS glue in the same module script (the
// server's CSP allows it by its hash). Hosts that embed the console never run it. Inline, its relative
// URLs would follow the page's path (/keys/abc): the wasm is named from the root.
//
// In order, while the wasm loads:
// 1. The key list is asked for and left on the mount element for the console to take. The console
//    takes it only if it is exactly the request it would send itself (same URL, same token);
//    otherwise it aborts it and sends its own. So a mistake here costs one request, never a wrong list.
// 2. The wasm is started; if it fails, the page says so.
// 3. A `#token=…` leaves the address bar.
const TOKEN_STORAGE_KEY = "utho-keys-console.api-token"; // src/config.rs
const el = document.querySelector("[data-utho-keys-console]");
if (el) {
  try {
    askForKeysEarly(el);
  } catch {
    // The console sends its own request.
  }
}
// The glue's init, defined just before this script in the page's one module (scripts/post-build.mjs).
startConsole({ module_or_path: "/__WASM__" }).catch(() => el?.replaceChildren(...failed()));
if (el) {
  try {
    tokenOutOfAddress(el);
  } catch {
    // No sessionStorage: the console does it when it starts and keeps the token in memory.
  }
}

// What the page says when the console's own files do not arrive or do not start (a blank page
// would say nothing).
function failed() {
  const h1 = document.createElement("h1");
  h1.className = "uk-standalone__title";
  h1.textContent = "Object Storage";
  const p = document.createElement("p");
  p.className = "uk-standalone__failed";
  p.setAttribute("role", "alert");
  p.textContent = "The access-key console could not load. Check your connection, then reload the page.";
  return [h1, p];
}

// Mirrors take_token_from_url (src/config.rs): a `#token=…` leaves the address bar (history, a copied
// link) and is kept in sessionStorage for this tab, where the console then finds it. Done here, it
// leaves even if the console never starts, and the two trips to the browser it takes (1–10 ms on a
// busy machine) fall while the wasm is still on its way, not in the task that draws the page.
function tokenOutOfAddress(el) {
  if (el.getAttribute("data-token")) return; // the console never reads the fragment then
  const token = tokenFromFragment(location.hash);
  if (!token) return;
  sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  history.replaceState(null, "", location.pathname + location.search);
}

// token_from_fragment (src/config.rs): the raw text after the first `token=`, not URL-decoded.
function tokenFromFragment(hash) {
  const part = hash.replace(/^#+/, "").split("&").find((p) => p.startsWith("token="));
  return part?.slice(6) || null;
}

// Mirrors Config::from_element and take_token_from_url (src/config.rs) for the common cases only;
// the console checks the result (ApiClient::offer_early_keys and list_keys, src/api/client.rs).
function askForKeysEarly(el) {
  const attr = (name) => el.getAttribute(name) || null;
  const mode = attr("data-url-state") ?? "query";
  const query = new URLSearchParams(location.search);
  const param = (name) => (mode === "none" ? null : query.get(mode === "prefixed" ? `keys.${name}` : name));
  if ((param("tab") ?? "keys") !== "keys") return;
  const dc = param("dc") || attr("data-dc");
  if (!dc) return;
  const token = attr("data-token") || tokenFromFragment(location.hash) || sessionStorage.getItem(TOKEN_STORAGE_KEY);
  let base = attr("data-api-base") ?? "/v2/";
  if (!base.endsWith("/")) base += "/";
  const url = `${base}objectstorage/${encodeURIComponent(dc)}/accesskeys`;
  const controller = new AbortController();
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  // Read to the end here: the console then draws the rows in the same task as the page around them,
  // not after a first frame of an empty page.
  const response = fetch(url, { headers, signal: controller.signal }).then(async (r) => ({
    status: r.status,
    body: await r.arrayBuffer(),
  }));
  // The token stays in this closure: the console asks whether it is the one it would send.
  const offer = { url, response, controller, sentWith: (t) => t === (token || null) };
  // Once read, the answer is left here too: the console takes it in the turn it starts in and builds
  // the page once, with its rows (a promise answers a turn later: the page would be built first and
  // its table put in after). An abort or a failure is the console's to report, if it takes it.
  response.then((read) => (offer.read = read), () => {});
  el.ukEarlyKeys = offer;
}
