#!/usr/bin/env bash
# Builds Hive (release) and runs it at http://127.0.0.1:3000 on ./data/hive.db with demo data
# and demo sign-in. Running it again keeps everything entered and adds no duplicate demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/env.sh
.ci/tools.sh
# --precompress writes .br and .gz beside every built file; they are served as they are.
cargo leptos build --release --precompress
export HIVE_DATABASE_URL=${HIVE_DATABASE_URL:-sqlite://data/hive.db}
export LEPTOS_SITE_ADDR=${LEPTOS_SITE_ADDR:-127.0.0.1:3000}
echo "Hive is starting at http://$LEPTOS_SITE_ADDR (Ctrl-C stops it)"
exec "$CARGO_TARGET_DIR/release/hive" serve --demo
