#!/usr/bin/env bash
# Benchmark of `openets allocate` (see docs/benchmarks.md, "Allocation CLI"):
#   1. builds the CLI and the generator (unless BUILD=0),
#   2. writes a population of UNITS generating units (org.openets.bench.PopulationFileGenerator: the four categories of
#      CN-POWER-2019-2020, half with a blank category matched from fuel and capacity, some supplying heat, load
#      coefficients over the whole curve, air and water cooling, a fixed seed),
#   3. waits for a quiet machine (up to QUIET_WAIT s), runs the command once untimed (file in the page cache, and a check
#      that it succeeds), then RUNS times `bin/openets allocate --ruleset CN-POWER-2019-2020 --year 2019 FILE -o out.csv`,
#      each a new JVM, timing the wall clock from the shell (JVM start-up included),
#   4. prints min / median / max and writes bench/results/tmp/<UTC time>/summary.md (with machine.txt and the raw times).
#
# Usage: bench/run-allocate.sh
# Environment: UNITS (100000), UNITS_PER_ENTITY (4), SEED (20191231), RUNS (7), QUIET_WAIT (120), BUILD=0 to skip the build,
#              OFFLINE=1 to build with -o, THREADS (the command's default if unset), JAVA_HOME (temurin 25 if present),
#              OPENETS_JAVA_OPTS (bin/openets's defaults if unset).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
UNITS=${UNITS:-100000}
UNITS_PER_ENTITY=${UNITS_PER_ENTITY:-4}
SEED=${SEED:-20191231}
RUNS=${RUNS:-7}
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

out="$here/results/tmp/allocate-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$out/run.log" >&2; }

if [ "${BUILD:-1}" != 0 ]; then
  # package, not install: the modules come from this reactor, and the shared local repository is left alone
  log "build: ./mvnw -q ${OFFLINE:+-o} -pl cli,bench -am package -DskipTests"
  (cd "$repo" && ./mvnw -q ${OFFLINE:+-o} -pl cli,bench -am package -DskipTests) 2>&1 | grep -v '^WARNING' >&2 || true
fi
[ -f "$repo/cli/target/openets-cli-0.1.0-SNAPSHOT.jar" ] && [ -f "$here/target/classes/org/openets/bench/PopulationFileGenerator.class" ] || { echo "build failed" >&2; exit 1; }

file="$out/population-$UNITS.csv"
"$java" -cp "$here/target/classes" org.openets.bench.PopulationFileGenerator "$file" "$UNITS" "$UNITS_PER_ENTITY" "$SEED" 2>&1 | tee -a "$out/run.log" >&2

# the machine is shared: wait until the CPUs are less than 25 % busy over 3 s
stat_now() { sed -n 's/^cpu //p' /proc/stat; }
busy_cores() { awk -v a="$1" -v b="$2" -v n="$(nproc)" 'BEGIN {split(a,x," "); split(b,y," "); t=0; for (i=1;i<=8;i++) t+=y[i]-x[i];
    idle=(y[4]-x[4])+(y[5]-x[5])+(y[8]-x[8]); printf "%.2f", (t > 0 ? n*(t-idle)/t : 0)}'; }
waited=0
while :; do
  a=$(stat_now); sleep 3; b=$(stat_now); busy=$(busy_cores "$a" "$b")
  awk -v c="$busy" -v n="$(nproc)" 'BEGIN {exit !(c < 0.25 * n)}' && break
  [ "$waited" -ge "${QUIET_WAIT:-120}" ] && break
  log "machine busy ($busy cores from other work), waiting"; waited=$((waited + 3))
done
log "starting with $busy of $(nproc) cores busy from other work (waited $waited s)"

{
  echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
  echo "memory: $(free -m | awk '/^Mem:/ {printf "%.1f GiB total, %.1f GiB available", $2/1024, $7/1024}')"
  echo "loadavg_at_start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "busy_cores_before_start: $busy (after waiting $waited s)"
  echo "kernel: $(uname -r)"
  echo "java: $("$java" -version 2>&1 | head -1)"
  if [ -z "${OPENETS_JAVA_OPTS+set}" ]; then echo "java_opts: bin/openets defaults"
  elif [ -z "$OPENETS_JAVA_OPTS" ]; then echo "java_opts: none (the JVM's defaults: tiered C1+C2, G1)"
  else echo "java_opts: $OPENETS_JAVA_OPTS"; fi
  echo "threads: ${THREADS:-as many as processors, $(nproc)}"
  echo "input: $(basename "$file"), $(stat -c %s "$file") bytes, $(wc -l < "$file") lines"
} > "$out/machine.txt"

result="$out/allocation.csv"
cmd=("$repo/bin/openets" allocate --ruleset CN-POWER-2019-2020 --year 2019 "$file" -o "$result" ${THREADS:+--threads "$THREADS"})
log "untimed run: ${cmd[*]} --timing"
"${cmd[@]}" --timing 2>&1 | tee -a "$out/run.log" >&2
log "result: $(grep -c '^unit,' "$result") unit lines, $(grep -c '^entity,' "$result") entity lines, $(awk -F, '$1 == "total" {print $10}' "$result") t in all"

: > "$out/times.txt"
for i in $(seq 1 "$RUNS"); do
  rm -f "$result"
  a=$(stat_now)
  t0=$(date +%s%N)
  /usr/bin/time -f "%U %S" -o "$out/cpu.$i" "${cmd[@]}" 2>/dev/null
  t1=$(date +%s%N)
  b=$(stat_now)
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b-a)/1e9}')
  read -r u s < "$out/cpu.$i"
  cores=$(busy_cores "$a" "$b")
  other=$(awk -v c="$cores" -v w="$wall" -v u="$u" -v s="$s" 'BEGIN {o=c-(u+s)/w; printf "%.2f", (o < 0 ? 0 : o)}')
  echo "$wall $u $s $cores $other" >> "$out/times.txt"
  log "run $i: wall ${wall} s, cpu user ${u} s sys ${s} s, machine busy ${cores} cores, other work ${other} cores"
done
rm -f "$out"/cpu.*
sort -n "$out/times.txt" | awk '{w[NR]=$1} END {printf "min %.2f s, median %.2f s, max %.2f s (%d runs)\n", w[1], w[int((NR+1)/2)], w[NR], NR}' > "$out/wall.txt"
{
  echo "# openets allocate: $UNITS units, CN-POWER-2019-2020, 2019"
  echo
  echo '```'; cat "$out/machine.txt"; echo '```'
  echo
  echo "command: bin/openets allocate --ruleset CN-POWER-2019-2020 --year 2019 $(basename "$file") -o allocation.csv${THREADS:+ --threads $THREADS}"
  echo
  echo "wall time (JVM start-up included): $(cat "$out/wall.txt")"
  echo
  echo "| run | wall s | user s | sys s | machine busy cores | other work cores |"
  echo "|---:|---:|---:|---:|---:|---:|"
  awk '{printf "| %d | %s | %s | %s | %s | %s |\n", NR, $1, $2, $3, $4, $5}' "$out/times.txt"
} > "$out/summary.md"
log "wall time: $(cat "$out/wall.txt")"
log "summary: $out/summary.md"
rm -f "$file" "$result"
