#!/usr/bin/env bash
# The registry's transfer path over the authenticated HTTP API (org.openets.bench.HttpTransferBench): the server jar
# runs as its own process on the machine's PostgreSQL service, with the demo market; clients with bearer tokens
# send one TRANSFER at a time at c = 1, 4, 16 (see the class comment for the setup). Database bench_http is dropped
# and created anew on every run. Results go to bench/results/tmp/http-<UTC time>/ (summary.md, the raw output,
# the server's log, machine.txt).
#
# Usage: bench/run-http.sh       (about 2 minutes: server start, setup, 10 s server warm-up, 3 x (5 + 20) s)
# Environment: PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres), DURATION (20), WARMUP (5), SERVER_WARMUP (10),
#              CLIENTS ("1 4 16"), BUILD=0 to skip the Maven build, OFFLINE=1 to build with -o, QUIET_WAIT (180 s
#              at most waiting for a quiet machine), JAVA_HOME (temurin 25 if present).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
SERVER_WARMUP=${SERVER_WARMUP:-10}
CLIENTS=${CLIENTS:-"1 4 16"}
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

out="$here/results/tmp/http-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$out/run.log" >&2; }
psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
started=$(date +%s)

# the server jar and the bench, built in one reactor (so the jar and the bench use the same store module)
if [ "${BUILD:-1}" != 0 ]; then
  rm -f "$here/target/classpath.txt"
  log "build: ./mvnw -q ${OFFLINE:+-o} -pl server,bench -am package -DskipTests"
  (cd "$repo" && ./mvnw -q ${OFFLINE:+-o} -pl server,bench -am package -DskipTests) 2>&1 | grep -v '^WARNING' >&2 || true
fi
[ -f "$here/target/classpath.txt" ] || { echo "bench/target/classpath.txt missing: build failed" >&2; exit 1; }
jar=$(ls -t "$repo"/server/target/openets-server-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true)
[ -n "$jar" ] || { echo "server/target/openets-server-*.jar missing: build failed" >&2; exit 1; }
cp_bench="$here/target/classes:$(cat "$here/target/classpath.txt")"

# the machine is shared: wait (up to QUIET_WAIT s, default 180) until the CPUs are less than 25 % busy over 3 s
busy_pct() { local a b; a=($(sed -n 's/^cpu //p' /proc/stat)); sleep 3; b=($(sed -n 's/^cpu //p' /proc/stat))
  awk -v a="${a[*]}" -v b="${b[*]}" 'BEGIN {split(a,x," "); split(b,y," "); t=0; for (i=1;i<=8;i++) t+=y[i]-x[i];
    idle=(y[4]-x[4])+(y[5]-x[5]); printf "%d", (t > 0 ? 100*(t-idle)/t : 0)}'; }
waited=0
while :; do
  busy=$(busy_pct)
  [ "$busy" -lt 25 ] || [ "$waited" -ge "${QUIET_WAIT:-180}" ] && break
  log "machine busy (${busy} % CPU from other work), waiting"; waited=$((waited + 3))
done
log "starting with ${busy} % CPU busy from other work (waited ${waited} s)"

{
  echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu_busy_before_start: ${busy} % over 3 s (after waiting ${waited} s for a quiet machine)"
  echo "nproc: $(nproc)"
  echo "cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
  echo "loadavg_at_start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $("$java" -version 2>&1 | head -1)"
  echo "postgresql: $(psql_q -d postgres -Atc 'SELECT version()')"
  for s in synchronous_commit fsync commit_delay shared_buffers max_connections; do
    echo "$s: $(psql_q -d postgres -Atc "SHOW $s")"
  done
} > "$out/machine.txt"

log "(re)creating bench_http"
psql_q -d postgres -c 'DROP DATABASE IF EXISTS bench_http WITH (FORCE)' -c 'CREATE DATABASE bench_http'
log "HttpTransferBench: $(basename "$jar") as its own process, clients $CLIENTS"
"$java" -Xms512m -Xmx1g -cp "$cp_bench" org.openets.bench.HttpTransferBench \
    --jar="$jar" --url="jdbc:postgresql://$PGHOST:$PGPORT/bench_http" --user="$PGUSER" --log="$out/server.log" \
    --clients="$(echo $CLIENTS | tr ' ' ,)" --warmup="$WARMUP" --duration="$DURATION" --server-warmup="$SERVER_WARMUP" \
    --checkpoint=true 2> "$out/bench.err" | tee "$out/bench.out" >&2

{
  echo "# HTTP benchmark run $(basename "$out")"
  echo
  echo '```'; cat "$out/machine.txt"; echo '```'
  echo
  echo "Warm-up $WARMUP s, then a $DURATION s window per client count, after a $SERVER_WARMUP s unmeasured server warm-up."
  sed -n '/^| clients/,/^$/p' "$out/bench.out"
  echo '```'; grep -E '^(RESULT|CHECK|setup|server)' "$out/bench.out"; echo '```'
  echo
  echo "total run time: $(( $(date +%s) - started )) s"
} > "$out/summary.md"
log "done in $(( $(date +%s) - started )) s: $out/summary.md"
cat "$out/summary.md"
