#!/usr/bin/env bash
# The variance figures of docs/comparison.md: how much common random numbers
# narrow a scenario comparison. Runs the baseline and no-rotation together
# (paired: replication r of both shares its random numbers teacher by
# teacher), then no-rotation alone twice more: with another seed (another
# synthetic start city and other streams: what a separate run gives) and with
# the same seed but replications R..2R-1 (the same city, independent
# streams). Prints, for each indicator and year, the standard error of the
# mean difference for ALL under each design.
#   bash scripts/variance-figures.sh [TEACHSIM] [R] [YEARS] [SCENARIO]
# Defaults: build/teachsim, 1000 replications, years 2022,2025,2030,
# scenarios/no-rotation.yaml against the baseline. Needs /usr/bin/python3
# with h5py and numpy.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
exe=${1:-$here/build/teachsim}
reps=${2:-1000}
years=${3:-2022,2025,2030}
seed=20201222
other_seed=1
out=$(mktemp -d "${TMPDIR:-/tmp}/variance.XXXXXX")
trap 'rm -rf "$out"' EXIT
base=$here/scenarios/xiangtan-baseline.yaml
norot=${4:-$here/scenarios/no-rotation.yaml}
name=$(sed -n 's/^name: *//p' "$norot" | head -1)

"$exe" run "$base" "$norot" -r "$reps" --seed "$seed" -o "$out/paired.h5" --quiet
"$exe" run "$norot" -r "$reps" --seed "$other_seed" -o "$out/other-seed.h5" --quiet
"$exe" run "$norot" -r $((2 * reps)) --seed "$seed" -o "$out/more-reps.h5" --quiet

/usr/bin/python3 - "$out" "$reps" "$years" "$name" <<'PY'
import sys
import h5py
import numpy as np

out, R, years, other = sys.argv[1], int(sys.argv[2]), [int(y) for y in sys.argv[3].split(",")], sys.argv[4]

def series(path, name, scenario, year):
    with h5py.File(path, "r") as f:
        s = [x.decode() if isinstance(x, bytes) else x for x in f["scenario"][...]].index(scenario)
        y = list(f["year"][...]).index(year)
        g = [x.decode() if isinstance(x, bytes) else x for x in f["region"][...]].index("ALL")
        return f[name][s, :, y, g].astype(float)

def se(d):
    return d.std(ddof=1) / np.sqrt(len(d))

print(f"{R} replications, ALL: standard error of the mean difference {other} - xiangtan-baseline")
print(f"{'indicator':30s} {'year':>5s} {'mean diff':>11s} {'SE paired':>11s} {'SE other seed':>14s}"
      f" {'SE same city':>13s} {'ratio':>7s} {'(ratio)^2':>9s}")
for name in ("rural_share_age_50plus", "qb_schools_ok_share_primary", "rural_vacancies", "teachers"):
    for year in years:
        b = series(f"{out}/paired.h5", name, "xiangtan-baseline", year)
        n = series(f"{out}/paired.h5", name, other, year)
        n_seed = series(f"{out}/other-seed.h5", name, other, year)
        n_more = series(f"{out}/more-reps.h5", name, other, year)[R:]  # replications R..2R-1
        paired, unpaired, same_city = se(n - b), se(n_seed - b), se(n_more - b)
        with h5py.File(f"{out}/paired.h5", "r") as f:  # the file's own figure, computed by teachsim
            y = list(f["year"][...]).index(year)
            file_se = f[f"comparison/{name}_se"][0, y, -1]
        assert abs(file_se - paired) <= 1e-12 * max(1.0, abs(paired)), (name, file_se, paired)
        ratio = unpaired / paired if paired > 0 else float("inf")
        print(f"{name:30s} {year:5d} {(n - b).mean():11.5g} {paired:11.4g} {unpaired:14.4g} {same_city:13.4g}"
              f" {ratio:7.2f} {ratio * ratio:9.1f}")
print("ratio: SE with another seed / SE paired; (ratio)^2: how many times the replications an unpaired"
      " comparison needs for the same precision")
PY
