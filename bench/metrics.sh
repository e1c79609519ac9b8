#!/usr/bin/env bash
# What metrics cost: the request path with QM_METRICS=on against QM_METRICS=off, and the time of
# one scrape of /metrics when the database holds many orders.
#
#   bench/metrics.sh                      # defaults: 20 s per run, 200,000 orders
#   DURATION=60s ORDERS=1000000 bench/metrics.sh
#
# Each run is a real `qm serve` (embedded PostgreSQL, fsync on). wrk hits an unknown path (a 404
# answered without the database, so the request filter's share of the work is as large as it
# gets) and GET /health (one query). The orders are copies of one order placed through the API,
# written with psql straight into the embedded database. Needs wrk and psql (apt-get install -y
# wrk postgresql-client). Only loopback traffic; stops by itself.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${DURATION:-20s}"
orders="${ORDERS:-200000}"
connections="${CONNECTIONS:-32}"
port="${PORT:-18182}"
password="bench-admin-password"
base="http://127.0.0.1:$port"
work="$(mktemp -d /tmp/qm-bench-metrics-XXXXXX)"
server=""

JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
for tool in wrk psql curl python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done

stop() {
  if [[ -n "$server" ]]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}
trap 'stop; rm -rf "$work"' EXIT

serve() { # metrics-setting data-dir
  QM_METRICS="$1" QM_ADMIN_PASSWORD="$password" QM_SIMULATED_NODE_TIME=PT0S \
    "$root/qm" serve --port "$port" --data-dir "$2" > "$2.log" 2>&1 &
  server=$!
  for _ in $(seq 1 240); do
    curl -fs "$base/health" >/dev/null 2>&1 && return
    sleep 0.5
  done
  echo "bench: the service did not start; see $2.log" >&2
  exit 1
}

run() { # title url
  echo "== $1"
  wrk -t2 -c"$connections" -d"$duration" --latency "$2" |
    grep -E 'Requests/sec|Latency  |50%|90%|99%'
}

"$root/qm" build >/dev/null
echo "#### recording one request (CPU time of the recording thread)"
"$JAVA" -cp "$root/target/classes:$root/target/lib/*" "$root/bench/MetricsRecordCost.java"
for setting in off on; do
  echo
  echo "#### QM_METRICS=$setting"
  serve "$setting" "$work/data-$setting"
  run "unknown path (404, no database)" "$base/v1/none/nothing"
  run "GET /health (one query)" "$base/health"
  stop
done

echo
echo "#### one scrape of /metrics with $orders orders"
serve on "$work/data-on"
login='{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","password":"'"$password"'","domain":{"name":"default"}}}},"scope":{"project":{"name":"default"}}}}'
response="$(curl -fs -D "$work/headers" -H 'Content-Type: application/json' -d "$login" "$base/v3/auth/tokens")"
token="$(grep -i '^x-subject-token:' "$work/headers" | cut -d' ' -f2 | tr -d '\r')"
project="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["token"]["project"]["id"])' "$response")"
curl -fs -o /dev/null -H "X-Auth-Token: $token" -H 'Content-Type: application/json' \
  -d '{"apiVersion":"v2","kind":"Pool","metadata":{"labels":{"os.modelarts/name":"bench-metrics"}},"spec":{"resources":[{"flavor":"modelarts.vm.cpu.2u.d","count":1}]}}' \
  "$base/v2/$project/pools"
sleep 2
pg_port="$(sed -n 4p "$work/data-on/postgres/postmaster.pid")"
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 <<SQL
insert into orders (project_id, order_name, order_id, pool_id, resource_name,
                    resource_display_name, workspace_id, operation, phase, billing_mode,
                    spec_count, result_count, created_at, begin_at, end_at)
select o.project_id, 'order.bench-metrics-' || lpad(to_hex(n), 6, '0'), 'CSBENCH' || n, o.pool_id,
       o.resource_name, o.resource_display_name, o.workspace_id,
       (array['apply','modify','delete'])[1 + n % 3],
       (array['successed','failed'])[1 + n % 2], '0', o.spec_count, o.result_count,
       o.created_at, o.begin_at, o.end_at
from orders o, generate_series(1, $orders) n
where o.project_id = '$project' and o.order_name like 'order.bench-metrics-%'
limit $orders;
analyze orders;
SQL
echo "the orders query of the gauges:"
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c \
  "explain (analyze, timing off) select phase, operation, count(*) from orders group by phase, operation" |
  grep -E 'Execution Time|Scan'
for i in 1 2 3 4 5; do
  sleep 1.2 # past the second the gauges keep a reading
  curl -fs -o /dev/null -w "scrape $i: %{time_total} s, %{size_download} bytes\n" "$base/metrics"
done
stop

echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%dT%H:%MZ)"
