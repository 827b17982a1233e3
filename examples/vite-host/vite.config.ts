// The host's build. `/v2/` goes to a server that speaks Utho's API (the reference server, or one that
// forwards to Utho: README, "Pointing the console at the real Utho API"), set with KEYS_API.
import { defineConfig, createLogger } from "vite";

const api = process.env.KEYS_API ?? "http://127.0.0.1:8080";
const proxy = { "/v2/": { target: api, changeOrigin: true } };

// A warning that names the console's package fails the build: the package must build clean.
const logger = createLogger();
const names = /@utho\/access-keys|keys-console/;
for (const level of ["warn", "warnOnce"] as const) {
  const log = logger[level];
  logger[level] = (msg, options) => {
    if (names.test(msg)) throw new Error(`the console's package made the build warn: ${msg}`);
    log(msg, options);
  };
}

export default defineConfig({
  customLogger: logger,
  server: { proxy },
  preview: { proxy },
  build: { target: "es2022" },
});
