#!/usr/bin/env bash
# `teachsim optimise` from the command line: the answer on a short baseline
# (the rural ageing target, met at the cheapest mix of the grid), out of
# reach (exit 1, the best mix named), a bad levers file (exit 2 with
# file:line:column: key), and no clobbering of a results file without
# --force; the search read back from the file's group optimise/ by
# `summary --optimise` and h5py. The numbers of the search are test_optimise.c's.
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
cp out printed

# The search is in the file as optimise/: summary prints it again, word for
# word, and in Chinese; h5py finds the answer among the confirmations, and
# the answer's outcome is the mean of the run written beside it.
ts summary a.h5 --optimise
if [ $rc -eq 0 ] && diff printed out >/dev/null; then pass summary_reads_back
else fail summary_reads_back "rc=$rc, or summary --optimise differs from what optimise printed"; fi
ts summary a.h5 --optimise --lang zh
if [ $rc -eq 0 ] && grep -q '^以不低于 0.8 的概率达成全部目标的最省组合：' out &&
    grep -q '运行：搜索 9 种组合 × 4 次 + 确认 3 次 × 8 次 = 共 60 次重复' out; then pass summary_in_chinese
else fail summary_in_chinese "rc=$rc"; fi
"${TS_PYTHON:-/usr/bin/python3}" - a.h5 >out 2>err <<'PY'
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    g = f["optimise"]
    levers = [s.decode() for s in g["levers"][...]]
    assert levers == ["targeted_intake.provincial", "rotation.rate"], levers
    assert list(g["lever_integer"][...]) == [1, 0] and list(g["lever_from"][...]) == [2022, 0]
    assert g["search_values"].shape == (9, 2) and g["search_probability"].shape == (9, 1)
    assert g["confirm_values"].shape == (3, 2) and g.attrs["found"] == 1 and g.attrs["exhaustive"] == 1
    # every mix of the grid once: 0/400/800 x 0.10/0.15/0.20
    mixes = sorted(map(tuple, np.round(g["search_values"][...], 6)))
    assert mixes == sorted((a, b) for a in (0, 400, 800) for b in (0.1, 0.15, 0.2)), mixes
    k = int(g.attrs["answer"])
    of = int(g["confirm_of"][k])
    assert np.array_equal(g["confirm_values"][k], g["search_values"][of])
    assert tuple(g["confirm_values"][k]) == (0, 0.1), g["confirm_values"][k]
    assert g["confirm_replications"][k] == 8 and g["confirm_feasible"][k] == 1
    # the outcome minimised is the mean of the answer's run, the file's own
    years = list(f["year"][...]); regions = [s.decode() for s in f["region"][...]]
    run = f["cost_total_cumulative"][0, :, years.index(2025), regions.index("ALL")]
    assert run.shape == (8,) and abs(run.mean() - g["confirm_outcome"][k]) <= 1e-9 * run.mean(), (run.mean(), g["confirm_outcome"][k])
    assert g.attrs["runs"] == 9 * 4 + 3 * 8
print("ok")
PY
if [ $? -eq 0 ]; then pass h5py_reads_back; else fail h5py_reads_back "h5py"; fi

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
