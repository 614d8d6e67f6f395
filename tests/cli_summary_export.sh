#!/usr/bin/env bash
# `teachsim summary` in Chinese (--lang zh, or from the locale) and its tables
# to take away (--csv DIR, --xlsx FILE): the Chinese views name indicators,
# regions and headings in Chinese and print no English heading; the CSV
# files and the workbook's sheets hold the numbers printed and the file's
# own (a median computed with h5py); existing files are refused without
# --force and a bad folder is an error that names it.
#   bash tests/cli_summary_export.sh <path-to-teachsim-binary> <source-dir>
# Prints "PASS name" / "FAIL name: why" per case, then
# "cli_summary_export: N passed, M failed"; exits 1 if any failed.
set -u
exe=${1:?usage: cli_summary_export.sh <teachsim binary> <source dir>}
src=${2:?usage: cli_summary_export.sh <teachsim binary> <source dir>}
py=${TS_PYTHON:-/usr/bin/python3}
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
export LC_ALL=C.UTF-8
unset LC_MESSAGES LANG
passed=0 failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_summary_export.XXXXXX") || exit 1
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
check() { # name, then a command that succeeds when the case passes
    local name=$1
    shift
    if "$@" >check.log 2>&1; then pass "$name"; else fail "$name" "$(tail -n 3 check.log | tr '\n' ' ')"; fi
}

# Two short scenarios (the baseline and one that extends it by name), so
# that every view has something to show, --compare included.
sed -e 's/^  end_year: 2035/  end_year: 2027/' "$src/scenarios/xiangtan-baseline.yaml" >xiangtan-baseline.yaml
{ cat "$src/scenarios/no-rotation.yaml"; printf 'horizon:\n  end_year: 2027\n'; } >no-rotation.yaml
ts run xiangtan-baseline.yaml no-rotation.yaml -r 12 -o r.h5
[ $rc -eq 0 ] && pass "two short scenarios run" || fail "two short scenarios run" "exit $rc"

# English headings that no Chinese view may print.
english='scenario |replications|^  year |  mean |median|Targets:|Recruitment need|share of replications failing|fails in|In 20[0-9][0-9],|Cost per unit|paired|subject '

# ---- the language -----------------------------------------------------------------
ts summary r.h5 --lang zh
cp out zh.txt
if [ $rc -eq 0 ] && grep -q '^在岗教师（人），全部（ALL），方案 xiangtan-baseline，12 次重复模拟$' out &&
    grep -q '^  年份  ' out && grep -q '中位数' out && grep -q '^目标：' out && grep -q '分学科招聘需求' out &&
    grep -q '^  语文 ' out && ! grep -qE "$english" out; then
    pass "--lang zh: the default view in Chinese, no English heading"
else
    fail "--lang zh: the default view in Chinese, no English heading" "exit $rc; $(grep -nE "$english" out | head -3)"
fi

ts summary r.h5
[ $rc -eq 0 ] && grep -q '^Teachers in post, ALL (teachers), scenario xiangtan-baseline, 12 replications$' out &&
    pass "LC_ALL=C.UTF-8: English, as before" || fail "LC_ALL=C.UTF-8: English, as before" "exit $rc"
cp out en.txt

env -u LC_ALL LANG=zh_CN.UTF-8 timeout 300 "$exe" summary r.h5 >out 2>err
[ -s out ] && cmp -s out zh.txt && pass "LANG=zh_CN.UTF-8 without --lang gives Chinese" ||
    fail "LANG=zh_CN.UTF-8 without --lang gives Chinese" "differs from --lang zh"
env -u LC_ALL LANG=zh_CN.UTF-8 LC_MESSAGES=en_GB.UTF-8 timeout 300 "$exe" summary r.h5 >out 2>err
[ -s out ] && cmp -s out en.txt && pass "LC_MESSAGES comes before LANG" || fail "LC_MESSAGES comes before LANG" "not English"
env LANG=zh_CN.UTF-8 timeout 300 "$exe" summary r.h5 >out 2>err
[ -s out ] && cmp -s out en.txt && pass "LC_ALL comes before LANG" || fail "LC_ALL comes before LANG" "not English"
env -u LC_ALL LANG=zh_CN.UTF-8 timeout 300 "$exe" summary r.h5 --lang en >out 2>err
[ -s out ] && cmp -s out en.txt && pass "--lang en wins over the locale" || fail "--lang en wins over the locale" "not English"
ts summary r.h5 --lang fr
[ $rc -eq 2 ] && grep -q "lang expects zh or en, got 'fr'" err && pass "--lang fr: a usage error" ||
    fail "--lang fr: a usage error" "exit $rc"

ts summary r.h5 --lang zh --why --year 2026
if [ $rc -eq 0 ] && [ "$(grep -c '未通过的重复模拟占比$' out)" -eq 20 ] &&
    [ "$(grep -cE '^  .+(小学|初中) 2026 年：' out)" -eq 20 ] && grep -q '^湘乡市（xiangxiang），初中，方案 xiangtan-baseline' out &&
    grep -q '差异系数' out && grep -q '交流轮岗' out && grep -q '骨干教师' out && grep -q '音体美' out &&
    ! grep -qE "$english" out; then
    pass "--lang zh --why: tables and readings in Chinese, in the assessment's terms"
else
    fail "--lang zh --why: tables and readings in Chinese, in the assessment's terms" "exit $rc"
fi

ts summary r.h5 --lang zh --need -g xiangxiang
if [ $rc -eq 0 ] && grep -q '^湘乡市（xiangxiang），方案 no-rotation：分学科招聘需求' out && grep -q '^  学科 ' out &&
    grep -q '新招聘教师' out && grep -q '^  音乐 ' out && ! grep -qE "$english" out; then
    pass "--lang zh --need: subjects and headings in Chinese"
else
    fail "--lang zh --need: subjects and headings in Chinese" "exit $rc"
fi

ts summary r.h5 --lang zh --compare -m teachers -g 湘潭县
if [ $rc -eq 0 ] && grep -q '^在岗教师（人），湘潭县（xiangtan_county）：' out && grep -q '均值差' out &&
    grep -q '标准误' out && grep -q '^单位成效成本，湘潭县（xiangtan_county）' out && grep -q '各年成本合计' out &&
    ! grep -qE "$english|yuan|not defined" out; then
    pass "--lang zh --compare: the differences and the cost per outcome in Chinese"
else
    fail "--lang zh --compare: the differences and the cost per outcome in Chinese" "exit $rc"
fi

# Aligned by display width: in every table the header and the rows are
# equally wide in terminal columns (a CJK character is two).
check "--lang zh: columns line up by display width" "$py" - zh.txt <<'EOF'
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
blocks, cur = [], []
for line in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    if line.startswith("  ") and not line.startswith("   "):
        cur.append(line)
    elif cur:
        blocks.append(cur); cur = []
tables = [b for b in blocks if b[0].startswith("  年份") or b[0].startswith("  学科")]
assert len(tables) >= 18, len(tables)
for b in tables:
    # the need table's header ends in one heading over the hires, wider than they
    w = {width(l.rstrip()) for l in (b[1:] if b[0].startswith("  学科") else b)}
    assert len(w) == 1, (b[0], w)
print(len(tables), "tables aligned")
EOF

# ---- CSV ------------------------------------------------------------------------------
ts summary r.h5 --csv tables
cmp -s out en.txt && [ $rc -eq 0 ] && pass "--csv: the printed view is unchanged" ||
    fail "--csv: the printed view is unchanged" "exit $rc"
check "--csv: one file per table, a BOM, numbers as printed and as in the file" "$py" - r.h5 tables out <<'EOF'
import csv, glob, os, re, sys
import h5py, numpy as np
h5, folder, printed = sys.argv[1], sys.argv[2], open(sys.argv[3], encoding="utf-8").read()
names = sorted(os.path.basename(p) for p in glob.glob(folder + "/*.csv"))
want = sorted([f"bands-{s}-ALL-{m}.csv" for s in ("xiangtan-baseline", "no-rotation")
               for m in ("teachers", "vacancies", "rural_vacancies", "vacancies_temporary", "surplus",
                         "rotating_away", "rural_share_age_50plus", "pupil_teacher_ratio")]
              + ["targets.csv", "need-xiangtan-baseline-ALL.csv", "need-no-rotation-ALL.csv"])
assert names == want, (names, want)
for n in names:
    assert open(os.path.join(folder, n), "rb").read(3) == b"\xef\xbb\xbf", n
def rows(n):
    with open(os.path.join(folder, n), encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))
t = rows("bands-no-rotation-ALL-teachers.csv")
assert t[0] == ["year", "mean", "5%", "median", "95%"], t[0]
f = h5py.File(h5, "r")
scen = [s.decode() if isinstance(s, bytes) else s for s in f["scenario"][:]]
regions = [s.decode() if isinstance(s, bytes) else s for s in f["region"][:]]
data = f["teachers"][scen.index("no-rotation"), :, :, regions.index("ALL")]
years = list(f["year"][:])
# the printed table of the same figure
block = printed.split("Teachers in post, ALL (teachers), scenario no-rotation, 12 replications\n")[1]
lines = block.split("\n")[1:1 + len(years)]
for y, row, line in zip(years, t[1:], lines):
    assert int(row[0]) == y
    median = float(row[3])
    assert abs(median - np.median(data[:, years.index(y)])) < 1e-9, (y, median)
    assert abs(float(row[1]) - data[:, years.index(y)].mean()) < 1e-9 * abs(median)
    cells = line.split()
    assert cells[0] == row[0]
    assert float(cells[1]) == round(float(row[1]), 1), (cells, row)
    assert [float(c) for c in cells[2:]] == [round(float(x)) for x in row[2:]], (cells, row)
assert len(t) == 1 + len(years)
need = rows("need-xiangtan-baseline-ALL.csv")
assert need[0][:4] == ["subject", "2021 median", "2021 5%", "2021 95%"], need[0]
assert need[1][0] == "chinese" and len(need) == 9
m = re.search(r"^  chinese +(\d+) \[(\d+)-(\d+)\]", printed.split("(ALL), scenario xiangtan-baseline: recruitment need")[1], re.M)
assert [int(x) for x in m.groups()] == [round(float(x)) for x in need[1][1:4]], (m.groups(), need[1][1:4])
tg = rows("targets.csv")
assert tg[0][:3] == ["target", "scenario", "probability"] and len(tg) > 1
print(len(names), "files")
EOF

ts summary r.h5 --why --lang zh --csv zh-tables
check "--csv --lang zh: Chinese headings, shares as numbers" "$py" - zh-tables <<'EOF'
import csv, sys
p = sys.argv[1] + "/why-xiangtan-baseline-xiangxiang-junior.csv"
with open(p, encoding="utf-8-sig", newline="") as f:
    t = list(csv.reader(f))
assert t[0][0] == "年份" and t[0][1] == "未通过优质均衡教师指标（占比）", t[0]
assert all(0.0 <= float(x) <= 1.0 for row in t[1:] for x in row[1:] if x), t[1]
print(t[0])
EOF

ts summary r.h5 --compare -m teachers --csv cmp
check "--csv after --compare: the differences and the cost per outcome" "$py" - cmp out <<'EOF'
import csv, re, sys
folder, printed = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
def rows(n):
    with open(f"{folder}/{n}", encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))
c = rows("compare-no-rotation-vs-xiangtan-baseline-ALL-teachers.csv")
assert c[0][:4] == ["year", "xiangtan-baseline", "no-rotation", "difference"], c[0]
e = rows("cost-per-outcome-ALL.csv")
cost = float(e[1][1])
m = re.search(r"cost, summed over the years: ([-+]\d+) yuan", printed)
assert int(m.group(1)) == round(cost), (m.group(1), cost)
print(e[0])
EOF

# ---- the workbook ------------------------------------------------------------------------
ts summary r.h5 --xlsx book.xlsx
check "--xlsx: one sheet per table, the numbers of the CSV files" "$py" - book.xlsx tables <<'EOF'
import csv, glob, os, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
files = glob.glob(sys.argv[2] + "/*.csv")
assert len(wb.sheetnames) == len(files), (len(wb.sheetnames), len(files))
assert all(len(n) <= 31 for n in wb.sheetnames) and len({n.lower() for n in wb.sheetnames}) == len(files)
ws = wb["bands-s2-ALL-teachers"]
with open(sys.argv[2] + "/bands-no-rotation-ALL-teachers.csv", encoding="utf-8-sig", newline="") as f:
    t = list(csv.reader(f))
assert ws["A1"].comment.text == "Teachers in post, ALL (teachers), scenario no-rotation, 12 replications"
got = [[c.value for c in r] for r in ws.iter_rows()]
assert got[0] == t[0], got[0]
# libxlsxwriter writes 16 significant digits (Excel keeps 15), the CSV
# files the shortest exact form: equal to about 1e-15.
for a, b in zip(got[1:], t[1:]):
    assert all(abs(x - float(y)) <= 1e-15 * abs(x) for x, y in zip(a, b)), (a, b)
assert len(got) == len(t)
print(len(wb.sheetnames), "sheets")
EOF

# ---- existing files and bad paths ----------------------------------------------------------
sums() { find tables book.xlsx -type f -exec md5sum {} + | sort; }
before=$(sums)
ts summary r.h5 --csv tables
[ $rc -eq 2 ] && grep -q 'tables/.*\.csv: file exists; use --force' err && [ "$(sums)" = "$before" ] &&
    [ "$(ls tables | wc -l)" -eq 19 ] && pass "--csv: existing files refused, nothing changed" ||
    fail "--csv: existing files refused, nothing changed" "exit $rc"
ts summary r.h5 --xlsx book.xlsx
[ $rc -eq 2 ] && grep -q 'book.xlsx: file exists; use --force' err && [ "$(sums)" = "$before" ] &&
    pass "--xlsx: an existing workbook refused, unchanged" || fail "--xlsx: an existing workbook refused, unchanged" "exit $rc"
ts summary r.h5 -m teachers --csv tables --xlsx book.xlsx --force
[ $rc -eq 0 ] && [ "$(sums)" != "$before" ] && [ -z "$(ls tables book.xlsx* | grep tmp)" ] &&
    pass "--force replaces them, no temporary file left" || fail "--force replaces them, no temporary file left" "exit $rc"
ts summary r.h5 --csv missing/folder
[ $rc -eq 2 ] && grep -q 'missing/folder: cannot make the folder for --csv' err && [ ! -e missing ] &&
    pass "--csv into a folder whose parent is missing: an error naming it" ||
    fail "--csv into a folder whose parent is missing: an error naming it" "exit $rc"
ts summary r.h5 --csv book.xlsx --force
[ $rc -eq 2 ] && grep -q 'book.xlsx: --csv expects a folder, found a file' err &&
    pass "--csv onto a file: an error naming it" || fail "--csv onto a file: an error naming it" "exit $rc"
ts summary r.h5 --xlsx missing/book.xlsx
[ $rc -eq 2 ] && grep -q 'missing/book.xlsx: cannot write the workbook there' err &&
    pass "--xlsx into a missing folder: an error naming it" || fail "--xlsx into a missing folder: an error naming it" "exit $rc"

echo "cli_summary_export: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
