#!/usr/bin/env bash
# The planners' interactive page in a real browser (tests/browser/test_page.py): headless Debian
# chromium driven by python3-selenium opens the page from disk and checks it.
#   bash tests/cli_analysis_browser.sh <path-to-teachsim-binary> <source-dir>
# Its name starts with cli_analysis so that the routine `ctest -E cli_analysis` and the ASan run's
# `-LE cli_analysis` (scripts/test-all.sh) leave it out with the other Python suite: it tests Python,
# JavaScript and Chromium, not our C. Prints "browser: N passed, M failed" last.
set -u
exe=${1:?usage: cli_analysis_browser.sh <teachsim binary> <source dir>}
src=${2:?usage: cli_analysis_browser.sh <teachsim binary> <source dir>}
py=${TS_PYTHON:-/usr/bin/python3}

case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
cd "$src" || { echo "browser: 0 passed, 1 failed"; exit 1; }
missing=""
"$py" -c 'import selenium, h5py, numpy, xarray, matplotlib' 2>/dev/null || missing="python3-selenium python3-h5py python3-xarray python3-matplotlib"
command -v chromium >/dev/null || missing="$missing chromium"
command -v chromedriver >/dev/null || missing="$missing chromium-driver"
if [ -n "$missing" ]; then
    echo "the browser test needs Debian packages:$missing (scripts/setup.sh installs them)"
    echo "browser: 0 passed, 1 failed"
    exit 1
fi

TEACHSIM=$exe MPLBACKEND=Agg "$py" - <<'PY'
import sys
import unittest

suite = unittest.defaultTestLoader.discover("tests/browser", pattern="test_*.py", top_level_dir="tests/browser")
result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
bad = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
skipped = len(result.skipped)
if skipped:
    print(f"({skipped} skipped)")
print(f"browser: {result.testsRun - bad - skipped} passed, {bad} failed")
sys.exit(1 if bad or skipped else 0)
PY
