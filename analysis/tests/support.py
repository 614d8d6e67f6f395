"""Shared helpers for the analysis tests: a real small run of teachsim (made once per test
process), fixtures for what a real run cannot produce, and checks on PNG files and the CLI.

Environment: TEACHSIM = path to the teachsim binary (tests/cli_analysis.sh sets it from argv[1]).
"""
import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))  # the repository root: `python3 -m analysis` runs here
sys.path.insert(0, HERE)
import make_fixture  # noqa: E402
from analysis import i18n  # noqa: E402

i18n.set_lang("en")  # in-process charts too: English unless a test sets Chinese

PYTHON = os.environ.get("TS_PYTHON", "/usr/bin/python3")
REPLICATIONS = 20
SEED = 4242
_tmp = tempfile.mkdtemp(prefix="ts-analysis-")
atexit.register(shutil.rmtree, _tmp, True)
_cache = {}


def tmpdir():
    return tempfile.mkdtemp(dir=_tmp)


def short_baseline(folder, end_year):
    """The library's Xiangtan baseline ending in `end_year`, written as FOLDER/base.yaml (a study's
    scenario that runs in seconds); returns its path."""
    with open(os.path.join(ROOT, "scenarios", "xiangtan-baseline.yaml"), encoding="utf-8") as f:
        text = f.read().replace("  end_year: 2035", f"  end_year: {end_year}")
    path = os.path.join(folder, "base.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def _run(key, args):
    exe = os.environ.get("TEACHSIM")
    if not exe:
        raise unittest.SkipTest("TEACHSIM (path to the teachsim binary) not set")
    if key not in _cache:
        out = os.path.join(_tmp, f"{key}.h5")
        cmd = [exe, "run", *args, "-r", str(REPLICATIONS), "--seed", str(SEED), "-o", out, "--quiet"]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        _cache[key] = (out, p, " ".join(cmd))
    out, p, cmd = _cache[key]
    if p.returncode != 0 or not os.path.isfile(out):
        raise AssertionError(f"`{cmd}` failed (exit {p.returncode}): {p.stderr.strip()[-2000:]}")
    return out


def real_results():
    """`teachsim run -r 20 --seed 4242 --quiet` of the built-in baseline (run once, then cached).

    Skips the test when TEACHSIM is not set; fails it when the binary cannot write the file."""
    return _run("real", [])


VARIANT = "easier-rural-hiring"
COPY = "baseline-copy"


def real_three_scenarios():
    """A real run of three scenarios: the baseline, an identical copy under another name (paired
    differences must be exactly 0) and a variant that fills rural posts more easily."""
    base = os.path.join(ROOT, "scenarios", "xiangtan-baseline.yaml")
    with open(base, encoding="utf-8") as f:
        text = f.read()
    if not re.search(r"^name: xiangtan-baseline$", text, re.M):
        raise AssertionError(f"{base}: expected a line 'name: xiangtan-baseline'")
    paths = [base]
    for name in (COPY, VARIANT):
        t = re.sub(r"^name: .*$", f"name: {name}", text, count=1, flags=re.M)
        if name == VARIANT and not re.search(r"^recruitment:", t, re.M):
            t += "\nrecruitment:\n  fill_probability: [0.95, 0.90, 0.85]\n"
        paths.append(os.path.join(_tmp, f"{name}.yaml"))
        with open(paths[-1], "w", encoding="utf-8") as f:
            f.write(t)
    return _run("three", paths)


def fixture(name="full", **kw):
    """A synthetic file (analysis/tests/make_fixture.py) for what a real run cannot produce."""
    key = (name, tuple(sorted(kw.items())))
    if key not in _cache:
        opts = dict(scenarios=("xiangtan-baseline", "more-targeted-graduates"), qb=True, qb_levels=True,
                    comparison=True, pyramid=True)
        opts.update(kw)
        _cache[key] = make_fixture.make_fixture(os.path.join(_tmp, f"{name}-{len(_cache)}.h5"), **opts)
    return _cache[key]


# The tests read English unless they ask for Chinese: the language default comes from the locale
# (analysis/i18n.py), which is the developer's, not the test's.
ENGLISH = {"LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}


def cli(*args, timeout=300, env=None):
    """Run `python3 -m analysis ARGS` from the repository root in an English locale (or `env`'s
    overrides); return the CompletedProcess."""
    return subprocess.run([PYTHON, "-m", "analysis", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(ENGLISH if env is None else env)})


def planner_fixture(name="planner", **kw):
    """The fixture with the planner-output data of issue 13 and three scenarios."""
    opts = dict(scenarios=("xiangtan-baseline", "more-targeted-graduates", "no-rotation"), planner=True)
    opts.update(kw)
    return fixture(name, **opts)


def read_png(path_or_file):
    import matplotlib.image as mpimg
    return mpimg.imread(path_or_file, format="png")


class PngChecks:
    """Mixin for unittest.TestCase."""

    def assertGoodPng(self, path, width, height):
        self.assertTrue(os.path.isfile(path), f"{path} not written")
        with open(path, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG")
        img = read_png(path)
        self.assertEqual(img.shape[:2], (height, width), f"{path}: pixel size")
        self.assertNotBlank(img, path)

    def assertNotBlank(self, img, what):
        rgb = np.asarray(img, dtype=float)[..., :3]
        self.assertGreater(rgb.var(), 1e-3, f"{what} looks blank (pixel variance {rgb.var():.2e})")
        # a chart has ink: at least 1 % of the pixels clearly differ from the background colour
        background = np.median(rgb.reshape(-1, 3), axis=0)
        ink = (np.abs(rgb - background).sum(axis=-1) > 0.3).mean()
        self.assertGreater(ink, 0.01, f"{what} has almost no drawing ({ink:.3%} of pixels)")

    def assertCliOk(self, p):
        self.assertEqual(p.returncode, 0, f"exit {p.returncode}\nstdout: {p.stdout}\nstderr: {p.stderr}")
