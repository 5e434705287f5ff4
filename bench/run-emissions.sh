#!/usr/bin/env bash
# Benchmark of `openets emissions compute` (see docs/benchmarks.md, "Emissions"):
#   1. builds the CLI and the generator (unless BUILD=0),
#   2. writes a file of UNITS unit-year reports (org.openets.bench.EmissionsFileGenerator: UNITS_PER_ENTITY coal units per
#      entity, 12 months, coal + natural gas + purchased electricity per unit-month),
#   3. waits for a quiet machine (up to QUIET_WAIT s), runs the command once untimed (file in the page cache, and a check
#      that it succeeds), then RUNS times `bin/openets emissions compute FILE --format csv --output /dev/null`, each a new
#      JVM, timing the wall clock from the shell (JVM start-up included),
#   4. prints min / median / max and writes bench/results/tmp/<UTC time>/summary.md (with machine.txt and the raw times).
#
# Usage: bench/run-emissions.sh
# Environment: UNITS (10000), UNITS_PER_ENTITY (4), YEAR (2022), RUNS (5), QUIET_WAIT (120), BUILD=0 to skip the build,
#              OFFLINE=1 to build with -o, JAVA_HOME (temurin 25 if present), OPENETS_JAVA_OPTS (bin/openets's defaults if unset).
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/cli-bench.sh"
UNITS=${UNITS:-10000}
UNITS_PER_ENTITY=${UNITS_PER_ENTITY:-4}
YEAR=${YEAR:-2022}
RUNS=${RUNS:-5}

cli_bench_start emissions
cli_build EmissionsFileGenerator

file="$out/emissions-$UNITS.csv"
"$java" -cp "$here/target/classes" org.openets.bench.EmissionsFileGenerator "$file" "$UNITS" "$UNITS_PER_ENTITY" "$YEAR" 2>&1 | tee -a "$out/run.log" >&2

wait_quiet
machine_info "input: $(basename "$file"), $(stat -c %s "$file") bytes, $(wc -l < "$file") lines"

cmd=("$repo/bin/openets" emissions compute "$file" --format csv --output /dev/null)
log "untimed run: ${cmd[*]} --timing"
"${cmd[@]}" --timing 2>&1 | tee -a "$out/run.log" >&2
"$repo/bin/openets" emissions compute "$file" --format csv --output "$out/result.csv" 2>>"$out/run.log"
log "result: $(grep -c ',entity,' "$out/result.csv") entity-year reports, $(awk -F, '$3 == "installation"' "$out/result.csv" | wc -l) unit-year lines, total $(awk -F, '$3 == "entity" {s += $9} END {printf "%d", s}' "$out/result.csv") t"
rm -f "$out/result.csv"

time_runs "${cmd[@]}"
summary "openets emissions compute: $UNITS unit-year reports" "bin/openets emissions compute $(basename "$file") --format csv --output /dev/null"
rm -f "$file"
