#!/usr/bin/env bash
# ListOrders and ShowOrder at scale, against their ceilings, in one run. For each size in SIZES a
# real `qm serve` (embedded PostgreSQL, the launcher's defaults) is loaded by the bulk loader with
# that many orders over PROJECTS projects, one of them ("hot") holding HOT_SHARE of them, placed in
# time order over DAYS days (the listing window sees the last 30). Then, REPEATS rounds, each
# running every case once in turn (interleaved), each case for DURATION with CONNECTIONS
# connections:
#   page      wrk, ListOrders of the hot project, a full page of 100 (and its exact count)
#   page_typ  the same for a typical project (PROJECTS-th of the rest)
#   limit10   wrk, ListOrders of the hot project, ?limit=10
#   show      wrk, ShowOrder of the hot project's newest order
#   trivial   wrk, an authenticated endpoint that reads no orders (ListResourceFlavors)
#   pg_page   pgbench running the service's own statements of `page` (page + count, -M prepared,
#             same connections), the database's ceiling; pg_page_typ the same for page_typ
# It prints the medians and the ratios the targets name, and keeps every raw output in OUT.
#
#   bench/list-speed.sh                                  # 100k and 2M orders, 3 rounds of 10 s
#   SIZES=100000 REPEATS=1 DURATION=5s bench/list-speed.sh          # a quick look
#   BASELINE=/path/to/other/built/tree bench/list-speed.sh
#       also runs the page/limit10/show/trivial cases against that tree's `qm serve`, started on
#       the same database (as a second instance), interleaved with this tree's: before and after
#       in one run
#   JFR=1 bench/list-speed.sh    records a JFR profile of the server during the first `page` run
#
# Needs wrk, pgbench and psql (Debian: wrk, postgresql-client), python3. Loopback only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
sizes="${SIZES:-100000 2000000}"
projects="${PROJECTS:-1000}"
hot_share="${HOT_SHARE:-0.02}"
days="${DAYS:-89}"
duration="${DURATION:-10s}"
repeats="${REPEATS:-3}"
connections="${CONNECTIONS:-32}"
threads="${THREADS:-2}"
port="${PORT:-18191}"
baseline="${BASELINE:-}"
out="${OUT:-/tmp/qm-list-speed-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
results="$out/results.tsv"
: > "$results"
for tool in wrk pgbench psql; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done

"$root/qm" build >/dev/null
(cd "$root" && mvn -B -q test-compile -Dspotless.check.skip)
classpath="$root/target/classes:$root/target/test-classes:$root/target/lib/*"
seconds="${duration%s}"

base_server=""
base_data=""
stop_all() {
  if [[ -n "$base_server" ]]; then
    kill "$base_server" 2>/dev/null || true
    wait "$base_server" 2>/dev/null || true
    rm -rf "$base_data"
    base_server=""
  fi
  qm_stop
}

rss() { ps -o rss= -p "$1" | awk '{printf "%.0f", $1/1024}'; }

# CPU time in clock ticks (user + system) of a process, and of the database: its postmaster, the
# backends that have exited (which the postmaster has reaped: pgbench's, at the end of its run)
# and the live ones. On a machine shared with other work, CPU per request is the steadier figure.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  local postmaster total p
  postmaster="$(head -n 1 "$data/postgres/postmaster.pid")"
  total="$(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat")"
  for p in $(pgrep -P "$postmaster"); do total=$((total + $(ticks "$p"))); done
  echo "$total"
}
hz="$(getconf CLK_TCK)"

# wrk against one URL; appends "size case round rps p99_ms peak_rss_mib" to the results.
measure_wrk() { # size case round pid url
  local raw="$out/$1-$2-$3.wrk" peak_file="$out/peak" sampler
  echo 0 > "$peak_file"
  ( while true; do
      r="$(rss "$4")"; [[ "$r" -gt "$(cat "$peak_file")" ]] && echo "$r" > "$peak_file.new" &&
        mv "$peak_file.new" "$peak_file"; sleep 0.5
    done ) &
  sampler=$!
  local jvm0 pg0
  jvm0="$(ticks "$4")" pg0="$(pg_ticks)"
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "X-Auth-Token: $token" "$5" > "$raw"
  echo "cpu ticks (1/$hz s): server $(($(ticks "$4") - jvm0)) database $(($(pg_ticks) - pg0))" >> "$raw"
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  python3 - "$raw" "$1" "$2" "$3" "$(cat "$peak_file")" "$hz" >> "$results" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
requests = int(re.search(r"(\d+) requests in", text).group(1))
jvm, db = (int(x) for x in re.search(r"server (\d+) database (\d+)", text).groups())
per = lambda t: t * 1e6 / int(sys.argv[6]) / max(requests, 1)
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if errors:
    sys.stderr.write(f"bench: {sys.argv[3]}: {errors.group(1)} non-2xx responses\n")
print(sys.argv[2], sys.argv[3], sys.argv[4], rps, p99, sys.argv[5] or 0, per(jvm), per(db), sep="\t")
PY
}

measure_pgbench() { # size case round script defines
  local raw="$out/$1-$2-$3.pgbench" pg0
  pg0="$(pg_ticks)"
  # shellcheck disable=SC2046 # one -Dname=value argument a line
  pgbench -n -M prepared -c "$connections" -j "$threads" -T "$seconds" -f "$4" \
    $(cat "$5") -h 127.0.0.1 -p "$pg_port" -U postgres postgres > "$raw" 2>&1
  echo "cpu ticks (1/$hz s): database $(($(pg_ticks) - pg0))" >> "$raw"
  python3 - "$raw" "$1" "$2" "$3" "$hz" >> "$results" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
tps = float(re.search(r"tps = ([\d.]+)", text).group(1))
latency = float(re.search(r"latency average = ([\d.]+) ms", text).group(1))
done = int(re.search(r"number of transactions actually processed: (\d+)", text).group(1))
db = int(re.search(r"database (\d+)", text).group(1)) * 1e6 / int(sys.argv[5]) / max(done, 1)
print(sys.argv[2], sys.argv[3], sys.argv[4], tps, latency, 0, 0, db, sep="\t")
PY
}

for size in $sizes; do
  echo "== $size orders over $projects projects (hot project: $hot_share of them)"
  qm_serve "$port" QM_SIMULATED_NODE_TIME=PT0S
  pg_port="$(sed -n 4p "$data/postgres/postmaster.pid")"
  sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -Atc "$1"; }
  "$JAVA_HOME/bin/java" -cp "$classpath" io.quartermaster.bench.BulkOrders \
    --url "jdbc:postgresql://127.0.0.1:$pg_port/postgres" --projects "$projects" \
    --orders "$size" --hot-share "$hot_share" --events false --days "$days" |
    tee "$out/$size-load.txt"
  qm_login # the admin's token, which sees every project
  hot="$(sed -n 's/^first project: //p' "$out/$size-load.txt")"
  typical="$(sql "select id from projects where name = 'bulk-$(printf %05d "$projects")'")"
  order="$(sql "select order_name from orders where project_id = '$hot'
                order by created_at desc limit 1")"
  sql "select p.name, count(*), count(*) filter (where o.created_at > now() - interval '30 days')
       from orders o join projects p on p.id = o.project_id
       where o.project_id in ('$hot', '$typical') group by p.name" |
    sed 's/^/orders (all, in the 30-day window): /' | tee -a "$out/$size-load.txt"
  for which in hot typical; do
    "$JAVA_HOME/bin/java" -cp "$classpath" io.quartermaster.order.ListOrdersPgbench \
      "${!which}" 'limit=100' "$out/$size-$which.sql" > "$out/$size-$which.defines"
  done

  if [[ -n "$baseline" ]]; then
    base_data="$(mktemp -d /tmp/qm-bench-base-XXXXXX)"
    env QM_ADMIN_PASSWORD="$password" QM_SIMULATED_NODE_TIME=PT0S \
      QM_DATABASE_URL="jdbc:postgresql://127.0.0.1:$pg_port/postgres" \
      "$baseline/qm" serve --port "$((port + 1))" --data-dir "$base_data" \
      > "$out/$size-baseline-serve.log" 2>&1 &
    base_server=$!
    for _ in $(seq 1 120); do
      curl -fs "http://127.0.0.1:$((port + 1))/health" >/dev/null 2>&1 && break
      sleep 0.5
    done
  fi
  trap stop_all EXIT

  cases=(page page_typ limit10 show trivial)
  for round in $(seq 1 "$repeats"); do
    echo "round $round/$repeats; $(uptime | sed 's/.*load/load/')" | tee -a "$out/uptime.txt"
    for servers in this ${baseline:+base}; do
      if [[ "$servers" == this ]]; then pid="$server" url="$base" prefix=""
      else pid="$base_server" url="http://127.0.0.1:$((port + 1))" prefix="base_"; fi
      for c in "${cases[@]}"; do
        case "$c" in
          page) path="/v1/$hot/orders" ;;
          page_typ) path="/v1/$typical/orders" ;;
          limit10) path="/v1/$hot/orders?limit=10" ;;
          show) path="/v1/$hot/orders/$order" ;;
          trivial) path="/v1/$hot/resourceflavors" ;;
        esac
        if [[ "${JFR:-}" == 1 && "$round" == 1 && "$c" == page ]]; then
          "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=bench settings=profile >/dev/null
        fi
        measure_wrk "$size" "$prefix$c" "$round" "$pid" "$url$path"
        if [[ "${JFR:-}" == 1 && "$round" == 1 && "$c" == page ]]; then
          "$JAVA_HOME/bin/jcmd" "$pid" JFR.stop name=bench \
            filename="$out/$size-${prefix}page.jfr" >/dev/null
        fi
      done
    done
    measure_pgbench "$size" pg_page "$round" "$out/$size-hot.sql" "$out/$size-hot.defines"
    measure_pgbench "$size" pg_page_typ "$round" "$out/$size-typical.sql" \
      "$out/$size-typical.defines"
  done
  echo "server RSS after the runs: $(rss "$server") MiB" | tee -a "$out/$size-load.txt"
  stop_all
  trap - EXIT
done

echo
python3 - "$results" <<'PY'
import statistics, sys
from collections import defaultdict
runs = defaultdict(list)
for line in open(sys.argv[1]):
    size, case, _, rate, p99, peak, jvm, db = line.rstrip("\n").split("\t")
    runs[(int(size), case)].append((float(rate), float(p99), int(peak or 0), float(jvm), float(db)))
def med(size, case, i):
    values = [r[i] for r in runs.get((size, case), [])]
    return statistics.median(values) if values else None
sizes = sorted({s for s, _ in runs})
print("%-9s %-13s %10s %10s %9s %12s %12s" % ("orders", "case", "req/s", "p99 ms", "peak RSS",
      "server CPU", "db CPU"))
for (size, case) in sorted(runs):
    pg = case.startswith("pg_")
    print("%-9d %-13s %10.0f %10.1f %9s %9.0f us %9.0f us" % (size, case, med(size, case, 0),
          med(size, case, 1), "" if pg else "%d MiB" % max(r[2] for r in runs[(size, case)]),
          med(size, case, 3), med(size, case, 4)))
print("(medians; pgbench rows: tps, and the average latency in the p99 column; CPU per request)")
print()
def ratio(name, a, b, target):
    value = a / b if a and b else float("nan")
    print("  %-52s %5.2f  (target %s)" % (name, value, target))
for prefix in ["", "base_"]:
    if not any(c.startswith(prefix + "page") for _, c in runs):
        continue
    print("ratios%s:" % (" of BASELINE" if prefix else ""))
    for size in sizes:
        r = lambda c: med(size, prefix + c, 0)
        ratio("%d: page / pgbench page+count (hot)" % size, r("page"), med(size, "pg_page", 0), ">= 0.7")
        ratio("%d: page / pgbench page+count (typical)" % size, r("page_typ"), med(size, "pg_page_typ", 0), ">= 0.7")
        ratio("%d: limit=10 / trivial" % size, r("limit10"), r("trivial"), ">= 0.5")
        ratio("%d: ShowOrder / trivial" % size, r("show"), r("trivial"), ">= 0.5")
    if len(sizes) > 1:
        lo, hi = sizes[0], sizes[-1]
        for c in ["page", "page_typ", "limit10", "show"]:
            ratio("p99 %s: %d / %d" % (c, hi, lo), med(hi, prefix + c, 1), med(lo, prefix + c, 1), "<= 1.5")
PY
machine
echo "raw output: $out"
