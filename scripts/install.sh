#!/usr/bin/env bash
# Installs what the build and the tests need, skipping whatever is already there at the right version.
# Usage: scripts/install.sh build   # wasm target, trunk, wasm-bindgen-cli, wasm-opt (npm)
#        scripts/install.sh test    # the same plus Chromium, the Playwright packages and the tools the
#                                   # credential files are for (AWS CLI v1 and v2, boto3, s3cmd, rclone)
# Idempotent: a second run only checks versions and takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

want="${1:-build}"
TRUNK_VERSION=0.21.14
# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock 2>/dev/null || true)
WB_VERSION=${WB_VERSION:-0.2.130}

say() { printf '[install] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The shipped wasm is built by a pinned nightly that rebuilds std for size (scripts/build-console.sh).
source scripts/wasm-toolchain.env
if ! rustup component list --installed --toolchain "$WASM_TOOLCHAIN" 2>/dev/null | grep -q '^rust-src'; then
  say "installing $WASM_TOOLCHAIN with rust-src (about a minute)"
  rustup toolchain install "$WASM_TOOLCHAIN" --profile minimal --component rust-src
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 9 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ] \
   || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $WB_VERSION (about 5 minutes)"
  # Not --locked: its lock file names a crate version this registry lacks.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# npm packages: binaryen 132 (a wasm-opt that does not corrupt the externref table), esbuild (the
# module and the page's script, scripts/post-build.mjs), Playwright, axe.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/esbuild ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund
fi

if [ "$want" = test ]; then
  # Debian: Chromium for the browser tests; AWS CLI v2 (awscli, /usr/bin/aws: v1 has no `aws configure
  # import`) and rclone, which tests/e2e/credential-tools.spec.ts hands the downloaded files to.
  debs=()
  command -v chromium >/dev/null && command -v chromedriver >/dev/null || debs+=(chromium chromium-driver)
  for p in awscli rclone; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || debs+=("$p")
  done
  if [ ${#debs[@]} -gt 0 ]; then
    say "installing ${debs[*]} from Debian"
    apt-get update -qq
    apt-get install -y -qq "${debs[@]}" >/dev/null
  fi
  # PyPI, in a virtual environment of the checkout's own: AWS CLI v1, boto3 and s3cmd, at the versions
  # of scripts/tools-requirements.txt (remade only when that file changes).
  venv=target/tools/venv
  if ! cmp -s scripts/tools-requirements.txt "$venv/requirements.txt"; then
    say "installing AWS CLI v1, boto3 and s3cmd from PyPI into $venv"
    python3 -m venv --clear "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r scripts/tools-requirements.txt
    cp scripts/tools-requirements.txt "$venv/requirements.txt"
  fi
fi
say "tools ready"
