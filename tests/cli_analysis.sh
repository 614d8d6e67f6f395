#!/usr/bin/env bash
# The analysts' toolkit (analysis/): plots, report and examples on a real small run.
#   bash tests/cli_analysis.sh <path-to-teachsim-binary> <source-dir>
# Runs analysis/tests/test_*.py with unittest; prints "analysis: N passed, M failed" last and
# exits non-zero when any test failed. Uses $TS_PYTHON (Debian's /usr/bin/python3 by default).
set -u
exe=${1:?usage: cli_analysis.sh <teachsim binary> <source dir>}
src=${2:?usage: cli_analysis.sh <teachsim binary> <source dir>}
py=${TS_PYTHON:-/usr/bin/python3}

case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
cd "$src" || { echo "analysis: 0 passed, 1 failed"; exit 1; }
if ! "$py" -c 'import numpy, xarray, netCDF4, h5py, matplotlib' 2>/dev/null; then
    echo "$py cannot import numpy/xarray/netCDF4/h5py/matplotlib (apt-get install python3-xarray python3-netcdf4 python3-h5py python3-matplotlib)"
    echo "analysis: 0 passed, 1 failed"
    exit 1
fi

TEACHSIM=$exe MPLBACKEND=Agg "$py" - <<'PY'
import sys
import unittest

suite = unittest.defaultTestLoader.discover("analysis/tests", pattern="test_*.py", top_level_dir=".")
result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
bad = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
skipped = len(result.skipped)
passed = result.testsRun - bad - skipped
if skipped:
    print(f"({skipped} skipped)")
print(f"analysis: {passed} passed, {bad} failed")
sys.exit(1 if bad else 0)
PY
