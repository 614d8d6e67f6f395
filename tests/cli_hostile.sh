#!/usr/bin/env bash
# Hostile and broken input (issue 18): each case is one item of the issue,
# with its reproducing input under tests/hostile/ or made here, and each
# failed before its fix (a crash, a hang, exit 0 or a leftover file).
#   bash tests/cli_hostile.sh <path-to-teachsim-binary> <source-dir>
# Prints "PASS name" / "FAIL name: why" per case, then
# "cli_hostile: N passed, M failed"; exits 1 if any failed.
set -u
exe=${1:?usage: cli_hostile.sh <teachsim binary> <source dir>}
src=${2:?usage: cli_hostile.sh <teachsim binary> <source dir>}
py=${TS_PYTHON:-/usr/bin/python3}
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
hostile=$src/tests/hostile
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
export LC_ALL=C.UTF-8

n_pass=0
n_fail=0
root=$(mktemp -d "${TMPDIR:-/tmp}/cli_hostile.XXXXXX") || { echo "cli_hostile: 0 passed, 1 failed"; exit 1; }
trap 'rm -rf "$root"' EXIT
pass() { echo "PASS $1"; n_pass=$((n_pass + 1)); }
fail() {
    echo "FAIL $1: $2"
    [ -f "$root/err" ] && sed 's/^/    /' "$root/err" | head -n 20
    n_fail=$((n_fail + 1))
}
# expect NAME CODE PATTERN -- COMMAND...: exit CODE and PATTERN (grep -E) on stderr.
expect() {
    local name=$1 code=$2 pattern=$3
    shift 4
    "$@" >"$root/out" 2>"$root/err"
    local got=$?
    if [ "$got" != "$code" ]; then
        fail "$name" "exit $got, expected $code"
    elif ! grep -Eq -- "$pattern" "$root/err"; then
        fail "$name" "no /$pattern/ on stderr"
    else
        pass "$name"
    fi
}

# The tiny scenario (one region, one year) the cases run; its extends: is
# relative to tests/hostile/.
tiny=$hostile/tiny.yaml
"$exe" run "$tiny" -r 1 -o "$root/tiny.h5" >/dev/null 2>"$root/err" || fail setup "cannot run $tiny"

# 1. Totals over thousands of regions no longer wrap in 32 bits: refused at validation.
expect overflow_schools_validate 2 'population.regions: expected at most 1000000 schools in all regions together, found 4294967396' -- \
    "$exe" validate "$hostile/overflow_schools.yaml"
expect overflow_schools_run 2 'expected at most 1000000 schools' -- \
    timeout 60 "$exe" run "$hostile/overflow_schools.yaml" -r 1 -o "$root/o1.h5"
expect overflow_pupils_validate 2 'expected at most 20000000 pupils .* found 40000000000' -- \
    "$exe" validate "$hostile/overflow_pupils.yaml"

# 2. 300,000 keys in one mapping (4.4 MB): the duplicate check was quadratic (minutes).
"$py" - "$root/keys.yaml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("name: keys\nenrolment:\n  births:\n")
    for i in range(300000):
        f.write(f"    k{i}: 1\n")
    f.write("    k7: 2\n")
PY
expect many_keys_duplicate 2 'keys.yaml:300004:5: enrolment.births.k7: duplicate key \(first given at 11:5\)' -- \
    timeout 30 "$exe" validate "$root/keys.yaml"

# 3. A results file whose global heap (the region and scenario names, the
# root attributes) has a size changed: refused with a message, not a crash
# inside libhdf5. Every object's size in the first collection is damaged in
# turn (HDF5 1.10.8 crashed on these before the check).
"$py" - "$root/tiny.h5" "$root/heap" <<'PY'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
at = d.find(b"GCOL")
size = int.from_bytes(d[at + 8:at + 16], "little")
p, k = 16, 0
while p + 16 <= size and k < 8:
    obj = int.from_bytes(d[at + p + 8:at + p + 16], "little")
    if int.from_bytes(d[at + p:at + p + 2], "little") == 0:
        break
    e = bytearray(d)
    e[at + p + 8 + 1] ^= 0xFF  # the object's size, second byte
    open(f"{sys.argv[2]}{k}.h5", "wb").write(e)
    p += 16 + (obj + 7) // 8 * 8
    k += 1
e = bytearray(d)
e[at + 9] ^= 0xFF  # the collection's own size
open(f"{sys.argv[2]}{k}.h5", "wb").write(e)
PY
n_heap=0
for f in "$root"/heap*.h5; do
    "$exe" summary "$f" >/dev/null 2>"$root/err"
    code=$?
    if [ "$code" != 2 ]; then
        fail "damaged_heap $(basename "$f")" "exit $code, expected 2"
        n_heap=-1000
    fi
    n_heap=$((n_heap + 1))
done
[ "$n_heap" -gt 1 ] && pass "damaged_heap ($n_heap files)"

# 4. A teachers CSV of a header only (memcpy from NULL, found by UBSan).
mkdir -p "$root/roster"
"$exe" population export -o "$root/roster" "$tiny" >/dev/null 2>&1
head -n 1 "$root/roster/teachers.csv" >"$root/roster/none.csv"
printf 'name: empty-roster\nextends: %s\npopulation:\n  schools_csv: schools.csv\n  teachers_csv: none.csv\n' \
    "$tiny" >"$root/roster/empty.yaml"
expect roster_without_teachers 0 'wrote' -- "$exe" run "$root/roster/empty.yaml" -r 1 -o "$root/empty.h5"

# 5. A dead run's temporary file (SIGKILL) is removed by the next run of the
# same output; a live one (locked) and a fresh one are left alone.
mkdir -p "$root/tmp"
touch "$root/tmp/r.h5.tmp.Dead01" "$root/tmp/r.h5.tmp.Live01" "$root/tmp/r.h5.tmp.New001" "$root/tmp/other.h5.tmp.Dead02"
touch -d '5 minutes ago' "$root/tmp/r.h5.tmp.Dead01" "$root/tmp/r.h5.tmp.Live01" "$root/tmp/other.h5.tmp.Dead02"
"$py" -c '
import fcntl, os, sys, time
f = open(sys.argv[1], "r+")
fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 0)
open(sys.argv[2], "w").close()
time.sleep(30)' "$root/tmp/r.h5.tmp.Live01" "$root/tmp/locked" &
holder=$!
for _ in $(seq 50); do [ -f "$root/tmp/locked" ] && break; sleep 0.1; done
"$exe" run "$tiny" -r 1 -o "$root/tmp/r.h5" >/dev/null 2>"$root/err"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
if [ -e "$root/tmp/r.h5.tmp.Dead01" ]; then
    fail stale_temporary_removed "r.h5.tmp.Dead01 is still there"
elif ! grep -q 'removed .*r.h5.tmp.Dead01, the temporary file of a run that ended without finishing' "$root/err"; then
    fail stale_temporary_removed "no note of the removal"
else
    pass stale_temporary_removed
fi
if [ -e "$root/tmp/r.h5.tmp.Live01" ] && [ -e "$root/tmp/r.h5.tmp.New001" ] && [ -e "$root/tmp/other.h5.tmp.Dead02" ]; then
    pass live_fresh_and_other_temporaries_kept
else
    fail live_fresh_and_other_temporaries_kept "$(ls "$root/tmp")"
fi
# SIGHUP and SIGQUIT now stop a run like SIGINT: nothing is left.
for sig in HUP QUIT; do
    rm -rf "$root/sig" && mkdir -p "$root/sig"
    "$exe" run -r 2000 -o "$root/sig/s.h5" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 100); do ls "$root/sig"/s.h5.tmp.* >/dev/null 2>&1 && break; sleep 0.1; done
    kill -s "$sig" "$pid"
    wait "$pid"
    code=$?
    if [ "$code" = 130 ] && [ -z "$(ls -A "$root/sig")" ]; then
        pass "sig$sig"
    else
        fail "sig$sig" "exit $code, left: $(ls "$root/sig")"
    fi
done

# 6. Bad output paths are refused before any simulation.
mkdir -p "$root/folder"
expect output_folder_with_force 1 'found a folder' -- "$exe" run -r 1000 -o "$root/folder" --force
expect output_empty 2 'found an empty name' -- "$exe" run -r 1000 -o ""
long=$(printf 'a%.0s' $(seq 250)).h5
expect output_name_too_long 2 'expected a file name of at most 244 bytes' -- "$exe" run -r 1000 -o "$root/$long"
expect output_folder_missing 1 'cannot write results file: folder' -- "$exe" run -r 1000 -o "$root/none/x.h5"

# 7. Standard output that cannot be written is an error, for every verb.
if [ -w /dev/full ]; then
    expect stdout_full_summary 1 'cannot write standard output' -- sh -c "'$exe' summary '$root/tiny.h5' >/dev/full"
    expect stdout_full_validate 1 'cannot write standard output' -- sh -c "'$exe' validate '$tiny' >/dev/full"
    expect stdout_full_reference 1 'cannot write standard output' -- sh -c "'$exe' reference scenario >/dev/full"
fi

# 8. A FIFO as a roster or as the summary's input is refused, not waited on.
mkfifo "$root/roster/fifo.csv" "$root/fifo.h5"
sed 's/none.csv/fifo.csv/' "$root/roster/empty.yaml" >"$root/roster/fifo.yaml"
expect roster_fifo 2 'fifo.csv: cannot read the roster file: not a regular file \(a FIFO\)' -- \
    timeout 20 "$exe" validate "$root/roster/fifo.yaml"
expect summary_fifo 2 'not a results file but a FIFO' -- timeout 20 "$exe" summary "$root/fifo.h5"
expect summary_folder 2 'not a results file but a folder' -- "$exe" summary "$root/folder"

# 10. An indicator's dataset deleted: --metric says so (needs h5py to delete it).
if "$py" -c 'import h5py' 2>/dev/null; then
    cp "$root/tiny.h5" "$root/nodset.h5"
    "$py" -c 'import h5py, sys; f = h5py.File(sys.argv[1], "r+"); del f["vacancies"]; f.close()' "$root/nodset.h5"
    expect metric_dataset_deleted 2 'the file has no dataset vacancies' -- \
        "$exe" summary "$root/nodset.h5" --metric vacancies
fi

# 11. Messages. The row limit is shown even after a million bad rows (it was
# buried under "... and N more problems").
"$py" - "$root/roster" <<'PY'
import sys
d = sys.argv[1]
with open(f"{d}/schools.csv") as f:
    header = f.readline()
with open(f"{d}/many.csv", "w") as f:
    f.write(header)
    for i in range(1000001):
        f.write(f"S{i},shaoshan,,nowhere,rural,0,1,0,0,0,0,0,,,,\n")
PY
printf 'name: many\nextends: %s\npopulation:\n  schools_csv: many.csv\n  teachers_csv: none.csv\n' "$tiny" \
    >"$root/roster/many.yaml"
expect row_limit_shown 2 'many.csv:1000002: more than 1000000 schools \(the limit of a roster\): reading stopped here' -- \
    "$exe" validate "$root/roster/many.yaml"
# A byte order mark inside a field (two CSVs joined with cat) is refused.
{ head -n 2 "$root/roster/schools.csv"; printf '\xEF\xBB\xBF'; tail -n +3 "$root/roster/schools.csv"; } >"$root/roster/bom.csv"
printf 'name: bom\nextends: %s\npopulation:\n  schools_csv: bom.csv\n  teachers_csv: teachers.csv\n' "$tiny" \
    >"$root/roster/bom.yaml"
expect bom_inside_csv 2 'bom.csv:3: school_id: expected text, found a byte order mark' -- \
    "$exe" validate "$root/roster/bom.yaml"
expect replications_limit_stated 2 'from 1 to 100000000' -- "$exe" run -r 100000001 -o "$root/r.h5"
# extends: of a file that is not a scenario does not echo its text.
printf 'secret line one\nsecret line two\n' >"$root/notes.txt"
printf 'name: nosy\nextends: %s\n' "$root/notes.txt" >"$root/nosy.yaml"
"$exe" validate "$root/nosy.yaml" >/dev/null 2>"$root/err"
if grep -q secret "$root/err"; then
    fail extends_text_not_echoed "the parent's text is in the message"
elif grep -q 'expected a mapping of scenario keys, found a text of 31 bytes (not shown)' "$root/err"; then
    pass extends_text_not_echoed
else
    fail extends_text_not_echoed "unexpected message"
fi

# 12. The free-space check asks for about what the file takes (it needed
# 6x: 10 MB for a 1.7 MB file), and says how much when it refuses.
(
    ulimit -f 4096
    "$exe" run "$tiny" -r 1 -o "$root/small.h5" >/dev/null 2>"$root/err"
) && [ -s "$root/small.h5" ] && pass free_space_for_a_small_file || fail free_space_for_a_small_file "refused under 4 MiB"
(
    ulimit -f 300
    "$exe" run "$tiny" -r 1 -o "$root/small2.h5" >/dev/null 2>"$root/err"
)
grep -Eq 'File too large \(the file needs [0-9.]+ MB, [0-9.]+ MB of it written\)' "$root/err" &&
    pass free_space_says_how_much || fail free_space_says_how_much "no size in the message"

echo "cli_hostile: $n_pass passed, $n_fail failed"
[ "$n_fail" = 0 ]
