#!/usr/bin/env bash
# Reports what a browser downloads for each role's first page (raw and brotli), from a release
# build with precompressed files, as `make demo` serves it. Asserts nothing.
#
#   .ci/size.sh                        builds (release), runs a demo Hive on a scratch database, measures
#   .ci/size.sh http://127.0.0.1:3000  measures a Hive already running with --demo
#   LIGHTHOUSE=1 .ci/size.sh           also runs Lighthouse (npm, mobile defaults) on the resident's home
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/env.sh

URL=${1:-}
if [ -z "$URL" ]; then
  .ci/tools.sh
  cargo leptos build --release --precompress
  PORT=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
  DATA=$(mktemp -d)
  HIVE_DATABASE_URL="sqlite://$DATA/hive.db" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" HIVE_LOG=warn \
    "$CARGO_TARGET_DIR/release/hive" serve --demo &
  HIVE_PID=$!
  trap 'kill $HIVE_PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
  URL="http://127.0.0.1:$PORT"
  for _ in $(seq 1 100); do
    curl -fsS "$URL/readyz" >/dev/null 2>&1 && break
    sleep 0.2
  done
fi

node end2end/tools/size.mjs "$URL"

if [ -n "${LIGHTHOUSE:-}" ]; then
  COOKIE=$(curl -s -o /dev/null -D - -X POST --data "person=$(curl -s "$URL/auth/demo" \
    | grep -oE 'name="person" value="[0-9]+"' | head -1 | grep -oE '[0-9]+')" "$URL/auth/demo" \
    | grep -i '^set-cookie: hive_session=' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')
  REPORT=$(mktemp --suffix=.json)
  CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium} npx --yes lighthouse@12 "$URL/my" --quiet \
    --chrome-flags="--headless=new --no-sandbox" --only-categories=performance,accessibility \
    --extra-headers="{\"Cookie\": \"$COOKIE\"}" --output=json --output-path="$REPORT" >/dev/null
  node -e '
    const r = require(process.argv[1]);
    const a = (id) => r.audits[id].displayValue;
    console.log(`Lighthouse (mobile defaults) on ${r.finalDisplayedUrl}: performance ${r.categories.performance.score},` +
      ` accessibility ${r.categories.accessibility.score}, LCP ${a("largest-contentful-paint")},` +
      ` TTI ${a("interactive")}, transferred ${a("total-byte-weight")}`);' "$REPORT"
  rm -f "$REPORT"
fi
