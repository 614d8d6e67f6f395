#!/usr/bin/env bash
# Quick start, command 2: set up, build with -Werror, and run every test;
# then build again with AddressSanitizer + UndefinedBehaviorSanitizer and run
# every test again. Exit status is non-zero if anything fails.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=$(nproc)

echo "== plain build (-Wall -Wextra -Werror)"
"$here/scripts/setup.sh" "$here/build-ci" -DTS_WERROR=ON
ctest --test-dir "$here/build-ci" --output-on-failure -j"$jobs"

echo "== MPI build (mpirun -np 1, 2, 3 against the plain build; docs/cluster.md)"
TS_MPI_BUILD="$here/build-ci-mpi" "$here/scripts/setup.sh" --mpi "$here/build-ci" -DTS_WERROR=ON
ctest --test-dir "$here/build-ci-mpi" --output-on-failure -R mpi

echo "== AddressSanitizer + UndefinedBehaviorSanitizer build"
"$here/scripts/setup.sh" "$here/build-asan" -DTS_WERROR=ON -DTS_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
# The analysis suite exercises Python and Chromium, not our C: run it once, in the plain build.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$here/build-asan" --output-on-failure -j"$jobs" -LE cli_analysis
