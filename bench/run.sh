#!/usr/bin/env bash
# The benchmark suite in one command: build (RelWithDebInfo, -O2), measure
# every population and model with build-bench/bench (one process per row, so
# peak RSS is the row's own), profile the cost split by pipeline step with
# callgrind, time `teachsim run` end to end at two replication counts, and
# write the tables into docs/performance.md between its bench markers.
# Nothing passes or fails on time.
#
# Usage: bash bench/run.sh [--quick] [--no-china] [--print]
#   --quick     fewer replications, no China-size rows (a smoke run, ~3 min)
#   --no-china  skip the China-size rows (about 8 minutes of the full run)
#   --print     print the tables instead of writing docs/performance.md
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
quick=0 china=1 print=0
for a in "$@"; do
  case $a in
    --quick) quick=1 china=0 ;;
    --no-china) china=0 ;;
    --print) print=1 ;;
    *) echo "usage: bash bench/run.sh [--quick] [--no-china] [--print]" >&2; exit 2 ;;
  esac
done
py=/usr/bin/python3 # Debian's: the one that has numpy and h5py
build=$here/build-bench
TS_EXTRA_PACKAGES="valgrind" "$here/scripts/setup.sh" "$build" -DTS_BUILD_TESTS=OFF
bench=$build/bench teachsim=$build/teachsim
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== throughput (one process per row)" >&2
"$bench" --sizes >"$work/sizes.txt"
"$bench" --header >"$work/rows.md"
reps() { # replications per population: full run, quick run
  case $1 in xiangtan) ((quick)) && echo 20 || echo 200 ;; hunan) ((quick)) && echo 2 || echo 4 ;; china) echo 2 ;; esac
}
pops=(xiangtan hunan)
((china)) && pops+=(china)
for pop in "${pops[@]}"; do
  for model in core full; do
    echo "   $pop, $model" >&2
    "$bench" --population "$pop" --model "$model" --replications "$(reps "$pop")" | tee -a "$work/rows.md" >&2
  done
done

echo "== one replication on 1 thread against 2 threads as 2 region shards" >&2
"$bench" --one-replication --header >"$work/one.md"
one_pops=(hunan)
((china)) && one_pops+=(china)
for pop in "${one_pops[@]}"; do
  for model in core full; do
    echo "   $pop, $model" >&2
    "$bench" --one-replication --population "$pop" --model "$model" | tee -a "$work/one.md" >&2
  done
done

echo "== cost split by pipeline step (callgrind, 1 thread)" >&2
for pop in xiangtan hunan; do
  for model in core full; do
    r=$( [ "$pop" = xiangtan ] && echo 10 || echo 1 )
    ((quick)) && r=$( [ "$pop" = xiangtan ] && echo 3 || echo 1 )
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.$pop.$model" \
      "$bench" --population "$pop" --model "$model" --replications "$r" --profile >"$work/cg.$pop.$model.out" 2>"$work/cg.$pop.$model.log"
    callgrind_annotate --inclusive=yes --threshold=100 "$work/cg.$pop.$model" >"$work/cg.$pop.$model.txt" 2>/dev/null
  done
done

echo "== teachsim run end to end (default scenario, 2 threads): time and peak RSS" >&2
# 2,000 and 4,000 are past the first full batch (1,826 replications of 64 MiB):
# from there on peak memory should stay flat while the file grows linearly
counts=(100 2000 4000)
((quick)) && counts=(100 400)
for r in "${counts[@]}"; do
  /usr/bin/time -f "%e %M" -o "$work/time.$r" "$teachsim" run -r "$r" -j 2 -q -o "$work/run.$r.h5" >/dev/null
  echo "$r $(cat "$work/time.$r") $(stat -c %s "$work/run.$r.h5")" >>"$work/runs.txt"
done

machine="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), $(gcc --version | head -1 | sed 's/ (.*)//')"
commit=$(git -C "$here" describe --always --dirty 2>/dev/null || echo unknown)
args=(--work "$work" --machine "$machine" --commit "$commit" --date "$(date -u +%Y-%m-%d)")
((quick)) && args+=(--quick)
if ((print)); then
  "$py" "$here/bench/tables.py" "${args[@]}"
else
  "$py" "$here/bench/tables.py" "${args[@]}" --into "$here/docs/performance.md"
  echo "bench: tables written into docs/performance.md" >&2
fi
