#!/usr/bin/env bash
# Reproduce the README's policy reading: the baseline and each lever switched
# off (targeted intake, rotation, county posting), the plan fully delivered,
# each further lever alone (school alliances, small-school mergers, the rising
# rural allowance, the private share down, the new urban schools, psychology
# staff in every school, retraining before changing level) and every lever
# together, in one run with common random numbers; then the tables.
# Usage: scripts/policy-reading.sh [REPLICATIONS] (default 500)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
reps=${1:-500}
mkdir -p "$here/results"
out="$here/results/levers.h5"
"$here/build/teachsim" run -r "$reps" -o "$out" --force --quiet \
  "$here"/scenarios/{xiangtan-baseline,no-targeted-intake,no-rotation,no-county-posting,plan-fully-delivered}.yaml \
  "$here"/scenarios/{school-alliances,small-school-mergers,rural-allowance-rising,private-share-down}.yaml \
  "$here"/scenarios/{new-urban-schools,psychology-every-school,retraining-between-levels,every-lever}.yaml
/usr/bin/python3 "$here/scripts/policy_reading.py" "$out"
