#!/usr/bin/env bash
# Measures how fast client commands start and answer, with hyperfine: `--version` (start-up
# alone) and `flavors` (start-up, config file, one authenticated call), each run three ways:
# a plain `java -jar`, with the C1-only flags, and as the launcher runs it (C1 only plus the
# client's own class-data archive). Starts a real `qm serve` to call.
#
#   bench/client-startup.sh               # 20 runs each
#   RUNS=50 bench/client-startup.sh
#
# Needs hyperfine (apt-get install -y hyperfine). Only loopback traffic; stops by itself.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-20}"
port="${PORT:-18182}"
password="bench-admin-password"
data="$(mktemp -d /tmp/qm-bench-XXXXXX)"
export XDG_CONFIG_HOME="$data/config"
export QM_ENDPOINT="http://127.0.0.1:$port"

command -v hyperfine >/dev/null ||
  { echo "bench: hyperfine is not installed (apt-get install -y hyperfine)" >&2; exit 1; }

"$root/qm" build
QM_ADMIN_PASSWORD="$password" "$root/qm" serve --port "$port" --data-dir "$data/db" \
  > "$data/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -fs "$QM_ENDPOINT/health" >/dev/null 2>&1 && break
  sleep 0.5
done
# The first client command after a build writes the class-data archive, as it would for a user.
rm -f "$root/target/qm-client.jsa"
echo "$password" | "$root/qm" login --user admin --project default --password-stdin

java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
jar="$root/target/quartermaster.jar"
c1="-XX:TieredStopAtLevel=1 -Xshare:auto"
for command in "--version" "flavors"; do
  hyperfine --warmup 3 --runs "$runs" --style basic --export-json "$data/$command.json" \
    -n "java -jar" "$java -jar $jar $command" \
    -n "C1 only" "$java $c1 -jar $jar $command" \
    -n "./qm (C1 + class-data archive)" "$root/qm $command"
  # Wall time swings with whatever else the machine runs; CPU time (user) much less.
  python3 - "$data/$command.json" "$command" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
print(f"\n`qm {sys.argv[2]}` | mean wall | min wall | mean user CPU")
print("---|---:|---:|---:")
for r in results:
    print(f"{r['command']} | {r['mean']*1000:.0f} ms | {r['min']*1000:.0f} ms | {r['user']*1000:.0f} ms")
PY
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg); $("$java" -version 2>&1 | head -1); $(date -u +%Y-%m-%dT%H:%MZ)"
