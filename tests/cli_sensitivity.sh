#!/usr/bin/env bash
# `teachsim sensitivity` from the command line: a Morris and a Sobol study of
# a short baseline over two cost keys (the total cost is linear in them, so
# Morris's sigma is 0 for the uniform one: test_design_points.c checks the
# numbers; here the command, its file and its errors), the group
# sensitivity/ read back with h5py and by `teachsim summary --sensitivity`.
#   bash tests/cli_sensitivity.sh <path-to-teachsim-binary> <source-dir>
# Prints "PASS name" / "FAIL name: why" per case, then
# "cli_sensitivity: N passed, M failed"; exits 1 if any failed.
set -u
exe=${1:?usage: cli_sensitivity.sh <teachsim binary> <source dir>}
src=${2:?usage: cli_sensitivity.sh <teachsim binary> <source dir>}
py=${TS_PYTHON:-/usr/bin/python3}
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
export LC_ALL=C.UTF-8
passed=0 failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_sensitivity.XXXXXX") || exit 1
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

sed -e 's/^  end_year: 2035/  end_year: 2023/' "$src/scenarios/xiangtan-baseline.yaml" >base.yaml
cat >ranges.yaml <<'YAML'
costs.targeted_study.provincial: [4000, 12000]
costs.recruitment: {triangular: [1000, 2000, 5000]}
YAML

ts sensitivity base.yaml --vary-file ranges.yaml --outcome cost_total@2023 --outcome half_counties_pass_by_2022 \
    -n 3 -r 2 -o m.h5
if [ $rc -eq 0 ] && grep -q '^cost_total@2023: Morris screening, 3 trajectories x 2 inputs (9 points, 2 replications each)' out &&
    grep -qE '^  1    costs.targeted_study.provincial \(uniform \[4000, 12000\]\)' out && [ -s m.h5 ]; then
    pass "Morris: the ranking printed and the file written"
else
    fail "Morris: the ranking printed and the file written" "exit $rc"
fi

"$py" - m.h5 >out 2>err <<'PY'
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    g = f["sensitivity"]
    assert g.attrs["method"] in ("morris", b"morris"), g.attrs["method"]
    assert [s.decode() if isinstance(s, bytes) else s for s in g["inputs"][:]] == \
        ["costs.targeted_study.provincial", "costs.recruitment"]
    assert g["design"].shape == (9, 2) and g["y"].shape == (2, 9) and g["mu_star"].shape == (2, 2)
    # Linear in both keys, so linear in the uniform one's unit coordinate: its
    # sigma is 0 against mu*; the triangular quantile is not linear, so the
    # other's effects differ from step to step.
    assert g["sigma"][0, 0] <= 1e-9 * g["mu_star"][0, 0], (g["sigma"][0], g["mu_star"][0])
    assert g["sigma"][0, 1] > 1e-3 * g["mu_star"][0, 1], (g["sigma"][0], g["mu_star"][0])
    assert "scenarios" in f or "indicators" in f or len(f.keys()) > 1  # the run itself is there too
PY
[ $? -eq 0 ] && pass "Morris: sensitivity/ read with h5py" || fail "Morris: sensitivity/ read with h5py" "h5py"

ts summary m.h5 --sensitivity
if [ $rc -eq 0 ] && grep -q 'sensitivity study, seed 20201222, 2 replications per point' out &&
    grep -q '^half_counties_pass_by_2022: Morris screening' out; then
    pass "summary --sensitivity prints the ranking from the file"
else
    fail "summary --sensitivity prints the ranking from the file" "exit $rc"
fi

ts summary m.h5
[ $rc -eq 0 ] && pass "the file is still a results file" || fail "the file is still a results file" "exit $rc"

ts sensitivity base.yaml --vary-file ranges.yaml --outcome cost_total@2023 --method sobol -n 4 -r 1 --bootstrap 50 -q
if [ $rc -eq 0 ] && grep -q '^cost_total@2023: Sobol indices, 4 base samples x 2 inputs (16 points, 1 replications each)' out; then
    pass "Sobol: 4 base samples give 16 points"
else
    fail "Sobol: 4 base samples give 16 points" "exit $rc"
fi

ts sensitivity base.yaml --vary-file ranges.yaml
[ $rc -eq 2 ] && grep -q 'needs what to measure: --outcome' err && pass "no --outcome: usage error" ||
    fail "no --outcome: usage error" "exit $rc"

printf 'costs.recruitment: [1000, 3000]\ncosts.rotation_allowance: {gamma: 2}\n' >bad.yaml
ts sensitivity base.yaml --vary-file bad.yaml --outcome cost_total@2023
[ $rc -eq 2 ] && grep -q 'bad.yaml:2:27: costs.rotation_allowance: expected \[LO, HI\], default, or a distribution' err &&
    pass "a bad range names file, line, column and key" || fail "a bad range names file, line, column and key" "exit $rc"

ts sensitivity base.yaml --outcome cost_total@2023 --method halton
[ $rc -eq 2 ] && grep -q "method expects morris or sobol, found 'halton'" err && pass "--method checked" ||
    fail "--method checked" "exit $rc"

ts sensitivity base.yaml --outcome cost_total@2023 -o m.h5 -n 2 -r 1
[ $rc -eq 2 ] && pass "an existing file is not replaced without --force" ||
    fail "an existing file is not replaced without --force" "exit $rc"

ts summary base.yaml --sensitivity
[ $rc -eq 2 ] && pass "summary --sensitivity of a file that is not one fails with 2" ||
    fail "summary --sensitivity of a file that is not one fails with 2" "exit $rc"

echo "cli_sensitivity: $passed passed, $failed failed"
[ $failed -eq 0 ]
