#!/usr/bin/env bash
# Builds the shipped console (dist/) with trunk.
#
# By default the release wasm is compiled by the nightly pinned in wasm-toolchain.env, which rebuilds
# the standard library for size: a panic aborts at once (no panic messages or formatting code in the
# wasm) and std takes its small variants, about 21 KB brotli less than stable.
# `WASM_TOOLCHAIN=stable make console` builds the same console with the stable toolchain instead
# (larger, otherwise the same). Everything else (clippy, the component tests, the server) uses stable.
set -euo pipefail
cd "$(dirname "$0")/.."
# binaryen's wasm-opt 132 and esbuild from npm; trunk must never try to download a tool (the network here
# reaches package registries only).
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" TRUNK_OFFLINE=true
: "${WASM_TOOLCHAIN:=$(source scripts/wasm-toolchain.env && echo "$WASM_TOOLCHAIN")}"
export RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN"
if [[ "$WASM_TOOLCHAIN" == nightly* ]]; then
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  # Added to .cargo/config.toml's target rustflags (RUSTFLAGS would replace them).
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
fi
# std's own dependencies come from the registry like any crate: fetch them before trunk goes offline.
cargo fetch --quiet --target wasm32-unknown-unknown
exec trunk build --release "$@"
