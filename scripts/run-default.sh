#!/usr/bin/env bash
# Quick start, command 1: set up, build, and run the built-in Xiangtan
# baseline (1,000 replications, 2021-2035) into results/xiangtan-baseline.h5,
# print its summary table, then write the plots, the HTML report and the planners' interactive
# page (results/report/index.html, in the locale's language: zh_CN.UTF-8 gives Chinese).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/setup.sh" "$here/build"
mkdir -p "$here/results"
out="$here/results/xiangtan-baseline.h5"
"$here/build/teachsim" run -o "$out" --force "$@"
if [ -d "$here/analysis" ] && [ -f "$here/analysis/__main__.py" ]; then
  cd "$here"
  /usr/bin/python3 -m analysis report "$out" -o "$here/results/report" --interactive
  echo "interactive page (open it in a browser, or attach it to an e-mail): $here/results/report/index.html"
fi
