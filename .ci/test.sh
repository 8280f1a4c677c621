#!/usr/bin/env bash
# Installs what testing needs and runs every test: formatting, clippy for the server (ssr) and
# browser (hydrate) builds, unit and integration tests (SQLite always, PostgreSQL too when
# TEST_DATABASE_URL is set), and the end-to-end suite in headless Debian chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/env.sh

step() { printf '\n==> %s\n' "$*"; }

.ci/tools.sh
if [ ! -x /usr/bin/chromium ]; then
  step "installing Debian chromium"
  SUDO=$([ "$(id -u)" = 0 ] || echo "sudo -n")
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
if [ ! -d end2end/node_modules/@playwright/test ] || [ ! -d end2end/node_modules/oidc-provider ]; then
  step "installing the end-to-end test packages"
  (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
fi

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy, server build (ssr)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "clippy, the domain crate on its own (no features: how cargo mutants builds it)"
cargo clippy -p hive-domain --all-targets --locked -- -D warnings

step "clippy, browser build (hydrate)"
cargo clippy -p app --lib --no-default-features --features hydrate \
  --target wasm32-unknown-unknown --locked -- -D warnings

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  step "unit and integration tests (SQLite and PostgreSQL)"
else
  step "unit and integration tests (SQLite only: set TEST_DATABASE_URL for PostgreSQL)"
fi
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
cargo test --workspace --locked 2>&1 | tee "$LOG"

step "building the site (WASM, JS, CSS) for the browser tests"
# The server binary is the one `cargo test` just built; only the browser side is built here.
cargo leptos build --frontend-only

step "end-to-end tests in headless chromium"
export HIVE_BIN="$CARGO_TARGET_DIR/debug/hive"
# Free ports and a throw-away data directory for the browser tests' Hive and OpenID provider.
free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }
HIVE_E2E_PORT=$(free_port)
HIVE_E2E_IDP_PORT=$(free_port)
while [ "$HIVE_E2E_IDP_PORT" = "$HIVE_E2E_PORT" ]; do HIVE_E2E_IDP_PORT=$(free_port); done
HIVE_E2E_DATA=$(mktemp -d)
export HIVE_E2E_PORT HIVE_E2E_IDP_PORT HIVE_E2E_DATA
trap 'rm -f "$LOG"; rm -rf "$HIVE_E2E_DATA"' EXIT
(cd end2end && npx playwright test) 2>&1 | tee -a "$LOG"

# One closing line for everything that ran (set -o pipefail has already stopped on a failure).
RUST_PASSED=$(grep -oE '^test result: ok\. [0-9]+ passed' "$LOG" | awk '{ n += $4 } END { print n + 0 }')
E2E_PASSED=$(grep -oE '^ +[0-9]+ passed' "$LOG" | awk '{ n += $1 } END { print n + 0 }')
echo
echo "tests: $((RUST_PASSED + E2E_PASSED)) passed, 0 failed"
