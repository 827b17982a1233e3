// Trunk's post-build hook (Trunk.toml), run in the staging directory before it becomes dist/:
// - keys-console.js: a stable module a host imports, re-exporting the content-hashed one (and
//   keys-console.d.ts beside it), so a host's import never changes while every hashed file can be
//   cached for a year;
// - the JS glue and its snippets minified, the names between glue and wasm shortened in both
//   (scripts/minify-glue.mjs), and the glue opened with V8's compile hint (for hosts);
// - index.html: one inline module script (the server's CSP allows it by its hash:
//   crates/server/src/console.rs) holding the JS glue, its snippets and assets/boot.js, which starts
//   the console from the hashed wasm and asks for the key list while the wasm loads; and the wasm
//   asked for at once (preload). Inline, the glue is ready when the page's script runs: as a module of
//   its own it was ready to `import()` some 15 ms after it arrived, and the wasm could not start before;
// - a .br (quality 11) and a .gz (level 9) of every text or wasm file, served as they are.
import { readFileSync, writeFileSync, readdirSync, statSync, copyFileSync, existsSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { minify } from "terser";
import { minifyGlue, trimTypes } from "./minify-glue.mjs";

const COMPILE_HINT = "//# allFunctionsCalledOnLoad";
const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error("no staging directory (TRUNK_STAGING_DIR)");
const files = readdirSync(dir);
const find = (re) => {
  const hit = files.find((f) => re.test(f));
  if (!hit) throw new Error(`post-build: no file matching ${re} in ${dir}`);
  return hit;
};
const js = find(/^keys-console-[0-9a-f]+\.js$/);
const wasm = find(/^keys-console-[0-9a-f]+_bg\.wasm$/);
const dts = files.find((f) => /^keys-console-[0-9a-f]+\.d\.ts$/.test(f));

writeFileSync(
  join(dir, "keys-console.js"),
  `// The console's module under a name that does not change: it re-exports this build's hashed file.\n` +
    `// Its init() finds this build's hashed wasm by itself (the glue alone would look for an unhashed name).\n` +
    `import initHashed from "./${js}";\n` +
    `export * from "./${js}";\n` +
    `export default function init(options) {\n` +
    `  return initHashed(options ?? { module_or_path: new URL("./${wasm}", import.meta.url) });\n` +
    `}\n`,
);
if (dts) {
  // To match the glue as minifyGlue leaves it (below).
  writeFileSync(join(dir, dts), trimTypes(readFileSync(join(dir, dts), "utf8")));
  copyFileSync(join(dir, dts), join(dir, "keys-console.d.ts"));
}
const walk = (d) =>
  readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

// The glue's own imports (wasm-bindgen snippets).
const snippets = existsSync(join(dir, "snippets"))
  ? walk(join(dir, "snippets")).filter((p) => p.endsWith(".js")).map((p) => relative(dir, p).split(sep).join("/"))
  : [];

// The glue minified together with the wasm (scripts/minify-glue.mjs: 58 → 16 KB raw, 7.8 → 3.7 KB
// brotli, and 2.6 KB brotli off the wasm), and the snippets minified.
const { code: glue, wasm: renamed } = await minifyGlue(readFileSync(join(dir, js), "utf8"), readFileSync(join(dir, wasm)));
// V8's explicit compile hint: the glue's functions are compiled with the script (a file's on a
// background thread while it streams in), not one by one on the main thread at their first call (~120
// of them between the wasm's arrival and the first rows). V8 looks for it at the top of a script; the
// page's script opens with it too.
writeFileSync(join(dir, js), `${COMPILE_HINT}\n${glue}`);
writeFileSync(join(dir, wasm), renamed);
const snippetCode = new Map();
for (const p of snippets) {
  const code = (await minify(readFileSync(join(dir, p), "utf8"), { module: true })).code;
  writeFileSync(join(dir, p), code);
  snippetCode.set(p, code);
}

// The page's script: the glue, its snippets and boot.js in one module. Minified: it is on every first
// load of the page (boot.js 4.6 → 1.7 KB raw; the whole script 19 KB raw, 4.7 KB brotli).
const bootTemplate = readFileSync(new URL("../assets/boot.js", import.meta.url), "utf8");
const boot = (await minify(bootTemplate.replace("__WASM__", wasm), { module: true })).code;
const script = `${COMPILE_HINT}\n${inlineGlue(glue, snippetCode)}{${boot}}`;
if (/<\/script|<!--/i.test(script)) throw new Error("post-build: the page's script cannot be inline: it holds </script or <!--");

const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");
html = html.replace(/\s*<link data-trunk rel="rust"[^>]*>/, "");
// A function, not a string, as the replacement: minified code may hold `$&` or `$'`, which a
// replacement string would expand.
html = html.replace(
  /<script type="module" src="\/boot\.js"><\/script>/,
  () => `<link rel="preload" href="/${wasm}" as="fetch" type="application/wasm" crossorigin />\n    <script type="module">${script}</script>`,
);
if (!html.includes(script)) throw new Error("post-build: index.html has no <script type=\"module\" src=\"/boot.js\"> to put its script in");
writeFileSync(indexPath, html);

/**
 * The minified glue made ready to share a module with boot.js: each snippet it imports
 * (`import*as n from"./snippets/…/inline0.js"`) becomes a local object of the snippet's functions,
 * and its `export{… as default}` becomes `const startConsole`, the init boot.js calls. Its other
 * exports stay, unused. Fails the build on any other import or a snippet that is not plain
 * `export function`s, rather than make a page that cannot start.
 */
function inlineGlue(glue, snippetCode) {
  const fail = (why) => {
    throw new Error(`post-build: the glue cannot be put inline: ${why}`);
  };
  let code = glue.replace(/^\/\*[^]*?\*\/\s*/, "").replace(/import\s*\*\s*as\s*(\w+)\s*from\s*"\.\/(snippets\/[^"]+\.js)";/g, (_, name, path) => {
    const src = snippetCode.get(path) ?? fail(`it imports ${path}, which the build has not`);
    const names = [...src.matchAll(/\bexport function (\w+)\(/g)].map((m) => m[1]);
    const body = src.replace(/\bexport function (\w+)\(/g, "function $1(");
    if (/\b(export|import)\b/.test(body)) fail(`${path} is more than exported functions`);
    return `const ${name}=(()=>{${body};return{${names.join(",")}}})();`;
  });
  if (/\bimport\s*[\s*{("']/.test(code)) fail("it imports something other than its snippets");
  const exports = code.match(/export\s*\{([^}]*)\};?\s*$/) ?? fail("no export list at its end");
  const init = exports[1]
    .split(",")
    .map((e) => e.trim().split(/\s+as\s+/))
    .find(([, as]) => as === "default")?.[0];
  if (!init) fail("no default export (init)");
  return `${code.slice(0, exports.index)}const startConsole=${init};`;
}

// Precompressed copies of every file worth compressing.
const worth = /\.(js|mjs|wasm|css|html|svg|txt|json|ts)$/;
let count = 0;
for (const p of walk(dir)) {
  if (!worth.test(p) || statSync(p).size < 256) continue;
  const body = readFileSync(p);
  writeFileSync(`${p}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${p}.gz`, gzipSync(body, { level: 9 }));
  count++;
}
console.log(`post-build: ${relative(process.cwd(), dir)}: stable keys-console.js -> ${js}, the glue and boot.js inline, the wasm preloaded, ${count} files precompressed`);
