#!/usr/bin/env bash
# The chaos campaign: two `qm serve` processes on one external PostgreSQL (Debian's, in a
# throwaway directory), a provisioning webhook that fails FAILURE_RATE of its calls (half as a
# transient HTTP 500, half as a settled failure), ORDERS apply/modify/delete orders placed through
# the pool API, and ROUNDS rounds of `kill -9` of a random instance at a random moment, restarted
# each time. At the end it checks the database and the provider's record and prints: orders
# placed, successed, failed (reasons grouped), lost, items run twice, pools whose node count
# disagrees with the items, orders stuck. Exits 1 when any of those must-be-zero counts is not.
#
#   bench/chaos.sh                                  # 10 rounds, 200 orders, 10% failures
#   ROUNDS=20 ORDERS=500 FAILURE_RATE=0.2 bench/chaos.sh
#   QM_ENGINE_ITEM_PARALLELISM=4 bench/chaos.sh     # passed on to both instances when set
#
# Also: PROVIDER_LATENCY_MS (the longest a provider call takes, default 250) and SEED. Each round
# starts a wave of pools (ORDERS/ROUNDS orders' worth), so every kill lands among orders at work. Needs Debian's postgresql package. Only
# loopback traffic; stops everything it started.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$root/qm" build >/dev/null
cd "$root"
# The campaign is test code (it reuses the suite's process, database and HTTP helpers), so it runs
# on the test classpath.
mvn -B -q test-compile dependency:build-classpath -Dspotless.check.skip -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
export ROUNDS="${ROUNDS:-10}" ORDERS="${ORDERS:-200}" FAILURE_RATE="${FAILURE_RATE:-0.10}"
uptime
status=0
"$JAVA_HOME/bin/java" -Dqm.jar="$root/target/quartermaster.jar" \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.quartermaster.bench.ChaosCampaign || status=$?
uptime
machine
exit $status
