// Trunk's post-build hook (Trunk.toml), run in the staging directory before it becomes dist/. Every
// step is a supported option of a tool; nothing here reads another tool's output with patterns.
//
// 1. binaryen's --minify-imports-and-exports-and-modules gives the names the glue and the wasm call
//    each other by (`__wbg_setAttribute_f75317b2b5cabfb4`, closure adapters of 100 characters…) short
//    names and prints the mapping; esbuild's mangleCache gives the glue the same names.
// 2. esbuild bundles, minifies and tree-shakes:
//    - assets/keys-console.js (the glue's init and mountConsole, and the custom element) into
//      keys-console-<hash>.js, the module hosts import through the stable keys-console.js;
//    - assets/boot.js with the same glue into index.html's one inline script (the server's CSP
//      allows it by its hash), which starts the page and asks for the wasm at once (preload).
//    Both open with V8's compile hint: their functions are compiled with the script, not one by one
//    on the main thread at their first call.
// 3. keys-console.d.ts (assets/), and a .br (quality 11) and .gz (level 9) of every text or wasm file.
import { readFileSync, writeFileSync, readdirSync, statSync, copyFileSync, rmSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { execFileSync } from "node:child_process";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { build } from "esbuild";

const ROOT = new URL("..", import.meta.url).pathname;
const COMPILE_HINT = "//# allFunctionsCalledOnLoad";
const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
const fail = (why) => {
  throw new Error(`post-build: ${why}`);
};
if (!dir) fail("no staging directory (TRUNK_STAGING_DIR)");
const files = readdirSync(dir);
const find = (re) => files.find((f) => re.test(f)) ?? fail(`no file matching ${re} in ${dir}`);
const js = find(/^keys-console-[0-9a-f]+\.js$/);
const wasm = find(/^keys-console-[0-9a-f]+_bg\.wasm$/);

// 1. Short names on both sides of the boundary.
const mapping = JSON.parse(
  execFileSync(join(ROOT, "node_modules/.bin/wasm-opt"), [join(dir, wasm), "--minify-imports-and-exports-and-modules", "-o", join(dir, wasm)], {
    encoding: "utf8",
  }),
);
const modules = new Set(mapping.imports.map(([module]) => module));
// The pass merges every import module into one, `a`: the glue must have only its own.
if ([...modules].some((m) => m !== "./keys-console_bg.js")) {
  fail(`the wasm imports from ${[...modules].join(", ")}: only wasm-bindgen's own module can be renamed (no inline_js snippets)`);
}
const short = Object.fromEntries([
  ...[...modules].map((m) => [m, "a"]),
  ...mapping.imports.map(([, name, to]) => [name, to]),
  ...mapping.exports.map(([name, to]) => [name, to]),
]);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** esbuild's bundle of `entry` with the glue as "keys-console", the boundary's names shortened. */
async function bundle(entry, define = {}) {
  const mangleCache = { ...short };
  const out = await build({
    entryPoints: [join(ROOT, entry)],
    alias: { "keys-console": join(dir, js) },
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    legalComments: "none",
    mangleProps: new RegExp(`^(${Object.keys(short).map(escape).join("|")})$`),
    mangleQuoted: true,
    mangleCache,
    define,
    banner: { js: COMPILE_HINT },
    write: false,
    logLevel: "silent",
  });
  // No name wasm-bindgen made for the boundary may be left: a glue of another shape (a name reached
  // some other way than as a property) would call the wasm by a name it no longer has. (Names of our
  // own, such as `mountConsole`, are also the module's exports.)
  const code = out.outputFiles[0].text;
  const left = Object.keys(short).filter((name) => /^(__wbg_|__wbindgen_|__externref_|wasm_bindgen_)/.test(name) && code.includes(name));
  if (left.length) fail(`${entry}: the glue still uses ${left.slice(0, 3).join(", ")}: its shape is not what this step knows`);
  return code;
}

// 2. The module hosts import, and the page's script, both from wasm-bindgen's glue.
const hostModule = await bundle("assets/keys-console.js");
const script = await bundle("assets/boot.js", { __WASM_URL__: JSON.stringify(`/${wasm}`) });
writeFileSync(join(dir, js), hostModule);
rmSync(join(dir, "snippets"), { recursive: true, force: true });
writeFileSync(
  join(dir, "keys-console.js"),
  `// The console's module under a name that does not change: it re-exports this build's hashed file.\n` +
    `// Its init() loads this build's hashed wasm unless told otherwise.\n` +
    `import initHashed from "./${js}";\n` +
    `export * from "./${js}";\n` +
    `export default function init(options) {\n` +
    `  return initHashed(options ?? { module_or_path: new URL("./${wasm}", import.meta.url) });\n` +
    `}\n`,
);
copyFileSync(join(ROOT, "assets/keys-console.d.ts"), join(dir, "keys-console.d.ts"));

if (/<\/script|<!--/i.test(script)) fail("the page's script cannot be inline: it holds </script or <!--");
const indexPath = join(dir, "index.html");
const placeholder = `<script type="module" src="/boot.js"></script>`;
const html = readFileSync(indexPath, "utf8");
if (!html.includes(placeholder)) fail(`index.html has no ${placeholder} to put its script in`);
const preload = `<link rel="preload" href="/${wasm}" as="fetch" type="application/wasm" crossorigin />`;
writeFileSync(indexPath, html.replace(placeholder, () => `${preload}\n    <script type="module">${script}</script>`));

// 3. Precompressed copies of every file worth compressing.
const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const worth = /\.(js|mjs|wasm|css|html|svg|txt|json|ts)$/;
let count = 0;
for (const p of walk(dir)) {
  if (!worth.test(p) || statSync(p).size < 256) continue;
  const body = readFileSync(p);
  writeFileSync(`${p}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${p}.gz`, gzipSync(body, { level: 9 }));
  count++;
}
if (!existsSync(join(dir, "keys-console.d.ts"))) fail("keys-console.d.ts was not written");
console.log(`post-build: ${relative(process.cwd(), dir)}: ${js} and the page's script bundled, ${Object.keys(short).length} boundary names shortened, ${count} files precompressed`);
