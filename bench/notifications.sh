#!/usr/bin/env bash
# Measures notification delivery on one `qm serve` (embedded PostgreSQL, the default QM_NOTIFY_*
# settings) to SUBSCRIPTIONS (default 4) subscriptions, each on a path of one local receiver (a
# Python HTTP server that answers 204 at once and records when each CloudEvent arrived):
#   1. a backlog: POOLS (default 20) pools of NODES (default 10) nodes placed at once, nodes taking
#      no time, so events are logged faster than they are sent; prints each subscription's
#      delivery rate while it had a backlog, and the time from an event to its arrival;
#   2. idle: then one pool of one node, each event's time to arrival when nothing is queued (the
#      idle poll, QM_NOTIFY_POLL_INTERVAL, is most of it).
#
#   bench/notifications.sh
#   SUBSCRIPTIONS=1 POOLS=40 bench/notifications.sh
#
# Needs python3 and curl. Only loopback traffic; stops by itself.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
subscriptions="${SUBSCRIPTIONS:-4}"
pools="${POOLS:-20}"
nodes="${NODES:-10}"

"$root/qm" build >/dev/null
qm_serve "${PORT:-18190}" QM_SIMULATED_NODE_TIME=PT0S QM_NODE_QUOTA=100000
qm_login
arrivals="$data/arrivals.txt"
python3 - "$data/receiver.port" "$arrivals" <<'PY' &
import json, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
port_file, out = sys.argv[1], open(sys.argv[2], "a", buffering=1)
lock = threading.Lock()
class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        now = time.time() * 1000
        event = json.loads(body)
        with lock:
            out.write(f"{self.path} {event['id']} {now:.1f} {event['data']['time']}\n")
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
open(port_file + ".partial", "w").write(str(server.server_address[1]))
__import__("os").rename(port_file + ".partial", port_file)
server.serve_forever()
PY
receiver=$!
trap 'kill $receiver 2>/dev/null || true; qm_stop' EXIT
until [[ -f "$data/receiver.port" ]]; do sleep 0.2; done
receiver_port="$(cat "$data/receiver.port")"

api() { # METHOD PATH [BODY]
  curl -fs -X "$1" "$base$2" -H "X-Auth-Token: $token" -H 'Content-Type: application/json' ${3:+-d "$3"}
}
for i in $(seq 1 "$subscriptions"); do
  api POST "/v1/$project/subscriptions" "{\"url\": \"http://127.0.0.1:$receiver_port/s$i\"}" >/dev/null
done
pool() { # NAME NODES
  api POST "/v2/$project/pools" '{"apiVersion": "v2", "kind": "Pool",
    "metadata": {"labels": {"os.modelarts/name": "'"$1"'"}},
    "spec": {"resources": [{"flavor": "modelarts.vm.cpu.2u.d", "count": '"$2"'}]}}' >/dev/null
}
events() {
  psql -h 127.0.0.1 -p "$(sed -n 4p "$data/postgres/postmaster.pid")" -U postgres -Atc \
    "select count(*) from order_events where project_id = '$project'" postgres
}
await_all() { # events expected per subscription
  for _ in $(seq 1 600); do
    [[ "$(wc -l < "$arrivals")" -ge $(($1 * subscriptions)) ]] && return
    sleep 0.5
  done
  echo "bench: not every event arrived" >&2
  exit 1
}
unfinished() {
  api GET "/v1/$project/orders?phase=processing&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'
}

echo "== backlog: $pools pools of $nodes nodes placed at once, $subscriptions subscriptions"
echo "load before: $(uptime)"
for i in $(seq 1 "$pools"); do pool "bench-$i" "$nodes"; done
until [[ "$(unfinished)" == 0 ]]; do sleep 0.5; done
backlog="$(events)"
await_all "$backlog"
echo "load after:  $(uptime)"
cp "$arrivals" "$data/backlog.txt"
: > "$arrivals"

echo "== idle: one pool of one node"
pool bench-idle 1
until [[ "$(unfinished)" == 0 ]]; do sleep 0.5; done
await_all "$(($(events) - backlog))"
echo "load after:  $(uptime)"

python3 - "$data/backlog.txt" "$arrivals" <<'PY'
import statistics, sys
def read(path):
    rows = [line.split() for line in open(path)]
    return [(p, i, float(a), float(t)) for p, i, a, t in rows]
def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]
def report(label, rows):
    lat = [a - t for _, _, a, t in rows]
    print(f"{label}: {len(rows)} deliveries; event to arrival ms: median {statistics.median(lat):.0f},"
          f" p90 {pct(lat, .9):.0f}, max {max(lat):.0f}")
backlog, idle = read(sys.argv[1]), read(sys.argv[2])
report("backlog", backlog)
for path in sorted({p for p, *_ in backlog}):
    mine = [r for r in backlog if r[0] == path]
    span = (max(a for *_, a, _ in mine) - min(a for *_, a, _ in mine)) / 1000
    ids = [i for _, i, _, _ in mine]
    print(f"  {path}: {len(mine)} events ({len(set(ids))} distinct) in {span:.1f} s,"
          f" {len(mine) / span:.0f} per second")
report("idle", idle)
PY
machine
