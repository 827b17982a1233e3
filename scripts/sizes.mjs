// Prints the built console's sizes: raw, gzip (level 9) and brotli (quality 11), in bytes and KB.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const dir = process.argv[2] ?? "dist";
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const f of readdirSync(dir).filter((f) => /\.(wasm|js|css|html)$/.test(f)).sort()) {
  const buf = readFileSync(join(dir, f));
  const gz = gzipSync(buf, { level: 9 }).length;
  const br = brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${f.padEnd(28)} raw ${kb(buf.length).padStart(9)}  gzip ${kb(gz).padStart(9)}  brotli ${kb(br).padStart(9)}`);
}
