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

. "$(dirname "${BASH_SOURCE[0]}")/cli-bench.sh"
UNITS=${UNITS:-100000}
UNITS_PER_ENTITY=${UNITS_PER_ENTITY:-4}
SEED=${SEED:-20191231}
RUNS=${RUNS:-7}

cli_bench_start allocate
cli_build PopulationFileGenerator

file="$out/population-$UNITS.csv"
"$java" -cp "$here/target/classes" org.openets.bench.PopulationFileGenerator "$file" "$UNITS" "$UNITS_PER_ENTITY" "$SEED" 2>&1 | tee -a "$out/run.log" >&2

wait_quiet
machine_info "threads: ${THREADS:-as many as processors, $(nproc)}" "input: $(basename "$file"), $(stat -c %s "$file") bytes, $(wc -l < "$file") lines"

result="$out/allocation.csv"
cmd=("$repo/bin/openets" allocate --ruleset CN-POWER-2019-2020 --year 2019 "$file" -o "$result" ${THREADS:+--threads "$THREADS"})
log "untimed run: ${cmd[*]} --timing"
"${cmd[@]}" --timing 2>&1 | tee -a "$out/run.log" >&2
log "result: $(grep -c '^unit,' "$result") unit lines, $(grep -c '^entity,' "$result") entity lines, $(awk -F, '$1 == "total" {print $10}' "$result") t in all"

BEFORE_RUN='rm -f "$result"' time_runs "${cmd[@]}"
summary "openets allocate: $UNITS units, CN-POWER-2019-2020, 2019" \
  "bin/openets allocate --ruleset CN-POWER-2019-2020 --year 2019 $(basename "$file") -o allocation.csv${THREADS:+ --threads $THREADS}"
rm -f "$file" "$result"
