// End-to-end tests: headless Debian Chromium (no browser download) against the real reference
// server, the same binary `make run` starts, on a temporary database. Build first: `make test` does.
import { defineConfig } from "@playwright/test";

/** E2E_PORT_BASE moves every port (two checkouts can run their tests at once): 8099 by default. */
const BASE = Number(process.env.E2E_PORT_BASE ?? 8099);
export const PORT = BASE;
export const TOKEN = "e2e-token-not-a-secret";
/** A stand-in for Utho's API (tests/standin/utho.mjs), and the reference server forwarding to it. */
export const STANDIN_PORT = BASE - 2;
export const STANDIN_TOKEN = "standin-utho-token";
export const UPSTREAM_PORT = BASE - 1;

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./.artifacts/results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    trace: "off",
  },
  webServer: [
    {
      // A fresh database for every run; the server's own output goes to a file the tests read.
      command:
        `rm -rf tests/.artifacts/server && mkdir -p tests/.artifacts/server && ` +
        `exec target/server/keys-server --listen 127.0.0.1:${PORT} --db tests/.artifacts/server/keys.db ` +
        `--dist dist --token ${TOKEN} --enable-test-fault-injection > tests/.artifacts/server/server.log 2>&1`,
      cwd: "..",
      url: `http://127.0.0.1:${PORT}/robots.txt`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `STANDIN_TOKEN=${STANDIN_TOKEN} exec node tests/standin/utho.mjs ${STANDIN_PORT}`,
      cwd: "..",
      url: `http://127.0.0.1:${STANDIN_PORT}/__state`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // Upstream mode: the console served here talks to the stand-in through this server, which
      // holds the stand-in's token (the browser has none).
      command:
        `mkdir -p tests/.artifacts/upstream && exec target/server/keys-server --listen 127.0.0.1:${UPSTREAM_PORT} ` +
        `--dist dist --upstream http://127.0.0.1:${STANDIN_PORT}/v2/ --upstream-token ${STANDIN_TOKEN} ` +
        `--upstream-timeout-secs 5 > tests/.artifacts/upstream/server.log 2>&1`,
      cwd: "..",
      url: `http://127.0.0.1:${UPSTREAM_PORT}/robots.txt`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
