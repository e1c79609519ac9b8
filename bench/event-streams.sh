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
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
streams="${STREAMS:-1000}"
idle="${IDLE_SECONDS:-20}"

"$root/qm" build >/dev/null
(cd "$root" && mvn -B -q test-compile -Dspotless.check.skip)
# One token holds them all, so the per-caller cap on streams is raised to match.
qm_serve "${PORT:-18182}" QM_SIMULATED_NODE_TIME=PT0.5S QM_EVENT_STREAMS_PER_CALLER="$streams"
qm_login

"$JAVA_HOME/bin/java" -cp "$root/target/classes:$root/target/test-classes:$root/target/lib/*" \
  io.quartermaster.bench.StreamHold --url "$base" --token "$token" --project "$project" \
  --streams "$streams" --pid "$server" --idle-seconds "$idle"
machine
