#!/usr/bin/env bash
# Scenario comparison from the command line: the comparison/ and targets/
# groups of `teachsim run` (read with h5py and xarray), --reference,
# `teachsim summary --compare` and the target table, and `teachsim solve`.
#   bash tests/cli_compare.sh <path-to-teachsim-binary> <source-dir>
# Prints "PASS name" / "FAIL name: why" per case, then
# "cli_compare: N passed, M failed"; exits 1 if any failed.
# Uses $TS_PYTHON (Debian's /usr/bin/python3 with h5py, xarray, netCDF4).
set -u
exe=${1:?usage: cli_compare.sh <teachsim binary> <source dir>}
src=${2:?usage: cli_compare.sh <teachsim binary> <source dir>}
py=${TS_PYTHON:-/usr/bin/python3}
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
export LC_ALL=C.UTF-8
passed=0 failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_compare.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() {
    echo "FAIL $1: $2"
    for f in out err; do [ -s $f ] && sed -n '1,12s/^/    '$f'| /p' $f; done
    failed=$((failed + 1))
}
# ts ARGS...: stdout in ./out, stderr in ./err, exit status in $rc
ts() {
    timeout -k 5 300 "$exe" "$@" >out 2>err </dev/null
    rc=$?
}
have_py=0
"$py" -c 'import h5py, numpy, xarray, netCDF4' 2>/dev/null && have_py=1

# Short copies of the baseline: an identical one under another name, and no rotation.
short() { sed -e "s/^name: .*/name: $1/" -e 's/^  end_year: 2035/  end_year: 2025/' "$src/scenarios/xiangtan-baseline.yaml"; }
short xiangtan-baseline >base.yaml
short baseline-copy >copy.yaml
{ short no-rotation; printf '\nrotation:\n  enabled: false\n'; } >norot.yaml

# ---- run: the comparison group --------------------------------------------------
ts run base.yaml copy.yaml norot.yaml -r 4 -o three.h5 --quiet
if [ $rc -eq 0 ] && [ -s three.h5 ]; then pass "run of three scenarios"; else fail "run of three scenarios" "exit $rc"; fi

if [ $have_py -eq 1 ]; then
    if "$py" - three.h5 >out 2>err <<'PY'; then pass "comparison/ in xarray and h5py: labels, shapes, zero for the copy"; else fail "comparison/ in xarray and h5py: labels, shapes, zero for the copy" "see below"; fi
import sys
import h5py
import numpy as np
import xarray as xr
path = sys.argv[1]
root = xr.open_dataset(path, engine="netcdf4")
c = xr.open_dataset(path, group="comparison", engine="netcdf4")
labels = [str(v) for v in c.contrast.values]
assert labels == ["baseline-copy - xiangtan-baseline", "no-rotation - xiangtan-baseline"], labels
assert c.attrs["reference"] == "xiangtan-baseline"
assert c.rural_vacancies.dims == ("contrast", "replication", "year", "region"), c.rural_vacancies.dims
assert c.rural_vacancies.dtype == np.int32 and c.mean_age.dtype == np.float64
assert c.rural_vacancies_mean.dims == ("contrast", "year", "region")
for k in ("units", "long_name", "description"):
    assert c.rural_vacancies.attrs.get(k), k
with h5py.File(path, "r") as f:
    g = f["comparison"]
    datasets = [(n, d) for n, d in g.items() if isinstance(d, h5py.Dataset)]
    datasets += [("subjects/" + n, d) for n, d in g["subjects"].items()]  # the subject families: one more dimension
    assert len(datasets) > 300, len(datasets)
    for name, d in datasets:
        if d.ndim >= 4 and not name.endswith(("_mean", "_se", "_q05", "_q50", "_q95")):
            # per replication: the copy differs by exactly zero (NaN only where undefined)
            x = d[0]
            assert np.all((x == 0) | np.isnan(x)), name
            if d.dtype.kind == "f":
                assert not np.any(np.signbit(x[x == 0])), name + ": -0"
    # the differences are scenario minus reference, replication by replication
    x = root.rural_share_age_50plus.values
    assert np.array_equal(g["rural_share_age_50plus"][1], x[2] - x[0], equal_nan=True)
    scales = [d[0].name for d in g["teachers"].dims]  # the dimension scales attached
    assert scales == ["/comparison/contrast", "/replication", "/year", "/region"], scales
print("ok")
PY
else
    pass "comparison/ in xarray and h5py (SKIP: no h5py/xarray)"
fi

ts run base.yaml copy.yaml norot.yaml -r 3 -o ref.h5 --quiet --reference no-rotation
if [ $rc -eq 0 ] && { [ $have_py -eq 0 ] || "$py" -c '
import sys, xarray as xr
c = xr.open_dataset(sys.argv[1], group="comparison", engine="netcdf4")
assert [str(v) for v in c.contrast.values] == ["xiangtan-baseline - no-rotation", "baseline-copy - no-rotation"]
assert c.attrs["reference"] == "no-rotation"' ref.h5 2>err; }; then
    pass "--reference picks the scenario the others are compared with"
else
    fail "--reference picks the scenario the others are compared with" "exit $rc"
fi

ts run base.yaml norot.yaml -r 2 -o none.h5 --reference nobody
if [ $rc -eq 2 ] && grep -q "reference nobody: no scenario of this run has that name; they are: xiangtan-baseline, no-rotation" err && [ ! -e none.h5 ]; then
    pass "--reference of an unknown scenario: exit 2 before running"
else
    fail "--reference of an unknown scenario: exit 2 before running" "exit $rc"
fi

# ---- summary --compare and the target table ---------------------------------------
ts summary three.h5 --compare --metric rural_share_age_50plus --metric teachers
if [ $rc -eq 0 ] && grep -q "95% CI low  95% CI high  CI ex 0    spread 5%   spread 95%  spread ex 0" out &&
   grep -q "mean +/- 1.96 SE (normal approximation)" out && grep -q "not a confidence interval" out &&
   [ "$(grep -c 'paired replications$' out)" -eq 4 ] &&
   grep -q "Share of rural teachers aged 50 or more, ALL (share): no-rotation - xiangtan-baseline, 4 paired replications" out; then
    pass "summary --compare: one table per metric and contrast"
else
    fail "summary --compare: one table per metric and contrast" "exit $rc"
fi
# the copy: difference 0 in every year, never excluding 0
if awk '/baseline-copy - xiangtan-baseline/ {on=1; next} /^$/ {on=0} on && $1 ~ /^20/ { if ($4 !~ /^0\.0+$/ || $8 != "no" || $11 != "no") bad=1; rows++ }
        END { exit !(rows == 10 && !bad) }' out; then
    pass "summary --compare: the identical copy differs by 0 and does not exclude 0"
else
    fail "summary --compare: the identical copy differs by 0 and does not exclude 0" "see out"
fi
# the interval is the mean +/- 1.96 SE, and the mean lies inside it
if awk '/no-rotation - xiangtan-baseline/ {on=1; next} /^$/ {on=0} on && $1 ~ /^20/ {
            d = $4; lo = d - 1.96 * $5; hi = d + 1.96 * $5; tol = 1e-4 + 1e-3 * (d < 0 ? -d : d)
            if ($6 > d || $7 < d || (lo - $6) > tol || ($6 - lo) > tol || (hi - $7) > tol || ($7 - hi) > tol) bad=1; rows++ }
        END { exit !(rows == 10 && !bad) }' out; then
    pass "summary --compare: the 95 % interval is the mean difference +/- 1.96 SE"
else
    fail "summary --compare: the 95 % interval is the mean difference +/- 1.96 SE" "see out"
fi
# what an outcome costs, after the tables: the identical copy gains nothing, so no ratio
if grep -q "^Cost per unit of outcome, ALL, " out &&
   awk '/^  baseline-copy - xiangtan-baseline$/ {on=1; next} /^  [a-z]/ {on=0}
        on && /per rural vacancy-year avoided: not defined \(the outcome does not improve\)/ {ok=1}
        on && /cost, summed over the years: \+0 yuan; rural vacancy-years avoided: 0.0/ {zero=1}
        END { exit !(ok && zero) }' out; then
    pass "summary --compare: cost per unit of outcome, not defined for the identical copy"
else
    fail "summary --compare: cost per unit of outcome, not defined for the identical copy" "see out"
fi
ts summary three.h5 --compare --metric nothing
if [ $rc -eq 2 ] && grep -q "unknown metric 'nothing'" err; then pass "summary --compare: unknown metric"; else fail "summary --compare: unknown metric" "exit $rc"; fi
ts run base.yaml -r 2 -o one.h5 --quiet
ts summary one.h5 --compare
if [ $rc -eq 2 ] && grep -q "no paired differences (group comparison/): it holds 1 scenario" err; then
    pass "summary --compare on one scenario: exit 2 with the reason"
else
    fail "summary --compare on one scenario: exit 2 with the reason" "exit $rc"
fi
ts summary three.h5
if [ $rc -eq 0 ] && grep -q "^Targets: probability of meeting each" out &&
   grep -Eq "all_counties_pass_by_2025 +no-rotation +[01]\.[0-9]{3} +\[[0-9.]+, [0-9.]+\] +[0-9]+/4 +qb_pass >= 1 in every county by 2025" out &&
   grep -q "no_rural_vacancy_in_2030 .*(year outside the horizon: not evaluated)" out; then
    pass "summary prints the targets with their Wilson intervals"
else
    fail "summary prints the targets with their Wilson intervals" "exit $rc"
fi
if [ $have_py -eq 0 ] || "$py" -c '
import sys, xarray as xr
t = xr.open_dataset(sys.argv[1], group="targets", engine="netcdf4")
names = [str(v) for v in t.target.values]
assert names[:2] == ["all_counties_pass_by_2025", "half_counties_pass_by_2022"], names
assert t.probability.dims == ("scenario", "target") and t.met.dims == ("scenario", "target", "replication")
assert str(t.met.dtype) == "int8"
i = names.index("no_rural_vacancy_in_2030")
assert (t.met.values[:, i, :] == -1).all(), "2030 is after the short horizon"
assert ((t.probability_lower <= t.probability) | t.probability.isnull()).all()' three.h5 2>err; then
    pass "targets/ in xarray: (scenario, target) and (scenario, target, replication)"
else
    fail "targets/ in xarray: (scenario, target) and (scenario, target, replication)" "see err"
fi

# ---- targets in scenario files --------------------------------------------------------
printf 'name: bad\nextends: xiangtan-baseline\ntargets:\n  - name: t\n    indicator: qb_pass\n    in_year: 2025\n    op: "=>"\n    value: 1\n' >bad.yaml
ts validate bad.yaml
if [ $rc -eq 2 ] && grep -q '^teachsim: bad.yaml:7:9: targets\[0\].op: expected one of ">=", ">", "<=", "<", "==" (quoted), found "=>"$' err; then
    pass "validate: a bad target names file:line:column and the key path"
else
    fail "validate: a bad target names file:line:column and the key path" "exit $rc"
fi

# ---- solve ---------------------------------------------------------------------------
# 200 municipal places, no drop-out: at least 1000 enrolled in 2022 needs exactly 800 provincial ones
cat >enrol.yaml <<'EOF'
name: enrol
extends: xiangtan-baseline
horizon: {end_year: 2022}
targeted_intake:
  municipal: 200
  dropout_rate: [0, 0, 0]
targets:
  - {name: enrolled_1000, indicator: targeted_enrolled, in_year: 2022, op: ">=", value: 1000}
EOF
ts solve enrol.yaml --vary targeted_intake.provincial --range 0:2000 --target enrolled_1000 --probability 0.9 -r 3 -o solved.h5
if [ $rc -eq 0 ] && grep -q "^targeted_intake.provincial = 800: the smallest value in 0:2000" out &&
   grep -q "one step below:  targeted_intake.provincial = 799: P(enrolled_1000) = 0.000" out &&
   grep -q "at the answer:   targeted_intake.provincial = 800: P(enrolled_1000) = 1.000, 95 % interval \[0.439, 1.000\] (3 of 3 replications)" out &&
   [ -s solved.h5 ]; then
    pass "solve: the closed-form answer, 800, with the step below"
else
    fail "solve: the closed-form answer, 800, with the step below" "exit $rc"
fi
if [ $have_py -eq 0 ] || "$py" -c '
import sys, xarray as xr
ds = xr.open_dataset(sys.argv[1], engine="netcdf4")
assert int(ds.targeted_enrolled.sel(region="ALL", year=2022).min()) == 1000
assert "enrol" in str(ds.scenario.values)' solved.h5 2>err; then
    pass "solve -o: the run at the answer"
else
    fail "solve -o: the run at the answer" "see err"
fi
ts solve enrol.yaml --vary targeted_intake.provincial --range 0:700 --target enrolled_1000 -r 2 --quiet
if [ $rc -eq 1 ] && grep -q "^no value of targeted_intake.provincial in 0:700 meets enrolled_1000" out &&
   grep -q "warning: target enrolled_1000 is not reached with probability 0.9 anywhere in 0:700; at 700 the probability is 0.000" err; then
    pass "solve: out of reach is exit 1 with a warning and the probability at the top"
else
    fail "solve: out of reach is exit 1 with a warning and the probability at the top" "exit $rc"
fi
ts solve enrol.yaml --vary posting.enabled --range 0:1 --target enrolled_1000
if [ $rc -eq 2 ] && grep -q "expected a number or integer key" err; then pass "solve: a switch cannot be varied"; else fail "solve: a switch cannot be varied" "exit $rc"; fi
ts solve enrol.yaml --vary targeted_intake.provincial --range 0:2000
if [ $rc -eq 2 ] && grep -q "needs a target of the scenario: --target NAME" err; then pass "solve: --target is required"; else fail "solve: --target is required" "exit $rc"; fi
ts solve enrol.yaml --vary targeted_intake.provincial --range 2000 --target enrolled_1000
if [ $rc -eq 2 ] && grep -q "range expects LO:HI" err; then pass "solve: --range LO:HI"; else fail "solve: --range LO:HI" "exit $rc"; fi
# --from: the candidate holds from 2022 on only; 2021 keeps 400 + 200, and the report says so
ts solve enrol.yaml --vary targeted_intake.provincial --from 2022 --range 0:2000 --target enrolled_1000 -r 2 --quiet
if [ $rc -eq 0 ] && grep -q "^targeted_intake.provincial from 2022 = 800: the smallest value in 0:2000" out; then
    pass "solve --from: the answer, reported from its year"
else
    fail "solve --from: the answer, reported from its year" "exit $rc"
fi
ts solve enrol.yaml --vary population.school_size_sigma --from 2022 --range 0:1 --step 0.5 --target enrolled_1000 -r 1
if [ $rc -eq 2 ] && grep -q "cannot change mid-run: it describes the start population" err; then
    pass "solve --from: a start key cannot be varied from a year"
else
    fail "solve --from: a start key cannot be varied from a year" "exit $rc"
fi

# --sweep: one row per value of the grid, each probability inside its interval
ts solve enrol.yaml --vary targeted_intake.provincial --range 700:900 --step 50 --sweep --target enrolled_1000 -r 2 --quiet
if [ $rc -eq 0 ] && grep -q "^targeted_intake.provincial: P(enrolled_1000) at each value of 700:900 (step 50)" out &&
   awk '$1 ~ /^[0-9]+$/ && $3 ~ /^\[/ { p = $2; lo = substr($3, 2) + 0; hi = $4 + 0; rows++
            if (p < 0 || p > 1 || lo > p || p > hi) bad=1; if (($1 >= 800) != (p == 1)) bad=1 }
        END { exit !(rows == 5 && !bad) }' out &&
   grep -q "the smallest value meeting it with probability >= 0.9: 800" out && ! grep -q "not monotone" out err; then
    pass "solve --sweep: five rows, probabilities in [0, 1] inside their intervals, 800 the first to meet it"
else
    fail "solve --sweep: five rows, probabilities in [0, 1] inside their intervals, 800 the first to meet it" "exit $rc"
fi
# a target met only in a band: exactly 1000 enrolled holds at 800 alone, so the curve falls after it
sed 's/op: ">=", value: 1000/op: "==", value: 1000/' enrol.yaml >band.yaml
ts solve band.yaml --vary targeted_intake.provincial --range 700:900 --step 50 --sweep --target enrolled_1000 -r 2
if [ $rc -eq 0 ] && grep -q "warning: not monotone on the values evaluated: 1.000 at 800 > 0.000 at 850" out &&
   grep -q "teachsim solve: warning: the probability is not monotone in targeted_intake.provincial on the values evaluated (1 fall): 1.000 at 800 > 0.000 at 850" err; then
    pass "solve --sweep: a band is flagged as not monotone, naming the values"
else
    fail "solve --sweep: a band is flagged as not monotone, naming the values" "exit $rc"
fi
# the bisection: with a small drop-out "exactly 3920 in study in 2022" is likelier at 800 (nobody
# left) than at 801 (one left); on 799:801 it evaluates all three and names the fall it saw
cat >loss.yaml <<'EOF'
name: loss
extends: xiangtan-baseline
horizon: {end_year: 2022}
targeted_intake:
  municipal: 200
  dropout_rate: [0.00025, 0.00025, 0.00025]
targets:
  - {name: in_study_3920, indicator: targeted_in_study, in_year: 2022, op: "==", value: 3920}
EOF
ts solve loss.yaml --vary targeted_intake.provincial --range 799:801 --target in_study_3920 --probability 0.1 -r 40
if [ $rc -eq 0 ] && grep -q "^targeted_intake.provincial = 800: the smallest value" out &&
   grep -Eq "warning: not monotone on the values evaluated: 0\.[0-9]{3} at 800 > 0\.[0-9]{3} at 801" out &&
   grep -q "the answer of the bisection may not be the smallest value" err; then
    pass "solve: the bisection flags the fall it evaluated, on stdout and stderr"
else
    fail "solve: the bisection flags the fall it evaluated, on stdout and stderr" "exit $rc"
fi

echo "cli_compare: $passed passed, $failed failed"
[ $failed -eq 0 ]
