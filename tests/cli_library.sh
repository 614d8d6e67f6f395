#!/usr/bin/env bash
# The scenario library (scenarios/*.yaml): every file validates and runs, and a
# three-line scenario that extends the built-in baseline by name runs from any
# folder. Usage: bash tests/cli_library.sh TEACHSIM SOURCE_DIR
set -u
exe=$(realpath "$1") src=$2
passed=0 failed=0
tmp=$(mktemp -d /tmp/cli_library.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

for f in "$src"/scenarios/*.yaml; do
  name=$(basename "$f" .yaml)
  if out=$("$exe" validate "$f" 2>&1); then pass "validate $name"; else fail "validate $name" "$out"; continue; fi
  # every file of the library but the baseline says which part of the plan it tests and extends the baseline
  if [ "$name" != xiangtan-baseline ]; then
    if grep -q '^extends: xiangtan-baseline$' "$f" && grep -q '^# .*\(plan\|item\|annex\)' "$f"; then
      pass "cites the plan and extends the baseline: $name"
    else
      fail "cites the plan and extends the baseline: $name" "no '# ... plan/item/annex' comment or no extends line"
    fi
  fi
  if out=$("$exe" run "$f" -r 3 -j 2 -q -o "$tmp/$name.h5" 2>&1) && [ -s "$tmp/$name.h5" ]; then
    pass "run $name"
  else
    fail "run $name" "$out"
  fi
done

# the resolved form of a child is a complete scenario that validates on its own
if "$exe" validate --resolved "$src/scenarios/rotation-20.yaml" | tail -n +2 >"$tmp/resolved.yaml" &&
   grep -q '^  rate: 0.2$' "$tmp/resolved.yaml" && ! grep -q extends "$tmp/resolved.yaml" &&
   "$exe" validate "$tmp/resolved.yaml" >/dev/null 2>&1; then
  pass "validate --resolved prints a complete scenario"
else
  fail "validate --resolved prints a complete scenario" "$(head -5 "$tmp/resolved.yaml")"
fi

# an uncertain scenario records its draws in parameters/
if [ -s "$tmp/uncertain-attrition.h5" ] && command -v h5ls >/dev/null 2>&1; then
  if h5ls "$tmp/uncertain-attrition.h5/parameters" 2>&1 | grep -q 'rural_transfer_share.*{1, 3}'; then
    pass "uncertain-attrition writes parameters/"
  else
    fail "uncertain-attrition writes parameters/" "$(h5ls -r "$tmp/uncertain-attrition.h5" 2>&1 | head)"
  fi
fi

# three lines, elsewhere, extending the built-in baseline by name
mkdir -p "$tmp/elsewhere"
printf 'name: three-lines\nextends: xiangtan-baseline\nhorizon: {end_year: 2026}\n' >"$tmp/elsewhere/mine.yaml"
if out=$(cd "$tmp/elsewhere" && "$exe" run mine.yaml -r 2 -q -o mine.h5 2>&1) && [ -s "$tmp/elsewhere/mine.h5" ]; then
  pass "three-line scenario extending the built-in baseline runs"
else
  fail "three-line scenario extending the built-in baseline runs" "$out"
fi

# a copy of a library scenario works from any folder: it extends the baseline by name, not by path
mkdir -p "$tmp/copies"
cp "$src/scenarios/rotation-20.yaml" "$src/scenarios/rural-ageing-target.yaml" "$tmp/copies/"
for f in rotation-20 rural-ageing-target; do
  if out=$(cd "$tmp/copies" && "$exe" validate "$f.yaml" 2>&1); then
    pass "a copy of $f validates in another folder"
  else
    fail "a copy of $f validates in another folder" "$out"
  fi
done

# the built-in baseline by name on the command line, in validate, run and solve
if out=$(cd "$tmp/copies" && "$exe" validate xiangtan-baseline rotation-20.yaml 2>&1) &&
   printf '%s\n' "$out" | grep -q '^ok  xiangtan-baseline: xiangtan-baseline, 5 regions'; then
  pass "validate xiangtan-baseline is the built-in baseline"
else
  fail "validate xiangtan-baseline is the built-in baseline" "$out"
fi
if out=$(cd "$tmp/copies" && "$exe" run xiangtan-baseline rotation-20.yaml -r 2 -q -o two.h5 2>&1) &&
   [ -s "$tmp/copies/two.h5" ]; then
  pass "run xiangtan-baseline b.yaml runs the built-in baseline and b"
else
  fail "run xiangtan-baseline b.yaml runs the built-in baseline and b" "$out"
fi
out=$(cd "$tmp/copies" && "$exe" solve xiangtan-baseline --vary targeted_intake.provincial --range 0:1 \
  --target all_counties_pass_by_2025 -r 2 -q 2>&1)
if [ $? -le 1 ] && printf '%s\n' "$out" | grep -q 'targeted_intake.provincial'; then
  pass "solve xiangtan-baseline searches the built-in baseline"
else
  fail "solve xiangtan-baseline searches the built-in baseline" "$out"
fi
# a file of exactly the built-in name in the current folder is ambiguous: refused, and ./NAME is the file
mkdir -p "$tmp/same-name"
sed 's/^name: .*/name: local-copy/' "$src/scenarios/rotation-20.yaml" >"$tmp/same-name/xiangtan-baseline"
out=$(cd "$tmp/same-name" && "$exe" validate xiangtan-baseline 2>&1)
if [ $? -eq 2 ] && printf '%s\n' "$out" | grep -q 'write ./xiangtan-baseline for the file'; then
  pass "a file named like the built-in baseline is refused as ambiguous"
else
  fail "a file named like the built-in baseline is refused as ambiguous" "$out"
fi
if out=$(cd "$tmp/same-name" && "$exe" validate ./xiangtan-baseline 2>&1) && printf '%s\n' "$out" | grep -q 'local-copy'; then
  pass "./xiangtan-baseline names the file"
else
  fail "./xiangtan-baseline names the file" "$out"
fi

# the library's errors: a missing parent names the child's line
printf 'name: orphan\nextends: missing.yaml\n' >"$tmp/orphan.yaml"
out=$("$exe" validate "$tmp/orphan.yaml" 2>&1)
if [ $? -eq 2 ] && [ "$out" = "teachsim: $tmp/orphan.yaml:2:10: extends: $tmp/missing.yaml: cannot open scenario file: No such file or directory" ]; then
  pass "missing parent is exit 2 with the child's line"
else
  fail "missing parent is exit 2 with the child's line" "$out"
fi

echo "cli_library: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
