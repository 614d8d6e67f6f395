#!/usr/bin/env bash
# `teachsim optimise` from the command line: the answer on a short baseline
# (the rural ageing target, met at the cheapest mix of the grid), out of
# reach (exit 1, the best mix named), a bad levers file (exit 2 with
# file:line:column: key), and no clobbering of a results file without
# --force. The numbers of the search are test_optimise.c's.
#   bash tests/cli_optimise.sh <path-to-teachsim-binary> <source-dir>
set -u
exe=${1:?usage: cli_optimise.sh <teachsim binary> <source dir>}
src=${2:?usage: cli_optimise.sh <teachsim binary> <source dir>}
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
export LC_ALL=C.UTF-8
passed=0 failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_optimise.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() {
    echo "FAIL $1: $2"
    for f in out err; do [ -s $f ] && sed -n '1,12s/^/    '$f'| /p' $f; done
    failed=$((failed + 1))
}
ts() {
    timeout -k 5 300 "$exe" "$@" >out 2>err </dev/null
    rc=$?
}

sed -e 's/^  end_year: 2035/  end_year: 2025/' "$src/scenarios/xiangtan-baseline.yaml" >base.yaml
cat >levers.yaml <<'YAML'
targeted_intake.provincial: {range: [0, 800], step: 400, from: 2022}
rotation.rate: {range: [0.10, 0.20], step: 0.05}
YAML

# The ageing target is met everywhere in the grid (README: retirements alone
# bring the share down), so the cheapest mix is the grid's lowest corner.
ts optimise base.yaml --lever-file levers.yaml --target rural_under_40pct_aged_50plus_by_2025 -r 4 \
    --confirm-replications 8 -o a.h5
if [ $rc -eq 0 ] && grep -q 'targeted_intake.provincial from 2022 = 0, rotation.rate = 0.1$' out &&
    grep -q 'runs: 9 search mixes x 4 + 3 confirmations x 8 = 60 replications' out && [ -f a.h5 ]; then
    pass answer
else fail answer "rc=$rc"; fi

ts optimise base.yaml --lever-file levers.yaml --target rural_under_40pct_aged_50plus_by_2025 -r 4 \
    --confirm-replications 8 -o a.h5
if [ $rc -eq 2 ] && grep -q 'a.h5' err; then pass no_clobber; else fail no_clobber "rc=$rc"; fi

ts optimise base.yaml --lever-file levers.yaml --target rural_under_40pct_aged_50plus_by_2025 -r 4 \
    --confirm-replications 8 -o a.h5 --force
if [ $rc -eq 0 ]; then pass force; else fail force "rc=$rc"; fi

ts optimise base.yaml --lever-file levers.yaml --target half_counties_pass_by_2022 -r 4 --confirm-replications 8
if [ $rc -eq 1 ] && grep -q '^out of reach: no mix in the ranges' out && grep -q 'the best reached' out; then
    pass out_of_reach
else fail out_of_reach "rc=$rc"; fi

cat >bad1.yaml <<'YAML'
targeted_intake.provincial: {range: [0, 800], step: 400}
rotation.rat: {range: [0.1, 0.2], step: 0.05}
YAML
ts optimise base.yaml --lever-file bad1.yaml --target rural_under_40pct_aged_50plus_by_2025
if [ $rc -eq 2 ] && grep -q 'bad1.yaml:2:1: rotation.rat: .*not a scenario key' err; then pass bad_key
else fail bad_key "rc=$rc"; fi

cat >bad2.yaml <<'YAML'
rotation.rate: {range: [0.1, 1.5], step: 0.05}
YAML
ts optimise base.yaml --lever-file bad2.yaml --target rural_under_40pct_aged_50plus_by_2025
if [ $rc -eq 2 ] && grep -q 'bad2.yaml:1:24: rotation.rate: expected a range within' err; then pass bad_range
else fail bad_range "rc=$rc"; fi

cat >bad3.yaml <<'YAML'
rotation.rate: {range: [0.1, 0.2], step: 0.05, form: 2024}
YAML
ts optimise base.yaml --lever-file bad3.yaml --target rural_under_40pct_aged_50plus_by_2025
if [ $rc -eq 2 ] && grep -q 'bad3.yaml:1:48: rotation.rate: expected range, step or from, found form' err; then
    pass bad_field
else fail bad_field "rc=$rc"; fi

ts optimise base.yaml --lever-file levers.yaml --target no_such_target
if [ $rc -eq 2 ]; then pass bad_target; else fail bad_target "rc=$rc"; fi

echo "cli_optimise: $passed passed, $failed failed"
[ $failed -eq 0 ]
