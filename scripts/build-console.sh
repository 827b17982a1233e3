#!/usr/bin/env bash
# Builds the shipped console (dist/) with trunk. The release wasm is compiled by a pinned nightly that
# rebuilds the standard library for size: panics abort at once (no panic messages or formatting code
# in the wasm) and std takes its small variants. That is about 22 KB brotli less than stable (issue 10).
# Everything else (clippy, the component tests, the server) stays on the stable toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
# Keep in step with scripts/install.sh, which installs it with rust-src.
export RUSTUP_TOOLCHAIN="${WASM_TOOLCHAIN:-nightly-2026-05-20}"
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
# Replaces .cargo/config.toml's target rustflags, so the erased-views flag is repeated here.
export RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort"
# std's own dependencies come from the registry like any crate: fetch them before trunk goes offline.
cargo fetch --quiet --target wasm32-unknown-unknown
exec trunk build --release "$@"
