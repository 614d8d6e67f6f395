"""The interactive page in a real browser: Debian's chromium, headless, driven by python3-selenium.

Two pages are opened from disk (file://): one of a real `teachsim run` of two scenarios x 20
replications (values checked against the HDF5 file with h5py/numpy: fan, differences, map, targets,
failure reasons, costs as medians of per-replication sums, a subject family, schools, the Chinese
names from long_name_zh) and one of tests/browser/fixture.py, laid out as a run writes it, for the
cases a short run rarely shows (sorting with blanks, NaN reasons); a third, of a `teachsim
sensitivity -o` file, shows its ranking as a table in both languages. Every selector is
changed and the chart's SVG and the tables must change; numbers must equal the file's; the language
switch must change every heading; screenshots must not be blank; no console error may appear.

    TEACHSIM=build/teachsim /usr/bin/python3 -m unittest discover -s tests/browser -v
Environment: TEACHSIM (the binary; tests/cli_analysis_browser.sh sets it), TS_SHOTS (a folder to keep
the screenshots in, e.g. to look at them).
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, ROOT)
sys.path.insert(0, HERE)
import fixture  # noqa: E402
from analysis import page  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

REPLICATIONS, SEED = 20, 4242
TMP = tempfile.mkdtemp(prefix="ts-browser-")
DOWNLOADS = os.path.join(TMP, "downloads")
# Relative tolerance of the embedded numbers: page.DIGITS significant digits.
RTOL = 10.0 ** (1 - page.DIGITS)
# The school table's shares keep page.SCHOOL_SHARE_DECIMALS decimals: half a unit of the last one.
SHARE_TOL = 0.5 * 10.0 ** -page.SCHOOL_SHARE_DECIMALS + 1e-12


def setUpModule():
    global DRIVER, REAL, REAL_PAGE, FIX, FIX_PAGE
    exe = os.environ.get("TEACHSIM")
    if not exe:
        raise unittest.SkipTest("TEACHSIM (path to the teachsim binary) not set")
    REAL = os.path.join(TMP, "real.h5")
    cmd = [exe, "run", "xiangtan-baseline", os.path.join(ROOT, "scenarios", "no-rotation.yaml"), "-r", str(REPLICATIONS),
           "--seed", str(SEED), "-o", REAL, "--quiet"]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise AssertionError(f"`{' '.join(cmd)}` failed (exit {p.returncode}): {p.stderr[-2000:]}")
    REAL_PAGE, _ = page.write(REAL, os.path.join(TMP, "real"), lang="zh")
    FIX = fixture.make(os.path.join(TMP, "fixture.h5"))
    FIX_PAGE, _ = page.write(FIX, os.path.join(TMP, "fixture"), lang="en")
    os.makedirs(DOWNLOADS)
    o = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1800"):
        o.add_argument(a)
    o.add_experimental_option("prefs", {"download.default_directory": DOWNLOADS, "download.prompt_for_download": False})
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    DRIVER = webdriver.Chrome(options=o)
    DRIVER.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": DOWNLOADS})


def tearDownModule():
    if "DRIVER" in globals():
        DRIVER.quit()
    shutil.rmtree(TMP, True)


def quantile(x, q, axis=0):
    return np.nanquantile(np.asarray(x, float), q, axis=axis)


class PageTest(unittest.TestCase):
    d = None

    def open(self, path):
        self.d = DRIVER
        self.d.get("file://" + path)
        self.d.get_log("browser")  # start each test with an empty log
        self.d.get("file://" + path)
        self.assertEqual(self.d.execute_script("return document.body.getAttribute('data-renders')"), "1")

    def tearDown(self):
        if self.d is None:
            return
        bad = [e for e in self.d.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
        self.assertEqual(bad, [], "console errors")

    def select(self, id, value):
        Select(self.d.find_element(By.ID, id)).select_by_value(str(value))

    def html(self, id):
        return self.d.find_element(By.ID, id).get_attribute("innerHTML")

    def cells(self, selector):
        """[(data-* attributes, data-v)] of the cells matching a CSS selector."""
        return self.d.execute_script("""
            return Array.from(document.querySelectorAll(arguments[0])).map(function (td) {
              var a = {}; for (var k in td.dataset) a[k] = td.dataset[k]; return a; });""", selector)

    def value(self, selector):
        v = self.d.find_element(By.CSS_SELECTOR, selector).get_attribute("data-v")
        return float("nan") if v in ("", None) else float(v)

    def assertClose(self, got, want, what, tol=None):
        if np.isnan(want):
            self.assertTrue(np.isnan(got), f"{what}: page {got}, file NaN")
        else:
            tol = RTOL * max(1.0, abs(want)) if tol is None else tol
            self.assertTrue(abs(got - want) <= tol, f"{what}: page {got}, file {want}")

    def shot(self, name, element=None):
        png = (element or self.d).screenshot_as_png if element is not None else self.d.get_screenshot_as_png()
        if os.environ.get("TS_SHOTS"):
            os.makedirs(os.environ["TS_SHOTS"], exist_ok=True)
            with open(os.path.join(os.environ["TS_SHOTS"], name + ".png"), "wb") as f:
                f.write(png)
        return png

    def assertNotBlank(self, png, what, colours=20):
        import io
        import matplotlib.image as mpimg
        self.assertEqual(png[:8], b"\x89PNG\r\n\x1a\n", f"{what}: not a PNG")
        img = mpimg.imread(io.BytesIO(png), format="png")
        rgb = (np.asarray(img)[..., :3] * 255).round().astype(np.uint8).reshape(-1, 3)
        distinct = len(np.unique(rgb, axis=0))
        self.assertGreater(distinct, colours, f"{what}: only {distinct} distinct colours (blank?)")
        background = np.median(rgb, axis=0)
        ink = (np.abs(rgb.astype(int) - background).sum(axis=1) > 60).mean()
        self.assertGreater(ink, 0.01, f"{what}: almost no drawing ({ink:.2%} of pixels differ from the background)")


class RealRun(PageTest):
    """Values of the page of a real two-scenario run equal those of the file."""

    def setUp(self):
        self.open(REAL_PAGE)
        self.f = h5py.File(REAL, "r")
        self.regions = list(self.f["region"].asstr()[...])
        self.years = list(self.f["year"][...])
        self.scen = list(self.f["scenario"].asstr()[...])

    def tearDown(self):
        self.f.close()
        super().tearDown()

    def test_fan_table_equals_the_file_for_each_county_and_indicator(self):
        for region, name in (("ALL", "vacancies"), ("xiangxiang", "rural_vacancies"), ("shaoshan", "teachers"),
                             ("yuhu", "rural_share_age_50plus")):
            self.select("sel-region", region)
            self.select("sel-indicator", name)
            x = self.f[name][...]
            g = self.regions.index(region)
            for s in self.scen:
                for y in (self.years[0], 2025, self.years[-1]):
                    want = quantile(x[self.scen.index(s), :, self.years.index(y), g], [0.05, 0.5, 0.95])
                    for q, w in zip((5, 50, 95), want):
                        sel = f'#fan-table td[data-scenario="{s}"][data-year="{y}"][data-q="{q}"]'
                        self.assertClose(self.value(sel), w, f"{name} {region} {s} {y} q{q}")

    def test_level_selector_picks_the_level_variant(self):
        self.select("sel-indicator", "qb_cv_qualified")
        self.assertTrue(self.d.find_element(By.ID, "lab-level").is_displayed())
        before = self.html("fan-chart")
        for level in ("junior", "primary"):
            self.select("sel-level", level)
            after = self.html("fan-chart")
            self.assertNotEqual(before, after, f"chart unchanged after level {level}")
            before = after
            x = self.f[f"qb_cv_qualified_{level}"][0, :, self.years.index(2030), self.regions.index("ALL")]
            self.assertClose(self.value('#fan-table td[data-scenario="xiangtan-baseline"][data-year="2030"][data-q="50"]'),
                             quantile(x, 0.5), f"qb_cv_qualified_{level} median")
        self.select("sel-indicator", "teachers")  # no level variants: the level selector hides
        self.assertFalse(self.d.find_element(By.ID, "lab-level").is_displayed())

    def test_every_selector_changes_the_charts_and_tables(self):
        changes = [("sel-region", "xiangtan_county", "fan-chart"), ("sel-indicator", "hires", "fan-chart"),
                   ("sel-year", 2026, "map"), ("sel-year", 2030, "map-table")]
        for id, value, panel in changes:
            before = self.html(panel)
            self.select(id, value)
            self.assertNotEqual(before, self.html(panel), f"{panel} unchanged after {id} = {value}")
        # Scenarios: unticking one removes its median line and its columns.
        medians = len(self.d.find_elements(By.CSS_SELECTOR, "#fan-chart path.median"))
        self.assertEqual(medians, 2)
        self.d.find_element(By.CSS_SELECTOR, '#sel-scenarios input[data-scenario="no-rotation"]').click()
        self.assertEqual(len(self.d.find_elements(By.CSS_SELECTOR, "#fan-chart path.median")), 1)
        self.assertEqual(self.cells('#fan-table td[data-scenario="no-rotation"]'), [])
        # With the reference alone there is no contrast to draw, and the page says why.
        self.assertEqual(len(self.d.find_elements(By.CSS_SELECTOR, "#diff-chart path.median")), 0)
        self.assertTrue(self.d.find_element(By.ID, "diff-note").get_attribute("textContent"))

    def test_paired_difference_equals_the_comparison_group(self):
        self.select("sel-region", "xiangxiang")
        self.select("sel-indicator", "rural_vacancies")
        self.assertEqual(len(self.d.find_elements(By.CSS_SELECTOR, "#diff-chart path.median")), 1)
        g, c = self.regions.index("xiangxiang"), "no-rotation - xiangtan-baseline"
        for stat in ("mean", "q05", "q95"):
            want = self.f[f"comparison/rural_vacancies_{stat}"][0, :, g]
            for y in (2022, 2028):
                self.assertClose(self.value(f'#diff-table td[data-contrast="{c}"][data-year="{y}"][data-stat="{stat}"]'),
                                 want[self.years.index(y)], f"difference {stat} {y}")

    def test_targets_table_equals_the_targets_group(self):
        names = list(self.f["targets/target"].asstr()[...])
        p, lo = self.f["targets/probability"][...], self.f["targets/probability_lower"][...]
        rows = self.cells("#targets-table td[data-target]")
        self.assertTrue(rows, "no target rows")
        for r in rows:
            s, t = self.scen.index(r["scenario"]), names.index(r["target"])
            self.assertClose(float(r["v"]), p[s, t], f"probability {r}")
        first = self.d.find_element(By.CSS_SELECTOR, "#targets-table td[data-target]")
        cell = first.find_element(By.XPATH, "following-sibling::td[1]")
        s, t = self.scen.index(first.get_attribute("data-scenario")), names.index(first.get_attribute("data-target"))
        self.assertClose(float(cell.get_attribute("data-v")), lo[s, t], "Wilson lower bound")

    def test_map_colours_counties_by_the_median_and_picks_one(self):
        self.select("sel-indicator", "teachers")
        self.select("sel-year", 2030)
        tiles = self.d.find_elements(By.CSS_SELECTOR, "#map g.tile")
        self.assertEqual(sorted(t.get_attribute("data-region") for t in tiles), sorted(r for r in self.regions if r != "ALL"))
        x = self.f["teachers"][0, :, self.years.index(2030), :]
        fills = set()
        for t in tiles:
            rect = t.find_element(By.TAG_NAME, "rect")
            fills.add(rect.get_attribute("fill"))
            g = self.regions.index(t.get_attribute("data-region"))
            self.assertClose(float(rect.get_attribute("data-v")), quantile(x[:, g], 0.5), f"tile {g}")
        self.assertGreater(len(fills), 2, "tiles not coloured by value")
        picked = tiles[1].get_attribute("data-region")
        tiles[1].click()  # the map is redrawn: the tile elements are new
        self.assertEqual(Select(self.d.find_element(By.ID, "sel-region")).first_selected_option.get_attribute("value"),
                         picked)
        outlined = self.d.find_element(By.CSS_SELECTOR, "#map rect[stroke='#000']").find_element(By.XPATH, "..")
        self.assertEqual(outlined.get_attribute("data-region"), picked)

    def test_scenario_descriptions_and_changes_in_words(self):
        box = self.d.find_element(By.CSS_SELECTOR, '#scenario-list div[data-scenario="no-rotation"]').text
        self.assertIn("No exchange rotation", box)
        self.assertIn("rotation.enabled：参照方案为 是，本方案为 否", box)  # the page is built in Chinese
        self.d.find_element(By.ID, "lang-en").click()
        box = self.d.find_element(By.CSS_SELECTOR, '#scenario-list div[data-scenario="no-rotation"]').text
        self.assertIn("rotation.enabled: true in the reference, false here", box)

    def test_language_switch_changes_every_text(self):
        def texts():
            return self.d.execute_script("""return Array.from(document.querySelectorAll('[data-t], #sel-region option, ' +
                '#sel-indicator optgroup, #caption, #footer, #diff-note')).map(function (e) {
                return e.getAttribute('label') || e.textContent; });""")
        self.assertEqual(self.d.find_element(By.ID, "title").text, "教师队伍模拟：交互式结果")  # built with lang zh
        zh = texts()
        self.d.find_element(By.ID, "lang-en").click()
        en = texts()
        self.assertEqual(self.d.find_element(By.ID, "title").text, "Teacher workforce: interactive results")
        same = [a for a, b in zip(zh, en) if a == b and a.strip()]
        self.assertEqual(same, [], "texts not translated")
        body = self.d.find_element(By.TAG_NAME, "body").get_attribute("textContent")
        self.assertNotIn("\ufffd", body)
        self.assertIn("xiangxiang", [o.text for o in Select(self.d.find_element(By.ID, "sel-region")).options])
        self.d.find_element(By.ID, "lang-zh").click()
        self.assertIn("湘乡市", [o.text for o in Select(self.d.find_element(By.ID, "sel-region")).options])
        self.assertNotIn("\ufffd", self.d.find_element(By.TAG_NAME, "body").get_attribute("textContent"))

    def test_screenshots_are_not_blank_in_both_languages(self):
        for lang in ("zh", "en"):
            self.d.find_element(By.ID, "lang-" + lang).click()
            self.assertNotBlank(self.shot(f"real-{lang}"), f"page ({lang})", colours=100)
            for panel in ("fan-chart", "diff-chart", "map"):
                self.assertNotBlank(self.shot(f"real-{lang}-{panel}", self.d.find_element(By.ID, panel)), panel)

    def test_panels_of_a_real_run_are_shown_with_the_files_values(self):
        for panel in ("panel-fan", "panel-diff", "panel-map", "panel-targets", "panel-schools", "panel-failure",
                      "panel-costs"):
            self.assertTrue(self.d.find_element(By.ID, panel).is_displayed(), panel)
        self.assertFalse(self.d.find_element(By.ID, "panel-studies").is_displayed(), "a plain run has no studies")
        # the school list and the failure decomposition hold the real file's numbers
        self.select("sel-region", "xiangxiang")
        ids = list(self.f["schools/school"].asstr()[...])
        names = [c["school"] for c in self.cells("#schools-table td[data-school]")]
        region = list(self.f["schools/school_region"].asstr()[...])
        self.assertEqual(sorted(names), sorted(i for i, r in zip(ids, region) if r == "xiangxiang"))
        last = len(self.years) - 1
        for k in (0, len(names) // 2, len(names) - 1):
            want = self.f["schools/rule_met_probability"][0, last, ids.index(names[k])]
            got = self.value(f'#schools-table td[data-school="{names[k]}"] ~ td:nth-child(6)')
            if np.isnan(want):
                self.assertTrue(np.isnan(got), names[k])
            else:
                self.assertClose(got, want, "school probability", SHARE_TOL)
        g = self.regions.index("xiangxiang")
        for name in ("qb_fails_school_rule_junior", "qb_schools_missing_backbone_junior"):
            want = self.f[name][0, :, last, g].mean()
            self.assertClose(self.value(f'#failure-table td[data-name="{name}"][data-scenario="xiangtan-baseline"]'),
                             want, name)

    def test_costs_are_medians_of_the_cumulative_sums_per_replication(self):
        """The costs panel: per replication the sum from the first year to the chosen one, then the
        median and 5/95 % (not a sum of medians); shown in 万元 on the Chinese page."""
        self.select("sel-region", "xiangxiang")
        self.select("sel-year", 2030)
        g, y = self.regions.index("xiangxiang"), self.years.index(2030)
        for name in ("cost_total", "cost_pay", "cost_county", "cost_rotation_allowance"):
            for s, scen in enumerate(self.scen):
                x = self.f[name][s, :, : y + 1, g].astype(float).sum(axis=1)
                cell = self.d.find_element(By.CSS_SELECTOR, f'#costs-table td[data-name="{name}"][data-scenario="{scen}"]')
                self.assertClose(float(cell.get_attribute("data-v")), quantile(x, 0.5), f"{name} {scen} median")
                q5 = float(cell.find_element(By.XPATH, "following-sibling::td[1]").get_attribute("data-v"))
                self.assertClose(q5, quantile(x, 0.05), f"{name} {scen} 5 %")
                shown = float(cell.text.replace(",", ""))  # 万元, no decimals from 100 up
                self.assertLessEqual(abs(shown - quantile(x, 0.5) / 1e4), 0.5 if shown >= 100 else 0.05, f"{name} in 万元")
        # the rotation allowance is 0 without rotation: a sum of medians could not tell it apart
        self.assertEqual(self.value('#costs-table td[data-name="cost_rotation_allowance"][data-scenario="no-rotation"]'), 0)
        self.assertIn("万元", self.d.find_element(By.ID, "costs-note").text)
        first = self.d.find_element(By.CSS_SELECTOR, "#costs-table tr:nth-child(2) td").text
        self.assertEqual(first, self.f["cost_pay"].attrs["long_name_zh"])

    def test_subject_selector_on_a_real_family(self):
        self.select("sel-region", "xiangxiang")
        self.select("sel-indicator", "subjects/specialist_need")
        self.assertTrue(self.d.find_element(By.ID, "lab-subject").is_displayed())
        subjects = list(self.f["subjects/subject"].asstr()[...])  # the group's own scale
        k = subjects.index("pe")
        self.select("sel-subject", k)
        self.assertEqual(Select(self.d.find_element(By.ID, "sel-subject")).first_selected_option.text,
                         self.f["subjects/subject_name_zh"].asstr()[k])
        x = self.f["subjects/specialist_need"][...]
        g = self.regions.index("xiangxiang")
        for s, scen in enumerate(self.scen):
            for yr in (self.years[0], 2030):
                want = quantile(x[s, :, self.years.index(yr), g, k], [0.05, 0.5, 0.95])
                for q, w in zip((5, 50, 95), want):
                    self.assertClose(self.value(f'#fan-table td[data-scenario="{scen}"][data-year="{yr}"][data-q="{q}"]'),
                                     w, f"specialist_need pe {scen} {yr} q{q}")
        self.assertEqual(self.cells('#fan-table td[data-q="25"]'), [], "a family embeds no 25 % point")
        for stat in ("mean", "q05", "q95"):
            want = self.f[f"comparison/subjects/specialist_need_{stat}"][0, self.years.index(2030), g, k]
            self.assertClose(self.value(f'#diff-table td[data-year="2030"][data-stat="{stat}"]'), want, f"difference {stat}")
        before = self.html("fan-chart")
        self.select("sel-subject", subjects.index("maths"))
        self.assertNotEqual(before, self.html("fan-chart"), "chart unchanged after subject")

    def test_chinese_names_and_units_come_from_the_file(self):
        """On the Chinese page every indicator is named by its long_name_zh and no English name is left."""
        options = self.d.execute_script("""return Array.from(document.querySelectorAll('#sel-indicator option'))
            .map(function (o) { return [o.value, o.textContent]; });""")
        checked = 0
        for value, text in options:
            self.assertNotRegex(text, "[A-Za-z]", f"English left in the option {value}")
            if value in self.f and "long_name_zh" in self.f[value].attrs:
                suffix = "（分学科）" if value.startswith("subjects/") else ""
                self.assertEqual(text, self.f[value].attrs["long_name_zh"] + suffix, value)
                checked += 1
        self.assertGreater(checked, 50)
        for group in self.d.find_elements(By.CSS_SELECTOR, "#sel-indicator optgroup"):
            self.assertNotRegex(group.get_attribute("label"), "[A-Za-z]")
        self.select("sel-indicator", "rural_vacancies")
        self.assertIn(self.f["rural_vacancies"].attrs["units_zh"], self.d.find_element(By.ID, "indicator-desc").text)
        # the targets' definitions, written by the C program in words, are put in Chinese
        defs = [r.find_elements(By.TAG_NAME, "td")[-1].text for r in self.d.find_elements(By.CSS_SELECTOR, "#targets-table tr")[1:]]
        self.assertTrue(defs)
        for text in defs:
            self.assertNotRegex(text, "[A-Za-z]", "English left in a target's definition")
        zh = self.f["rural_vacancies"].attrs["long_name_zh"]
        self.assertIn(f"2030 年，全市：{zh} < 1", defs)  # "rural_vacancies < 1 in ALL in 2030"
        name = "qb_fails_cv_backbone_junior"
        row = self.d.find_element(By.CSS_SELECTOR, f'#failure-table td[data-name="{name}"]').find_element(By.XPATH, "..")
        self.assertEqual(row.find_element(By.TAG_NAME, "td").text, self.f[name].attrs["long_name_zh"].replace("（初中）", ""))

    def test_download_writes_the_table_as_utf8_csv_with_bom(self):
        for f in glob.glob(os.path.join(DOWNLOADS, "*")):
            os.remove(f)
        self.select("sel-region", "xiangxiang")
        self.select("sel-indicator", "vacancies")
        self.d.find_element(By.CSS_SELECTOR, "#panel-fan summary").click()
        self.d.find_element(By.ID, "fan-table-csv").click()
        path = os.path.join(DOWNLOADS, "fan-vacancies-xiangxiang.csv")
        for _ in range(100):
            if os.path.isfile(path):
                break
            time.sleep(0.1)
        self.assertTrue(os.path.isfile(path), f"no download; downloads: {os.listdir(DOWNLOADS)}")
        with open(path, "rb") as fh:
            raw = fh.read()
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark")
        lines = raw.decode("utf-8-sig").splitlines()
        head = lines[0].split(",")
        self.assertEqual(head[0], "年份")
        self.assertEqual(len(lines), 1 + len(self.years))
        row = lines[1 + self.years.index(2025)].split(",")
        col = head.index("xiangtan-baseline 中位数")
        x = self.f["vacancies"][0, :, self.years.index(2025), self.regions.index("xiangxiang")]
        self.assertClose(float(row[col]), quantile(x, 0.5), "CSV median")

    def test_page_states_its_size_and_stays_small(self):
        size = os.path.getsize(REAL_PAGE)
        data = json.loads(self.d.execute_script("return document.getElementById('ts-data').textContent"))
        self.assertLess(abs(data["size"]["total"] - size), 64, "stated size is not the file's")
        self.assertIn(f"{size / 1e6:.2f} MB", self.d.find_element(By.ID, "footer").text)
        self.assertLess(size, 3_000_000, "a page of summaries should be small")


class Fixture(PageTest):
    """The panels for data the lead adds in issue 13, on tests/browser/fixture.py's file."""

    def setUp(self):
        self.open(FIX_PAGE)
        self.f = h5py.File(FIX, "r")
        self.regions = list(self.f["region"].asstr()[...])
        self.years = list(self.f["year"][...])

    def tearDown(self):
        self.f.close()
        super().tearDown()

    def test_all_panels_shown(self):
        for panel in ("panel-fan", "panel-diff", "panel-map", "panel-targets", "panel-failure", "panel-costs", "panel-schools"):
            self.assertTrue(self.d.find_element(By.ID, panel).is_displayed(), panel)
        self.assertNotBlank(self.shot("fixture-en"), "fixture page", colours=100)

    def test_school_list_of_the_county_sorts_by_any_column(self):
        self.select("sel-region", "xiangxiang")
        names = [c["school"] for c in self.cells("#schools-table td[data-school]")]
        region = list(self.f["schools/school_region"].asstr()[...])
        ids = list(self.f["schools/school"].asstr()[...])
        self.assertEqual(sorted(names), sorted(i for i, r in zip(ids, region) if r == "xiangxiang"))
        for col in (3, 5):  # pupils at start, probability of meeting the school rule
            header = self.d.find_elements(By.CSS_SELECTOR, "#schools-table th")[col]
            for direction in (1, -1):
                header.click()
                header = self.d.find_elements(By.CSS_SELECTOR, "#schools-table th")[col]
                vals = self.d.execute_script("""return Array.from(document.querySelectorAll('#schools-table tr'))
                    .slice(1).map(function (r) { return r.children[arguments[0]].dataset.v; });""".replace(
                    "arguments[0]", str(col)))
                nums = [float(v) for v in vals if v not in ("", None)]
                self.assertEqual(nums, sorted(nums, reverse=direction < 0), f"column {col} direction {direction}")
                self.assertTrue(all(v not in ("", None) for v in vals[:len(nums)]), "blanks must sort last")
        want = self.f["schools/rule_met_probability"][0, self.years.index(2035), ids.index(names[0])]
        self.assertClose(self.value(f'#schools-table td[data-school="{names[0]}"] ~ td:nth-child(6)'), want,
                         "school probability", SHARE_TOL)

    def test_failure_decomposition_equals_the_mean_over_replications(self):
        self.select("sel-region", "xiangtan_county")
        self.select("sel-year", 2024)
        g, y = self.regions.index("xiangtan_county"), self.years.index(2024)
        for name in ("qb_fails_cv_qualified_primary", "qb_fails_school_rule_junior", "qb_fails_rotation",
                     "qb_schools_missing_pe_art_primary"):
            for s, scen in enumerate(("xiangtan-baseline", "more-rotation")):
                want = self.f[name][s, :, y, g].mean()
                self.assertClose(self.value(f'#failure-table td[data-name="{name}"][data-scenario="{scen}"]'), want, name)

    def test_costs_are_cumulative_over_years(self):
        self.select("sel-region", "ALL")
        self.select("sel-year", 2027)
        y = self.years.index(2027)
        for name in ("cost_pay", "cost_total", "cost_province"):
            x = np.cumsum(self.f[name][1, :, :, -1], axis=1)[:, y]
            self.assertClose(self.value(f'#costs-table td[data-name="{name}"][data-scenario="more-rotation"]'),
                             quantile(x, 0.5), name)

    def test_subject_selector_for_subject_families(self):
        self.assertFalse(self.d.find_element(By.ID, "lab-subject").is_displayed())
        self.select("sel-indicator", "subjects/specialist_need")
        self.assertTrue(self.d.find_element(By.ID, "lab-subject").is_displayed())
        x = self.f["subjects/specialist_need"]
        for k in (0, 4):
            before = self.html("fan-chart")
            self.select("sel-subject", k)
            if k:
                self.assertNotEqual(before, self.html("fan-chart"), "chart unchanged after subject")
            want = quantile(x[0, :, self.years.index(2030), self.regions.index("ALL"), k], 0.5)
            self.assertClose(self.value('#fan-table td[data-scenario="xiangtan-baseline"][data-year="2030"][data-q="50"]'),
                             want, f"subject {k}")
            d = self.f["comparison/subjects/specialist_need_mean"][0, self.years.index(2030), self.regions.index("ALL"), k]
            self.assertClose(self.value('#diff-table td[data-year="2030"][data-stat="mean"]'), d, f"difference subject {k}")
        self.d.find_element(By.ID, "lang-zh").click()
        self.assertEqual(Select(self.d.find_element(By.ID, "sel-subject")).first_selected_option.text, "体育")
        # A family's Chinese name comes from the file's long_name_zh when it has one.
        self.select("sel-indicator", "subjects/requirement")
        self.assertIn("分学科编制需求（文件）", self.d.find_element(By.ID, "indicator-desc").text)


class Study(PageTest):
    """A page of a `teachsim sensitivity -o` file: its ranking as a table, in both languages."""

    @classmethod
    def setUpClass(cls):
        ranges = os.path.join(TMP, "ranges.yaml")
        with open(ranges, "w") as f:
            f.write("costs.recruitment: [2000, 40000]\nleaving.established.rural[0]: default\n")
        cls.path = os.path.join(TMP, "study.h5")
        cmd = [os.environ["TEACHSIM"], "sensitivity", "--vary-file", ranges, "--outcome", "cost_total@2022",
               "--method", "morris", "-n", "2", "-r", "1", "--bootstrap", "50", "-o", cls.path, "-q"]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        if p.returncode != 0:
            raise AssertionError(f"`{' '.join(cmd)}` failed (exit {p.returncode}): {p.stderr[-2000:]}")
        cls.page, _ = page.write(cls.path, os.path.join(TMP, "study"), lang="en")

    def setUp(self):
        self.open(self.page)

    def test_the_ranking_is_a_table_in_both_languages(self):
        panel = self.d.find_element(By.ID, "panel-studies")
        self.assertTrue(panel.is_displayed())
        with h5py.File(self.path, "r") as f:
            inputs = list(f["sensitivity/inputs"].asstr()[...])
            names_zh = list(f["sensitivity/input_name_zh"].asstr()[...])
            mu_star = f["sensitivity/mu_star"][0]
        rows = self.d.find_elements(By.CSS_SELECTOR, "#study-0-t tr")[1:]
        self.assertEqual(len(rows), len(inputs))
        first = rows[0].find_elements(By.TAG_NAME, "td")
        top = int(np.argmax(mu_star))
        self.assertTrue(first[1].text.startswith(inputs[top] + " ("), first[1].text)
        self.assertClose(float(first[2].text.replace(",", "")), mu_star[top], "mu*", 0.01 * abs(mu_star[top]))
        self.assertIn("What moves", panel.text)
        self.d.find_element(By.ID, "lang-zh").click()
        self.assertIn("本文件中的分析", panel.text)
        first = self.d.find_elements(By.CSS_SELECTOR, "#study-0-t tr")[1].find_elements(By.TAG_NAME, "td")
        self.assertTrue(first[1].text.startswith(names_zh[top] + " ("), first[1].text)
        self.assertNotBlank(self.shot("study-zh", panel), "the studies panel")


if __name__ == "__main__":
    unittest.main()
