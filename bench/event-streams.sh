#!/usr/bin/env bash
# Holds STREAMS (default 1000) event streams open on one `qm serve` (embedded PostgreSQL) and
# prints the server's resident memory before, with them idle, and after one order's events
# reached every stream, with how long the slowest took.
#
#   bench/event-streams.sh
#   STREAMS=2000 IDLE_SECONDS=60 bench/event-streams.sh
#
# Needs python3 and curl. Only loopback traffic; stops by itself.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
streams="${STREAMS:-1000}"
idle="${IDLE_SECONDS:-20}"
port="${PORT:-18182}"
password="bench-admin-password"
data="$(mktemp -d /tmp/qm-bench-XXXXXX)"
base="http://127.0.0.1:$port"
# A JDK 21+ for the build and the client: JAVA_HOME, else the newest under /usr/lib/jvm.
export JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/*/ | sort -V | tail -n 1)}"

"$root/qm" build >/dev/null
(cd "$root" && mvn -B -q test-compile -Dspotless.check.skip)

QM_ADMIN_PASSWORD="$password" QM_SIMULATED_NODE_TIME=PT0.5S \
  "$root/qm" serve --port "$port" --data-dir "$data" > "$data/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$data"' EXIT

for _ in $(seq 1 120); do
  curl -fs "$base/health" >/dev/null 2>&1 && break
  sleep 0.5
done

login='{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","password":"'"$password"'","domain":{"name":"default"}}}},"scope":{"project":{"name":"default"}}}}'
response="$(curl -fs -D "$data/headers" -H 'Content-Type: application/json' -d "$login" "$base/v3/auth/tokens")"
token="$(grep -i '^x-subject-token:' "$data/headers" | cut -d' ' -f2 | tr -d '\r')"
project="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["token"]["project"]["id"])' "$response")"

# The launcher execs the JVM, so the server's pid is the JVM's.
"$JAVA_HOME/bin/java" -cp "$root/target/classes:$root/target/test-classes:$root/target/lib/*" \
  io.quartermaster.bench.StreamHold --url "$base" --token "$token" --project "$project" \
  --streams "$streams" --pid "$server" --idle-seconds "$idle"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%dT%H:%MZ)"
