"""The language switch (analysis/i18n.py): locale default, --lang, Chinese names from the file with
a marker for older files, and Chinese that renders (no missing glyph in a PNG, no replacement
character in the HTML)."""
import os
import re
import unittest
import warnings

import h5py
import matplotlib

matplotlib.use("Agg")

from analysis import i18n, plots  # noqa: E402
from analysis import results as R  # noqa: E402

from . import support  # noqa: E402
from .support import cli  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")


class Chinese:
    """Mixin: Chinese for the test, English again after it."""

    def setUp(self):
        i18n.set_lang("zh")
        self.addCleanup(i18n.set_lang, "en")


class LocaleDefault(unittest.TestCase):
    def test_posix_order(self):
        self.assertEqual(i18n.default_lang({"LANG": "zh_CN.UTF-8"}), "zh")
        self.assertEqual(i18n.default_lang({"LANG": "en_US.UTF-8"}), "en")
        self.assertEqual(i18n.default_lang({}), "en")
        # LC_ALL decides over LC_MESSAGES over LANG; an empty one does not count.
        self.assertEqual(i18n.default_lang({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}), "en")
        self.assertEqual(i18n.default_lang({"LC_ALL": "", "LC_MESSAGES": "zh_TW.UTF-8", "LANG": "C"}), "zh")
        self.assertEqual(i18n.default_lang({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_GB.UTF-8"}), "zh")

    def test_unknown_language_is_refused(self):
        with self.assertRaises(ValueError):
            i18n.set_lang("fr")
        p = cli("info", support.fixture(), "--lang", "fr")
        self.assertEqual(p.returncode, 2)
        self.assertIn("invalid choice", p.stderr)

    def test_every_text_has_both_languages(self):
        for key, pair in i18n.TEXTS.items():
            with self.subTest(key=key):
                self.assertEqual(len(pair), 2)
                en, zh = pair
                self.assertTrue(en.strip() and zh.strip())
                # the same placeholders in both, so a format() never fails in one language only
                self.assertEqual(sorted(re.findall(r"{(\w+)", en)), sorted(re.findall(r"{(\w+)", zh)), key)

    def test_sections_are_named_as_teachsim_names_them(self):
        # the report's section names (i18n.SECTIONS) and the printout's (ts_section_name_zh) are one list
        src = os.path.join(support.ROOT, "sim", "input", "scenario_keys_zh.c")
        with open(src, encoding="utf-8") as f:
            text = f.read()
        table = text[text.index("sections_zh[] = {"):]
        table = table[:table.index("};")]
        c_names = dict(re.findall(r'\{"(\w+)", "([^"]+)"\}', table))
        self.assertEqual(c_names, {k: zh for k, (_, zh) in i18n.SECTIONS.items()})

    def test_locale_chooses_the_report_language(self):
        out = support.tmpdir()
        p = cli("report", support.planner_fixture(), "-o", out, env={"LC_ALL": "", "LC_MESSAGES": "",
                                                                   "LANG": "zh_CN.UTF-8"})
        support.PngChecks.assertCliOk(self, p)
        page = p.stdout.strip().splitlines()[-1]
        self.assertTrue(page.endswith("-report-zh.html"), page)
        with open(page, encoding="utf-8") as f:
            text = f.read()
        self.assertIn('<html lang="zh-CN">', text)
        self.assertIn("为什么未通过", text)
        # --lang wins over the locale
        p = cli("report", support.planner_fixture(), "-o", out, "--lang", "en",
                env={"LC_ALL": "zh_CN.UTF-8"})
        support.PngChecks.assertCliOk(self, p)
        self.assertTrue(p.stdout.strip().endswith("-report.html"))


class NamesFromTheFile(Chinese, unittest.TestCase):
    def test_chinese_names_and_units_from_attributes(self):
        with R.open_results(support.fixture()) as ds:
            self.assertEqual(i18n.long_name(ds["rural_vacancies"]), "乡村学校空岗")
            self.assertEqual(R.axis_label(ds["rural_vacancies"]), "乡村学校空岗（个岗位）")
            self.assertEqual(R.region_label(ds, "xiangxiang"), "湘乡市")
            self.assertIn("次模拟", R.caption(ds))

    def test_older_file_is_marked_not_guessed(self):
        with R.open_results(support.fixture("old", zh=False)) as ds:
            self.assertEqual(i18n.long_name(ds["rural_vacancies"]), i18n.MISSING_ZH + "Rural vacancies")
            self.assertEqual(i18n.units(ds["rural_vacancies"]), i18n.MISSING_ZH + "posts")
            self.assertEqual(i18n.units(ds["rural_share_age_50plus"]), "比例")

    def test_info_lists_chinese_names(self):
        p = cli("info", support.fixture(), "--lang", "zh")
        support.PngChecks.assertCliOk(self, p)
        self.assertIn("乡村学校空岗", p.stdout)
        self.assertIn("[个岗位]", p.stdout)


class NoTofu(Chinese, unittest.TestCase, support.PngChecks):
    """Every Chinese chart renders every glyph: matplotlib warns "Glyph N (...) missing from current
    font" for each it cannot draw; any such warning fails the test."""

    def render(self, fig):
        path = os.path.join(support.tmpdir(), "zh.png")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            plots.save(fig, path)
        missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
        self.assertEqual(missing, [], "tofu: " + "; ".join(missing[:5]))
        return path

    def test_glyph_warning_is_caught(self):
        # The check itself can fail: a font without CJK does warn for Chinese text.
        fig, axes = plots.figure(400, 300)
        axes[0, 0].set_title("乡村学校空岗", family="DejaVu Sans")
        with self.assertRaises(AssertionError):
            self.render(fig)

    def test_chinese_charts_have_every_glyph(self):
        if plots.CJK_FONT is None:
            self.skipTest("fonts-noto-cjk not installed")
        path = support.fixture()
        with R.open_results(path) as ds:
            comp = R.open_comparison(path, ds)
            figs = [plots.fan_chart(ds, "rural_vacancies", "xiangxiang"),
                    plots.small_multiples(ds, "rural_share_age_50plus"),
                    plots.differences(ds, "vacancies", "ALL", comparison=comp),
                    plots.qb_heatmap(ds, None, "junior"), plots.age_pyramid(ds)]
            for fig in figs:
                title = fig._suptitle.get_text()
                self.assertRegex(title, CJK, "title not in Chinese")
                self.assertNotIn(i18n.MISSING_ZH, title)
                self.assertGoodPng(self.render(fig), *map(int, fig.get_size_inches() * fig.dpi))
            comp.close()

    def test_chinese_report_has_no_replacement_character(self):
        out = support.tmpdir()
        p = cli("report", support.planner_fixture(), "-o", out, "--lang", "zh")
        self.assertCliOk(p)
        with open(p.stdout.strip().splitlines()[-1], encoding="utf-8") as f:
            text = f.read()
        self.assertFalse("\ufffd" in text, "replacement character in the Chinese report")
        at = text.find(i18n.MISSING_ZH)  # every name shown has its Chinese in this file
        self.assertEqual(at, -1, f"English name marked in the Chinese report: {text[at - 80:at + 80]!r}")
        self.assertTrue("分学科招聘需求" in text)
        # A file written before long_name_zh: English names, each marked.
        p = cli("report", support.fixture("old-zh", zh=False), "-o", out, "--lang", "zh")
        self.assertCliOk(p)
        with open(p.stdout.strip().splitlines()[-1], encoding="utf-8") as f:
            old = f.read()
        self.assertTrue(i18n.MISSING_ZH + "Rural vacancies" in old, "older file: no marked English name")
        self.assertFalse("\ufffd" in old, "replacement character in the Chinese report")


class RealRunIsChinese(unittest.TestCase):
    """teachsim writes long_name_zh and units_zh for every indicator (sim/base/indicator_zh.c)."""

    def test_every_indicator_has_chinese_attributes(self):
        path = support.real_results()
        with h5py.File(path, "r") as f:
            names = [n for n, d in f.items() if isinstance(d, h5py.Dataset) and d.ndim == 4]
            self.assertGreater(len(names), 30)
            for n in names:
                with self.subTest(indicator=n):
                    zh, units = f[n].attrs.get("long_name_zh"), f[n].attrs.get("units_zh")
                    self.assertIsNotNone(zh, "no long_name_zh")
                    self.assertIsNotNone(units, "no units_zh")
                    zh = zh.decode() if isinstance(zh, bytes) else zh
                    self.assertRegex(zh, CJK)


if __name__ == "__main__":
    unittest.main()
