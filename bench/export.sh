#!/usr/bin/env bash
# Measures the orders export (and marker paging) on a project of ORDERS orders (default 1,000,000)
# loaded by the bulk loader (io.quartermaster.bench.BulkOrders) into a real `qm serve`: the time
# and size of an NDJSON and a CSV export, the server's peak resident memory during each, and the
# time of ListOrders pages by marker. The server runs with a small heap (HEAP, default 512m), so
# an export that held the orders in memory would fail. Last, how fast an event stream replays the
# project's log (for REPLAY_SECONDS, 10).
#
#   bench/export.sh
#   ORDERS=200000 HEAP=256m bench/export.sh
#
# Needs python3 and curl. Only loopback traffic; stops by itself.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
orders="${ORDERS:-1000000}"
heap="${HEAP:-512m}"

"$root/qm" build >/dev/null
(cd "$root" && mvn -B -q test-compile -Dspotless.check.skip)
qm_serve "${PORT:-18183}" QM_JAVA_OPTS="-Xmx$heap"
pg_port="$(sed -n 4p "$data/postgres/postmaster.pid")"

echo "loading $orders orders ..."
"$JAVA_HOME/bin/java" -cp "$root/target/classes:$root/target/test-classes:$root/target/lib/*" \
  io.quartermaster.bench.BulkOrders --url "jdbc:postgresql://127.0.0.1:$pg_port/postgres" \
  --projects 1 --orders "$orders" --days 80 | tee "$data/load.txt"

qm_login # the admin's token; the loaded project is another one, which the admin sees too
project="$(sed -n 's/^first project: //p' "$data/load.txt")"

rss() { ps -o rss= -p "$server" | awk '{printf "%.0f", $1/1024}'; }

export_once() { # format
  local peak_file="$data/peak" sampler
  echo 0 > "$peak_file"
  ( while true; do
      r="$(rss)"; [[ "$r" -gt "$(cat "$peak_file")" ]] && echo "$r" > "$peak_file"; sleep 0.2
    done ) &
  sampler=$!
  local out
  out="$(curl -fs -o "$data/export.$1" -w '%{size_download} %{time_total}' -H "X-Auth-Token: $token" \
    "$base/v1/$project/orders/export?format=$1")"
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  read -r bytes seconds <<<"$out"
  echo "export $1: $(wc -l < "$data/export.$1") lines, $((bytes / 1024 / 1024)) MiB in ${seconds} s;" \
    "server RSS peak $(cat "$peak_file") MiB (heap limit $heap)"
  rm -f "$data/export.$1"
}

echo "server RSS before: $(rss) MiB"
export_once ndjson
export_once csv

pages="${PAGES:-20}"
marker=""
total=0
for _ in $(seq 1 "$pages"); do
  seconds="$(curl -fs -G -o "$data/page.json" -w '%{time_total}' -H "X-Auth-Token: $token" \
    --data-urlencode "marker=$marker" "$base/v1/$project/orders?limit=500")"
  total="$(python3 -c "print($total + $seconds)")"
  marker="$(grep -o '"nextMarker":"[^"]*"' "$data/page.json" | cut -d'"' -f4)"
done
python3 -c "print('ListOrders by marker: %d pages of 500 (each with the count of all orders), %.0f ms a page' % ($pages, $total * 1000 / $pages))"

# The project's event log replayed from the start, as a stream resumed with ?after=0 sends it
# (each event joined with its order and its progress as of that event), for REPLAY_SECONDS.
replay_seconds="${REPLAY_SECONDS:-10}"
timeout "$replay_seconds" curl -sN -H "X-Auth-Token: $token" \
  "$base/v1/$project/events?after=0" > "$data/replay.txt" || true
replayed="$(grep -c '^id:' "$data/replay.txt")"
echo "event replay: $replayed events in $replay_seconds s, $((replayed / replay_seconds)) events/s"
rm -f "$data/replay.txt"
echo "server RSS after: $(rss) MiB"
machine
