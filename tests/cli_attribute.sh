#!/usr/bin/env bash
# `teachsim attribute` from the command line, on a three-year baseline and a
# B with two changed sections: the answer printed and written, read back by
# `summary --attribution` and by h5py (the Shapley values add up to the
# difference, and the coalitions' values at A and B are the means of the
# file's own runs), usage errors, identical scenarios and no clobbering
# without --force (exit 2). The statistics are test_attribution.c's.
#   bash tests/cli_attribute.sh <path-to-teachsim-binary> <source-dir>
set -u
exe=${1:?usage: cli_attribute.sh <teachsim binary> <source dir>}
src=${2:?usage: cli_attribute.sh <teachsim binary> <source dir>}
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
export LC_ALL=C.UTF-8
py=${TS_PYTHON:-/usr/bin/python3}
passed=0 failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli_attribute.XXXXXX") || exit 1
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
cat >b.yaml <<'YAML'
name: more-delivered
extends: base.yaml
temporaries:
  allowed_until: 2020
careers:
  sanming_multiplier: 1.5
YAML
outcomes=(--outcome rural_vacancies@2023 --outcome cost_total_cumulative@2023@ALL)

ts attribute base.yaml b.yaml "${outcomes[@]}" -r 8 -q -o a.h5
if [ $rc -eq 0 ] && grep -q '^rural_vacancies@2023: xiangtan-baseline .*, more-delivered ' out &&
    grep -qE '^  [12] +temporaries ' out && grep -qE '^  [12] +careers ' out &&
    grep -q '^  interactions: ' out && grep -q '^4 coalitions x 8 replications' out && [ -f a.h5 ]; then
    pass answer
else fail answer "rc=$rc"; fi
cp out printed

ts summary a.h5 --attribution
if [ $rc -eq 0 ] && diff <(grep -v coalitions printed) out >/dev/null; then pass summary_reads_back
else fail summary_reads_back "rc=$rc, or summary --attribution differs from what attribute printed"; fi

# In Chinese (a planner's --lang zh, or a zh locale for attribute itself):
# the outcome by its Chinese name with what was typed, the texts in Chinese,
# the sections and keys by their Chinese names, and the groups' ranks and
# numbers the same as in English (the group and the keys, one word each here,
# left out of the comparison).
numbers() { grep -E '^  [0-9]+ ' "$1" | awk '{$2 = ""; $NF = ""; print}'; }
ts summary a.h5 --attribution --lang zh
if [ $rc -eq 0 ] && grep -q '（rural_vacancies@2023）：xiangtan-baseline .*，more-delivered ' out &&
    grep -q '^  交互作用：' out && ! grep -q 'interactions' out &&
    grep -qE '^  [12] +临聘教师 .* 允许聘用临聘教师的最后学年$' out &&
    grep -qE '^  [12] +职称与骨干教师 .* “三名”工程对骨干晋级的倍数$' out &&
    diff <(numbers printed) <(numbers out) >/dev/null; then pass summary_in_chinese
else fail summary_in_chinese "rc=$rc, or the Chinese text or its rows differ"; fi
LC_ALL=zh_CN.UTF-8 ts attribute base.yaml b.yaml "${outcomes[@]}" -r 8 -q
if [ $rc -eq 0 ] && grep -q '^  交互作用：' out && diff <(numbers printed) <(numbers out) >/dev/null
then pass attribute_follows_the_locale
else fail attribute_follows_the_locale "rc=$rc"; fi

# The file's own runs are A (scenario 0) and B (scenario 1): the empty and
# the full coalition's values must be their means, and the Shapley values
# must share out the difference exactly (efficiency).
"$py" - a.h5 >out 2>err <<'PY'
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    a = f["attribution"]
    outcomes = [s.decode() for s in a["outcomes"][...]]
    assert outcomes == ["rural_vacancies@2023", "cost_total_cumulative@2023@ALL"], outcomes
    groups = sorted(s.decode() for s in a["groups"][...])
    assert groups == ["careers", "temporaries"], groups
    value, shapley, diff = a["value"][...], a["shapley"][...], a["difference"][...]
    assert value.shape == (2, 4) and shapley.shape == (2, 2)
    years = list(f["year"][...])
    regions = [s.decode() for s in f["region"][...]]
    y, r = years.index(2023), regions.index("ALL")
    for o, name in enumerate(["rural_vacancies", "cost_total_cumulative"]):
        means = f[name][:, :, y, r].mean(axis=1)
        for s, c in ((0, 0), (1, 3)):
            assert abs(value[o, c] - means[s]) <= 1e-9 * max(1.0, abs(means[s])), (name, s, value[o, c], means[s])
        assert abs(shapley[o].sum() - diff[o]) <= 1e-9 * max(1.0, abs(diff[o])), (name, shapley[o], diff[o])
        assert abs(diff[o] - (means[1] - means[0])) <= 1e-9 * max(1.0, abs(diff[o]))
        lo, hi = a["shapley_lo"][o], a["shapley_hi"][o]
        assert np.all(lo <= shapley[o]) and np.all(shapley[o] <= hi)
    assert a.attrs["replications"] == 8 and a.attrs["scenario_b"] in (b"more-delivered", "more-delivered")
print("ok")
PY
if [ $? -eq 0 ]; then pass h5py_reads_back; else fail h5py_reads_back "h5py"; fi

# A group of two sections: its keys in Chinese, each named and joined by 、,
# beside the paths (group_keys_zh, for the report and the page in Chinese).
ts attribute base.yaml b.yaml --outcome rural_vacancies@2023 --group both=temporaries,careers -r 2 -q -o g.h5
made=$rc
"$py" - g.h5 >out 2>err <<'PY'
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    a = f["attribution"]
    keys = dict(zip((s.decode() for s in a["groups"][...]), (s.decode() for s in a["group_keys"][...])))
    zh = dict(zip((s.decode() for s in a["groups"][...]), (s.decode() for s in a["group_keys_zh"][...])))
    assert keys["both"] == "temporaries.allowed_until, careers.sanming_multiplier", keys
    assert zh["both"] == "允许聘用临聘教师的最后学年、“三名”工程对骨干晋级的倍数", zh
print("ok")
PY
if [ $? -eq 0 ] && [ $made -eq 0 ]; then pass keys_in_chinese; else fail keys_in_chinese "rc=$made, or group_keys_zh"; fi

ts attribute base.yaml b.yaml "${outcomes[@]}" -r 8 -q -o a.h5
if [ $rc -eq 2 ] && grep -q 'a.h5' err; then pass no_clobber; else fail no_clobber "rc=$rc"; fi
ts attribute base.yaml b.yaml "${outcomes[@]}" -r 8 -q -o a.h5 --force
if [ $rc -eq 0 ]; then pass force; else fail force "rc=$rc"; fi

ts attribute base.yaml base.yaml "${outcomes[@]}" -r 8 -q
if [ $rc -eq 2 ] && grep -q 'the same value for every key' err; then pass identical_scenarios; else fail identical_scenarios "rc=$rc"; fi

ts attribute base.yaml b.yaml -r 8
if [ $rc -eq 2 ] && grep -q 'needs what to measure' err; then pass no_outcome; else fail no_outcome "rc=$rc"; fi
ts attribute base.yaml "${outcomes[@]}"
if [ $rc -eq 2 ] && grep -q 'expects two scenarios' err; then pass one_scenario; else fail one_scenario "rc=$rc"; fi
ts attribute base.yaml b.yaml "${outcomes[@]}" --by school
if [ $rc -eq 2 ] && grep -q -- '--by expects section or key' err; then pass bad_by; else fail bad_by "rc=$rc"; fi
ts attribute base.yaml b.yaml "${outcomes[@]}" --group nosuch=rotation -r 8
if [ $rc -eq 2 ] && grep -q 'nosuch' err; then pass group_matching_nothing; else fail group_matching_nothing "rc=$rc"; fi
ts attribute base.yaml b.yaml --outcome no_such_indicator@2023 -r 8
if [ $rc -eq 2 ] && grep -q 'no_such_indicator' err; then pass bad_outcome; else fail bad_outcome "rc=$rc"; fi
ts attribute base.yaml b.yaml "${outcomes[@]}" --by key -r 8 -q
if [ $rc -eq 0 ] && grep -qE '^  [12] +temporaries.allowed_until ' out &&
    grep -qE '^  [12] +careers.sanming_multiplier ' out; then pass by_key
else fail by_key "rc=$rc"; fi

echo "cli_attribute: $passed passed, $failed failed"
[ $failed -eq 0 ]
