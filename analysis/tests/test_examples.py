"""The analyst examples in analysis/examples run on a real results file."""
import os
import shutil
import subprocess
import unittest

from . import support

EXAMPLES = os.path.join(support.ROOT, "analysis", "examples")


class Examples(unittest.TestCase, support.PngChecks):
    @classmethod
    def setUpClass(cls):
        cls.path = support.real_results()

    def run_ok(self, cmd):
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=support.ROOT)
        self.assertEqual(p.returncode, 0, f"{' '.join(cmd)}\n{p.stdout}\n{p.stderr}")

    def test_python_example(self):
        out = os.path.join(support.tmpdir(), "py.png")
        self.run_ok([support.PYTHON, os.path.join(EXAMPLES, "fan_chart.py"), self.path, out])
        self.assertGoodPng(out, 1000, 600)

    def test_r_example(self):
        rscript = shutil.which("Rscript")
        if not rscript:
            self.skipTest("Rscript not installed (apt-get install r-cran-hdf5r)")
        if subprocess.run([rscript, "-e", "library(hdf5r)"], capture_output=True).returncode != 0:
            self.skipTest("R package hdf5r not installed (apt-get install r-cran-hdf5r)")
        out = os.path.join(support.tmpdir(), "r.png")
        self.run_ok([rscript, os.path.join(EXAMPLES, "fan_chart.R"), self.path, out, "rural_vacancies",
                     "xiangtan_county"])
        self.assertGoodPng(out, 1000, 600)


if __name__ == "__main__":
    unittest.main()
