#!/usr/bin/env bash
# The soak: one `qm serve` (embedded PostgreSQL) under a mixed load of reads (ListOrders,
# ShowOrder, ListPools, ShowPool), placements (pools created and deleted again, 1% of calls) and
# STREAMS event streams held open and replaced every 30 s. It measures the load's peak for
# PEAK_SECONDS with CONCURRENCY callers, then holds SHARE of it (an open loop) for DURATION and
# prints a row every minute: calls/s, p99, errors, the server's resident memory, its open file
# descriptors (/proc/PID/fd), the database's client connections (pg_stat_activity) and the
# streams open. At the end: each series' slope and a verdict on flatness; exits 1 when a series
# is not flat.
#
#   bench/soak.sh                         # 30 minutes at 80% of the peak
#   DURATION=10m bench/soak.sh
#
# Needs python3 and curl. Only loopback traffic; stops by itself.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
duration="${DURATION:-30m}"

"$root/qm" build >/dev/null
cd "$root"
mvn -B -q test-compile dependency:build-classpath -Dspotless.check.skip -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
# The launcher's heap bound (192 MiB), committed and touched from the start: otherwise resident
# memory rises for the first twenty minutes or so while the serial collector grows the heap to its
# bound, which the verdict cannot tell from a leak. So RSS shows what can grow without bound, the
# memory outside the heap; a leak inside it shows as collections, in p99 and errors.
# SOAK_JAVA_OPTS= (empty) measures the launcher's defaults alone.
qm_serve "${PORT:-18183}" QM_SIMULATED_NODE_TIME=PT0.05S QM_NODE_QUOTA=1000000 \
  "QM_JAVA_OPTS=${SOAK_JAVA_OPTS--Xms192m -XX:+AlwaysPreTouch}"
qm_login
pg_port="$(sed -n 4p "$data/postgres/postmaster.pid" | tr -d ' ')"

machine
uptime
status=0
"$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.quartermaster.bench.Soak --url "$base" --token "$token" --project "$project" \
  --pid "$server" --jdbc "jdbc:postgresql://127.0.0.1:$pg_port/postgres" \
  --duration "PT${duration^^}" --peak-seconds "${PEAK_SECONDS:-20}" \
  --concurrency "${CONCURRENCY:-32}" --streams "${STREAMS:-20}" --share "${SHARE:-0.8}" ||
  status=$?
uptime
exit $status
