#!/usr/bin/env bash
# The long fuzzing campaign: the generators and checks of the suite's FuzzEveryRouteTest, for
# FUZZ_REQUESTS generated requests (default 100,000) from FUZZ_SEED, over every route of the role
# table, against a real server with its embedded PostgreSQL (the test server, in this JVM). Prints
# the count, the statuses seen, every kind of failure (the first three of each in full) and where
# the time went; exits 1 when any request failed. No answer may be a 5xx, every error is in the
# contract's format with its code's status and as the OpenAPI document says, and a refused
# request changes nothing in the database.
#
#   bench/fuzz.sh
#   FUZZ_REQUESTS=300000 FUZZ_SEED=7 bench/fuzz.sh
#
# Only loopback traffic; stops by itself.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

cd "$root"
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt -Dspotless.check.skip
echo "fuzz: $(date -u +%Y-%m-%dT%H:%MZ), seed ${FUZZ_SEED:-20261204}," \
  "${FUZZ_REQUESTS:-100000} requests; load $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
"$JAVA_HOME/bin/java" -Xmx1g \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.quartermaster.app.FuzzCampaign || status=$?
echo "fuzz: done $(date -u +%Y-%m-%dT%H:%MZ); load $(cut -d' ' -f1-3 /proc/loadavg)"
machine
exit "$status"
