# Two commands: `make run` and `make test`. Both install what is missing first (scripts/install.sh),
# and a second run reinstalls nothing.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Trunk must never try to download a tool (the network here reaches package registries only).
export TRUNK_OFFLINE := true

LISTEN ?= 127.0.0.1:8080
DB ?= ./data/keys.db
# Upstream mode: `make run UPSTREAM=https://api.utho.com/v2/ [UPSTREAM_TOKEN=…]` forwards /v2/ to the real API.
UPSTREAM ?=
UPSTREAM_TOKEN ?=
# Behind a reverse proxy: `make run PUBLIC_ORIGIN=https://keys.example.com` (the address people open).
PUBLIC_ORIGIN ?=
SERVER := target/server/keys-server

.PHONY: run test lint tools tools-test fetch console server package test-rust test-wasm test-types test-package test-e2e test-bench bench screenshot sizes clean

# The upstream token goes through the environment, so make does not echo it.
run: export KEYS_UPSTREAM_TOKEN := $(UPSTREAM_TOKEN)
run: tools console server
	$(SERVER) --listen $(LISTEN) --db $(DB) --dist dist $(if $(UPSTREAM),--upstream $(UPSTREAM)) $(if $(PUBLIC_ORIGIN),--public-origin $(PUBLIC_ORIGIN))

# Lint first: a formatting slip fails in seconds, not after the builds.
test: tools-test lint console server test-rust test-wasm test-types test-package test-e2e test-bench

tools:
	@scripts/install.sh build

tools-test:
	@scripts/install.sh test

# Offline trunk makes cargo offline too: fetch the crates first.
fetch:
	@cargo fetch --quiet

console: fetch
	scripts/build-console.sh

server: fetch
	cargo build --profile server -p keys-server

# rustfmt (rustfmt.toml), then clippy with warnings as errors: the server and the shared crate
# natively, the console for the wasm target it ships as.
lint: fetch
	cargo fmt --all --check
	cargo clippy -p keys-server -p keys-api --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p keys-console --all-targets -- -D warnings

# Unit tests (shared crate, console logic) and the server's HTTP integration tests.
test-rust: fetch
	cargo test --workspace

# Component tests in headless Chromium (wasm-bindgen-test).
test-wasm: fetch
	cargo test --target wasm32-unknown-unknown -p keys-console --lib

# The TypeScript declarations the build ships (dist/keys-console.d.ts), checked against the React
# example a host team would write (examples/react/).
test-types: console
	npx tsc -p examples/react/tsconfig.json

# The npm package @utho/access-keys: target/package/utho-access-keys-<version>.tgz, from dist/.
package: console
	node scripts/package.mjs

# examples/vite-host, a Vite + TypeScript host, installs the packed package, type-checks (strict),
# builds (a warning that names the package fails it), and is driven in Chromium against the server.
test-package: package server
	cd examples/vite-host && rm -rf node_modules/@utho && npm install --no-audit --no-fund --no-package-lock \
	  && npx tsc --noEmit -p tsconfig.json && npx vite build
	npx playwright test -c tests/package.config.ts

# Playwright end-to-end tests against the real server on a temporary database.
test-e2e: console server
	npx playwright test -c tests/playwright.config.ts

# The console against the plain-JavaScript baseline (bench/): first rows, typing, sorting, paging,
# memory, sizes, bytes on the wire, the server's list latency. Prints the table, writes
# target/bench/summary.md. Minutes; not part of `make test`.
bench: tools-test console server
	node bench/run.mjs

# `make test` checks that the bench still runs (one run at 100 keys; these numbers mean nothing).
test-bench: console server
	node bench/run.mjs --quick

# The README's pictures (docs/), made on purpose on a fresh database. `make test` never writes them.
screenshot: tools-test console server
	npx playwright test -c tests/screenshots.config.ts

# Built sizes of the console (raw, gzip, brotli).
sizes: console
	@node scripts/sizes.mjs dist

clean:
	rm -rf dist target/e2e
