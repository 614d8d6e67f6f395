#!/usr/bin/env bash
# Every Python and R snippet of the documentation runs as written.
#   bash tests/cli_snippets.sh <path-to-teachsim-binary> <source-dir>
#
# Takes each fenced block whose info string starts with `python` or `r` from README.md,
# analysis/README.md and docs/*.md and runs it on a real small run. The convention the snippets
# follow: they read `results.h5` from the current folder, which holds the baseline and the
# scenarios no-rotation, uncertain-attrition and rural-ageing-target (20 replications, so the
# file has the comparison/, targets/ and parameters/ groups), and each block stands alone (its
# own imports, its own open_dataset), so a reader can paste any one of them. The repository root
# is on PYTHONPATH, as for a notebook started there. A block that is not meant to run is marked
# in its info string (```python no-run); it is counted, not run. Prints
# "snippets: N passed, M failed (K not run)" last; exits non-zero when any block failed.
# Uses $TS_PYTHON (Debian's /usr/bin/python3 by default) and Rscript.
set -u
exe=${1:?usage: cli_snippets.sh <teachsim binary> <source dir>}
src=${2:?usage: cli_snippets.sh <teachsim binary> <source dir>}
py=${TS_PYTHON:-/usr/bin/python3}

case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
src=$(cd "$src" && pwd) || { echo "snippets: 0 passed, 1 failed (0 not run)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! (cd "$work" && "$exe" run -r 20 -q -o results.h5 "$src/scenarios/xiangtan-baseline.yaml" \
    "$src/scenarios/no-rotation.yaml" "$src/scenarios/uncertain-attrition.yaml" \
    "$src/scenarios/rural-ageing-target.yaml"); then
    echo "teachsim run failed"
    echo "snippets: 0 passed, 1 failed (0 not run)"
    exit 1
fi

cd "$work" && PYTHONPATH=$src MPLBACKEND=Agg TS_SRC=$src "$py" - <<'PY'
import glob
import os
import re
import shutil
import subprocess
import sys

src = os.environ["TS_SRC"]
pages = [os.path.join(src, "README.md"), os.path.join(src, "analysis", "README.md")]
pages += sorted(glob.glob(os.path.join(src, "docs", "*.md")))
fence = re.compile(r"^(```+)\s*(\S*)\s*(.*)$")
runners = {"python": [sys.executable, "-"], "r": ["Rscript", "-"]}

blocks = []  # (page, line, language, flags, code)
for page in pages:
    with open(page, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        m = fence.match(lines[i])
        if not m:
            i += 1
            continue
        ticks, lang, flags = m.group(1), m.group(2).lower(), m.group(3).split()
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == ticks), len(lines))
        if lang in runners:
            blocks.append((os.path.relpath(page, src), i + 1, lang, flags, "\n".join(lines[i + 1:end]) + "\n"))
        i = end + 1

passed = failed = not_run = 0
for page, line, lang, flags, code in blocks:
    where = f"{page}:{line} ({lang})"
    if "no-run" in flags:
        not_run += 1
        print(f"not run  {where}")
        continue
    cmd = runners[lang]
    if not shutil.which(cmd[0]):
        failed += 1
        print(f"FAILED   {where}: {cmd[0]} is not installed (scripts/setup.sh installs it)")
        continue
    try:
        p = subprocess.run(cmd, input=code, capture_output=True, text=True, timeout=300)
        ok, out = p.returncode == 0, p.stdout + p.stderr
    except subprocess.TimeoutExpired:
        ok, out = False, "timed out after 300 s"
    if ok:
        passed += 1
        print(f"ok       {where}")
    else:
        failed += 1
        print(f"FAILED   {where}\n--- code\n{code}--- output\n{out[-3000:]}")
print(f"snippets: {passed} passed, {failed} failed ({not_run} not run)")
sys.exit(1 if failed or not blocks else 0)
PY
