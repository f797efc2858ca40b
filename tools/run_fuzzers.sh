#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS over its seeds, its growing corpus and its kept
# regression inputs, FUZZ_JOBS at a time (the number of cores by default); writes
# build/fuzz/summary.tsv and fails on any crash.
# usage: tools/run_fuzzers.sh SECONDS TARGET...   (FUZZ_RUNS=N also stops a target after N runs;
#        FUZZ_BUILD_DIR picks the build, build/native-asan by default)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=$1; shift
mkdir -p build/fuzz/crashes build/fuzz/logs
run_one() {
  local t=$1 seconds=$2
  mkdir -p "build/fuzz/corpus/$t" "tests/fuzz/regressions/$t"
  "${FUZZ_BUILD_DIR:-build/native-asan}/tests/fuzz/fuzz_$t" "build/fuzz/corpus/$t" "build/fuzz/seeds/$t" "tests/fuzz/regressions/$t" \
    -max_total_time="$seconds" ${FUZZ_RUNS:+-runs=$FUZZ_RUNS} -print_final_stats=1 -max_len=262144 -rss_limit_mb=4096 -timeout=30 \
    -artifact_prefix="build/fuzz/crashes/$t-" > "build/fuzz/logs/$t.log" 2>&1 || true
}
export -f run_one
export FUZZ_BUILD_DIR
printf '%s\n' "$@" | xargs -P "${FUZZ_JOBS:-$(nproc)}" -I{} bash -c "run_one {} $seconds"
printf 'target\texecutions\tseconds\texec_per_s\tcoverage\tfeatures\tcorpus\tcrashes\n' > build/fuzz/summary.tsv
status=0
for t in "$@"; do
  log="build/fuzz/logs/$t.log"
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  secs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | grep -oE '[0-9]+ second' | grep -oE '[0-9]+' || echo 0)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(echo "$last" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*' || echo 0)
  ft=$(echo "$last" | grep -o 'ft: [0-9]*' | grep -o '[0-9]*' || echo 0)
  corp=$(echo "$last" | grep -o 'corp: [0-9]*' | grep -o '[0-9]*' || echo 0)
  crashes=$(ls build/fuzz/crashes/ 2>/dev/null | grep -c "^$t-" || true)
  if grep -qE 'ERROR: (AddressSanitizer|libFuzzer|UndefinedBehaviorSanitizer)|runtime error:|invariant broken' "$log"; then crashes=$((crashes > 0 ? crashes : 1)); fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$execs" "$secs" "$rate" "$cov" "$ft" "$corp" "$crashes" >> build/fuzz/summary.tsv
  if [ "$crashes" != 0 ]; then echo "fuzz_$t found a crash: see build/fuzz/logs/$t.log and build/fuzz/crashes/" >&2; status=1; fi
done
cat build/fuzz/summary.tsv
exit $status
