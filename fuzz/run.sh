#!/usr/bin/env bash
# Build the libFuzzer targets of fuzz/ with clang (-fsanitize=fuzzer,address,
# undefined) into their own build folder, run each for SECONDS from the
# committed seed corpus, print the executions each reached, and exit non-zero
# on any crash, leak, sanitizer report or timeout (the input is kept under
# the build folder's artifacts/: add it to fuzz/corpus/TARGET/ as a
# regression test, which test_roster then loads on every test run).
# Where clang cannot build a fuzzer it prints SKIP and exits 0
# (Debian: apt-get install clang libclang-rt-14-dev libomp-14-dev).
#
# Usage: fuzz/run.sh [SECONDS]      (default 20)
#   TS_FUZZ_BUILD  build folder (default build-fuzz at the top of the tree)
#   TS_FUZZ_CC     the clang to use (default clang, else clang-14)
set -euo pipefail
seconds=${1:-20}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${TS_FUZZ_BUILD:-$here/build-fuzz}
cc=${TS_FUZZ_CC:-$(command -v clang || command -v clang-14 || true)}
targets=(fuzz_scenario fuzz_schools_csv fuzz_teachers_csv fuzz_results_file)

skip() {
  echo "fuzz: SKIP: $* (Debian: apt-get install clang libclang-rt-14-dev libomp-14-dev)"
  exit 0
}
[ -n "$cc" ] || skip "no clang found"
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
  >"$probe/probe.c"
"$cc" -fsanitize=fuzzer,address,undefined "$probe/probe.c" -o "$probe/probe" 2>"$probe/err" ||
  skip "$cc cannot link a libFuzzer target: $(head -n 1 "$probe/err")"
printf 'int main(void) { return 0; }\n' >"$probe/omp.c"
"$cc" -fopenmp "$probe/omp.c" -o "$probe/omp" 2>"$probe/err" || skip "$cc has no OpenMP: $(head -n 1 "$probe/err")"

mkdir -p "$build"
if ! { cmake -S "$here" -B "$build" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTS_FUZZ=ON \
         -DTS_BUILD_TESTS=OFF &&
       cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"; } >"$build/build.log" 2>&1; then
  tail -n 40 "$build/build.log"
  echo "fuzz: FAILED to build the fuzz targets with $cc (log: $build/build.log)"
  exit 1
fi

status=0
for t in "${targets[@]}"; do
  work=$build/corpus/$t # new inputs go here, the committed corpus stays as it is
  mkdir -p "$work" "$build/artifacts"
  log=$build/$t.log
  # A results file's seed is a real file of some 600 KB; a damaged one may
  # declare sizes the reader refuses as out of memory (an explained status),
  # which ASan must let it see as NULL rather than abort on.
  # HDF5's own leak on a header that fails to load is suppressed
  # (fuzz/lsan-hdf5.supp), which needs whole stacks through libhdf5.
  max_len=65536 asan=${ASAN_OPTIONS:-} lsan=${LSAN_OPTIONS:-}
  if [ "$t" = fuzz_results_file ]; then
    max_len=1048576
    asan="allocator_may_return_null=1:fast_unwind_on_malloc=0${asan:+:$asan}"
    lsan="suppressions=$here/fuzz/lsan-hdf5.supp${lsan:+:$lsan}"
  fi
  if ASAN_OPTIONS=$asan LSAN_OPTIONS=$lsan "$build/fuzz/$t" -max_len="$max_len" -timeout=10 -max_total_time="$seconds" \
       -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" "$work" "$here/fuzz/corpus/$t" >"$log" 2>&1; then
    result=ok
  else
    result="FAILED (log: $log, input: $build/artifacts/)"
    status=1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
  printf 'fuzz: %-18s %10s executions in %s s: %s\n' "$t" "${execs:-?}" "$seconds" "$result"
  if [ "$result" != ok ]; then
    grep -E -A 25 'ERROR: |runtime error|SUMMARY|Test unit written' "$log" | head -n 60 || tail -n 40 "$log"
  fi
done
exit $status
