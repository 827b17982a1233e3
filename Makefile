# Two commands: `make run` and `make test`. Both install what is missing first (scripts/install.sh),
# and a second run reinstalls nothing.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Trunk must never try to download a tool (the network here reaches package registries only).
export TRUNK_OFFLINE := true

LISTEN ?= 127.0.0.1:8080
DB ?= ./data/keys.db
SERVER := target/server/keys-server

.PHONY: run test tools tools-test fetch console server test-rust test-wasm test-e2e sizes clean

run: tools console server
	$(SERVER) --listen $(LISTEN) --db $(DB) --dist dist

test: tools-test console server test-rust test-wasm test-e2e

tools:
	@scripts/install.sh build

tools-test:
	@scripts/install.sh test

# Offline trunk makes cargo offline too: fetch the crates first.
fetch:
	@cargo fetch --quiet

console: fetch
	trunk build --release

server: fetch
	cargo build --profile server -p keys-server

# Unit tests (shared crate, console logic) and the server's HTTP integration tests.
test-rust: fetch
	cargo test --workspace

# Component tests in headless Chromium (wasm-bindgen-test).
test-wasm: fetch
	cargo test --target wasm32-unknown-unknown -p keys-console --lib

# Playwright end-to-end tests against the real server on a temporary database.
test-e2e: console server
	npx playwright test -c tests/playwright.config.ts

# Built sizes of the console (raw, gzip, brotli).
sizes: console
	@node scripts/sizes.mjs dist

clean:
	rm -rf dist target/e2e
