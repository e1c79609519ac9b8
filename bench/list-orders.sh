#!/usr/bin/env bash
# Measures ListOrders and ShowOrder over HTTP against a real `qm serve` with its embedded
# PostgreSQL: places POOLS pools (each an apply order of NODES nodes) in one project, then runs
# wrk against both endpoints and prints throughput, latency and the server's resident memory.
#
#   bench/list-orders.sh                 # defaults: 300 pools, 30 s per endpoint
#   POOLS=1000 DURATION=60s bench/list-orders.sh
#
# Needs wrk (apt-get install -y wrk) and python3. Only loopback traffic; stops by itself.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
pools="${POOLS:-300}"
nodes="${NODES:-1}"
duration="${DURATION:-30s}"
connections="${CONNECTIONS:-32}"

command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

qm_serve "${PORT:-18181}" QM_SIMULATED_NODE_TIME=PT0S QM_NODE_QUOTA=1000000 QM_MAX_POOLS_PER_PROJECT=1000000
qm_login

echo "placing $pools pools of $nodes node(s) in project $project ..."
for i in $(seq 1 "$pools"); do
  curl -fs -o /dev/null -H "X-Auth-Token: $token" -H 'Content-Type: application/json' \
    -d '{"apiVersion":"v2","kind":"Pool","metadata":{"labels":{"os.modelarts/name":"bench-'"$i"'"}},"spec":{"resources":[{"flavor":"modelarts.vm.cpu.2u.d","count":'"$nodes"'}]}}' \
    "$base/v2/$project/pools"
done
order="$(curl -fs -H "X-Auth-Token: $token" "$base/v1/$project/orders?limit=1" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["orderName"])')"

run() {
  echo
  echo "== $1"
  wrk -t2 -c"$connections" -d"$duration" --latency -H "X-Auth-Token: $token" "$2" |
    grep -E 'Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx'
}
run "ListOrders, first page of 100 (count over $pools orders)" "$base/v1/$project/orders"
run "ListOrders, involvedName filter" "$base/v1/$project/orders?involvedName=bench-7"
run "ShowOrder" "$base/v1/$project/orders/$order"

echo
echo "server resident memory: $(ps -o rss= -p "$server" | awk '{printf "%.0f MiB", $1/1024}')"
machine
