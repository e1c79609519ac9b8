#!/usr/bin/env bash
# Database outages under running orders, by doing them: DatabaseOutageTest with more orders and a
# longer outage. An external PostgreSQL (Debian's) is stopped with `pg_ctl stop -m fast` in the
# middle of ORDERS running orders (pools of NODES nodes through a webhook provider that takes
# 300 ms per item), left down for SECONDS and started again; then the same with `-m immediate`.
# The service is never restarted. Prints one line per outage: orders successed, requests refused
# with 503 during it, any other answer (0), whether /health said 503, and the provider's repeated
# calls (an item cut off in flight is asked again under its key; each key is carried out once).
#
#   bench/db-outage.sh                       # defaults: 50 orders, 20 s outages
#   ORDERS=100 SECONDS_DOWN=30 bench/db-outage.sh
#
# Needs the postgresql package (apt-get install -y postgresql). Loopback only; about 2-3 minutes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/*/ | sort -V | tail -n 1)}"
export PATH="$JAVA_HOME/bin:$PATH"
cd "$root"
uptime
mvn -B -q test -Dtest=DatabaseOutageTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dqm.outage.orders="${ORDERS:-50}" -Dqm.outage.nodes="${NODES:-3}" \
  -Dqm.outage.seconds="${SECONDS_DOWN:-20}" || status=$?
grep -h '^db-outage\|answers again\|cannot be reached' \
  target/surefire-reports/io.quartermaster.engine.DatabaseOutageTest-output.txt | cut -c1-240
uptime
exit "${status:-0}"
