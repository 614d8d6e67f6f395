"""The tornado chart and table of a real sensitivity study (analysis/sensitivity.py)."""
import os
import subprocess
import unittest

from analysis import plots
from analysis import sensitivity as S

from . import support


def study(method, n):
    exe = os.environ.get("TEACHSIM")
    if not exe:
        raise unittest.SkipTest("TEACHSIM (path to the teachsim binary) not set")
    out = os.path.join(support.tmpdir(), f"{method}.h5")
    ranges = os.path.join(support.tmpdir(), "ranges.yaml")
    with open(ranges, "w") as f:
        f.write("costs.targeted_study.provincial: [4000, 12000]\ncosts.recruitment: [2000, 40000]\n"
                "costs.rotation_allowance: default\n")
    p = subprocess.run([exe, "sensitivity", "--vary-file", ranges, "--outcome", "cost_total@2022",
                        "--method", method, "-n", str(n), "-r", "1", "--bootstrap", "50", "-o", out, "-q"],
                       capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise AssertionError(f"teachsim sensitivity failed (exit {p.returncode}): {p.stderr[-2000:]}")
    return out


class Tornado(unittest.TestCase, support.PngChecks):
    def test_morris_and_sobol(self):
        for method, n in (("morris", 2), ("sobol", 4)):
            path = study(method, n)
            s = S.read(path)
            self.assertEqual(s["method"], method)
            self.assertEqual(s["inputs"][0], "costs.targeted_study.provincial")
            o, order = S.ranking(s, "cost_total@2022")
            self.assertEqual(o, 0)
            self.assertEqual(sorted(order), [0, 1, 2])
            png = os.path.join(support.tmpdir(), f"tornado-{method}.png")
            plots.save(S.tornado(path, width=900, height=500), png)
            self.assertGoodPng(png, 900, 500)

    def test_a_file_without_a_study(self):
        with self.assertRaises(ValueError):
            S.read(support.real_results())


if __name__ == "__main__":
    unittest.main()
