#!/usr/bin/env bash
# The benchmark program and its table writer keep working. bench/run.sh
# takes 15 minutes, too long for CI, so this runs each mode of build/bench
# once on the baseline with few replications and bench/tables.py on what
# they print, and checks the table lands between the markers of a copy of
# docs/performance.md, leaving the rest of the file as it was. Timings are
# only checked to be positive numbers: nothing here is judged on speed.
# Usage: bench_smoke.sh BENCH TEACHSIM SOURCE_DIR
set -u
bench=$1 teachsim=$2 src=$3
py=${TS_PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
check() { # description, command...
  local what=$1
  shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL $what"; failed=$((failed + 1)); fi
}
cells() { awk -F'|' '{print NF - 2}' <<<"$1"; }
positive() { awk -v x="$1" 'BEGIN { exit !(x + 0 > 0) }'; }

"$bench" --sizes >"$work/sizes.txt"
check "--sizes names the bytes of state" grep -Eq '^Per teacher: [0-9]+ bytes of state' "$work/sizes.txt"
"$bench" --header >"$work/rows.md"
"$bench" --population xiangtan --model core --replications 2 >>"$work/rows.md"
row=$(tail -1 "$work/rows.md")
check "a throughput row has 15 cells" test "$(cells "$row")" = 15
check "its 1-thread rate is a positive number" positive "$(cut -d'|' -f7 <<<"$row")"
check "its cost / floor ends in x" grep -Eq '\| [0-9.]+x \|' <<<"$row"

"$bench" --one-replication --header >"$work/one.md"
"$bench" --one-replication --population xiangtan --model full >>"$work/one.md"
row=$(tail -1 "$work/one.md")
check "a one-replication row has 11 cells" test "$(cells "$row")" = 11
check "it gives a speed-up and an efficiency" grep -Eq '\| [0-9.]+x, [0-9]+ % \|' <<<"$row"

"$bench" --population xiangtan --model core --replications 1 --profile >"$work/cg.xiangtan.core.out"
check "--profile prints the teacher-years it ran" grep -Eq '[0-9]+ teacher-years$' "$work/cg.xiangtan.core.out"
"$bench" --population nowhere >/dev/null 2>&1
check "an unknown population is a usage error (exit 2)" test $? = 2

for r in 2 4; do
  /usr/bin/time -f "%e %M" -o "$work/time.$r" "$teachsim" run -r "$r" -j 2 -q -o "$work/run.$r.h5" >/dev/null
  echo "$r $(cat "$work/time.$r") $(stat -c %s "$work/run.$r.h5")" >>"$work/runs.txt"
done
cp "$src/docs/performance.md" "$work/performance.md"
"$py" "$src/bench/tables.py" --work "$work" --machine "test machine" --commit test --date 2000-01-01 \
  --into "$work/performance.md"
check "tables.py exits 0" test $? = 0
check "the throughput row is in the document" grep -Fq "$(tail -1 "$work/rows.md")" "$work/performance.md"
check "the targets table judges the floor ratio" grep -Eq '^\| Xiangtan core flows: cost within 3x the floor \| [0-9.]+x \| (met|missed by [0-9.]+x) \|$' "$work/performance.md"
outside() { sed '/bench\/run.sh: begin/,/bench\/run.sh: end/d' "$1"; }
check "the document outside the markers is unchanged" diff <(outside "$src/docs/performance.md") <(outside "$work/performance.md")
check "one pair of markers" test "$(grep -c 'bench/run.sh: begin' "$work/performance.md")" = 1

echo "bench_smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
