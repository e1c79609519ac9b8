#!/usr/bin/env bash
# Engine throughput: how many node items the engine settles per second with a zero-latency
# simulated provider, on one instance and on two instances sharing one external PostgreSQL (the
# operating system's, fsync on), and how long a 100-node pool takes at 2 s per node.
#
#   bench/engine-throughput.sh
#   POOLS=300 NODES=20 REPEATS=5 bench/engine-throughput.sh
#   QM_BENCH_JAR=/tmp/other/quartermaster.jar bench/engine-throughput.sh   # another build
#   QM_BENCH_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/qm.jfr' bench/engine-throughput.sh
#
# Each run gets a fresh database on the same PostgreSQL server; the one- and two-instance runs are
# interleaved (1, 2, 1, 2, ...) and the medians reported, so the ratio compares like with like on
# a shared machine. The rate of a run is its node items divided by the time from the first item
# begun to the last item settled, both read from order_items (the service's own timestamps); the
# second rate counts only what was settled after the last order was placed, when the engine had
# its whole backlog and placements no longer competed with it.
#
# Needs curl, python3 and the postgresql server package (Debian). Loopback only; stops by itself.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
pools="${POOLS:-200}"
nodes="${NODES:-20}"
repeats="${REPEATS:-3}"
big_nodes="${BIG_NODES:-100}"
big_node_time="${BIG_NODE_TIME:-PT2S}"
parallelism="${QM_ENGINE_ITEM_PARALLELISM:-8}"
jar="${QM_BENCH_JAR:-$root/target/quartermaster.jar}"
read -r -a java_opts <<<"${QM_BENCH_JAVA_OPTS:-}"

[[ -n "${QM_BENCH_JAR:-}" ]] || "$root/qm" build >/dev/null
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
[[ -x "$pg_bin/initdb" ]] || { echo "bench: install postgresql (apt-get install -y postgresql)" >&2; exit 1; }

work="$(mktemp -d /tmp/qm-engine-bench-XXXXXX)"
chmod 755 "$work"
pg_port="${PG_PORT:-15433}"
as_postgres() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_q() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d "$1" -Atqc "$2"; }
servers=()
stop_all() {
  for pid in ${servers[@]+"${servers[@]}"}; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  servers=()
}
cleanup() {
  stop_all
  as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  [[ -n "${KEEP:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT

mkdir "$work/pg"
[[ "$(id -u)" != 0 ]] || chown postgres:postgres "$work/pg" "$work"
as_postgres "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
  -o "-p $pg_port -h 127.0.0.1 -k $work -c max_connections=200 -c shared_buffers=256MB" start >/dev/null

# The default catalog's capacity would run out after a few hundred nodes; the benchmark measures
# the engine, not the provider refusing nodes.
python3 - "$root/src/main/resources/flavors.json" "$work/flavors.json" <<'PY'
import json, sys
flavors = json.load(open(sys.argv[1]))
for f in flavors:
    f["capacityPerAz"] = {az: 10_000_000 for az in f["capacityPerAz"]}
json.dump(flavors, open(sys.argv[2], "w"))
PY

# start_instance DB PORT NODE_TIME: a `quartermaster serve` on database DB; appends its pid.
start_instance() {
  local db="$1" port="$2" node_time="$3"
  env QM_ADMIN_PASSWORD="$password" QM_PASSWORD_ITERATIONS=1000 \
    QM_DATABASE_URL="jdbc:postgresql://127.0.0.1:$pg_port/$db" QM_DATABASE_USER=postgres \
    QM_NODE_QUOTA=100000000 QM_FLAVOR_CATALOG="$work/flavors.json" \
    QM_SIMULATED_NODE_TIME="$node_time" QM_ENGINE_ITEM_PARALLELISM="$parallelism" \
    "$JAVA_HOME/bin/java" ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" serve --port "$port" \
    --data-dir "$work/data-$db-$port" >"$work/serve-$db-$port.log" 2>&1 &
  servers+=($!)
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return
    sleep 0.5
  done
  echo "bench: the server on $port did not start; see $work/serve-$db-$port.log" >&2
  exit 1
}

# login PORT: sets token and project.
login() {
  base="http://127.0.0.1:$1"
  data="$work"
  qm_login
}

# place PORTS... : places $pools pools of $nodes nodes, spread over the instances, 8 at a time.
place() {
  local ports=("$@")
  for i in $(seq 1 "$pools"); do
    echo "${ports[$((i % ${#ports[@]}))]} $i"
  done | xargs -P 8 -n 2 sh -c 'curl -fs -o /dev/null -H "X-Auth-Token: '"$token"'" \
    -H "Content-Type: application/json" -d "{\"apiVersion\":\"v2\",\"kind\":\"Pool\",\"metadata\":{\"labels\":{\"os.modelarts/name\":\"bench-$1\"}},\"spec\":{\"resources\":[{\"flavor\":\"modelarts.vm.cpu.2u.d\",\"count\":'"$nodes"'}]}}" \
    "http://127.0.0.1:$0/v2/'"$project"'/pools" || echo "bench: placing pool $1 failed" >&2'
}

await_done() {
  local db="$1"
  for _ in $(seq 1 1200); do
    [[ "$(psql_q "$db" "select count(*) from orders where phase in ('pending','processing')")" == 0 ]] && return
    sleep 0.25
  done
  echo "bench: orders still unfinished in $db" >&2
  exit 1
}

# throughput RUN INSTANCES: one run on a fresh database; prints the node items settled per second.
throughput() {
  local db="bench_$1_$2" ports=()
  psql_q postgres "create database $db" >/dev/null
  for n in $(seq 1 "$2"); do
    ports+=($((18300 + n)))
    start_instance "$db" $((18300 + n)) PT0S
  done
  login "${ports[0]}"
  place "${ports[@]}"
  await_done "$db"
  local failed
  failed="$(psql_q "$db" "select count(*) from orders where phase <> 'successed'")"
  [[ "$failed" == 0 ]] || echo "bench: $failed orders did not succeed in $db" >&2
  # Overall, and after the last order was placed: from then on the engine has the whole backlog
  # and no placements compete with it for the machine.
  psql_q "$db" "select round(count(*) / extract(epoch from max(i.updated_at) - min(i.begin_at)))
      || ' ' || round(count(*) filter (where i.updated_at > p.placed)
        / extract(epoch from max(i.updated_at) - p.placed))
    from order_items i, (select max(created_at) as placed from orders) p
    where i.action = 'createNode' and i.status = 'succeed' group by p.placed"
  stop_all
  psql_q postgres "drop database $db" >/dev/null
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "engine throughput: $pools pools x $nodes nodes per run, parallelism $parallelism, $repeats repeats"
echo "jar: $jar"
one=() two=() one_late=() two_late=()
for r in $(seq 1 "$repeats"); do
  read -r all late <<<"$(throughput "$r" 1)"
  one+=("$all") one_late+=("$late")
  echo "run $r: one instance $all items/s, $late after the last placement ($(uptime | sed 's/.*load/load/'))"
  read -r all late <<<"$(throughput "$r" 2)"
  two+=("$all") two_late+=("$late")
  echo "run $r: two instances $all items/s, $late after the last placement ($(uptime | sed 's/.*load/load/'))"
done
ratio() { python3 -c "print(round($2 / $1, 2))"; }
m1="$(printf '%s\n' "${one[@]}" | median)" m2="$(printf '%s\n' "${two[@]}" | median)"
l1="$(printf '%s\n' "${one_late[@]}" | median)" l2="$(printf '%s\n' "${two_late[@]}" | median)"
echo "median, overall: one instance $m1 items/s, two instances $m2 items/s, ratio 2/1 $(ratio "$m1" "$m2")"
echo "median, after the last placement: one instance $l1 items/s, two instances $l2 items/s, ratio 2/1 $(ratio "$l1" "$l2")"

# A 100-node pool at 2 s per node: from placing it to its order succeeding.
db=bench_big
psql_q postgres "create database $db" >/dev/null
start_instance "$db" 18311 "$big_node_time"
login 18311
started="$(date +%s.%N)"
curl -fs -o /dev/null -H "X-Auth-Token: $token" -H 'Content-Type: application/json' \
  -d '{"apiVersion":"v2","kind":"Pool","metadata":{"labels":{"os.modelarts/name":"bench-big"}},"spec":{"resources":[{"flavor":"modelarts.vm.cpu.2u.d","count":'"$big_nodes"'}]}}' \
  "$base/v2/$project/pools"
await_done "$db"
ended="$(date +%s.%N)"
echo "$big_nodes-node pool at $big_node_time per node, parallelism $parallelism:" \
  "$(python3 -c "print(round($ended - $started, 1))") s to successed ($(psql_q "$db" "select phase from orders"))" \
  "($(uptime | sed 's/.*load/load/'))"
stop_all
machine
