// Starts the console's own page (index.html). scripts/post-build.mjs fills in this build's hashed
// file names and writes it to dist/boot.js; hosts that embed the console never load it.
//
// The key list is asked for first, while the glue and the wasm load and compile, and left on the
// mount element for the console to take. The console takes it only if it is exactly the request it
// would send itself (same URL, same token); otherwise it aborts it and sends its own. So a mistake
// here costs one request, never a wrong list.
const el = document.querySelector("[data-utho-keys-console]");
if (el) {
  try {
    askForKeysEarly(el);
  } catch {
    // The console sends its own request.
  }
}
import("./__GLUE__").then(({ default: init }) => init({ module_or_path: new URL("./__WASM__", import.meta.url) }));

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
  const fragment = new URLSearchParams(location.hash.slice(1)).get("token");
  const token = attr("data-token") || fragment || sessionStorage.getItem("utho-keys-console.api-token"); // TOKEN_STORAGE_KEY
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
