// The module a host imports: the console's wasm-bindgen module (its init, `mountConsole` and the
// handle it returns) and the custom element. scripts/post-build.mjs bundles it with esbuild into
// dist/keys-console-<hash>.js; dist/keys-console.js re-exports that file under a name that never
// changes, and keys-console.d.ts declares it.
export { default, mountConsole, ConsoleHandle } from "keys-console";
export { defineConsoleElement } from "./element.js";
