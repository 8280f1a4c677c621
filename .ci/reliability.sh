#!/usr/bin/env bash
# `make reliability` (or run it directly): measures how reliable a built Hive is: crash safety
# (SIGKILL during saves; nothing acknowledged may be lost), load (wrk, mixed reads and saves) and
# bad input (hundreds of malformed requests; no 5xx, nothing stored). See .ci/reliability.py.
#
# Writes the results to target/bench/reliability.md and, if BENCHMARKS.md has the markers
# <!-- reliability:start --> and <!-- reliability:end -->, between them (a full run only: not with
# --parts or --url, which write target/bench/reliability.md alone). Does not build: it uses
# $CARGO_TARGET_DIR/release/hive, else debug/hive (or HIVE_BIN). Fails (exit 1) if an
# acknowledged save was lost, any answer was a 5xx, or a malformed request changed the data.
#
#   .ci/reliability.sh                                   everything (SQLite, and PostgreSQL when
#                                                        psql reaches 127.0.0.1:5432)
#   RELIABILITY_ROUNDS=3 RELIABILITY_LOAD_SECONDS=10 .ci/reliability.sh      shorter
#   RELIABILITY_BACKENDS=sqlite .ci/reliability.sh --parts bad               one part, one backend
#   .ci/reliability.sh --parts bad --url http://127.0.0.1:3000 --database-url sqlite:///tmp/x/hive.db
#
# Other settings (flags of reliability.py, or these): RELIABILITY_CONNECTIONS (200),
# RELIABILITY_WRITE_PERCENT (10), RELIABILITY_THREADS (8), RELIABILITY_SAVE_RATE (20 saves/s per
# person in crash rounds; 0 unpaced), RELIABILITY_WRK_TIMEOUT (10 s). --keep keeps the server
# logs, the wrk script and every malformed request's status.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/env.sh

for tool in python3 sqlite3 wrk; do
  command -v "$tool" >/dev/null || { echo "reliability: $tool is missing (apt-get install python3 sqlite3 wrk)" >&2; exit 2; }
done

if [ -z "${HIVE_BIN:-}" ]; then
  for build in release debug; do
    if [ -x "$CARGO_TARGET_DIR/$build/hive" ]; then HIVE_BIN="$CARGO_TARGET_DIR/$build/hive"; break; fi
  done
fi
if [ -z "${HIVE_BIN:-}" ] && [[ " $* " != *" --url "* ]]; then
  echo "reliability: no hive binary in $CARGO_TARGET_DIR/{release,debug}; build it first (cargo leptos build --release)" >&2
  exit 2
fi

OUT=target/bench
mkdir -p "$OUT"
RESULTS="$OUT/reliability.md"

set +e
python3 .ci/reliability.py ${HIVE_BIN:+--binary "$HIVE_BIN"} "$@" >"$RESULTS.tmp"
STATUS=$?
set -e
if [ ! -s "$RESULTS.tmp" ]; then
  rm -f "$RESULTS.tmp"
  echo "reliability: no results (exit $STATUS)" >&2
  exit "$STATUS"
fi
mv "$RESULTS.tmp" "$RESULTS"
cat "$RESULTS"

# Into BENCHMARKS.md, between the markers (the text between them is replaced), but only from a
# run of every part on servers of its own: a partial run must not stand for the whole.
PARTIAL=${RELIABILITY_PARTS:-}
for arg in "$@"; do
  case $arg in --url | --url=* | --parts | --parts=*) PARTIAL=yes ;; esac
done
if [ -n "$PARTIAL" ]; then
  echo "reliability: a partial run (--parts or --url): results in $RESULTS only" >&2
elif grep -q '<!-- reliability:start -->' BENCHMARKS.md 2>/dev/null \
  && grep -q '<!-- reliability:end -->' BENCHMARKS.md; then
  RESULTS="$RESULTS" perl -0pi -e '
    BEGIN { local $/; open my $f, "<", $ENV{RESULTS} or die; $r = <$f>; $r =~ s/\n+\z//; }
    s/<!-- reliability:start -->.*?<!-- reliability:end -->/<!-- reliability:start -->\n$r\n<!-- reliability:end -->/s' BENCHMARKS.md
  echo "reliability: results written to BENCHMARKS.md and $RESULTS" >&2
else
  echo "reliability: results in $RESULTS" >&2
fi
exit "$STATUS"
