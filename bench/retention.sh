#!/usr/bin/env bash
# Measures the retention purge at scale: EXPIRED finished orders (default 1,000,000, over 100
# projects, placed 91-120 days ago, past the 90-day QM_ORDER_RETENTION) next to KEPT orders
# (default 200,000 over 100 projects, within retention), each with its pool, node, two items and
# seven events, loaded by the bulk loader into a real `qm serve`. Then, on the same data:
#   1. ListOrders (a full page of 100 of one kept project, with its count) under wrk for DURATION
#      with the purge switched off: the baseline;
#   2. the server restarted with the purge every second: wrk on the same page while the purge
#      runs, its progress sampled every second, until every expired order is gone.
# Prints the purge's time and rate, how long its batches' statements took (PostgreSQL's log of
# statements over 100 ms, and pg_stat_activity sampled each second), and ListOrders' throughput and
# latency in both.
#
#   bench/retention.sh
#   EXPIRED=100000 KEPT=20000 DURATION=20s bench/retention.sh
#
# Needs wrk (apt-get install -y wrk), psql (postgresql-client), python3 and curl. Only loopback traffic; stops by itself.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
expired="${EXPIRED:-1000000}"
kept="${KEPT:-200000}"
duration="${DURATION:-30s}"
connections="${CONNECTIONS:-8}"
port="${PORT:-18184}"
command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

"$root/qm" build >/dev/null
(cd "$root" && mvn -B -q test-compile -Dspotless.check.skip)
no_purge=(QM_ORDER_SWEEP_INTERVAL=PT24H QM_SIMULATED_NODE_TIME=PT0S)
qm_serve "$port" "${no_purge[@]}"
pg_port() { sed -n 4p "$data/postgres/postmaster.pid"; }
sql() { # SQL: one value
  psql -h 127.0.0.1 -p "$(pg_port)" -U postgres -Atc "$1" postgres
}
load() { # prefix projects orders days ago
  "$JAVA_HOME/bin/java" -cp "$root/target/classes:$root/target/test-classes:$root/target/lib/*" \
    io.quartermaster.bench.BulkOrders --url "jdbc:postgresql://127.0.0.1:$(pg_port)/postgres" \
    --prefix "$1" --projects "$2" --orders "$3" --days "$4" --ago "$5" --seed "$RANDOM" | tee "$data/load-$1.txt"
}

echo "loading $expired expired and $kept kept orders ..."
load expired 100 "$expired" 29 91
load kept 100 "$kept" 25 0
listed="$(sed -n 's/^first project: //p' "$data/load-kept.txt")"
qm_login # the admin sees every project
page="$base/v1/$listed/orders"

list_load() { # label
  echo
  echo "== ListOrders, a full page of 100 with its count: $1"
  wrk -t2 -c"$connections" -d"$duration" --latency -H "X-Auth-Token: $token" "$page" |
    grep -E 'Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx'
}

# Warm the server's JIT and the database's cache first, so that the baseline is not its start.
wrk -t2 -c"$connections" -d"${WARMUP:-20s}" -H "X-Auth-Token: $token" "$page" > /dev/null
list_load "no purge (baseline)"

qm_halt
# Log every statement of 100 ms or more, so that the longest batch of the purge is on record.
echo "log_min_duration_statement = 100" >> "$data/postgres/postgresql.conf"
qm_start "$port" QM_ORDER_SWEEP_INTERVAL=PT1S QM_SIMULATED_NODE_TIME=PT0S
qm_login
started="$(date +%s.%N)"
wrk -t2 -c"$connections" -d3600s --latency -H "X-Auth-Token: $token" "$page" > "$data/wrk-purge.txt" &
wrk_pid=$!
left="$expired"
while true; do
  left="$(sql "select count(*) from orders where created_at < now() - interval '90 days'")"
  longest="$(sql "select coalesce(max(extract(epoch from clock_timestamp() - xact_start) * 1000)::int, 0)
                  from pg_stat_activity where query ilike '%with doomed%' and state <> 'idle'")"
  [[ "$longest" -gt "${held:-0}" ]] && held="$longest"
  printf '%6.0f s: %s expired orders left\n' "$(python3 -c "import time; print(time.time() - $started)")" "$left"
  [[ "$left" == 0 ]] && break
  sleep 1
done
finished="$(date +%s.%N)"
kill -INT "$wrk_pid"; wait "$wrk_pid" 2>/dev/null || true
echo
echo "== ListOrders, a full page of 100 with its count: during the purge"
grep -E 'Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx' "$data/wrk-purge.txt"
python3 -c "s = $finished - $started; print('purge: %d orders (with their items and events) in %.0f s, %.0f orders/s' % ($expired, s, $expired / s))"
echo "longest-running purge batch seen (sampled every second): ${held:-0} ms"
echo "longest purge statements, from PostgreSQL's log (statements over 100 ms):"
grep -h 'duration:' "$data/serve.log" | grep -i 'doomed' | sed -E 's/.*duration: ([0-9.]+) ms.*/  \1 ms/' |
  sort -rn -k1 | head -3 || true
echo "left: $(sql "select (select count(*) from orders) || ' orders, ' || (select count(*) from order_items) || ' items, ' || (select count(*) from order_events) || ' events'")"
uptime
machine
