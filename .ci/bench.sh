#!/usr/bin/env bash
# `make bench`: measures Hive on this machine, in one go, with public tools (wrk for load,
# brotli for sizes), and writes the results into BENCHMARKS.md (between its bench markers) and
# target/bench/results.md. Reports; asserts nothing. CI does not run it.
#
# For each backend (SQLite; PostgreSQL when psql reaches 127.0.0.1:5432) and each size (10 % and
# 100 % of Manchester, `hive seed --scale`):
#   - the seed's own time;
#   - signed-in resident home /my (real session, real record) against the same bytes served as a
#     static file by the same server: requests/s and p50/p99 at 64 connections;
#   - the staff queue's first page, a filtered page and the engagement dashboard: server time
#     p50/p99 at one connection (loopback, so latency is the server's time);
#   - what a request costs the server (CPU time and context switches, all its threads) for the
#     static file, a page without a session, the same page signed in, and /my;
#   - the server's memory (peak RSS) after all that.
# Then the bytes each role's first page makes a browser download (.ci/size.sh's measure).
#
#   make bench                        everything (about 25 minutes on 2 cores)
#   BENCH_SIZES="10" make bench       one size only
#   BENCH_BACKENDS="sqlite" make bench
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/env.sh

SIZES=${BENCH_SIZES:-"10 100"}
BACKENDS=${BENCH_BACKENDS:-"sqlite postgres"}
DURATION=${BENCH_SECONDS:-10}
OUT=target/bench
mkdir -p "$OUT"
RESULTS="$OUT/results.md"
COSTS="$OUT/costs.md"

for tool in wrk brotli curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install wrk brotli curl)"; exit 1; }
done

if [ -z "${BENCH_NO_BUILD:-}" ]; then
  .ci/tools.sh
  cargo leptos build --release --precompress
fi
HIVE="$CARGO_TARGET_DIR/release/hive"
SITE=${LEPTOS_SITE_ROOT:-target/site}

free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }

DATA=$(mktemp -d)
HIVE_PID=
cleanup() {
  [ -n "$HIVE_PID" ] && kill "$HIVE_PID" 2>/dev/null || true
  rm -rf "$DATA" "$SITE/bench"
}
trap cleanup EXIT

start_hive() { # url
  PORT=$(free_port)
  HIVE_DATABASE_URL="$1" LEPTOS_SITE_ROOT="$SITE" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" HIVE_LOG=warn \
    "$HIVE" serve --demo >"$DATA/serve.log" 2>&1 &
  HIVE_PID=$!
  URL="http://127.0.0.1:$PORT"
  for _ in $(seq 1 300); do
    curl -fsS "$URL/readyz" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "bench: Hive did not start"; cat "$DATA/serve.log"; exit 1
}

stop_hive() {
  kill "$HIVE_PID" 2>/dev/null || true
  wait "$HIVE_PID" 2>/dev/null || true
  HIVE_PID=
}

sign_in() { # demo person's name -> Cookie header value
  local id
  id=$(curl -fsS "$URL/auth/demo" | perl -0ne 'while (/name="person" value="(\d+)"[^<]*>\s*<button[^>]*>\s*Sign in as ([^<]+?)\s*</g) { print "$1\t$2\n" }' \
    | awk -F'\t' -v who="$1" '$2 == who { print $1 }')
  curl -s -o /dev/null -D - -X POST --data "person=$id" "$URL/auth/demo" \
    | grep -i '^set-cookie: hive_session=' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/'
}

# wrk's summary as "req/s p50 p99" (milliseconds).
load() { # connections path cookie
  local c=$1 path=$2 cookie=${3:-}
  local threads=$(( c < 2 ? c : 2 ))
  local args=(-t"$threads" -c"$c" -d"${DURATION}s" --latency)
  [ -n "$cookie" ] && args+=(-H "Cookie: $cookie")
  wrk "${args[@]}" "$URL$path" >"$DATA/wrk.txt"
  if grep -qE 'Non-2xx|Socket errors' "$DATA/wrk.txt"; then
    echo "bench: $path answered errors under load:" >&2
    cat "$DATA/wrk.txt" >&2
    echo "bench: the server's last warnings and errors:" >&2
    grep -E 'WARN|ERROR' "$DATA/serve.log" | tail -n 20 >&2 || true
  fi
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%.0f %.2f %.2f\n", rps, p50, p99 }' "$DATA/wrk.txt"
}

# The server's CPU time (ms, user + system, all its threads) so far, then each of its threads'
# context switches so far ("tid count").
usage() { # pid -> "cpu_ms" line, then "tid switches" lines
  local pid=$1 task
  awk -v tick="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / tick }' "/proc/$pid/stat"
  for task in /proc/"$pid"/task/*; do
    awk -v tid="${task##*/}" '/ctxt_switches/ { n += $2 } END { print tid, n + 0 }' "$task/status" 2>/dev/null || true
  done
}

# As `load`, and what each request cost the server: "req/s cpu_us switches". Switches are
# counted per thread, over the threads alive at the end: a thread that ended during the load
# (tokio ends idle blocking threads) is left out, so the figure errs low, never below zero.
costed() { # connections path cookie
  local rps requests
  usage "$HIVE_PID" >"$DATA/before.txt"
  read -r rps _ _ < <(load "$@")
  usage "$HIVE_PID" >"$DATA/after.txt"
  requests=$(awk '/requests in/ { print $1 }' "$DATA/wrk.txt")
  awk -v rps="$rps" -v n="$requests" '
    FNR == 1 { cpu[FILENAME == ARGV[1]] = $1; next }
    FILENAME == ARGV[1] { was[$1] = $2; next }
    { switches += $2 - was[$1] }
    END { printf "%s %.0f %.1f\n", rps, (cpu[0] - cpu[1]) * 1000 / n, switches / n }' \
    "$DATA/before.txt" "$DATA/after.txt"
}

machine() {
  local cpu mem
  cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
  mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
  echo "$(nproc) cores ($cpu), $mem, $(uname -sr), $(rustc --version | cut -d' ' -f1-2), release build"
}

{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(machine)."
  echo "wrk: ${DURATION} s per figure; loopback; one Hive process."
  echo
  echo "| Backend | Data | Seed | /my req/s (64 conn) | Static req/s | Ratio | /my p50 / p99 ms | Static p50 / p99 ms | Queue p50 / p99 ms | Filtered queue p50 / p99 ms | Dashboard p50 / p99 ms | Peak RSS MB |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
} >"$RESULTS"
: >"$COSTS"

for backend in $BACKENDS; do
  for size in $SIZES; do
    case $backend in
      sqlite) DB="sqlite://$DATA/bench-$size.db" ;;
      postgres)
        if ! psql -h 127.0.0.1 -U postgres -d test -qc 'SELECT 1' >/dev/null 2>&1; then
          echo "bench: no PostgreSQL on 127.0.0.1:5432; skipping it"; continue
        fi
        NAME="hive_bench_$size"
        psql -h 127.0.0.1 -U postgres -d test -qc "DROP DATABASE IF EXISTS $NAME" -c "CREATE DATABASE $NAME" >/dev/null
        DB="postgres://postgres@127.0.0.1:5432/$NAME" ;;
    esac
    echo "==> $backend, $size % of the city: seeding"
    START=$(date +%s.%N)
    HIVE_DATABASE_URL="$DB" HIVE_LOG=warn "$HIVE" seed --scale --percent "$size" | tee "$DATA/seed.log"
    SEED=$(echo "$(date +%s.%N) - $START" | bc)
    # Then what PostgreSQL's autovacuum does to a city's database long before anyone measures
    # it: vacuum (which sets the visibility map, so the queue's counts come from its index
    # alone) and analyze. Done here, not waited for: autovacuum may be off (it is off on the
    # test PostgreSQL these figures were taken on, so waiting for it measured tables never
    # vacuumed), and when on it visits tables a minute apart. Its time is reported beside the
    # seed's. Then the writes flushed now, not during the measurements: PostgreSQL spreads a
    # checkpoint over minutes, and after millions of rows that competed with the queries.
    UPKEEP=
    if [ "$backend" = postgres ]; then
      UPKEEP_START=$(date +%s.%N)
      psql -h 127.0.0.1 -U postgres -d "$NAME" -qc 'VACUUM (ANALYZE)' -c 'CHECKPOINT' >/dev/null
      UPKEEP=$(printf '%.0f' "$(echo "$(date +%s.%N) - $UPKEEP_START" | bc)")
      echo "==> $backend, $size %: VACUUM (ANALYZE) and CHECKPOINT took ${UPKEEP} s"
    fi
    start_hive "$DB"
    RESIDENT=$(sign_in "Amira Khan")
    LEAD=$(sign_in "Priya Shah")
    OFFICER=$(sign_in "Joe Murphy")
    mkdir -p "$SITE/bench"
    curl -fsS -H "Cookie: $RESIDENT" "$URL/my" -o "$SITE/bench/my.html"
    echo "==> $backend, $size %: load"
    read -r MY_RPS MY_P50 MY_P99 < <(load 64 /my "$RESIDENT")
    read -r ST_RPS ST_P50 ST_P99 < <(load 64 /bench/my.html)
    RATIO=$(echo "scale=2; $MY_RPS / $ST_RPS" | bc)
    # Where /my's time goes: the server's CPU and context switches per request for the static
    # file, a page with no session and no queries (the privacy notice, anonymous), the same
    # page signed in (the session and who is asking: two queries), and /my (and its record).
    read -r C_ST C_ST_CPU C_ST_SW < <(costed 64 /bench/my.html)
    read -r C_AN C_AN_CPU C_AN_SW < <(costed 64 /about/privacy)
    read -r C_SI C_SI_CPU C_SI_SW < <(costed 64 /about/privacy "$RESIDENT")
    read -r C_MY C_MY_CPU C_MY_SW < <(costed 64 /my "$RESIDENT")
    printf '| %s | %s %% | %s · %s µs · %s | %s · %s µs · %s | %s · %s µs · %s | %s · %s µs · %s |\n' \
      "$backend" "$size" "$C_ST" "$C_ST_CPU" "$C_ST_SW" "$C_AN" "$C_AN_CPU" "$C_AN_SW" \
      "$C_SI" "$C_SI_CPU" "$C_SI_SW" "$C_MY" "$C_MY_CPU" "$C_MY_SW" >>"$COSTS"
    read -r _ Q_P50 Q_P99 < <(load 1 /team "$LEAD")
    read -r _ F_P50 F_P99 < <(load 1 "/team?needs=yes&unread=yes&goals=active" "$LEAD")
    read -r _ D_P50 D_P99 < <(load 1 /engagement/dashboard "$OFFICER")
    RSS=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$HIVE_PID/status")
    stop_hive
    SEED_S=$(printf '%.0f s' "$SEED")
    [ -n "$UPKEEP" ] && SEED_S="$SEED_S (+$UPKEEP s vacuum)"
    printf '| %s | %s %% | %s | %s | %s | %s× | %s / %s | %s / %s | %s / %s | %s / %s | %s / %s | %s |\n' \
      "$backend" "$size" "$SEED_S" "$MY_RPS" "$ST_RPS" "$RATIO" "$MY_P50" "$MY_P99" "$ST_P50" "$ST_P99" \
      "$Q_P50" "$Q_P99" "$F_P50" "$F_P99" "$D_P50" "$D_P99" "$RSS" | tee -a "$RESULTS"
    [ "$backend" = postgres ] && psql -h 127.0.0.1 -U postgres -d test -qc "DROP DATABASE IF EXISTS hive_bench_$size" >/dev/null
  done
done

{
  echo
  echo "What a request costs Hive's process (req/s · CPU time per request · context switches per request; 64 connections; all its threads, user + system; PostgreSQL's own processes not included):"
  echo
  echo "| Backend | Data | Static file | A page, anonymous (/about/privacy) | The same page signed in | Signed-in /my |"
  echo "|---|---|---|---|---|---|"
  cat "$COSTS"
} | tee -a "$RESULTS"

echo "==> bytes each role's first page downloads"
start_hive "sqlite://$DATA/size.db"
{
  echo
  echo "Bytes a browser downloads for each role's first page (.ci/size.sh's measure):"
  echo
  echo '```'
  node end2end/tools/size.mjs "$URL"
  echo '```'
} | tee -a "$RESULTS"
stop_hive

# Into BENCHMARKS.md, between the markers.
if grep -q '<!-- bench:start -->' BENCHMARKS.md 2>/dev/null; then
  perl -0pi -e 'BEGIN { local $/; open my $f, "<", "'"$RESULTS"'"; $r = <$f>; } s/<!-- bench:start -->.*<!-- bench:end -->/<!-- bench:start -->\n$r\n<!-- bench:end -->/s' BENCHMARKS.md
  echo "bench: results written to BENCHMARKS.md and $RESULTS"
else
  echo "bench: results in $RESULTS"
fi
