"""The planner sections of the report (analysis/sections.py) on the issue-13 fixture, in both
languages, and what a file without their data shows."""
import shutil
import unittest

import h5py
import numpy as np

from analysis import i18n, sections
from analysis import results as R

from . import support
from .support import cli


def report(path, *args, lang="en"):
    out = support.tmpdir()
    p = cli("report", path, "-o", out, "--lang", lang, *args)
    if p.returncode != 0:
        raise AssertionError(f"report failed (exit {p.returncode}): {p.stderr[-2000:]}")
    with open(p.stdout.strip().splitlines()[-1], encoding="utf-8") as f:
        return f.read(), p


def section(text, heading):
    """The HTML from <h2>heading</h2> (or <h3>) to the next <h2>."""
    for tag in ("h2", "h3"):
        mark = f"<{tag}>{heading}</{tag}>"
        if mark in text:
            return text.split(mark, 1)[1].split("<h2>", 1)[0]
    raise AssertionError(f"no section {heading!r}")


class Fixture(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.path = support.planner_fixture()
        cls.en, _ = report(cls.path)
        cls.zh, _ = report(cls.path, lang="zh")

    def setUp(self):
        self.addCleanup(i18n.set_lang, "en")


class Scenarios(Fixture):
    def test_descriptions_and_changes_in_words(self):
        part = section(self.en, "Scenarios and what they change")
        self.assertIn("Xiangtan 2021-2035 under current rules", part)
        self.assertIn("<code>rotation.enabled</code>: true → false", part)
        self.assertIn("<code>targeted.places</code>: [40, 30] → [80, 60]", part)
        self.assertIn("Changes against xiangtan-baseline", part)
        self.assertNotIn("<code>name</code>", part)  # the name and description are not changes
        # the key's meaning from docs/scenario-reference.md
        self.assertIn("rotation (交流轮岗)", part.lower())
        zh = section(self.zh, "情景及其改动")
        self.assertIn("相对于 xiangtan-baseline 的改动", zh)
        self.assertIn("<code>rotation.enabled</code>: true → false", zh)
        # in Chinese, the key's Chinese name from the reference's 名称 column
        self.assertIn("<code>rotation.enabled</code>: true → false <span class=small>(交流轮岗)</span>", zh)

    def test_reference_from_the_comparison_group(self):
        path = shutil.copy(self.path, support.tmpdir())
        with h5py.File(path, "r+") as f:
            f["comparison"].attrs["reference"] = "no-rotation"
        with R.open_results(path) as ds:
            comp = R.open_comparison(path, ds)
            frags, _ = sections.scenario_changes(ds, comp)
            comp.close()
        text = "".join(frags)
        self.assertIn("Changes against no-rotation", text)
        self.assertIn("<code>rotation.enabled</code>: false → true", text)

    def test_flatten(self):
        self.assertEqual(sections.flatten({"a": {"b": 1, "c": {"d": [1, 2]}}, "e": None}),
                         {"a.b": 1, "a.c.d": [1, 2], "e": None})


class WhyCountiesFail(Fixture):
    def test_reading_closed_form(self):
        miss = {"qualified": 0.0, "backbone": 0.41, "pe_art": 0.0}
        cv = {"qualified": 0.0, "backbone": 0.0, "pe_art": 0.0}
        self.assertEqual(sections.why_reading("湘乡市 xiangxiang", "junior", 2027, 1.0, cv, 0.0, miss),
                         "湘乡市 xiangxiang junior 2027: fails in 100 % of replications; 41 % of its schools lack "
                         "backbone teachers; its CVs are within limits")
        i18n.set_lang("zh")
        self.assertEqual(sections.why_reading("湘乡市", "junior", 2027, 1.0, cv, 0.0, miss),
                         "湘乡市 初中 2027 年：100 % 的模拟中未通过；41 % 的学校骨干教师数未达标；差异系数均在限值内")
        cv["backbone"] = 0.35
        self.assertIn("骨干教师数差异系数在 35 % 的模拟中超标", sections.why_reading("湘乡市", "junior", 2027, 0.5, cv,
                                                                           0.0, miss))
        self.assertEqual(sections.why_reading("湘乡市", "primary", 2035, 0.0, cv, 0.0, miss),
                         "湘乡市 小学 2035 年：各次模拟均通过")

    def test_table_values_from_the_file(self):
        part = section(self.en, "Why counties fail")
        with h5py.File(self.path, "r") as f:
            years = list(f["year"][:])
            k = years.index(2023)
            p_fail = 1 - f["qb_pass_junior"][0, :, k, 1].mean()
            miss = f["qb_schools_missing_backbone_junior"][0, :, k, 1].mean()
        row = next(r for r in part.split("<tr>") if "xiangxiang junior 2023:" in r)
        self.assertIn(f"<td>{sections.pct(p_fail)}</td>", row)
        self.assertIn(f"<td>{sections.pct(miss)}</td>", row)
        # the next five years and the last, for every county, level and scenario
        self.assertEqual(part.count("xiangxiang junior 2035:"), 3)
        self.assertNotIn("xiangxiang junior 2027:", part)
        zh = section(self.zh, "为什么未通过")
        self.assertIn("湘乡市 初中 2023 年：", zh)

    def test_constant_heat_map_is_left_out(self):
        path = shutil.copy(self.path, support.tmpdir())
        with h5py.File(path, "r+") as f:
            d = f["qb_pass_junior"]
            d[...] = 0  # no county ever passes junior: the all-red map
        text, _ = report(path)
        part = section(text, "Quality-balanced county assessment")
        self.assertIn("Probability of passing (primary) — xiangtan-baseline</h3><img", part)
        self.assertNotIn("Probability of passing (junior) — xiangtan-baseline</h3><img", part)
        self.assertIn("Heat map of the probability of passing (junior) — xiangtan-baseline: left out, every county "
                      "and year is 0 % (the table below says why)", part)
        self.assertIn("xiangxiang junior 2021: fails in 100 % of replications", part)

    def test_nearly_constant_heat_map_is_left_out_with_its_range(self):
        # One replication of one county-year passing: a map of 0 % and 1/R, one colour to the eye.
        path = shutil.copy(self.path, support.tmpdir())
        with h5py.File(path, "r+") as f:
            d = f["qb_pass_junior"]
            d[...] = 0
            d[0, 0, 0, 0] = 1
            share = 1 / d.shape[1]
        text, _ = report(path)
        part = section(text, "Quality-balanced county assessment")
        if share < sections.HEATMAP_MIN_RANGE:
            self.assertNotIn("Probability of passing (junior) — xiangtan-baseline</h3><img", part)
            self.assertIn(f"every county and year is 0 %–{sections.pct(share)}", part)
        # and a map whose probabilities differ by the threshold or more is drawn
        with h5py.File(path, "r+") as f:
            d = f["qb_pass_junior"]
            d[0, :, 0, 0] = 1
        text, _ = report(path)
        part = section(text, "Quality-balanced county assessment")
        self.assertIn("Probability of passing (junior) — xiangtan-baseline</h3><img", part)


class RecruitmentNeed(Fixture):
    def test_median_and_band_per_subject(self):
        part = section(self.en, "Recruitment need by subject")
        with h5py.File(self.path, "r") as f:
            x = f["subjects/specialist_need"][0, :, 2, 1, 1]  # baseline, 2023, xiangxiang, maths
            h = f["subjects/hires"][0, :, 2, 1, 1]
        q = np.quantile(x, [0.05, 0.5, 0.95])
        table = part.split("湘乡市 xiangxiang · xiangtan-baseline</h4>", 1)[1].split("</table>", 1)[0]
        row = next(r for r in table.split("<tr>") if r.startswith("<td class=l>maths<"))
        cells = row.replace("</tr>", "").split("<td>")[1:]
        self.assertEqual(cells[4].replace("</td>", ""), f"{q[1]:,.0f} ({q[0]:,.0f}–{q[2]:,.0f})")
        self.assertEqual(cells[5].replace("</td>", ""), f"{np.median(h):,.0f}")
        self.assertIn("2025 need", table)
        self.assertNotIn("2026", table)  # five years from the first
        zh = section(self.zh, "分学科招聘需求")
        self.assertIn("<td class=l>数学</td>", zh)
        self.assertIn("湘乡市 · xiangtan-baseline", zh)


class FailingSchools(Fixture):
    def test_lowest_probability_first_teaching_points_left_out(self):
        part = section(self.en, "Schools that most often fail")
        with h5py.File(self.path, "r") as f:
            p = f["schools/rule_met_probability"][0, -1, :]
            region = f["schools/school_region"].asstr()[:]
            names = f["schools/school_name"].asstr()[:]
        idx = [i for i in range(len(p)) if region[i] == "xiangxiang" and np.isfinite(p[i])]
        idx.sort(key=lambda i: (p[i], names[i]))
        table = part.split("湘乡市 xiangxiang · xiangtan-baseline · 2035</h4>", 1)[1].split("</table>", 1)[0]
        shown = [r.split("<td class=l>")[1].split("</td>")[0] for r in table.split("<tr>")[2:]]
        self.assertEqual(shown, [names[i] for i in idx][:10])
        self.assertNotIn("湘乡市 城镇学校 8", table)  # the teaching point (not scored)
        zh = section(self.zh, "最常未达标的学校")
        self.assertIn("每百名学生骨干", zh)

    def test_chosen_year(self):
        text, _ = report(self.path, "--schools-year", "2025")
        self.assertIn("湘乡市 xiangxiang · xiangtan-baseline · 2025</h4>", section(text, "Schools that most often fail"))
        p = cli("report", self.path, "-o", support.tmpdir(), "--schools-year", "2050")
        self.assertEqual(p.returncode, 1)
        self.assertIn("no year 2050", p.stderr)


class Costs(Fixture):
    def test_cumulative_and_paired(self):
        part = section(self.en, "Costs")
        with h5py.File(self.path, "r") as f:
            cum = f["cost_total_cumulative"][:, :, -1, -1]
            total = f["cost_total"][:, :, :, -1]
            rural = f["rural_vacancies"][:, :, :, -1].astype(float)
            items = sum(f[n][:, :, :, -1].sum(axis=2) for n in sections.COST_ITEMS)
        np.testing.assert_allclose(items, cum, rtol=1e-12)  # the fixture's items add up
        q = np.quantile(cum[0], [0.05, 0.5, 0.95])
        self.assertIn(f"{i18n.wan(q[1])} ({i18n.wan(q[0])}–{i18n.wan(q[2])})", part)
        num = (total[1] - total[0]).mean(axis=0).sum()
        den = -(rural[1] - rural[0]).mean(axis=0).sum()
        self.assertGreater(den, 0)
        self.assertIn(f"<td>{num / den:,.0f}</td>", part)
        for payer in ("Paid by the county", "Paid by the city", "Paid by the province"):
            self.assertIn(payer, part)
        zh = section(self.zh, "成本")
        self.assertIn("县级财政承担", zh)
        self.assertIn("（万元）", zh)

    def test_not_defined_without_improvement(self):
        with R.open_results(self.path) as ds:
            ds = ds.load()
            worse = ds["rural_vacancies"].values.copy()
            worse[1] = worse[0] + 3  # more rural vacancies than the reference in every year
            ds["rural_vacancies"].values[...] = worse
            frags, _ = sections.costs(ds)
        self.assertIn("not defined (no improvement)", "".join(frags))


class OlderFile(unittest.TestCase):
    """A file without the issue-13 data: each section says so in place and in the notes."""

    def test_sections_say_not_in_this_file(self):
        text, p = report(support.fixture())
        for heading in ("Recruitment need by subject", "Schools that most often fail", "Costs"):
            self.assertIn("not in this file", section(text, heading))
        self.assertIn("Why counties fail: not in this file", text)
        self.assertIn("Costs: not in this file", p.stderr)
        self.assertIn("Probability of passing (junior)", text)  # the old heat maps stay
        zh, _ = report(support.fixture(), lang="zh")
        self.assertIn("成本：本文件中没有", zh)


if __name__ == "__main__":
    unittest.main()
