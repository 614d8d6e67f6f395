#!/usr/bin/env bash
# What a planner acts on, from the command line: `teachsim summary --why`
# (why each county fails the quality-balance assessment), `--need` (the
# recruitment need by subject) and the groups subjects/ and schools/ of a
# results file, checked against the file's own numbers read with h5py.
#   bash tests/cli_why.sh <path-to-teachsim-binary> <source-dir>
# Prints "PASS name" / "FAIL name: why" per case, then
# "cli_why: N passed, M failed"; exits 1 if any failed.
set -u
exe=${1:?usage: cli_why.sh <teachsim binary> <source dir>}
src=${2:?usage: cli_why.sh <teachsim binary> <source dir>}
py=${TS_PYTHON:-/usr/bin/python3}
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
export LC_ALL=C.UTF-8
passed=0 failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_why.XXXXXX") || exit 1
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

sed -e 's/^  end_year: 2035/  end_year: 2027/' "$src/scenarios/xiangtan-baseline.yaml" >base.yaml
ts run base.yaml -r 12 -o r.h5
[ $rc -eq 0 ] && pass "a short baseline runs" || fail "a short baseline runs" "exit $rc"

ts summary r.h5 --why --year 2025
if [ $rc -eq 0 ] && [ "$(grep -c 'share of replications failing' out)" -eq 10 ] &&
    [ "$(grep -cE '^  .+ (primary|junior) 2025: fails in' out)" -eq 10 ]; then
    pass "--why: a table per county and level, and a reading of each in 2025"
else
    fail "--why: a table per county and level, and a reading of each in 2025" "exit $rc"
fi

# The shares printed are the file's own: recompute two of them with h5py.
"$py" - r.h5 out <<'PY' >check 2>&1 && pass "--why prints the file's shares" || { fail "--why prints the file's shares" "$(cat check)"; }
import re, sys, h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
text = open(sys.argv[2], encoding="utf-8").read()
regions = list(f["region"].asstr()[...])
g = regions.index("xiangxiang"); y = list(f["year"][...]).index(2025)
fail_junior = 1 - f["qb_pass_junior"][0, :, y, g].mean()
below = f["qb_schools_missing_backbone_junior"][0, :, y, g].mean()
line = [l for l in text.splitlines() if l.strip().startswith("湘乡市 junior 2025")][0]
got = int(re.search(r"fails in (\d+) %", line).group(1))
assert got == round(100 * fail_junior), (line, fail_junior)
if "backbone teachers" in line:
    m = re.search(r"(\d+) % (?:of its schools are below the threshold )?for backbone teachers", line)
    assert m and int(m.group(1)) == round(100 * below), (line, below)
# the table row of 2025 for that county and level: the rule column
rows = text.split("湘乡市 (xiangxiang), junior schools")[1].splitlines()
row = [r for r in rows if r.strip().startswith("2025")][0]
rule = f["qb_fails_school_rule_junior"][0, :, y, g].mean()
assert f"{100 * rule:.0f}%" in row.split("|")[2], (row, rule)
print("ok")
PY

ts summary r.h5 --need --region 湘乡市
if [ $rc -eq 0 ] && grep -q '招聘需求' out && [ "$(grep -cE '^  (chinese|maths|english|science|pe|music|art|other) ' out)" -eq 8 ]; then
    pass "--need: eight subjects for one county"
else
    fail "--need: eight subjects for one county" "exit $rc"
fi
"$py" - r.h5 out <<'PY' >check 2>&1 && pass "--need prints the median of subjects/specialist_need" || fail "--need prints the median of subjects/specialist_need" "$(cat check)"
import sys, h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
text = open(sys.argv[2], encoding="utf-8").read()
regions = list(f["region"].asstr()[...]); subjects = list(f["subjects/subject"].asstr()[...])
g = regions.index("xiangxiang"); k = subjects.index("pe")
d = f["subjects/specialist_need"]
assert d.dims[4][0].name == "/subjects/subject", d.dims[4][0].name
assert f["comparison/subjects/vacancies" if "comparison" in f else "subjects/vacancies"].dims[4][0].name.endswith("subjects/subject")
med = np.median(d[0, :, 0, g, k])
row = [r for r in text.splitlines() if r.startswith("  pe ")][0]
assert row.split()[1] == f"{med:.0f}", (row, med)
# the family adds up to the root indicator where both count the same posts
assert np.array_equal(f["subjects/requirement"][...].sum(axis=4), f["requirement"][...])
assert np.array_equal(f["subjects/hires"][...].sum(axis=4), f["hires"][...])
assert np.array_equal(f["subjects/out_of_field_posts"][...].sum(axis=4), f["out_of_field_posts"][...])
assert (f["subjects/vacancies"][...].sum(axis=4) >= f["vacancies"][...]).all()
print("ok")
PY

ts summary r.h5
grep -q '招聘需求' out && [ $rc -eq 0 ] && pass "the default view ends with ALL's need by subject" ||
    fail "the default view ends with ALL's need by subject" "exit $rc"

# The schools/ group: a row per school of the start population, and its
# probabilities, means and most-missed indicator consistent with each other.
"$py" - r.h5 <<'PY' >check 2>&1 && pass "schools/: table and aggregates" || fail "schools/: table and aggregates" "$(cat check)"
import sys, h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
s = f["schools"]
n = s["school"].shape[0]
assert n > 100 and s["school_name"].shape == (n,), n
assert set(s["school_region"].asstr()[...]) <= set(f["region"].asstr()[...])
p = s["rule_met_probability"][...]; k = s["scored_replications"][...]
assert p.shape == (1, 7, n), p.shape
assert ((k >= 0) & (k <= 12)).all(), np.unique(k)  # a school may fall under the teaching-point size in some
assert (np.isnan(p) == (k == 0)).all()
ok = ~np.isnan(p)
assert ((p[ok] >= 0) & (p[ok] <= 1)).all()
miss = s["missing_share"][...]
most = s["most_missed"].asstr()[...]
names = ["qualified", "backbone", "pe_art"]
for idx in zip(*np.nonzero(ok)):
    m = miss[idx]
    want = names[int(np.argmax(m))] if m.max() > 0 else ""
    assert most[idx] == want, (idx, m, most[idx])
    # a school meeting the rule in every replication can still miss one indicator (above the floor)
    if p[idx] < 1:
        assert m.max() > 0, (idx, p[idx], m)
print("ok")
PY

# A real roster: the schools/ table carries the roster's own ids and names.
ts population export -o roster base.yaml
"$py" - <<'PY'
import csv
rows = list(csv.DictReader(open("roster/schools.csv", encoding="utf-8")))
ren = {r["school_id"]: f"XT-{i:04d}" for i, r in enumerate(rows)}
for name in ("schools", "teachers"):
    path = f"roster/{name}.csv"
    data = list(csv.DictReader(open(path, encoding="utf-8")))
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(data[0].keys()))
        w.writeheader()
        for i, r in enumerate(data):
            r["school_id"] = ren[r["school_id"]]
            if name == "schools":
                r["name"] = f"第{i + 1}学校"
            w.writerow(r)
PY
{ cat base.yaml; printf 'population:\n  schools_csv: roster/schools.csv\n  teachers_csv: roster/teachers.csv\n'; } >roster.yaml
"$py" - <<'PY'
# the population: block must be merged, not repeated: rewrite the key in place
import re
text = open("roster.yaml", encoding="utf-8").read()
head, tail = text.rsplit("population:\n  schools_csv", 1)
block = "  schools_csv" + tail
text = head.replace("population:\n", "population:\n" + block, 1)
open("roster.yaml", "w", encoding="utf-8").write(text)
PY
ts run roster.yaml -r 2 -o roster.h5
"$py" - <<'PY' >check 2>&1 && [ $rc -eq 0 ] && pass "schools/ keeps a roster's ids and names" || fail "schools/ keeps a roster's ids and names" "exit $rc: $(cat check)"
import csv, h5py
rows = list(csv.DictReader(open("roster/schools.csv", encoding="utf-8")))
f = h5py.File("roster.h5", "r")
assert list(f["schools/school"].asstr()[...]) == [r["school_id"] for r in rows]
assert list(f["schools/school_name"].asstr()[...]) == [r["name"] for r in rows]
print("ok")
PY

# A target on one school: in every replication, whether S00003 meets the
# school rule in 2026; its probability is then the schools/ group's own.
{ cat <<'YAML'
name: school-target
extends: base.yaml
targets:
  - name: school_s3_meets_rule_2026
    indicator: school_meets_rule
    school: S00003
    in_year: 2026
    op: ">="
    value: 1
  - name: school_s3_backbone_by_2027
    indicator: school_backbone_per100
    school: S00003
    by_year: 2027
    op: ">="
    value: 1.0
YAML
} >school-target.yaml
ts run school-target.yaml -r 12 -o st.h5
"$py" - <<'PY' >check 2>&1 && [ $rc -eq 0 ] && pass "a target on one school: its probability is schools/'s" || fail "a target on one school: its probability is schools/'s" "exit $rc: $(cat check)"
import h5py, numpy as np
f = h5py.File("st.h5", "r")
names = list(f["targets/target"].asstr()[...])
k = list(f["schools/school"].asstr()[...]).index("S00003")
y = list(f["year"][...]).index(2026)
p = f["targets/probability"][0, names.index("school_s3_meets_rule_2026")]
want = f["schools/rule_met_probability"][0, y, k]
assert f["schools/scored_replications"][0, y, k] == 12
assert abs(p - want) < 1e-12, (p, want)
met = f["targets/met"][0, names.index("school_s3_backbone_by_2027")]
assert set(met) <= {0, 1}, met
print("ok")
PY
ts summary st.h5
grep -q "at school S00003" out && pass "the target reads 'at school S00003'" || fail "the target reads 'at school S00003'" "exit $rc"
sed 's/school: S00003/school: S99999/' school-target.yaml >no-school.yaml
ts run no-school.yaml -r 2 -o ns.h5
[ $rc -eq 2 ] && grep -q "no school 'S99999'" err && [ ! -e ns.h5 ] && pass "a target on an unknown school: exit 2, no file" ||
    fail "a target on an unknown school: exit 2, no file" "exit $rc"
sed 's/    school: S00003/    school: S00003\n    region: xiangxiang/' school-target.yaml >school-region.yaml
ts validate school-region.yaml
[ $rc -eq 2 ] && grep -q "no region with school" err && pass "school: with region: is refused" ||
    fail "school: with region: is refused" "exit $rc"
sed 's/indicator: school_meets_rule/indicator: teachers/' school-target.yaml >school-teachers.yaml
ts validate school-teachers.yaml
[ $rc -eq 2 ] && grep -q "school_meets_rule" err && pass "school: with a county indicator is refused" ||
    fail "school: with a county indicator is refused" "exit $rc"

ts summary r.h5 --why --year 2040
[ $rc -eq 2 ] && grep -q "outside the file's years" err && pass "--year outside the horizon: exit 2" ||
    fail "--year outside the horizon: exit 2" "exit $rc"
ts summary r.h5 --why --need
[ $rc -eq 2 ] && pass "--why with --need: exit 2" || fail "--why with --need: exit 2" "exit $rc"
ts summary r.h5 --why -m teachers
[ $rc -eq 2 ] && pass "--why with --metric: exit 2" || fail "--why with --metric: exit 2" "exit $rc"

# A file written before the decomposition: the datasets removed.
cp r.h5 old.h5
"$py" -c '
import sys, h5py
with h5py.File("old.h5", "a") as f:
    for k in [k for k in f if k.startswith("qb_fails") or k.startswith("qb_schools_missing") or k.startswith("qb_failing")]:
        del f[k]
    del f["subjects"]
'
ts summary old.h5 --why
[ $rc -eq 2 ] && grep -q "no failure decomposition" err && pass "--why on an older file says what is missing" ||
    fail "--why on an older file says what is missing" "exit $rc"
ts summary old.h5 --need
[ $rc -eq 2 ] && grep -q "no results by subject" err && pass "--need on an older file says what is missing" ||
    fail "--need on an older file says what is missing" "exit $rc"
ts summary old.h5
[ $rc -eq 0 ] && ! grep -q '招聘需求' out && pass "the default view of an older file leaves the need out" ||
    fail "the default view of an older file leaves the need out" "exit $rc"

echo "cli_why: $passed passed, $failed failed"
[ $failed -eq 0 ]
