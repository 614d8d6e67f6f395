#!/usr/bin/env bash
# End-to-end tests of the `teachsim` command line: broken scenarios, refusing
# to clobber, output streams, unwritable destinations, Ctrl-C, reproducibility
# across thread counts, several scenarios in one file, the xarray view of the
# file, `summary`, and usage errors.
#   bash tests/cli_run.sh <path-to-teachsim-binary> <source-dir>
# Prints "PASS name" / "FAIL name: why" per case (with the program's output
# under a failure), then "cli_run: N passed, M failed"; exits 1 if any failed.
# Uses $TS_PYTHON (Debian's /usr/bin/python3 with h5py, xarray, netCDF4).
set -u
exe=${1:?usage: cli_run.sh <teachsim binary> <source dir>}
src=${2:?usage: cli_run.sh <teachsim binary> <source dir>}
py=${TS_PYTHON:-/usr/bin/python3}
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
baseline=$src/scenarios/xiangtan-baseline.yaml
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
export LC_ALL=C.UTF-8

n_pass=0
n_fail=0
root=$(mktemp -d "${TMPDIR:-/tmp}/cli_run.XXXXXX") || { echo "cli_run: 0 passed, 1 failed"; exit 1; }
bg_pid=
cleanup() {
    [ -n "$bg_pid" ] && kill -KILL -- "-$bg_pid" 2>/dev/null # its own process group (set -m)
    rm -rf "$root"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -x "$exe" ] || [ ! -r "$baseline" ]; then
    echo "FAIL setup: $exe is not executable or $baseline is missing"
    echo "cli_run: 0 passed, 1 failed"
    exit 1
fi
have_h5py=0
"$py" -c 'import h5py, numpy' 2>/dev/null && have_h5py=1
have_xarray=0
"$py" -c 'import xarray, netCDF4' 2>/dev/null && have_xarray=1

# ---- harness ----------------------------------------------------------------
# A case: start NAME; any number of `check WHY CMD...` (each failing CMD adds
# WHY to the case's problems); finish. Each case runs in a fresh temp folder.
case_name=
problems=()
start() {
    case_name=$1
    problems=()
    cd "$(mktemp -d "$root/case.XXXXXX")" || exit 1
}
check() {
    local why=$1
    shift
    "$@" || problems+=("$why")
}
skip() { # skip WHY: counted as a pass, with a note
    echo "PASS $case_name (SKIP: $1)"
    n_pass=$((n_pass + 1))
    cd "$root" || exit 1
}
finish() {
    if [ ${#problems[@]} -eq 0 ]; then
        echo "PASS $case_name"
        n_pass=$((n_pass + 1))
    else
        local why
        why=$(printf '%s; ' "${problems[@]}")
        echo "FAIL $case_name: ${why%; }"
        for f in out err; do
            [ -s $f ] && sed -n '1,12s/^/    '$f'| /p' $f
        done
        n_fail=$((n_fail + 1))
    fi
    cd "$root" || exit 1
}

# ts ARGS...: run teachsim with stdout in ./out, stderr in ./err (neither a
# terminal), stdin from /dev/null; the exit code in $rc. A hang fails after 90 s.
ts() {
    timeout -k 5 90 "$exe" "$@" >out 2>err </dev/null
    rc=$?
}
rc_is() { [ "$rc" = "$1" ]; }
has() { grep -qF -- "$2" "$1"; }            # has FILE FRAGMENT
has_re() { grep -qE -- "$2" "$1"; }         # has_re FILE ERE
lacks() { ! grep -qF -- "$2" "$1"; }
has_i() { grep -qiF -- "$2" "$1"; }        # case-insensitive
count_is() { [ "$(grep -c -- "$2" "$1")" = "$3" ]; } # count_is FILE RE N: N lines match
not() { ! "$@"; }
empty_dir() { [ -d "$1" ] && [ -z "$(ls -A "$1")" ]; }
empty() { [ ! -s "$1" ]; }
same() { cmp -s "$1" "$2"; }
exists() { [ -f "$1" ]; }
absent() { [ ! -e "$1" ] && [ ! -L "$1" ]; }
no_tmp() { # no_tmp DIR: no temporary results file left behind
    [ -z "$(find "${1:-.}" -maxdepth 1 -name '*.tmp*' -print -quit)" ]
}
stderr_one_line() { [ "$(wc -l <err)" -eq 1 ] && ! grep -q $'\r' err; }
py() { "$py" - "$@" >pyout 2>&1; }         # py ARGS... <<'PY' script PY
pyout() { tail -n 2 pyout | tr '\n' ' '; } # the assertion's message is last

line_of() { grep -n -m1 -F -- "$2" "$1" | cut -d: -f1; } # line_of FILE TEXT

# A scenario with a short horizon (2021-2025) and another name.
short_scenario() { # short_scenario NAME [EXTRA-YAML]
    sed -e "s/^name: .*/name: $1/" -e 's/^  end_year: 2035/  end_year: 2025/' "$baseline"
    if [ $# -ge 2 ]; then printf '%s\n' "$2"; fi
}

# ---- 1. broken scenarios ------------------------------------------------------
# bad_case FILE LINE FRAGMENT... : FILE holds the broken scenario; LINE is
# the line the message must point to ("" when it has none); every FRAGMENT must
# appear in the message (the file name is always required).
bad_case() {
    local file=$1 line=$2
    shift 2
    printf 'precious results: not to be touched\n' >out.h5
    cp out.h5 saved.h5
    local force msgs=()
    for force in "" --force; do
        ts run "$file" -o out.h5 -r 4 --quiet $force
        check "run${force:+ $force}: exit $rc, expected 2" rc_is 2
        check "run${force:+ $force}: stderr lacks the file name '$file'" has err "$file"
        [ -n "$line" ] && check "run${force:+ $force}: stderr lacks ':$line:'" has err "$file:$line:"
        local frag
        for frag in "$@"; do
            check "run${force:+ $force}: stderr lacks '$frag'" has err "$frag"
        done
        check "run${force:+ $force}: stdout not empty" empty out
        check "run${force:+ $force}: out.h5 changed" same out.h5 saved.h5
        check "run${force:+ $force}: a temporary file was left" no_tmp .
        msgs+=("$(cat err)")
    done
    ts validate "$file"
    check "validate: exit $rc, expected 2" rc_is 2
    check "validate: message differs from run's" [ "$(cat err)" = "${msgs[0]}" ]
    check "validate: stdout not empty" empty out
    # A bad scenario after a good one: nothing is written either.
    ts run "$baseline" "$file" -o new.h5 -r 4 --quiet
    check "run GOOD BAD: exit $rc, expected 2" rc_is 2
    check "run GOOD BAD: stderr lacks '$file'" has err "$file"
    check "run GOOD BAD: new.h5 was created" absent new.h5
    check "run GOOD BAD: a temporary file was left" no_tmp .
}

case_bad_unknown_key() {
    start "bad-scenario/unknown-key"
    sed 's/^  end_year: 2035.*/&\n  bogus_key: 3/' "$baseline" >unknown-key.yaml
    bad_case unknown-key.yaml "$(line_of unknown-key.yaml bogus_key)" "horizon.bogus_key" "unknown"
    finish
}

case_bad_type() {
    start "bad-scenario/wrong-type"
    sed 's/^  start_year: 2021/  start_year: twenty/' "$baseline" >wrong-type.yaml
    bad_case wrong-type.yaml "$(line_of wrong-type.yaml twenty)" "horizon.start_year" "twenty"
    finish
}

case_bad_rate() {
    start "bad-scenario/rate-above-1"
    { cat "$baseline"; printf 'leaving:\n  rural_transfer_share: 1.5\n'; } >rate.yaml
    bad_case rate.yaml "$(line_of rate.yaml 'rural_transfer_share: 1.5')" "leaving.rural_transfer_share" "1.5"
    finish
}

case_bad_negative() {
    start "bad-scenario/negative-count"
    # the second region (xiangxiang), so the index in the key path is checked
    awk '/pupils_junior:/ && ++n == 2 { sub(/pupils_junior: .*/, "pupils_junior: -5") } { print }' \
        "$baseline" >negative.yaml
    bad_case negative.yaml "$(line_of negative.yaml 'pupils_junior: -5')" \
        "population.regions[1].pupils_junior" "-5"
    finish
}

case_bad_end_year() {
    start "bad-scenario/end-before-start"
    sed 's/^  end_year: 2035/  end_year: 2019/' "$baseline" >end-year.yaml
    bad_case end-year.yaml "$(line_of end-year.yaml 'end_year: 2019')" "horizon.end_year" "2019"
    finish
}

case_bad_missing() {
    start "bad-scenario/missing-file"
    bad_case no-such-scenario.yaml "" "No such file"
    finish
}

case_bad_binary() {
    start "bad-scenario/binary-junk"
    printf '\211HDF\r\n\032\n\000\001\377\376junk' >junk.yaml
    bad_case junk.yaml "" "YAML"
    finish
}

case_bad_unbalanced() {
    start "bad-scenario/unbalanced-brackets"
    printf 'name: [a, b\nhorizon: {start_year: 2021\n' >unbalanced.yaml
    bad_case unbalanced.yaml "" "YAML"
    check "message has no line number" has_re err 'unbalanced\.yaml:[0-9]+:'
    finish
}

case_bad_colons() {
    start "bad-scenario/colons"
    printf ': : :\n' >colons.yaml
    bad_case colons.yaml "" "YAML"
    finish
}

case_bad_empty() {
    start "bad-scenario/empty-file"
    : >empty.yaml
    bad_case empty.yaml ""
    finish
}

case_bad_list_length() {
    start "bad-scenario/list-wrong-length"
    sed 's/school_locality_share: \[0.05, 0.30, 0.65\]/school_locality_share: [0.05, 0.95]/' \
        "$baseline" >short-list.yaml
    bad_case short-list.yaml "$(line_of short-list.yaml '[0.05, 0.95]')" \
        "population.regions[0].school_locality_share" "3"
    check "message does not give the found length 2" has_re err 'found[^0-9]*2'
    finish
}

case_bad_list_length_top() {
    start "bad-scenario/list-too-long"
    { cat "$baseline"; printf 'staffing:\n  pupils_per_staff: [19.0, 13.5, 12.0]\n'; } >long-list.yaml
    bad_case long-list.yaml "$(line_of long-list.yaml '[19.0, 13.5, 12.0]')" "staffing.pupils_per_staff"
    check "message does not give the found length 3" has_re err 'found[^0-9]*3'
    finish
}

# ---- 2. refusing to clobber ---------------------------------------------------
case_force() {
    start "run/quiet-and-force"
    ts run -r 5 -o x.h5 --quiet
    check "first run: exit $rc, expected 0" rc_is 0
    check "first run: x.h5 not written" exists x.h5
    check "first run --quiet: stdout not empty" empty out
    check "first run --quiet: stderr not empty" empty err
    check "first run: a temporary file was left" no_tmp .
    cp -p x.h5 saved.h5
    local before after
    before=$(stat -c '%i %y %s' x.h5)
    sleep 0.05
    ts run -r 5 -o x.h5 --quiet
    after=$(stat -c '%i %y %s' x.h5)
    check "second run without --force: exit $rc, expected 2" rc_is 2
    check "second run: message does not mention --force" has err "--force"
    check "second run: message does not name x.h5" has err "x.h5"
    check "second run: x.h5 changed" same x.h5 saved.h5
    check "second run: x.h5 inode/mtime changed ($before -> $after)" [ "$before" = "$after" ]
    check "second run: a temporary file was left" no_tmp .
    ts run -r 5 --seed 99 -o x.h5 --quiet --force
    check "run --force: exit $rc, expected 0" rc_is 0
    check "run --force: stdout/stderr not empty" empty out
    check "run --force: stderr not empty" empty err
    check "run --force: a temporary file was left" no_tmp .
    check "run --force: x.h5 not replaced" not same x.h5 saved.h5
    if [ $have_h5py = 1 ]; then
        py x.h5 <<'PY'
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    assert f.attrs["base_seed"] == 99, f.attrs["base_seed"]
    assert "--force" in f.attrs["command_line"], f.attrs["command_line"]
PY
        st=$?
        check "run --force: replaced file has not seed 99/--force: $(pyout)" [ $st = 0 ]
    fi
    finish
}

# ---- 3. output streams when not on a terminal -----------------------------------
case_streams() {
    start "run/streams-not-a-terminal"
    ts run -r 5 -o y.h5
    check "exit $rc, expected 0" rc_is 0
    check "stderr is not exactly one line (no progress bar)" stderr_one_line
    check "stderr lacks 'replications'" has err "replications"
    check "stderr lacks the output path y.h5" has err "y.h5"
    check "stdout lacks 'mean'" has out "mean"
    check "stdout lacks '5%'" has out "5%"
    check "stdout lacks '95%'" has out "95%"
    check "stdout has no row for 2021" has_re out '^ *2021 '
    check "stdout has no row for 2035" has_re out '^ *2035 '
    check "stdout lacks the teachers table" has out "teachers"
    finish
}

# ---- 4. unwritable destinations ------------------------------------------------
case_unwritable() {
    start "run/unwritable-destination"
    ts run -r 4 -o /nonexistent-dir/x.h5 --quiet
    check "missing folder: exit $rc, expected 1" rc_is 1
    check "missing folder: message does not name /nonexistent-dir/x.h5" has err "/nonexistent-dir/x.h5"
    check "missing folder: /nonexistent-dir was created" absent /nonexistent-dir
    check "missing folder: something was created here" [ -z "$(find . -mindepth 1 ! -name out ! -name err -print -quit)" ]
    echo "a file" >afile
    ts run -r 4 -o afile/x.h5 --quiet
    check "parent is a file: exit $rc, expected 1" rc_is 1
    check "parent is a file: message does not name afile/x.h5" has err "afile/x.h5"
    mkdir adir
    ts run -r 4 -o adir --force --quiet
    check "destination is a folder (--force): exit $rc, expected 1" rc_is 1
    check "destination is a folder: message does not name adir" has err "adir"
    check "destination is a folder: adir is no longer an empty folder" empty_dir adir
    check "destination is a folder: a temporary file was left" no_tmp .
    finish

    start "run/read-only-folder"
    if [ "$(id -u)" = 0 ]; then
        skip "running as root, permissions do not apply"
    else
        mkdir ro
        chmod 555 ro
        ts run -r 4 -o ro/x.h5 --quiet
        check "exit $rc, expected 1" rc_is 1
        check "message does not name ro/x.h5" has err "ro/x.h5"
        check "something was created in ro/" empty_dir ro
        chmod 755 ro
        finish
    fi
}

# ---- 5. Ctrl-C ---------------------------------------------------------------------
# interrupt OUTPUT [ARGS...]: start a long run in the background, SIGINT it
# after ~1 s, wait (at most 30 s); sets $rc and $was_running.
interrupt() {
    local output=$1
    shift
    # Job control on: the background job does not inherit an ignored SIGINT,
    # and runs in its own process group, which a hang is killed with.
    set -m
    "$exe" run -r 5000 -o "$output" --quiet "$@" >out 2>err </dev/null &
    bg_pid=$!
    set +m
    sleep 1
    was_running=0
    kill -0 "$bg_pid" 2>/dev/null && was_running=1
    kill -INT "$bg_pid" 2>/dev/null
    local i
    for ((i = 0; i < 300; i++)); do
        kill -0 "$bg_pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$bg_pid" 2>/dev/null; then
        kill -KILL -- "-$bg_pid" 2>/dev/null
        wait "$bg_pid" 2>/dev/null
        rc=timeout
    else
        wait "$bg_pid"
        rc=$?
    fi
    bg_pid=
}

case_interrupt() {
    start "run/ctrl-c"
    interrupt big.h5
    check "the run finished within 1 s, nothing was interrupted" [ $was_running = 1 ]
    check "exit $rc after SIGINT, expected 130 (within 30 s)" rc_is 130
    check "big.h5 exists after the interrupt" absent big.h5
    check "a temporary file was left" no_tmp .
    check "stdout not empty" empty out
    finish

    start "run/ctrl-c-with-force"
    printf 'previous results\n' >big.h5
    cp big.h5 saved.h5
    interrupt big.h5 --force
    check "the run finished within 1 s, nothing was interrupted" [ $was_running = 1 ]
    check "exit $rc after SIGINT, expected 130 (within 30 s)" rc_is 130
    check "big.h5 changed by the interrupted run" same big.h5 saved.h5
    check "a temporary file was left" no_tmp .
    finish
}

# ---- 6. reproducibility -----------------------------------------------------------
case_reproducible() {
    start "run/same-seed-any-threads"
    ts run -r 8 -j 1 --seed 7 -o a.h5 --quiet
    check "-j 1: exit $rc" rc_is 0
    ts run -r 8 -j 2 --seed 7 -o b.h5 --quiet
    check "-j 2: exit $rc" rc_is 0
    ts run -r 8 -j 2 --seed 8 -o c.h5 --quiet
    check "--seed 8: exit $rc" rc_is 0
    if [ $have_h5py = 1 ]; then
        py a.h5 b.h5 c.h5 <<'PY'
import sys, h5py, numpy as np
def datasets(path):
    out = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda n, o: out.__setitem__(n, (o.dtype.str, o.shape, o[()])) if isinstance(o, h5py.Dataset) else None)
    return out
a, b, c = (datasets(p) for p in sys.argv[1:4])
assert sorted(a) == sorted(b), f"dataset names differ: {sorted(set(a) ^ set(b))}"
bad = [n for n in a if a[n][:2] != b[n][:2] or
       (a[n][2].tobytes() != b[n][2].tobytes() if a[n][2].dtype != object else list(a[n][2].ravel()) != list(b[n][2].ravel()))]
assert not bad, f"-j 1 and -j 2 differ in {bad}"
assert "teachers" in a and a["teachers"][2].size > 0, "no teachers data"
assert a["teachers"][2].tobytes() != c["teachers"][2].tobytes(), "seed 7 and seed 8 give identical teachers"
print(f"{len(a)} datasets equal")
PY
        st=$?
        check "h5py: $(pyout)" [ $st = 0 ]
    fi
    if command -v h5diff >/dev/null && command -v h5ls >/dev/null; then
        local names n bad=""
        names=$(h5ls a.h5 | awk '$2 == "Dataset" { print $1 }')
        check "h5ls lists no teachers dataset" grep -qx teachers <<<"$names"
        for n in $names; do
            h5diff a.h5 b.h5 "/$n" "/$n" >/dev/null 2>&1 || bad+=" $n"
        done
        check "h5diff: -j 1 and -j 2 differ in:$bad" [ -z "$bad" ]
        h5diff -q a.h5 c.h5 /teachers /teachers >/dev/null 2>&1
        check "h5diff: seeds 7 and 8 give the same /teachers" [ $? = 1 ]
    fi
    finish
}

# ---- 7. several scenarios -------------------------------------------------------------
case_two_scenarios() {
    start "run/two-scenarios"
    short_scenario xiangtan-baseline >base.yaml
    short_scenario alt-rural-transfer $'leaving:\n  rural_transfer_share: 0.9' >alt.yaml
    ts run base.yaml alt.yaml -r 4 -o two.h5 --quiet
    check "exit $rc, expected 0" rc_is 0
    if [ $have_h5py = 1 ]; then
        py two.h5 <<'PY'
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    names = [s.decode() if isinstance(s, bytes) else s for s in f["scenario"][()]]
    assert names == ["xiangtan-baseline", "alt-rural-transfer"], f"scenario = {names}"
    years = list(f["year"][()])
    assert years == list(range(2021, 2026)), f"year = {years}"
    t = f["teachers"]
    assert t.shape == (2, 4, 5, 6), f"teachers shape {t.shape}"
    tr = f["transfers_to_urban"][()]
    assert tr[0].sum() != tr[1].sum(), "transfer share 0.5 and 0.9 give the same transfers_to_urban"
    yaml = f["scenario_yaml"][()]
    y1 = yaml[1].decode() if isinstance(yaml[1], bytes) else yaml[1]
    assert "0.9" in y1, "scenario_yaml[1] lacks the 0.9 transfer share"
print("ok")
PY
        st=$?
        check "h5py: $(pyout)" [ $st = 0 ]
    fi
    short_scenario xiangtan-baseline >same-name.yaml
    ts run base.yaml same-name.yaml -r 4 -o dup.h5 --quiet
    check "same names: exit $rc, expected 2" rc_is 2
    check "same names: message does not name xiangtan-baseline" has err "xiangtan-baseline"
    check "same names: dup.h5 was written" absent dup.h5
    check "same names: a temporary file was left" no_tmp .
    finish
}

# ---- 8. xarray ------------------------------------------------------------------------
case_xarray() {
    start "results/xarray"
    if [ $have_xarray = 0 ]; then
        skip "$py cannot import xarray and netCDF4"
        return
    fi
    ts run -r 4 -o r.h5 --quiet
    check "run: exit $rc" rc_is 0
    py r.h5 <<'PY'
import sys, xarray as xr
ds = xr.open_dataset(sys.argv[1], engine="netcdf4")
t = ds["teachers"]
assert t.dims == ("scenario", "replication", "year", "region"), f"teachers dims {t.dims}"
assert dict(ds.sizes) == {"scenario": 1, "replication": 4, "year": 15, "region": 6}, f"sizes {dict(ds.sizes)}"
assert str(ds.region.values[-1]) == "ALL", f"last region {ds.region.values[-1]!r}"
assert "湘潭县" in [str(v) for v in ds.region_name_zh.values], f"region_name_zh = {list(ds.region_name_zh.values)}"
for a in ("units", "long_name", "description"):
    assert isinstance(t.attrs.get(a), str) and t.attrs[a], f"teachers lacks attribute {a}"
assert int(ds.year.values[0]) == 2021 and int(ds.year.values[-1]) == 2035, f"years {ds.year.values}"
v = ds.vacancies.sel(region="ALL").quantile([0.05, 0.5, 0.95], dim="replication")
assert v.sizes["quantile"] == 3
print("ok")
PY
    st=$?
    check "xarray: $(pyout)" [ $st = 0 ]
    finish
}

# ---- names people use: regions by code or Chinese name, the built-in name, did you mean ----
case_names() {
    start "names"
    printf 'name: short\nextends: xiangtan-baseline\nhorizon: {end_year: 2025}\n' >short.yaml
    ts run short.yaml -r 2 -o r.h5 --quiet
    check "run: exit $rc" rc_is 0
    ts summary r.h5 --metric vacancies --region 湘潭县
    check "--region 湘潭县: exit $rc" rc_is 0
    check "--region 湘潭县: not the xiangtan_county table" has_i out "vacancies, xiangtan_county (posts)"
    ts summary r.h5 --metric vacancies --region 全部
    check "--region 全部: exit $rc" rc_is 0
    check "--region 全部: not the ALL table" has_i out "vacancies, ALL (posts)"
    ts summary r.h5 --region 湘潭
    check "--region 湘潭: exit $rc, expected 2" rc_is 2
    check "--region 湘潭: the valid names lack both forms" has err "xiangtan_county (湘潭县), xiangxiang (湘乡市)"
    check "--region 湘潭: the valid names lack ALL (全部)" has err "ALL (全部)"
    ts summary r.h5 --metric rural_vacancy
    check "--metric rural_vacancy: exit $rc, expected 2" rc_is 2
    check "--metric rural_vacancy: no suggestion" has err "(did you mean rural_vacancies?)"
    ts summary r.h5 --compare --metric rural_vacancy
    check "--compare --metric rural_vacancy: exit $rc, expected 2" rc_is 2
    # a target's region by its Chinese name is stored as the code
    printf 'name: zh\nextends: xiangtan-baseline\ntargets:\n  - name: a\n    indicator: qb_pass\n    region: 湘潭县\n    by_year: 2025\n    op: ">="\n    value: 1\n' >zh.yaml
    ts validate --resolved zh.yaml
    check "target region 湘潭县: exit $rc" rc_is 0
    check "target region 湘潭县: not stored as xiangtan_county" has out 'region: "xiangtan_county"'
    sed 's/region: 湘潭县/region: 湘潭/' zh.yaml >bad-region.yaml
    ts validate bad-region.yaml
    check "target region 湘潭: exit $rc, expected 2" rc_is 2
    check "target region 湘潭: not FILE:LINE:COL: key: expected" has err "bad-region.yaml:6:13: targets[0].region: expected ALL, each_county or a region code"
    check "target region 湘潭: the valid names lack both forms" has err "xiangtan_county (湘潭县)"
    sed 's/indicator: qb_pass/indicator: qb_passes/' zh.yaml >bad-indicator.yaml
    ts validate bad-indicator.yaml
    check "indicator qb_passes: exit $rc, expected 2" rc_is 2
    check "indicator qb_passes: no suggestion" has err "(did you mean qb_pass?)"
    printf 'name: typo\nextends: xiangtan-baseline\ntargeted_intake: {provinical: 800}\n' >typo.yaml
    ts validate typo.yaml
    check "key provinical: exit $rc, expected 2" rc_is 2
    check "key provinical: no suggestion" has err "unknown key (did you mean targeted_intake.provincial?)"
    # solve --vary: the nearest key, and a region by its Chinese name
    ts solve short.yaml --vary targeted_intake.provinical --range 0:1 --target all_counties_pass_by_2025 -r 2 -q
    check "--vary provinical: exit $rc, expected 2" rc_is 2
    check "--vary provinical: no suggestion" has err "not a scenario key (docs/scenario-reference.md) (did you mean targeted_intake.provincial?)"
    ts solve short.yaml --vary 'population.regions[韶山市].weak_share' --range 0:1 --step 1 --target all_counties_pass_by_2025 -r 2 -q
    check "--vary regions[韶山市]: exit $rc, expected 0 or 1" test "$rc" -le 1
    check "--vary regions[韶山市]: no answer line" has out "population.regions[韶山市].weak_share"
    ts solve short.yaml --vary 'population.regions[韶山].weak_share' --range 0:1 --target all_counties_pass_by_2025 -r 2 -q
    check "--vary regions[韶山]: exit $rc, expected 2" rc_is 2
    check "--vary regions[韶山]: the valid names lack both forms" has err "shaoshan (韶山市)"
    # the built-in baseline by name
    ts validate xiangtan-baseline
    check "validate xiangtan-baseline: exit $rc" rc_is 0
    check "validate xiangtan-baseline: not the built-in baseline" has out "ok  xiangtan-baseline: xiangtan-baseline,"
    # an indentation mistake gets a hint in plain words
    printf 'name: x\nhorizon:\n  start_year: 2021\n end_year: 2030\n' >indent.yaml
    ts validate indent.yaml
    check "indentation: exit $rc, expected 2" rc_is 2
    check "indentation: no hint" has err "indent.yaml:4:2: not a valid YAML scenario: did not find expected key (while parsing a block mapping at 1:1); check the indentation of line 4: a key must line up with the keys above it"
    # a tab after Chinese text (libyaml counts characters, not bytes) is still found
    sed 's/^enrolment:$/enrolment:\n\tentry_rate: 0.7/' "$baseline" >tab.yaml
    ts validate tab.yaml
    check "tab: exit $rc, expected 2" rc_is 2
    check "tab: no hint" has_re err "tab\.yaml:([0-9]+):1: .*; check line \\1 for a tab: YAML indents with spaces only"
    # a child's own region list replaces the parent's: validate notes it
    { printf 'name: few\nextends: xiangtan-baseline\npopulation:\n  regions:\n'
      awk '/- code: shaoshan/{p=1} /- code: yuhu/{p=0} p' "$baseline"; } >few.yaml
    ts validate few.yaml
    check "child regions: exit $rc" rc_is 0
    check "child regions: no note" has err "note: few.yaml:5:5: population.regions: this list replaces the regions of the scenario it extends (they are not merged); the scenario has 1 region: shaoshan"
    finish
}

# ---- 9. summary -----------------------------------------------------------------------
case_summary() {
    start "summary"
    ts run -r 4 -o r.h5 --quiet
    check "run: exit $rc" rc_is 0
    ts summary r.h5
    check "default: exit $rc" rc_is 0
    check "default: stdout lacks 'mean'" has out "mean"
    check "default: stdout lacks '95%'" has out "95%"
    check "default: stdout lacks the teachers table" has out "teachers"
    check "default: stdout lacks the vacancies table" has_i out "vacancies,"
    check "default: not the 8 default tables" count_is out "replications\$" 8
    check "default: no row for 2035" has_re out '^ *2035 '
    check "default: stderr not empty" empty err
    ts summary r.h5 --metric vacancies --region yuhu
    check "--metric vacancies --region yuhu: exit $rc" rc_is 0
    check "--metric vacancies --region yuhu: stdout lacks 'yuhu'" has out "yuhu"
    check "--metric vacancies --region yuhu: stdout lacks 'vacancies'" has_i out "vacancies"
    check "--metric vacancies --region yuhu: not exactly one table" count_is out "replications\$" 1
    check "--metric vacancies --region yuhu: prints other metrics" lacks out "(teachers)"
    check "--metric vacancies --region yuhu: prints ALL" lacks out "ALL"
    ts summary r.h5 --metric no_such_metric
    check "unknown metric: exit $rc, expected 2" rc_is 2
    check "unknown metric: message does not name it" has err "no_such_metric"
    check "unknown metric: no list of known metrics" has err "teachers"
    check "unknown metric: list lacks vacancies" has err "vacancies"
    check "unknown metric: list lacks pupil_teacher_ratio" has err "pupil_teacher_ratio"
    ts summary r.h5 --region atlantis
    check "unknown region: exit $rc, expected 2" rc_is 2
    check "unknown region: message does not name it" has err "atlantis"
    ts summary r.h5 --scenario nosuch
    check "unknown scenario: exit $rc, expected 2" rc_is 2
    check "unknown scenario: message does not name it" has err "nosuch"
    ts summary missing.h5
    check "missing file: exit $rc, expected 2" rc_is 2
    check "missing file: message does not name missing.h5" has err "missing.h5"
    ts summary
    check "no file: exit $rc, expected 2" rc_is 2
    printf 'not hdf5 at all\n' >text.h5
    ts summary text.h5
    check "text file: exit $rc, expected 2" rc_is 2
    check "text file: message does not name text.h5" has err "text.h5"
    if [ $have_h5py = 1 ]; then
        "$py" -c 'import sys, h5py; f = h5py.File(sys.argv[1], "w"); f["teachers"] = [1, 2, 3]; f.close()' other.h5
        ts summary other.h5
        check "foreign HDF5 file: exit $rc, expected 2" rc_is 2
        check "foreign HDF5 file: message does not name other.h5" has err "other.h5"
    fi
    finish
}

# ---- 10. help, version, usage errors ---------------------------------------------------------
case_usage() {
    start "usage/help-and-version"
    ts run --help
    check "run --help: exit $rc" rc_is 0
    local opt
    for opt in --output --replications --threads --shards --seed --force --quiet; do
        check "run --help lacks $opt" has out "$opt"
    done
    ts validate --help
    check "validate --help: exit $rc" rc_is 0
    check "validate --help lacks SCENARIO" has out "SCENARIO"
    ts summary --help
    check "summary --help: exit $rc" rc_is 0
    for opt in --metric --region --scenario; do
        check "summary --help lacks $opt" has out "$opt"
    done
    ts --help
    check "--help: exit $rc" rc_is 0
    check "--help lacks the commands" has out "validate"
    ts --version
    check "--version: exit $rc" rc_is 0
    check "--version prints no version" has_re out '^teachsim [0-9]+\.[0-9]+'
    finish

    start "usage/errors"
    local args
    while IFS= read -r args; do
        # shellcheck disable=SC2086  # word splitting intended
        ts $args
        check "'$args': exit $rc, expected 2" rc_is 2
        check "'$args': no message on stderr" [ -s err ]
        check "'$args': stdout not empty" empty out
    done <<'EOF'
frobnicate
run -r 0
run -r abc
run -j 0
run --seed -1
run --seed 4294967296
run --no-such-option
validate
summary
EOF
    check "a usage error wrote results.h5" absent results.h5
    ts
    check "no command: exit $rc, expected 2" rc_is 2
    ts validate "$baseline"
    check "validate baseline: exit $rc, expected 0" rc_is 0
    check "validate baseline: stdout lacks 'ok'" has_re out '^ok'
    check "validate baseline: stdout lacks the scenario name" has out "xiangtan-baseline"
    check "validate baseline: stderr not empty" empty err
    finish
}

started=$SECONDS
case_bad_unknown_key
case_bad_type
case_bad_rate
case_bad_negative
case_bad_end_year
case_bad_missing
case_bad_binary
case_bad_unbalanced
case_bad_colons
case_bad_empty
case_bad_list_length
case_bad_list_length_top
case_force
case_streams
case_unwritable
case_interrupt
case_reproducible
case_two_scenarios
case_xarray
case_summary
case_names
case_usage
echo "($((SECONDS - started)) s)"
echo "cli_run: $n_pass passed, $n_fail failed"
[ "$n_fail" -eq 0 ]
