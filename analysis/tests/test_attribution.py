"""The attribution of a real difference (teachsim attribute -o): read back, its waterfall (whose steps
must end exactly at B), and the report's sections for attribution/ and sensitivity/ in both languages."""
import os
import subprocess
import unittest

import numpy as np

from analysis import attribution as A
from analysis import i18n, plots
from analysis import results as R

from . import support
from .support import cli
from .test_sensitivity import study as sensitivity_study

_made = {}


def attribution_file():
    """A three-year baseline against a B that changes two sections, 6 replications (made once)."""
    exe = os.environ.get("TEACHSIM")
    if not exe:
        raise unittest.SkipTest("TEACHSIM (path to the teachsim binary) not set")
    if "path" not in _made:
        d = support.tmpdir()
        support.short_baseline(d, 2023)
        with open(os.path.join(d, "b.yaml"), "w", encoding="utf-8") as f:
            f.write("name: more-delivered\nextends: base.yaml\ntemporaries:\n  allowed_until: 2020\n"
                    "careers:\n  sanming_multiplier: 1.5\n")
        out = os.path.join(d, "attr.h5")
        p = subprocess.run([exe, "attribute", "base.yaml", "b.yaml", "--outcome", "rural_vacancies@2023",
                            "--outcome", "cost_total_cumulative@2023", "-r", "6", "-q", "-o", out],
                           capture_output=True, text=True, timeout=600, cwd=d)
        if p.returncode != 0:
            raise AssertionError(f"teachsim attribute failed (exit {p.returncode}): {p.stderr[-2000:]}")
        _made["path"] = out
    return _made["path"]


class Attribution(unittest.TestCase, support.PngChecks):
    def test_read_and_steps(self):
        s = A.read(attribution_file())
        self.assertEqual(s["scenario_a"], "xiangtan-baseline")
        self.assertEqual(s["scenario_b"], "more-delivered")
        self.assertEqual(sorted(s["groups"]), ["careers", "temporaries"])
        # each group's keys by their Chinese names, written by teachsim beside the paths
        zh = dict(zip(s["groups"], s["group_keys_zh"]))
        self.assertEqual(zh["temporaries"], "允许聘用临聘教师的最后学年")
        self.assertEqual(zh["careers"], "“三名”工程对骨干晋级的倍数")
        self.assertEqual(s["value"].shape, (2, 4))
        for o in range(2):
            labels, bottoms, heights, _, _ = A.steps(s, o)
            self.assertEqual(labels[0], "A")
            self.assertEqual(labels[-1], "B")
            # The last group's step must end at B (the Shapley values' efficiency), to rounding.
            end = bottoms[-2] + heights[-2]
            self.assertAlmostEqual(end, heights[-1], delta=1e-9 * max(1.0, abs(heights[-1])))
            middle = np.abs(heights[1:-1])
            self.assertTrue(np.all(middle[:-1] >= middle[1:]), "largest step first")

    def test_waterfall_in_both_languages(self):
        path = attribution_file()
        ds = R.open_results(path)
        try:
            for lang in ("en", "zh"):
                i18n.set_lang(lang)
                for o in range(2):
                    png = os.path.join(support.tmpdir(), f"waterfall-{lang}-{o}.png")
                    plots.save(A.waterfall(path, o, ds=ds, width=900, height=500), png)
                    self.assertGoodPng(png, 900, 500)
        finally:
            i18n.set_lang("en")
            ds.close()

    def test_group_names(self):
        i18n.set_lang("zh")
        try:
            self.assertEqual(A.group_label("posting"), "县管校聘")
            self.assertEqual(A.group_label("rotation.rate"), "rotation.rate")  # a key is shown as written
        finally:
            i18n.set_lang("en")
        self.assertEqual(A.group_label("targeted_intake"), "targeted students")

    def test_a_file_without_an_attribution(self):
        with self.assertRaises(ValueError):
            A.read(support.real_results())


class ReportSections(unittest.TestCase):
    def report(self, path, lang):
        out_dir = support.tmpdir()
        p = cli("report", "--lang", lang, path, "-o", out_dir)
        self.assertEqual(p.returncode, 0, p.stderr[-2000:])
        with open(p.stdout.strip().splitlines()[-1], encoding="utf-8") as f:
            return f.read()

    def test_attribution_section(self):
        path = attribution_file()
        for lang, heading, group in (("en", "What made the difference", "temporary teachers"),
                                     ("zh", "差异从何而来", "临聘教师")):
            page = self.report(path, lang)
            self.assertIn(f"<h2>{heading}</h2>", page)
            self.assertIn(f"<td class=l>{group}</td>", page)
            start = page.index(f"<h2>{heading}</h2>") + 4
            section = page[start:page.index("<h2>", start)]
            self.assertEqual(section.count("<img "), 2, "one waterfall per outcome")

    def test_sensitivity_section(self):
        path = sensitivity_study("morris", 2)
        for lang, heading in (("en", "Which assumptions move the answer"), ("zh", "哪些假设左右结果")):
            page = self.report(path, lang)
            self.assertIn(f"<h2>{heading}</h2>", page)

    def test_the_interactive_page_holds_the_attribution_in_both_languages(self):
        from analysis import page
        data = page.summarise(attribution_file())
        en, zh = data["studies"]["en"], data["studies"]["zh"]
        self.assertEqual(len(en), 2)  # one table per outcome
        self.assertTrue(en[0]["title"].startswith("What made the difference: "), en[0]["title"])
        self.assertTrue(zh[0]["title"].startswith("差异从何而来："), zh[0]["title"])
        groups = [row[0] for row in zh[0]["rows"][:2]]
        self.assertEqual(sorted(groups), sorted(["临聘教师", "职称与骨干教师"]))
        self.assertIn("允许聘用临聘教师的最后学年", [row[1] for row in zh[0]["rows"]])

    def test_a_plain_run_has_neither(self):
        page = self.report(support.real_results(), "en")
        self.assertNotIn("What made the difference", page)
        self.assertNotIn("Which assumptions move the answer", page)


if __name__ == "__main__":
    unittest.main()
