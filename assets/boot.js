// Starts the console's own page (index.html). scripts/post-build.mjs bundles it with the console's
// module (esbuild) into the page's one inline script; hosts that embed the console never run it.
//
// The API token comes in the address (`#token=…`, the link the server prints). It leaves the
// address bar here, before the console loads, and is kept in sessionStorage for this tab (a reload
// keeps working), or in memory when the browser refuses storage. If the console cannot load, the
// page says so, and the token is out of the address all the same.
import init, { startPage } from "keys-console";

// tests/e2e/helpers.ts names it too.
const TOKEN_KEY = "utho-keys-console.api-token";
const el = document.querySelector("[data-utho-keys-console]");
const token = el && pageToken(el);
// __WASM_URL__: the hashed wasm, filled in by the build.
init({ module_or_path: __WASM_URL__ }).then(
  () => el && startPage(el, token ?? undefined),
  () => el?.replaceChildren(...failed()),
);

/** `data-token` on the mount element, else `#token=…` (taken out of the address), else this tab's. */
function pageToken(el) {
  const given = el.getAttribute("data-token");
  if (given) return given;
  const part = location.hash.replace(/^#+/, "").split("&").find((p) => p.startsWith("token="));
  const fromAddress = part?.slice("token=".length);
  if (fromAddress) {
    history.replaceState(null, "", location.pathname + location.search);
    try {
      sessionStorage.setItem(TOKEN_KEY, fromAddress);
    } catch {
      // Storage refused: the token lives in this page's memory only.
    }
    return fromAddress;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** What the page says when the console's files do not arrive or do not start. */
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
