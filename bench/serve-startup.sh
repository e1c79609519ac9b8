#!/usr/bin/env bash
# How long `./qm serve` of a built tree takes to answer its first request, with its embedded
# PostgreSQL already initialised (a data directory that has been started once): the time from
# running the command until `GET /health` first answers 200, polled every 20 ms. RUNS starts
# (default 5), each stopped with SIGTERM as a supervisor would; prints every run and the median.
# The first start after a build also writes the server's class-data archive, so it runs before
# the measured ones and is reported on its own.
#
#   bench/serve-startup.sh
#   RUNS=10 QM_JAVA_OPTS=-Xshare:off bench/serve-startup.sh     # e.g. without the archive
#
# Needs curl and python3. Loopback only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
runs="${RUNS:-5}"
port="${PORT:-18195}"
"$root/qm" build >/dev/null
data="$(mktemp -d /tmp/qm-startup-XXXXXX)"
trap 'rm -rf "$data"' EXIT

# Starts the server, returns the ms until its first 200, stops it.
start_once() {
  local started pid ms=""
  started="$(date +%s%N)"
  QM_ADMIN_PASSWORD="$password" "$root/qm" serve --port "$port" --data-dir "$data" \
    >> "$data/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1500); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null; then
      ms=$((($(date +%s%N) - started) / 1000000))
      break
    fi
    sleep 0.02
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    [[ -f "$data/postgres/postmaster.pid" ]] || break
    sleep 0.5
  done
  [[ -n "$ms" ]] || { echo "bench: the server did not answer; see $data/serve.log" >&2; exit 1; }
  echo "$ms"
}

echo "first start (initialises the database, writes the class-data archive): $(start_once) ms"
times=()
for i in $(seq 1 "$runs"); do
  ms="$(start_once)"
  times+=("$ms")
  echo "start $i: $ms ms to the first answer; $(uptime | sed 's/.*load/load/')"
done
python3 -c 'import statistics,sys; v=[int(x) for x in sys.argv[1:]]; print("median %d ms, min %d, max %d over %d starts" % (statistics.median(v), min(v), max(v), len(v)))' "${times[@]}"
machine
