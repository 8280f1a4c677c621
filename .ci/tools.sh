#!/usr/bin/env bash
# Installs what building Hive needs and is missing: the wasm target, cargo-leptos, the
# wasm-bindgen CLI at the version in Cargo.lock, and from npm wasm-opt, sass and the NHS.UK
# frontend (nhsuk-frontend, whose Sass the stylesheet is built from). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)

say() { printf '\n==> %s\n' "$*"; }

for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding the $component component"
    rustup component add "$component"
  fi
done
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes ~17 minutes on 2 cores, once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its own lockfile pins a crate version the registry here does not have.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
# Installed again whenever package-lock.json changed since the last install.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/sass ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing wasm-opt (npm binaryen), sass and nhsuk-frontend"
  npm ci --no-audit --no-fund --loglevel=error
fi
