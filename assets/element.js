// `<utho-access-keys>`: the console as a custom element, registered by `defineConsoleElement()`.
// Part of the module hosts import (assets/keys-console.js, bundled by scripts/post-build.mjs).
//
// - Attributes: `api-base`, `dc`, `timeout-secs`, `url-state` (default `prefixed`), `theme`
//   (`light` by default, `dark`, or `auto` for the system's), `rotate-after-days` (default 90, `0`
//   turns the rotation hint off).
// - Properties: `token`, `getToken`, `datacenters` (a token never goes in an attribute).
// - Connecting the element mounts the console into its own open shadow root (host CSS cannot reach
//   in, the console's cannot leak out; the `--uk-*` custom properties still theme it);
//   disconnecting unmounts it; a new `dc` switches the data centre; other attribute changes and a
//   new `datacenters` mount it again. A new `token`/`getToken` is used from the next request.
import { mountConsole } from "keys-console";

const PROPS = ["token", "getToken", "datacenters"];

class UthoAccessKeys extends HTMLElement {
  static get observedAttributes() {
    return ["api-base", "dc", "timeout-secs", "url-state", "theme", "rotate-after-days"];
  }
  #token;
  #getToken;
  #datacenters;
  #handle = null;
  #box = null;

  constructor() {
    super();
    // Properties set before the element was defined shadow the accessors: move them over.
    for (const p of PROPS) {
      if (Object.prototype.hasOwnProperty.call(this, p)) {
        const v = this[p];
        delete this[p];
        this[p] = v;
      }
    }
  }
  get token() {
    return this.#token;
  }
  set token(v) {
    this.#token = v;
  }
  get getToken() {
    return this.#getToken;
  }
  set getToken(f) {
    this.#getToken = f;
  }
  get datacenters() {
    return this.#datacenters;
  }
  set datacenters(v) {
    this.#datacenters = v;
    this.#remount();
  }
  connectedCallback() {
    this.#mount();
  }
  disconnectedCallback() {
    this.#unmount();
  }
  attributeChangedCallback(name, before, after) {
    if (!this.#handle || before === after) return;
    if (name === "dc") this.#handle.setDc(after ?? "");
    else this.#remount();
  }
  #mount() {
    if (this.#handle) return;
    const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    this.#box = document.createElement("div");
    root.append(this.#box);
    const attr = (n) => this.getAttribute(n) ?? undefined;
    this.#handle = mountConsole(this.#box, {
      apiBase: attr("api-base"),
      dc: attr("dc"),
      timeoutSecs: attr("timeout-secs"),
      urlState: attr("url-state") ?? "prefixed",
      theme: attr("theme"),
      rotateAfterDays: attr("rotate-after-days"),
      datacenters: this.#datacenters,
      // Read at each request, so a new token or function takes effect without a remount.
      getToken: () => (typeof this.#getToken === "function" ? this.#getToken() : this.#token),
    });
  }
  #unmount() {
    this.#handle?.unmount();
    this.#handle = null;
    this.#box?.remove();
    this.#box = null;
  }
  #remount() {
    if (!this.#handle) return;
    this.#unmount();
    this.#mount();
  }
}

/** Registers `<utho-access-keys>` (call after `init()`; later calls do nothing). */
export function defineConsoleElement() {
  if (!customElements.get("utho-access-keys")) customElements.define("utho-access-keys", UthoAccessKeys);
}
