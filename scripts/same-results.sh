#!/usr/bin/env bash
# Does an optimisation change a result? Build a reference commit in a
# temporary worktree, run every scenario of scenarios/ plus edge cases with
# both builds (same seed, same replications), and compare every numeric
# dataset of the two results files bit for bit. The digest test
# (tests/test_digest.c) guards one small run in CI; this is the wider check
# to run before committing an optimisation.
#
# Usage: bash scripts/same-results.sh [REF] [REPLICATIONS]   (default: HEAD~1, 10)
# Exit status: 0 all identical, 1 a difference (named), 2 a build or run failed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ref=${1:-HEAD~1} reps=${2:-10}
py=/usr/bin/python3
work=$(mktemp -d)
cleanup() { git -C "$here" worktree remove --force "$work/ref" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

"$here/scripts/setup.sh" "$here/build" >/dev/null 2>&1 || { echo "same-results: building the working tree failed" >&2; exit 2; }
git -C "$here" worktree add --detach "$work/ref" "$ref" >/dev/null 2>&1 || { echo "same-results: no commit $ref" >&2; exit 2; }
(cmake -S "$work/ref" -B "$work/ref/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTS_BUILD_TESTS=OFF >/dev/null &&
  cmake --build "$work/ref/build" -j"$(nproc)" --target teachsim >/dev/null) || { echo "same-results: building $ref failed" >&2; exit 2; }

# edge cases the library does not cover: every switch the optimised steps branch on
cat >"$work/edge-switches.yaml" <<YAML
name: edge-switches
extends: $here/scenarios/xiangtan-baseline.yaml
rotation: {urban_to_rural: false, rate: 0.3}
posting: {rural_weak_first: false, out_of_field: false}
YAML
# rotation switched off while stints run, and on again: the rotation step's
# pass with rotation off still ends stints and counts the eligible
cat >"$work/edge-rotation-off-mid-run.yaml" <<YAML
name: edge-rotation-off-mid-run
extends: $here/scenarios/xiangtan-baseline.yaml
rotation: {enabled: {2021: true, 2025: false, 2031: true}, rate: 0.2}
YAML
status=0
for f in "$here"/scenarios/*.yaml "$work/edge-switches.yaml" "$work/edge-rotation-off-mid-run.yaml"; do
  name=$(basename "$f" .yaml)
  for side in ref new; do
    bin=$([ $side = ref ] && echo "$work/ref/build/teachsim" || echo "$here/build/teachsim")
    (cd "$(dirname "$f")" && "$bin" run "$f" -r "$reps" --seed 11 -q -o "$work/$name.$side.h5") ||
      { echo "same-results: $name failed to run ($side)" >&2; exit 2; }
  done
  "$py" - "$work/$name.ref.h5" "$work/$name.new.h5" "$name" <<'PY' || status=1
import sys
import h5py
import numpy as np

a, b, name = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r"), sys.argv[3]
differ = []

def numeric(f):
    """Paths of the numeric datasets of a file."""
    paths = []
    f.visititems(lambda path, obj: paths.append(path)
                 if isinstance(obj, h5py.Dataset) and obj.dtype.kind in "iuf" else None)
    return paths

# A dataset on one side only is a difference too: "(missing)" from the new
# file, "(new)" in it; those on both sides are compared bit for bit.
ref_paths, new_paths = numeric(a), numeric(b)
for path in ref_paths:
    if path not in b:
        differ.append(path + " (missing)")
        continue
    x, y = np.ascontiguousarray(a[path][()]), np.ascontiguousarray(b[path][()])
    if x.shape != y.shape or x.tobytes() != y.tobytes():
        differ.append(path)
differ += [path + " (new)" for path in new_paths if path not in a]
print(f"{name}: " + ("identical" if not differ else "DIFFER in " + ", ".join(differ)))
sys.exit(1 if differ else 0)
PY
done
exit $status
