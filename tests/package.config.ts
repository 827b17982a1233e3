// `make test-package`: the Vite + TypeScript host of examples/vite-host, built against the packed
// @utho/access-keys (make package), in headless Chromium. Vite's preview serves the host and forwards
// /v2/ to a reference server on a temporary database; that server is told the host's address is its
// public origin, as a server behind any proxy is (README, "Who may use the API").
import { defineConfig } from "@playwright/test";
import base, { PORT, TOKEN } from "./playwright.config";

export const API_PORT = PORT - 3;
export const HOST_PORT = PORT - 4;

export default defineConfig({
  ...base,
  testDir: "./package",
  use: { ...base.use, baseURL: `http://127.0.0.1:${HOST_PORT}` },
  webServer: [
    {
      command:
        `rm -rf tests/.artifacts/package && mkdir -p tests/.artifacts/package && ` +
        `exec target/server/keys-server --listen 127.0.0.1:${API_PORT} --db tests/.artifacts/package/keys.db ` +
        `--dist dist --token ${TOKEN} --public-origin http://127.0.0.1:${HOST_PORT} ` +
        `> tests/.artifacts/package/server.log 2>&1`,
      cwd: "..",
      url: `http://127.0.0.1:${API_PORT}/robots.txt`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `test -d dist || { echo 'build the host first: make test-package' >&2; exit 1; }; exec npx vite preview --host 127.0.0.1 --port ${HOST_PORT} --strictPort`,
      cwd: "../examples/vite-host",
      env: { KEYS_API: `http://127.0.0.1:${API_PORT}` },
      url: `http://127.0.0.1:${HOST_PORT}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
