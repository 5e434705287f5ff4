# Shared by the CLI wall-time benchmarks (bench/run-emissions.sh, bench/run-allocate.sh); sourced, not run.
# Defines: here, repo, java, out (bench/results/tmp/<name>-<UTC time>/), log, stat_now, busy_cores,
# cli_build CLASS (builds cli and bench unless BUILD=0, then checks the CLI jar and the generator class),
# wait_quiet (up to QUIET_WAIT s, default 120, for the machine to be under 25 % busy; sets busy and waited),
# machine_info LINE... (writes $out/machine.txt: machine, java, the extra lines),
# time_runs CMD... (RUNS timed runs, each a new JVM: $out/times.txt and $out/wall.txt),
# summary TITLE COMMAND_TEXT (writes $out/summary.md).

here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
repo=$(cd "$here/.." && pwd)
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

cli_bench_start() {
  out="$here/results/tmp/$1-$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$out"
}
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$out/run.log" >&2; }

cli_build() {
  if [ "${BUILD:-1}" != 0 ]; then
    # package, not install: the modules come from this reactor, and the shared local repository is left alone
    log "build: ./mvnw -q ${OFFLINE:+-o} -pl cli,bench -am package -DskipTests"
    (cd "$repo" && ./mvnw -q ${OFFLINE:+-o} -pl cli,bench -am package -DskipTests) 2>&1 | grep -v '^WARNING' >&2 || true
  fi
  [ -f "$repo/cli/target/openets-cli-0.1.0-SNAPSHOT.jar" ] && [ -f "$here/target/classes/org/openets/bench/$1.class" ] || { echo "build failed" >&2; exit 1; }
}

stat_now() { sed -n 's/^cpu //p' /proc/stat; }
busy_cores() { awk -v a="$1" -v b="$2" -v n="$(nproc)" 'BEGIN {split(a,x," "); split(b,y," "); t=0; for (i=1;i<=8;i++) t+=y[i]-x[i];
    idle=(y[4]-x[4])+(y[5]-x[5])+(y[8]-x[8]); printf "%.2f", (t > 0 ? n*(t-idle)/t : 0)}'; }

# the machine is shared: wait until the CPUs are less than 25 % busy over 3 s
wait_quiet() {
  waited=0
  while :; do
    local a b
    a=$(stat_now); sleep 3; b=$(stat_now); busy=$(busy_cores "$a" "$b")
    awk -v c="$busy" -v n="$(nproc)" 'BEGIN {exit !(c < 0.25 * n)}' && break
    [ "$waited" -ge "${QUIET_WAIT:-120}" ] && break
    log "machine busy ($busy cores from other work), waiting"; waited=$((waited + 3))
  done
  log "starting with $busy of $(nproc) cores busy from other work (waited $waited s)"
}

machine_info() {
  {
    echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "nproc: $(nproc)"
    echo "cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
    echo "memory: $(free -m | awk '/^Mem:/ {printf "%.1f GiB total, %.1f GiB available", $2/1024, $7/1024}')"
    echo "loadavg_at_start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "busy_cores_before_start: $busy (after waiting $waited s)"
    echo "kernel: $(uname -r)"
    echo "java: $("$java" -version 2>&1 | head -1)"
    if [ -z "${OPENETS_JAVA_OPTS+set}" ]; then echo "java_opts: bin/openets defaults (-XX:TieredStopAtLevel=1 -XX:+UseParallelGC)"
    elif [ -z "$OPENETS_JAVA_OPTS" ]; then echo "java_opts: none (the JVM's defaults: tiered C1+C2, G1)"
    else echo "java_opts: $OPENETS_JAVA_OPTS"; fi
    for line in "$@"; do echo "$line"; done
  } > "$out/machine.txt"
}

# RUNS timed runs of the command, each a new JVM, wall clock from the shell; set BEFORE_RUN to a command run before each
time_runs() {
  : > "$out/times.txt"
  local i a b t0 t1 wall u s cores other
  for i in $(seq 1 "$RUNS"); do
    ${BEFORE_RUN:+eval "$BEFORE_RUN"}
    a=$(stat_now)
    t0=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$out/cpu.$i" "$@" 2>/dev/null
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
}

summary() {
  {
    echo "# $1"
    echo
    echo '```'; cat "$out/machine.txt"; echo '```'
    echo
    echo "command: $2"
    echo
    echo "wall time (JVM start-up included): $(cat "$out/wall.txt")"
    echo
    echo "| run | wall s | user s | sys s | machine busy cores | other work cores |"
    echo "|---:|---:|---:|---:|---:|---:|"
    awk '{printf "| %d | %s | %s | %s | %s | %s |\n", NR, $1, $2, $3, $4, $5}' "$out/times.txt"
  } > "$out/summary.md"
  log "wall time: $(cat "$out/wall.txt")"
  log "summary: $out/summary.md"
}
