// The JS glue wasm-bindgen writes, made small together with the wasm it talks to (issue 10), for
// scripts/post-build.mjs:
// - server_fn (a leptos dependency) exports wasm-streams' classes; nothing calls them, wasm-opt
//   drops their wasm side (index.html), and here they leave the glue;
// - the glue is minified (terser);
// - the names the glue and the wasm call each other by (`__wbg_setAttribute_f75317b2b5cabfb4`,
//   `__wbindgen_malloc`, the closure adapters' 200-character names…) become short ones, the same in
//   both. About 190 names, most with a random-looking 16-digit hash, each written once in the wasm
//   and once in the glue: 5.1 KB of the brotli'd console (glue 6.2 → 3.7 KB, wasm −2.6 KB).
// Same input, same output: trunk's content hash in the file names still names the content.
import { minify } from "terser";

/** Names wasm-bindgen gives the imports and exports between glue and wasm, and its module name. */
const BOUNDARY = /^(__wbg_|__wbindgen_|__externref_|wasm_bindgen_|\.\/keys-console_bg\.js$)/;

/** Removes what the glue says about wasm-streams' classes (`export class IntoUnderlying…`). */
function withoutStreamClasses(glue) {
  const classes = /^export class IntoUnderlying\w+ \{\n[\s\S]*?^\}\nif \(Symbol\.dispose\) IntoUnderlying\w+\.prototype\[Symbol\.dispose\] = IntoUnderlying\w+\.prototype\.free;\n/gm;
  const registries = /^const IntoUnderlying\w+Finalization = [^;]*;\n/gm;
  return glue.replace(classes, "").replace(registries, "");
}

/** The glue's `.d.ts` to match: without the stream classes, and without the wasm's internals in
 *  `InitOutput` whose names change (or whose exports wasm-opt drops). */
export function trimTypes(dts) {
  return dts
    .replace(/^export class IntoUnderlying\w+ \{\n[\s\S]*?^\}\n\n?/gm, "")
    .replace(/^\s*readonly (\w+):.*\n/gm, (line, name) => (BOUNDARY.test(name) || name.includes("intounderlying") ? "" : line));
}

/** `{ code, wasm }`: the glue minified and the wasm with the same short boundary names. */
export async function minifyGlue(glue, wasm) {
  const nameCache = {};
  const out = await minify(withoutStreamClasses(glue), {
    module: true,
    compress: { passes: 2 },
    // Only the boundary's names: the console's API (mountConsole, ConsoleHandle…) keeps its names.
    mangle: { properties: { regex: BOUNDARY } },
    nameCache,
    format: { comments: /@ts-self-types/ },
  });
  const short = new Map(Object.entries(nameCache.props?.props ?? {}).map(([k, v]) => [k.slice(1), v]));
  return { code: out.code, wasm: renameBoundary(wasm, short) };
}

/** The wasm with its import module, import and export names renamed by `short`. */
function renameBoundary(wasm, short) {
  const rename = (name, what) => {
    if (!BOUNDARY.test(name)) return name;
    const to = short.get(name);
    if (to) return to;
    // An export the glue never calls keeps its name; an import it does not provide would break
    // the instance: stop the build.
    if (what === "export") return name;
    throw new Error(`minify-glue: the glue does not provide the wasm's ${what} ${name}`);
  };
  const r = reader(wasm);
  const out = [wasm.subarray(0, 8)];
  r.at = 8;
  while (r.at < wasm.length) {
    const id = wasm[r.at++];
    const size = r.u32();
    const end = r.at + size;
    if (id !== 2 && id !== 7) {
      out.push(Uint8Array.of(id), leb(size), wasm.subarray(r.at, end));
      r.at = end;
      continue;
    }
    const body = [];
    const count = r.u32();
    body.push(leb(count));
    for (let i = 0; i < count; i++) {
      if (id === 2) {
        body.push(str(rename(r.str(), "import module")), str(rename(r.str(), "import")));
      } else {
        body.push(str(rename(r.str(), "export")));
      }
      const from = r.at;
      const kind = wasm[r.at++];
      if (id === 7) r.u32();
      else if (kind === 0) r.u32(); // function: type index
      else if (kind === 1) (r.at++, limits(r)); // table: reference type, limits
      else if (kind === 2) limits(r); // memory
      else if (kind === 3) r.at += 2; // global: value type, mutability
      else throw new Error(`minify-glue: unknown import kind ${kind}`);
      body.push(wasm.subarray(from, r.at));
    }
    if (r.at !== end) throw new Error("minify-glue: the import or export section did not parse");
    const bytes = concat(body);
    out.push(Uint8Array.of(id), leb(bytes.length), bytes);
  }
  return concat(out);
}

function reader(bytes) {
  const r = {
    at: 0,
    u32() {
      let n = 0;
      let shift = 0;
      for (;;) {
        const b = bytes[r.at++];
        n += (b & 0x7f) * 2 ** shift;
        if (b < 0x80) return n;
        shift += 7;
      }
    },
    str() {
      const len = r.u32();
      const s = new TextDecoder().decode(bytes.subarray(r.at, r.at + len));
      r.at += len;
      return s;
    },
  };
  return r;
}

function limits(r) {
  const flags = r.u32();
  r.u32();
  if (flags & 1) r.u32();
}

function leb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Uint8Array.from(out);
}

function str(s) {
  const b = new TextEncoder().encode(s);
  return concat([leb(b.length), b]);
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
