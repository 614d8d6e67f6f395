"""A real lever search (teachsim optimise -o): its group optimise/ read back (the answer among the
confirmations, every mix of the grid once, the outcome the mean of the run beside it), the table and
the chart, and the report's section in both languages, found and out of reach."""
import os
import subprocess
import unittest

import numpy as np

from analysis import i18n, page, plots
from analysis import optimise as O
from analysis import results as R

from . import support
from .support import cli

_made = {}


def search_file(target):
    """A 2021-2025 baseline, one integer lever with three values and one with two, 3 replications per
    mix and 6 per confirmation (made once per target)."""
    exe = os.environ.get("TEACHSIM")
    if not exe:
        raise unittest.SkipTest("TEACHSIM (path to the teachsim binary) not set")
    if target not in _made:
        d = support.tmpdir()
        support.short_baseline(d, 2025)
        with open(os.path.join(d, "levers.yaml"), "w", encoding="utf-8") as f:
            f.write("targeted_intake.provincial: {range: [0, 800], step: 400, from: 2022}\n"
                    "rotation.rate: {range: [0.10, 0.20], step: 0.10}\n")
        out = os.path.join(d, "opt.h5")
        p = subprocess.run([exe, "optimise", "base.yaml", "--lever-file", "levers.yaml", "--target", target,
                            "-r", "3", "--confirm-replications", "6", "-q", "-o", out],
                           capture_output=True, text=True, timeout=600, cwd=d)
        if p.returncode not in (0, 1) or not os.path.isfile(out):
            raise AssertionError(f"teachsim optimise failed (exit {p.returncode}): {p.stderr[-2000:]}")
        _made[target] = out
    return _made[target]


FOUND = "rural_under_40pct_aged_50plus_by_2025"  # met everywhere in the grid (README)
OUT_OF_REACH = "half_counties_pass_by_2022"       # met nowhere


class Optimise(unittest.TestCase, support.PngChecks):
    def test_read_the_search(self):
        s = O.read(search_file(FOUND))
        self.assertEqual(s["levers"], ["targeted_intake.provincial", "rotation.rate"])
        self.assertEqual(list(s["lever_integer"]), [1, 0])
        self.assertTrue(s["found"])
        self.assertEqual(s["grid"], 6)
        grid = sorted(map(tuple, np.round(s["search"]["values"], 6)))
        self.assertEqual(grid, sorted((a, b) for a in (0, 400, 800) for b in (0.1, 0.2)))
        k = s["answer"]
        self.assertTrue(np.array_equal(s["confirm"]["values"][k], s["search"]["values"][s["confirm_of"][k]]))
        # the cheapest corner of the grid, and its outcome is the mean of the run written beside it
        self.assertEqual(tuple(s["confirm"]["values"][k]), (0, 0.1))
        ds = R.open_results(search_file(FOUND))
        run = ds["cost_total_cumulative"].sel(region="ALL", year=2025).values.ravel()
        self.assertEqual(run.size, 6)
        self.assertAlmostEqual(run.mean() / s["confirm"]["outcome"][k], 1.0, places=12)
        self.assertEqual(s["runs"], 6 * 3 + len(s["confirm"]["outcome"]) * 6)
        rows = O.rows(s)
        self.assertEqual(rows[0][0], "1 (answer)")
        self.assertEqual([r[0] for r in rows[1:]], [str(n) for n in range(2, len(rows) + 1)])
        self.assertEqual(rows[0][1], "targeted_intake.provincial from 2022 = 0, rotation.rate = 0.1")
        # in Chinese the levers by their keys' Chinese names, written by teachsim beside the paths
        self.assertEqual(s["lever_name_zh"], ["省级公费定向师范生年招生数", "交流轮岗比例"])
        i18n.set_lang("zh")
        try:
            self.assertEqual(O.mix_text(s, s["confirm"]["values"][k]).split("，")[1], "交流轮岗比例 = 0.1")
        finally:
            i18n.set_lang("en")

    def test_chart_in_both_languages(self):
        path = search_file(FOUND)
        ds = R.open_results(path)
        for lang in ("en", "zh"):
            i18n.set_lang(lang)
            try:
                png = os.path.join(support.tmpdir(), f"optimise-{lang}.png")
                plots.save(O.chart(path, width=900, height=500, ds=ds), png)
                self.assertGoodPng(png, 900, 500)
            finally:
                i18n.set_lang("en")

    def test_a_file_without_a_search(self):
        with self.assertRaises(ValueError):
            O.read(support.real_results())

    def report(self, path, lang):
        out = support.tmpdir()
        p = cli("report", path, "--lang", lang, "-o", out)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(p.stdout.strip().splitlines()[-1], encoding="utf-8") as f:
            return f.read()

    def test_section_found_and_out_of_reach(self):
        for target, words in ((FOUND, ("Answer: targeted_intake.provincial from 2022 = 0", "结论：")),
                              (OUT_OF_REACH, ("Out of reach: no mix", "无法达到："))):
            path = search_file(target)
            for lang, heading, said in (("en", "The cheapest lever mix that meets the targets", words[0]),
                                        ("zh", "达成目标的最省政策组合", words[1])):
                page = self.report(path, lang)
                self.assertIn(f"<h2>{heading}</h2>", page)
                start = page.index(f"<h2>{heading}</h2>") + 4
                section = page[start:page.index("<h2>", start)]
                self.assertIn(said, section)
                if target == OUT_OF_REACH:  # probability 0 everywhere: the table is the cheapest, not the closest
                    self.assertIn(("none is nearer than another" if lang == "en" else "无从比较远近"), section)
                self.assertEqual(section.count("<img "), 1, "one chart of the search")

    def test_the_interactive_page_holds_the_search_in_both_languages(self):
        data = page.summarise(search_file(FOUND))
        en, zh = data["studies"]["en"], data["studies"]["zh"]
        self.assertEqual([t["title"] for t in en], ["The cheapest lever mix that meets the targets"])
        self.assertEqual([t["title"] for t in zh], ["达成目标的最省政策组合"])
        s = O.read(search_file(FOUND))
        self.assertEqual(en[0]["rows"], O.rows(s))
        self.assertIn("Answer: targeted_intake.provincial from 2022 = 0", en[0]["intro"])
        self.assertIn("结论：省级公费定向师范生年招生数", zh[0]["intro"])
        self.assertEqual(len(zh[0]["rows"]), len(en[0]["rows"]))
        self.assertEqual(i18n.lang(), "en", "the page leaves the language as it found it")
        self.assertNotIn("studies", page.summarise(support.real_results()))

    def test_a_plain_run_has_none(self):
        page = self.report(support.real_results(), "en")
        self.assertNotIn("The cheapest lever mix that meets the targets", page)


if __name__ == "__main__":
    unittest.main()
