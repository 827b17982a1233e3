// `make package`: the npm package `@utho/access-keys` from the built console (dist/), as one tarball,
// target/package/utho-access-keys-<version>.tgz (`npm pack`). Its version is the console crate's.
//
// What a host needs, and nothing else: the module (esbuild's bundle of assets/keys-console.js, which
// loads `new URL("keys-console_bg.wasm", import.meta.url)` by default, so bundlers copy and fingerprint
// the wasm themselves), the wasm under that name, the declarations, a README for hosts, the changelog
// and the licence.
import { readFileSync, writeFileSync, readdirSync, mkdirSync, rmSync, copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";

const ROOT = new URL("..", import.meta.url).pathname;
const DIST = join(ROOT, "dist");
const OUT = join(ROOT, "target/package");
const STAGE = join(OUT, "stage");
const fail = (why) => {
  throw new Error(`package: ${why}`);
};

const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8");
const version = cargo.match(/\[package\][^[]*?\nversion = "([^"]+)"/)?.[1] ?? fail("no [package] version in Cargo.toml");
const files = existsSync(DIST) ? readdirSync(DIST) : fail("no dist/: run `make console` first");
const module = files.find((f) => /^keys-console-[0-9a-f]+\.js$/.test(f)) ?? fail("no keys-console-<hash>.js in dist/");
const wasm = files.find((f) => /^keys-console-[0-9a-f]+_bg\.wasm$/.test(f)) ?? fail("no keys-console-<hash>_bg.wasm in dist/");

rmSync(STAGE, { recursive: true, force: true });
mkdirSync(STAGE, { recursive: true });
const pkg = {
  name: "@utho/access-keys",
  version,
  description: "The access-key console for Utho Cloud object storage, for a host page (WebAssembly).",
  license: "MIT",
  type: "module",
  exports: { ".": { types: "./keys-console.d.ts", default: "./keys-console.js" } },
  types: "./keys-console.d.ts",
  // Importing it does nothing by itself: the element is registered by defineConsoleElement().
  sideEffects: false,
  files: ["keys-console.js", "keys-console_bg.wasm", "keys-console.d.ts", "README.md", "CHANGELOG.md", "LICENSE"],
};
writeFileSync(join(STAGE, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
copyFileSync(join(DIST, module), join(STAGE, "keys-console.js"));
copyFileSync(join(DIST, wasm), join(STAGE, "keys-console_bg.wasm"));
copyFileSync(join(ROOT, "assets/keys-console.d.ts"), join(STAGE, "keys-console.d.ts"));
copyFileSync(join(ROOT, "package/README.md"), join(STAGE, "README.md"));
copyFileSync(join(ROOT, "CHANGELOG.md"), join(STAGE, "CHANGELOG.md"));
copyFileSync(join(ROOT, "LICENSE"), join(STAGE, "LICENSE"));

// Every file the module names beside itself is in the package (a bundler would fail on one that is not).
const code = readFileSync(join(STAGE, "keys-console.js"), "utf8");
for (const [, name] of code.matchAll(/new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g)) {
  if (!existsSync(join(STAGE, name))) fail(`the module loads ${name}, which is not in the package`);
}
if (!code.includes(`"keys-console_bg.wasm"`)) fail("the module does not load keys-console_bg.wasm by default");

const packed = execFileSync("npm", ["pack", STAGE, "--pack-destination", OUT, "--json"], { encoding: "utf8" });
const [{ filename, files: listed, size, unpackedSize }] = JSON.parse(packed);
console.log(`package: target/package/${filename} (${(size / 1024).toFixed(1)} KB packed, ${(unpackedSize / 1024).toFixed(1)} KB unpacked)`);
for (const f of listed) console.log(`  ${f.path}  ${(f.size / 1024).toFixed(1)} KB`);
