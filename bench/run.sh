#!/usr/bin/env bash
# One benchmark run, everything against the machine's PostgreSQL service in the same run (see docs/benchmarks.md):
#   1. pgbench reference (shared/bench/pgbench): transfer.sql and transfer_batch_sorted.sql (bs=100) at c = 1, 4, 16
#   2. OpenETS in-process ledger path (org.openets.bench.TransferBench): single transfers and batches of 100 at c = 1, 4, 16
#   3. the same single transfers over the authenticated HTTP API (org.openets.bench.HttpTransferBench, server jar as its own process)
# Databases bench_ledger (pgbench), bench_registry (OpenETS in-process) and bench_http (OpenETS over HTTP) are dropped and created anew on every run.
# Results go to bench/results/tmp/<UTC time>/ (summary.md, the raw outputs, machine.txt).
#
# Usage: bench/run.sh            (about 8 minutes: 6 x 20 s pgbench, 6 x (5 + 20) s in-process, 3 x (5 + 20) s HTTP, setup and checks)
# Environment: PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres), DURATION (20), WARMUP (5), CLIENTS ("1 4 16"), HTTP=0 to skip 3,
#              BUILD=0 to skip the Maven build, OFFLINE=1 to build with -o, JAVA_HOME (temurin 25 if present).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
pgbench_dir=${PGBENCH_DIR:-$(cd "$repo/.." && pwd)/shared/bench/pgbench}
[ -f "$pgbench_dir/transfer.sql" ] || pgbench_dir=/work/shared/bench/pgbench
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
CLIENTS=${CLIENTS:-"1 4 16"}
NACCTS=100000
BS=100
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

out="$here/results/tmp/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$out/run.log" >&2; }
psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
started=$(date +%s)

# ---------------------------------------------------------------------------------------------------- build
# bench/ is built on its own (-f bench/pom.xml) when the root reactor does not list it, after installing what it uses
if [ "${BUILD:-1}" != 0 ]; then
  rm -f "$here/target/classpath.txt"
  if grep -q '<module>bench</module>' "$repo/pom.xml"; then
    build=(bash -c "./mvnw -q ${OFFLINE:+-o} -pl server,bench -am install -DskipTests")
  else
    build=(bash -c "./mvnw -q ${OFFLINE:+-o} -pl adapters/store -am install -DskipTests && ./mvnw -q ${OFFLINE:+-o} -f bench/pom.xml install -DskipTests")
  fi
  log "build: ${build[2]}"
  (cd "$repo" && "${build[@]}") 2>&1 | grep -v '^WARNING' >&2 || true
fi
[ -f "$here/target/classpath.txt" ] || { echo "bench/target/classpath.txt missing: build failed" >&2; exit 1; }
cp_bench="$here/target/classes:$(cat "$here/target/classpath.txt")"

# ---------------------------------------------------------------------------------------------------- quiet machine
# the machine is shared: wait (up to QUIET_WAIT s, default 180) until the CPUs are less than 25 % busy over 3 s
busy_pct() { local a b; a=($(sed -n 's/^cpu //p' /proc/stat)); sleep 3; b=($(sed -n 's/^cpu //p' /proc/stat))
  awk -v a="${a[*]}" -v b="${b[*]}" 'BEGIN {split(a,x," "); split(b,y," "); t=0; for (i=1;i<=8;i++) t+=y[i]-x[i];
    idle=(y[4]-x[4])+(y[5]-x[5]); printf "%d", (t > 0 ? 100*(t-idle)/t : 0)}'; }
stat_now() { sed -n 's/^cpu //p' /proc/stat; }
# busy cores between two stat_now samples (user, nice, system, irq, softirq: not idle, iowait, steal)
busy_cores() { awk -v a="$1" -v b="$2" -v n="$(nproc)" 'BEGIN {split(a,x," "); split(b,y," "); t=0; for (i=1;i<=8;i++) t+=y[i]-x[i];
    idle=(y[4]-x[4])+(y[5]-x[5])+(y[8]-x[8]); printf "%.2f", (t > 0 ? n*(t-idle)/t : 0)}'; }
waited=0
while :; do
  busy=$(busy_pct)
  [ "$busy" -lt 25 ] || [ "$waited" -ge "${QUIET_WAIT:-180}" ] && break
  log "machine busy (${busy} % CPU from other work), waiting"; waited=$((waited + 3))
done
log "starting with ${busy} % CPU busy from other work (waited ${waited} s)"

# ---------------------------------------------------------------------------------------------------- machine
{
  echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
  echo "memory: $(free -m | awk '/^Mem:/ {printf "%.1f GiB total, %.1f GiB available", $2/1024, $7/1024}')"
  echo "loadavg_at_start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cpu_busy_before_start: ${busy} % over 3 s (after waiting ${waited} s for a quiet machine)"
  echo "kernel: $(uname -r)"
  echo "java: $("$java" -version 2>&1 | head -1)"
  echo "pgbench: $(pgbench --version)"
  echo "postgresql: $(psql_q -d postgres -Atc 'SELECT version()')"
  for s in synchronous_commit fsync wal_sync_method full_page_writes commit_delay shared_buffers max_wal_size max_connections; do
    echo "$s: $(psql_q -d postgres -Atc "SHOW $s")"
  done
  echo "data_directory_fs: $(df -h "$(psql_q -d postgres -Atc 'SHOW data_directory' 2>/dev/null)" 2>/dev/null | awk 'NR==2 {print $1" "$2" ("$5" used)"}')"
} > "$out/machine.txt"
log "machine: $(tr '\n' ';' < "$out/machine.txt" | cut -c1-300)"

# ---------------------------------------------------------------------------------------------------- 1. pgbench
log "pgbench: (re)creating bench_ledger with $NACCTS accounts"
psql_q -d postgres -c 'DROP DATABASE IF EXISTS bench_ledger WITH (FORCE)' -c 'CREATE DATABASE bench_ledger'
psql_q -d bench_ledger -v naccts=$NACCTS -f "$pgbench_dir/schema.sql" -f "$pgbench_dir/batch_sorted.sql" 2>&1 | grep -v NOTICE >&2 || true

# p50/p99 from pgbench's per-transaction log (3rd column: latency in microseconds)
percentiles() { cat "$@" | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "nan nan"; exit}
  i50=int(NR*0.50+0.999999); i99=int(NR*0.99+0.999999); printf "%.2f %.2f\n", a[i50]/1000, a[i99]/1000}'; }

: > "$out/pgbench.tsv"
for script in transfer transfer_batch_sorted; do
  for c in $CLIENTS; do
    name="pgbench_${script}_c$c"
    extra=()
    [ "$script" = transfer_batch_sorted ] && extra=(-D bs=$BS)
    psql_q -d bench_ledger -c CHECKPOINT
    log "pgbench $script c=$c -T $DURATION (loadavg $(cut -d' ' -f1 /proc/loadavg))"
    s0=$(stat_now)
    (cd "$out" && pgbench -n -M prepared -T "$DURATION" -c "$c" -j 2 -D naccts=$NACCTS "${extra[@]}" \
        -l --log-prefix="$out/$name.log" -f "$pgbench_dir/$script.sql" bench_ledger) > "$out/$name.out" 2>&1
    cores=$(busy_cores "$s0" "$(stat_now)")
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out/$name.out")
    tps=$(awk -v t="$tps" 'BEGIN {printf "%.1f", t}')
    failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out/$name.out")
    read -r p50 p99 < <(percentiles "$out/$name.log".*)
    rm -f "$out/$name.log".*
    per=1; [ "$script" = transfer_batch_sorted ] && per=$BS
    tfs=$(awk -v t="$tps" -v p="$per" 'BEGIN {printf "%.1f", t*p}')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$script" "$c" "$tps" "$tfs" "$p50" "$p99" "${failed:-0}" "$cores" >> "$out/pgbench.tsv"
    log "  tps=$tps transfers/s=$tfs p50=${p50}ms p99=${p99}ms failed=${failed:-0} machine busy cores=$cores/$(nproc)"
  done
done

# ---------------------------------------------------------------------------------------------------- 2. OpenETS in-process
log "openets: (re)creating bench_registry"
psql_q -d postgres -c 'DROP DATABASE IF EXISTS bench_registry WITH (FORCE)' -c 'CREATE DATABASE bench_registry'
log "openets: TransferBench (RegistryService -> Registry -> GroupCommitLedger -> PostgreSQL)"
"$java" -Xms1g -Xmx2g -cp "$cp_bench" org.openets.bench.TransferBench \
    --url="jdbc:postgresql://$PGHOST:$PGPORT/bench_registry" --user="$PGUSER" \
    --clients="$(echo $CLIENTS | tr ' ' ,)" --warmup="$WARMUP" --duration="$DURATION" --batch-size=$BS \
    --checkpoint=true 2> "$out/openets.err" | tee "$out/openets.out" | grep -v '^COUNT   ' >&2

# ---------------------------------------------------------------------------------------------------- 3. HTTP API
# the server jar as its own process on bench_http, clients with bearer tokens (org.openets.bench.HttpTransferBench)
jar=$(ls -t "$repo"/server/target/openets-server-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true)
if [ -n "$jar" ] && [ "${HTTP:-1}" != 0 ]; then
  log "http: (re)creating bench_http; HttpTransferBench with $(basename "$jar") as its own process"
  psql_q -d postgres -c 'DROP DATABASE IF EXISTS bench_http WITH (FORCE)' -c 'CREATE DATABASE bench_http'
  "$java" -Xms512m -Xmx1g -cp "$cp_bench" org.openets.bench.HttpTransferBench \
      --jar="$jar" --url="jdbc:postgresql://$PGHOST:$PGPORT/bench_http" --user="$PGUSER" --log="$out/server.log" \
      --clients="$(echo $CLIENTS | tr ' ' ,)" --warmup="$WARMUP" --duration="$DURATION" --server-warmup="${SERVER_WARMUP:-10}" \
      --checkpoint=true 2> "$out/http.err" | tee "$out/http.out" | grep -E '^(RESULT|CHECK)' >&2 || true
  echo "measured: see the rows marked HTTP" > "$out/http.txt"
else
  echo "skipped (HTTP=0 or no server jar)" > "$out/http.txt"
fi
log "http: $(cat "$out/http.txt")"

# ---------------------------------------------------------------------------------------------------- summary
kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
{
  echo "# Benchmark run $(basename "$out")"
  echo
  echo '```'; cat "$out/machine.txt"; echo '```'
  echo
  echo "pgbench: -M prepared -j 2 -T $DURATION, naccts=$NACCTS; OpenETS: warm-up $WARMUP s, then a $DURATION s window."
  echo
  echo "| workload | clients | pgbench tps | pgbench transfers/s | pgbench p50 / p99 ms | pgbench busy cores | OpenETS transfers/s | OpenETS p50 / p99 ms | OpenETS busy cores: machine (postgres / JVM / writer thread) | transfers per commit | ranges per transfer | OpenETS / pgbench |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for mode in single batch; do
    script=transfer; [ $mode = batch ] && script=transfer_batch_sorted
    for c in $CLIENTS; do
      line=$(grep "^RESULT mode=$mode clients=$c " "$out/openets.out" || true)
      read -r _ _ tps tfs p50 p99 _ pcores < <(awk -F'\t' -v s=$script -v c=$c '$1==s && $2==c' "$out/pgbench.tsv")
      o_tfs=$(echo "$line" | kv transfers_per_s); o50=$(echo "$line" | kv p50_ms); o99=$(echo "$line" | kv p99_ms)
      tpc=$(echo "$line" | kv transfers_per_commit); rpt=$(echo "$line" | kv ranges_per_transfer)
      ocores="$(echo "$line" | kv cpu_machine) ($(echo "$line" | kv cpu_postgres) / $(echo "$line" | kv cpu_jvm) / $(echo "$line" | kv cpu_writer))"
      ratio=$(awk -v a="$o_tfs" -v b="$tfs" 'BEGIN {if (b > 0 && a != "") printf "%.3f", a/b; else print "n/a"}')
      label="single TRANSFER vs transfer.sql"; [ $mode = batch ] && label="batch of $BS vs transfer_batch_sorted.sql bs=$BS"
      echo "| $label | $c | $tps | $tfs | $p50 / $p99 | $pcores/$(nproc) | ${o_tfs:-n/a} | ${o50:-n/a} / ${o99:-n/a} | $ocores | ${tpc:-n/a} | ${rpt:-n/a} | $ratio |"
    done
  done
  for c in $CLIENTS; do
    line=$(grep "^RESULT mode=http clients=$c " "$out/http.out" 2>/dev/null || true)
    [ -n "$line" ] || continue
    read -r _ _ tps tfs p50 p99 _ pcores < <(awk -F'\t' -v s=transfer -v c=$c '$1==s && $2==c' "$out/pgbench.tsv")
    o_tfs=$(echo "$line" | kv transfers_per_s); o50=$(echo "$line" | kv p50_ms); o99=$(echo "$line" | kv p99_ms)
    ocores="$(echo "$line" | kv cpu_machine) ($(echo "$line" | kv cpu_postgres) / server $(echo "$line" | kv cpu_server) / clients $(echo "$line" | kv cpu_clients))"
    ratio=$(awk -v a="$o_tfs" -v b="$tfs" 'BEGIN {if (b > 0 && a != "") printf "%.3f", a/b; else print "n/a"}')
    echo "| HTTP: single TRANSFER over the API vs transfer.sql | $c | $tps | $tfs | $p50 / $p99 | $pcores/$(nproc) | ${o_tfs:-n/a} | ${o50:-n/a} / ${o99:-n/a} | $ocores | n/a | n/a | $ratio |"
  done
  echo
  echo "HTTP API: $(cat "$out/http.txt")"
  echo
  echo '```'; grep -E '^(RESULT|COUNT|CHECK)' "$out/openets.out"; grep -E '^(RESULT|CHECK)' "$out/http.out" 2>/dev/null || true; echo '```'
  echo
  echo "cpu busy after the run: $(busy_pct) % over 3 s; loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "total run time: $(( $(date +%s) - started )) s"
} > "$out/summary.md"
log "done in $(( $(date +%s) - started )) s: $out/summary.md"
cat "$out/summary.md"
