// End-to-end tests: headless Debian Chromium (no browser download) against the real reference
// server, the same binary `make run` starts, on a temporary database. Build first: `make test` does.
import { defineConfig } from "@playwright/test";

export const PORT = 8099;
export const TOKEN = "e2e-token-not-a-secret";

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
  webServer: {
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
});
