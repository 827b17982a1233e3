// The access-key console for Utho Cloud object storage: what a host page imports from
// keys-console.js. Shipped as dist/keys-console.d.ts. The names here are a contract other teams code
// against (README, "Embedding"): options, attributes, properties, events and their details.

/** A data centre the console offers. */
export interface DataCentre {
  /** The data centre's slug in API paths, e.g. "innoida". */
  slug: string;
  /** Where it is, e.g. "Delhi (Noida)". */
  location: string;
  country: string;
  /** Two-letter country code. */
  dccc: string;
  /** The S3 endpoint, e.g. "https://innoida.utho.io". */
  s3_endpoint: string;
  /** The S3 region, e.g. "innoida". */
  region: string;
}

/** How much of the page's URL the console uses. */
export type UrlState = "query" | "prefixed" | "none";

/** Options of `mountConsole`. */
export interface ConsoleOptions {
  /** Base URL of the API, e.g. "https://api.utho.com/v2/" (default "/v2/"). */
  apiBase?: string;
  /** The data centre shown first (default: the first of `datacenters`). */
  dc?: string;
  /** The data centres offered (default: the built-in list). */
  datacenters?: DataCentre[];
  /** Seconds before a request is reported as timed out (default 20). */
  timeoutSecs?: number;
  /** An API token, sent as `Authorization: Bearer …`. */
  token?: string;
  /** Called before every request for a token (or a Promise of one); after a 401 it is called
   *  once more and the request retried once. Wins over `token`. */
  getToken?: () => string | undefined | null | Promise<string | undefined | null>;
  /** "query": the view's own query parameters; "prefixed" (default when embedded): only
   *  parameters named `keys.*`, the host's others and its hash kept; "none": the URL is never touched. */
  urlState?: UrlState;
  /** "light" (default when embedded), "dark", or "auto" (the system's prefers-color-scheme). */
  theme?: "light" | "dark" | "auto";
  /** Keys older than this many days are due for rotation: each shows a "Rotate" hint, a notice
   *  above the table counts them and the "Due for rotation" filter finds them (default 90; `0`
   *  turns all three off). Whole days; a negative or non-numeric value keeps the default. */
  rotateAfterDays?: number;
}

/** A mounted console, as `mountConsole` returns it. */
export interface ConsoleHandle {
  /** Removes the console: requests aborted, timers cleared, listeners removed, the element emptied. */
  unmount(): void;
  /** Shows another data centre. */
  setDc(dc: string): void;
}

/** A key's data centre, name and access key ID, as the events give them. */
export interface KeyDetail {
  /** The data centre's slug, e.g. "innoida". */
  dc: string;
  /** The key's name. */
  name: string;
  /** The access key ID (36 letters and digits). Never the secret key. */
  accesskey: string;
}

/** The console's events, `CustomEvent`s on the mount element (or on `<utho-access-keys>`), with
 *  `bubbles` and `composed`. No event ever carries a secret key. */
export interface UthoKeysEventMap {
  /** A key was created (its secret is on the console's screen, and nowhere else). */
  "utho-keys:created": CustomEvent<KeyDetail>;
  /** A key was activated or suspended. */
  "utho-keys:status-changed": CustomEvent<KeyDetail & { status: "Active" | "Suspended" }>;
  /** A key was deleted. */
  "utho-keys:deleted": CustomEvent<KeyDetail>;
  /** A key's permission on a bucket changed; "none" removed it. */
  "utho-keys:permission-changed": CustomEvent<{ dc: string; bucket: string; accesskey: string; permission: "read" | "write" | "full" | "none" }>;
  /** The API refused the session or token (raised once per refusal after a success). */
  "utho-keys:unauthorized": CustomEvent<{ dc: string }>;
}

/**
 * `<utho-access-keys>`, registered by `defineConsoleElement()`. It mounts the console into its own open
 * shadow root when connected and unmounts it when removed.
 *
 * Attributes (all optional): `api-base` (as `apiBase`), `dc` (changing it switches the data centre),
 * `timeout-secs`, `url-state` (default "prefixed"), `theme` (default "light"), `rotate-after-days`
 * (default 90). Changing any other than
 * `dc` mounts the console again. A token is never an attribute: set the `token` or `getToken` property.
 */
export interface UthoAccessKeysElement extends HTMLElement {
  /** An API token, sent as `Authorization: Bearer …`; a new one is used from the next request. */
  token?: string;
  /** As `ConsoleOptions.getToken`; wins over `token`. */
  getToken?: ConsoleOptions["getToken"];
  /** As `ConsoleOptions.datacenters`; setting it mounts the console again. */
  datacenters?: DataCentre[];
  addEventListener<K extends keyof UthoKeysEventMap>(type: K, listener: (this: UthoAccessKeysElement, ev: UthoKeysEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "utho-access-keys": UthoAccessKeysElement;
  }
  interface HTMLElementEventMap extends UthoKeysEventMap {}
}

/** What `init` can load the console's wasm from. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Loads the console's wasm (by default the `.wasm` file beside this module). Call it once, and wait
 *  for it, before anything else. */
export default function init(options?: { module_or_path: InitInput | Promise<InitInput> }): Promise<unknown>;

/** Mounts the console into `element`; see `ConsoleOptions`. */
export function mountConsole(element: HTMLElement, options?: ConsoleOptions): ConsoleHandle;

/** Registers `<utho-access-keys>` (call after `init()`; later calls do nothing). */
export function defineConsoleElement(): void;
