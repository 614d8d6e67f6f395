"""The tornado chart and table of a real sensitivity study (analysis/sensitivity.py)."""
import os
import subprocess
import unittest

from analysis import i18n, plots
from analysis import results as R
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
            # the inputs' Chinese names, which the Chinese chart labels its bars with
            self.assertEqual(s["input_name_zh"][0], "省级定向生每学年培养费用")
            self.assertEqual(s["input_name_zh"][2], "交流轮岗每人年补贴")
            i18n.set_lang("zh")
            try:
                fig = S.tornado(path, width=900, height=500)
                ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
                self.assertEqual(sorted(ticks), sorted(s["input_name_zh"]))
                plots.save(fig, os.path.join(support.tmpdir(), f"tornado-{method}-zh.png"))
            finally:
                i18n.set_lang("en")

    def test_region_codes_become_chinese_names(self):
        with R.open_results(support.real_results()) as ds:
            code, zh = next((str(c), str(z)) for c, z in zip(ds.region.values, ds.region_name_zh.values)
                            if str(c) != "ALL")
            self.assertEqual(S._region_in_chinese(ds, f"薄弱学校比例（{code}）"), f"薄弱学校比例（{zh}）")
            self.assertEqual(S._region_in_chinese(ds, f"起始民办学校在校生比例（{code}，初中）"),
                             f"起始民办学校在校生比例（{zh}，初中）")
            self.assertEqual(S._region_in_chinese(ds, "交流轮岗比例"), "交流轮岗比例")

    def test_a_file_without_a_study(self):
        with self.assertRaises(ValueError):
            S.read(support.real_results())


if __name__ == "__main__":
    unittest.main()
