#!/usr/bin/env bash
# Builds the shipped console (dist/) with trunk. The release wasm is compiled by a pinned nightly that
# rebuilds the standard library for size: panics abort at once (no panic messages or formatting code
# in the wasm) and std takes its small variants. That is about 22 KB brotli less than stable (issue 10).
# Everything else (clippy, the component tests, the server) stays on the stable toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/wasm-toolchain.env
export RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN"
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
# Added to .cargo/config.toml's target rustflags (RUSTFLAGS would replace them).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
# std's own dependencies come from the registry like any crate: fetch them before trunk goes offline.
cargo fetch --quiet --target wasm32-unknown-unknown
exec trunk build --release "$@"
