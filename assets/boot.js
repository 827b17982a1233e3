// Starts the console without any inline script, so the page can run under
// `script-src 'self' 'wasm-unsafe-eval'`. Trunk builds keys-console.js and keys-console_bg.wasm
// next to this file (Trunk.toml: filehash = false, inject_scripts = false).
import init from "./keys-console.js";

init({ module_or_path: new URL("./keys-console_bg.wasm", import.meta.url) });
