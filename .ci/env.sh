# Sourced by the scripts: one shared cargo target directory (CI reuses it across fresh clones)
# and the npm wasm-opt first on PATH (Debian's binaryen 108 builds WASM that fails at runtime).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/hive/target}
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export LEPTOS_SITE_ROOT=${LEPTOS_SITE_ROOT:-$ROOT/target/site}
# CI builds each fresh clone once: incremental state would only fill the disk (it reached
# tens of GB in the shared target directory).
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi
