// Trunk's post-build hook (Trunk.toml), run in the staging directory before it becomes dist/:
// - keys-console.js: a stable module a host imports, re-exporting the content-hashed one (and
//   keys-console.d.ts beside it), so a host's import never changes while every hashed file can be
//   cached for a year;
// - boot.js (from assets/boot.js): starts the console's own page from the hashed files (no inline
//   script: the CSP has no 'unsafe-inline') and asks for the key list while the wasm loads; and
//   index.html asks for the JS glue, the snippets it imports and the wasm at once (preload);
// - the JS glue and its snippets minified (terser), without the wasm-streams classes whose wasm
//   side wasm-opt drops (index.html);
// - a .br (quality 11) and a .gz (level 9) of every text or wasm file, served as they are.
import { readFileSync, writeFileSync, readdirSync, statSync, copyFileSync, existsSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { minify } from "terser";

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
  // Without the wasm-streams classes the glue no longer exports (below).
  const types = readFileSync(join(dir, dts), "utf8")
    .replace(/^export class IntoUnderlying\w+ \{\n[\s\S]*?^\}\n\n?/gm, "")
    .replace(/^\s*readonly \w*intounderlying\w*:.*\n/gm, "");
  writeFileSync(join(dir, dts), types);
  copyFileSync(join(dir, dts), join(dir, "keys-console.d.ts"));
}
const bootTemplate = readFileSync(new URL("../assets/boot.js", import.meta.url), "utf8");
writeFileSync(join(dir, "boot.js"), bootTemplate.replace("__GLUE__", js).replace("__WASM__", wasm));

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
html = html.replace(
  /<script type="module" src="\/boot\.js"><\/script>/,
  `<link rel="modulepreload" href="/${js}" />\n    ` +
    snippets.map((p) => `<link rel="modulepreload" href="/${p}" />\n    `).join("") +
    `<link rel="preload" href="/${wasm}" as="fetch" type="application/wasm" crossorigin />\n    ` +
    `<script type="module" src="/boot.js"></script>`,
);
writeFileSync(indexPath, html);

// The glue and its snippets, minified: 58 → 26 KB raw, 7.8 → 6.2 KB brotli (issue 10). The same
// input always gives the same output, so trunk's content hash in the name still names the content.
// server_fn's wasm-streams classes lose their export (wasm-opt dropped their wasm side), so the
// minifier drops them; the one comment kept tells TypeScript where the glue's types are.
const unused = /^export class (IntoUnderlying\w+)/gm;
for (const p of [join(dir, js), ...snippets.map((s) => join(dir, s))]) {
  const source = readFileSync(p, "utf8").replace(unused, "class $1");
  const out = await minify(source, {
    module: true,
    compress: { passes: 2 },
    format: { comments: /@ts-self-types/ },
  });
  writeFileSync(p, out.code);
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
console.log(`post-build: ${relative(process.cwd(), dir)}: stable keys-console.js -> ${js}, boot.js, preloads, ${count} files precompressed`);
