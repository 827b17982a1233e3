// Trunk's post-build hook (Trunk.toml), run in the staging directory before it becomes dist/:
// - keys-console.js: a stable module a host imports, re-exporting the content-hashed one (and
//   keys-console.d.ts beside it), so a host's import never changes while every hashed file can be
//   cached for a year;
// - index.html: assets/boot.js, minified, inline in the page (it starts the console from the hashed
//   files and asks for the key list while the wasm loads; inline, it runs without waiting for one more
//   file, and the server's CSP allows it by its hash: crates/server/src/console.rs), and the JS glue,
//   the snippets it imports and the wasm asked for at once (preload);
// - the JS glue and its snippets minified, the names between glue and wasm shortened in both
//   (scripts/minify-glue.mjs), and the glue opened with V8's compile hint;
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
const bootTemplate = readFileSync(new URL("../assets/boot.js", import.meta.url), "utf8");
// Minified: it is on every first load of the page (4.6 → 1.7 KB raw, 0.7 KB brotli).
const boot = (await minify(bootTemplate.replace("__GLUE__", js).replace("__WASM__", wasm), { module: true })).code;
if (/<\/script|<!--/i.test(boot)) throw new Error("post-build: boot.js cannot be put inline: it holds </script or <!--");

const walk = (d) =>
  readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");
html = html.replace(/\s*<link data-trunk rel="rust"[^>]*>/, "");
// The glue's own imports (wasm-bindgen snippets) too: found only once the glue is parsed, they
// would cost one more round trip before the wasm can start.
const snippets = existsSync(join(dir, "snippets"))
  ? walk(join(dir, "snippets")).filter((p) => p.endsWith(".js")).map((p) => relative(dir, p).split(sep).join("/"))
  : [];
// A function, not a string, as the replacement: minified code may hold `$&` or `$'`, which a
// replacement string would expand.
html = html.replace(
  /<script type="module" src="\/boot\.js"><\/script>/,
  () =>
    `<link rel="modulepreload" href="/${js}" />\n    ` +
    snippets.map((p) => `<link rel="modulepreload" href="/${p}" />\n    `).join("") +
    `<link rel="preload" href="/${wasm}" as="fetch" type="application/wasm" crossorigin />\n    ` +
    `<script type="module">${boot}</script>`,
);
if (!html.includes(boot)) throw new Error("post-build: index.html has no <script type=\"module\" src=\"/boot.js\"> to put boot.js in");
writeFileSync(indexPath, html);

// The glue minified together with the wasm (scripts/minify-glue.mjs: 58 → 16 KB raw, 7.8 → 3.7 KB
// brotli, and 2.6 KB brotli off the wasm), and the snippets minified.
{
  const { code, wasm: renamed } = await minifyGlue(readFileSync(join(dir, js), "utf8"), readFileSync(join(dir, wasm)));
  // V8's explicit compile hint: the glue's functions are compiled while the file streams in, on a
  // background thread, instead of one by one on the main thread at their first call (~120 of them
  // between the wasm's arrival and the first rows). V8 looks for it at the top of the file.
  writeFileSync(join(dir, js), `${COMPILE_HINT}\n${code}`);
  writeFileSync(join(dir, wasm), renamed);
  for (const p of snippets.map((s) => join(dir, s))) {
    writeFileSync(p, (await minify(readFileSync(p, "utf8"), { module: true })).code);
  }
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
console.log(`post-build: ${relative(process.cwd(), dir)}: stable keys-console.js -> ${js}, boot.js inline, preloads, ${count} files precompressed`);
