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

ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
hz="$(getconf CLK_TCK)"

# Starts the server; prints the ms until its first 200 and the CPU ms the JVM had used by then
# (wall time stretches with the machine's load, CPU time much less); stops it.
start_once() {
  local started pid ms="" cpu
  started="$(date +%s%N)"
  QM_ADMIN_PASSWORD="$password" "$root/qm" serve --port "$port" --data-dir "$data" \
    >> "$data/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1500); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null; then
      ms=$((($(date +%s%N) - started) / 1000000))
      cpu=$(($(ticks "$pid") * 1000 / hz))
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
  echo "$ms $cpu"
}

read -r ms cpu <<<"$(start_once)"
echo "first start (initialises the database, writes the class-data archive): $ms ms, JVM CPU $cpu ms"
times=()
cpus=()
for i in $(seq 1 "$runs"); do
  read -r ms cpu <<<"$(start_once)"
  times+=("$ms")
  cpus+=("$cpu")
  echo "start $i: $ms ms to the first answer, JVM CPU $cpu ms; $(uptime | sed 's/.*load/load/')"
done
python3 -c '
import statistics, sys
n = len(sys.argv) // 2
for name, v in (("to the first answer", sys.argv[1:n + 1]), ("JVM CPU by then", sys.argv[n + 1:])):
    v = [int(x) for x in v]
    print("%s: median %d ms, min %d, max %d over %d starts" % (name, statistics.median(v), min(v), max(v), len(v)))
' "${times[@]}" "${cpus[@]}"
machine
