"""Each plot command on a real small run (and on a fixture for what a run cannot produce yet)."""
import os
import unittest

import xarray as xr

from analysis import results as R

from . import support
from .support import cli


class PlotsOnRealRun(unittest.TestCase, support.PngChecks):
    @classmethod
    def setUpClass(cls):
        cls.path = support.real_results()
        with R.open_results(cls.path) as ds:
            cls.vars = set(ds.data_vars)
            cls.n_scenarios = ds.sizes["scenario"]
        cls.out = support.tmpdir()

    def png(self, name):
        return os.path.join(self.out, name)

    def test_fan_chart_all(self):
        out = self.png("fan.png")
        self.assertCliOk(cli("plot", self.path, "--metric", "rural_vacancies", "--region", "ALL", "-o", out))
        self.assertGoodPng(out, 1200, 750)

    def test_fan_chart_county_custom_size(self):
        out = self.png("fan-county.png")
        self.assertCliOk(cli("plot", self.path, "--metric", "share_age_50plus", "--region", "xiangtan_county",
                             "--width", "800", "--height", "500", "-o", out))
        self.assertGoodPng(out, 800, 500)

    def test_small_multiples(self):
        out = self.png("multiples.png")
        self.assertCliOk(cli("multiples", self.path, "--metric", "vacancies", "-o", out))
        self.assertGoodPng(out, 1500, 1000)

    def test_differences(self):
        out = self.png("diff.png")
        p = cli("diff", self.path, "--metric", "vacancies", "-o", out)
        if self.n_scenarios > 1:
            self.assertCliOk(p)
            self.assertGoodPng(out, 1200, 750)
        else:
            self.assertEqual(p.returncode, 1, p.stderr)
            self.assertIn("need two scenarios", p.stderr)

    def test_qb_heatmap(self):
        out = self.png("qb.png")
        p = cli("qb", self.path, "-o", out)
        if "qb_pass" in self.vars:
            self.assertCliOk(p)
            self.assertGoodPng(out, 1200, 600)
        else:
            self.assertEqual(p.returncode, 1, p.stderr)
            self.assertIn("no qb_pass", p.stderr)

    def test_age_pyramid(self):
        """Every real run has the nine rural age bands, so the pyramid is drawn, and its bands add up to
        the rural teachers in every cell."""
        self.assertIn("rural_age_pyramid", self.vars)
        with R.open_results(self.path) as ds:
            total = ds["rural_age_pyramid"].sum("age_band")
            self.assertTrue(bool((total == ds["rural_teachers"]).all()), "bands do not add up to rural_teachers")
        out = self.png("pyramid.png")
        self.assertCliOk(cli("pyramid", self.path, "-o", out))
        self.assertGoodPng(out, 1000, 750)


class DifferencesOnRealRun(unittest.TestCase, support.PngChecks):
    """Paired differences from a real three-scenario run (common random numbers)."""

    @classmethod
    def setUpClass(cls):
        cls.path = support.real_three_scenarios()

    def test_diff_plot(self):
        out = os.path.join(support.tmpdir(), "diff.png")
        self.assertCliOk(cli("diff", self.path, "--metric", "rural_vacancies", "--region", "xiangtan_county", "-o", out))
        self.assertGoodPng(out, 1200, 750)

    def test_diff_one_pair(self):
        out = os.path.join(support.tmpdir(), "diff1.png")
        self.assertCliOk(cli("diff", self.path, "--metric", "vacancies", "--base", "xiangtan-baseline",
                             "--scenario", support.VARIANT, "-o", out))
        self.assertGoodPng(out, 1200, 750)

    def test_fan_chart_three_scenarios(self):
        out = os.path.join(support.tmpdir(), "fan3.png")
        self.assertCliOk(cli("plot", self.path, "--metric", "vacancies", "-o", out))
        self.assertGoodPng(out, 1200, 750)

    def test_pairing_by_replication(self):
        from analysis import plots
        with R.open_results(self.path) as ds:
            diffs, source = plots.paired_differences(ds, "rural_vacancies", "ALL")
            self.assertEqual(source, "paired replications")
            same = diffs[f"{support.COPY} − xiangtan-baseline"]
            self.assertEqual(float(abs(same).max()), 0.0, "an identical scenario must give exactly zero")
            d = diffs[f"{support.VARIANT} − xiangtan-baseline"]
            x = ds.rural_vacancies.sel(region="ALL").values  # (scenario, replication, year)
            names = list(ds.scenario.values)
            expect = x[names.index(support.VARIANT)] - x[names.index("xiangtan-baseline")]
            self.assertTrue((d.transpose("replication", "year").values == expect).all())


class PlotsOnFixture(unittest.TestCase, support.PngChecks):
    """qb_pass, the comparison/ group, two scenarios and the age pyramid: not in a real run yet."""

    @classmethod
    def setUpClass(cls):
        cls.path = support.fixture()
        cls.out = support.tmpdir()

    def png(self, name):
        return os.path.join(self.out, name)

    def test_qb_heatmap(self):
        out = self.png("qb.png")
        self.assertCliOk(cli("qb", self.path, "-o", out))
        self.assertGoodPng(out, 1200, 600)

    def test_qb_heatmap_level(self):
        out = self.png("qb-junior.png")
        self.assertCliOk(cli("qb", self.path, "--level", "junior", "--scenario", "more-targeted-graduates", "-o", out))
        self.assertGoodPng(out, 1200, 600)

    def test_qb_level_absent(self):
        path = support.fixture("qb-nolevels", qb_levels=False)
        p = cli("qb", path, "--level", "primary", "-o", self.png("x.png"))
        self.assertEqual(p.returncode, 1)
        self.assertIn("no qb_pass_primary", p.stderr)

    def test_differences_from_comparison_group(self):
        out = self.png("diff-comp.png")
        p = cli("diff", self.path, "--metric", "rural_vacancies", "-o", out)
        self.assertCliOk(p)
        self.assertGoodPng(out, 1200, 750)

    def test_differences_computed_and_paired(self):
        out = self.png("diff-computed.png")
        self.assertCliOk(cli("diff", self.path, "--metric", "pupils", "--region", "yuhu", "-o", out))
        self.assertGoodPng(out, 1200, 750)
        # pairing is by replication index, and equals the comparison group's own differences
        from analysis import plots
        with R.open_results(self.path) as ds:
            comp = R.open_comparison(self.path, ds)
            mine, _ = plots.paired_differences(ds, "vacancies", "ALL", base="xiangtan-baseline")
            theirs, src = plots.paired_differences(ds, "vacancies", "ALL", comparison=comp)
            self.assertEqual(src, "comparison/")
            a, b = next(iter(mine.values())), next(iter(theirs.values()))
            xr.testing.assert_equal(a.reset_coords(drop=True), b.reset_coords(drop=True).astype(a.dtype))

    def test_age_pyramid(self):
        out = self.png("pyramid.png")
        self.assertCliOk(cli("pyramid", self.path, "--region", "xiangxiang", "-o", out))
        self.assertGoodPng(out, 1000, 750)


class ChineseLabels(unittest.TestCase):
    def test_cjk_font_found(self):
        from analysis import plots
        self.assertIsNotNone(plots.CJK_FONT, "install fonts-noto-cjk")

    def test_no_missing_glyph_warnings(self):
        out = os.path.join(support.tmpdir(), "zh.png")
        p = cli("multiples", support.fixture(), "--metric", "teachers", "-o", out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn("missing from current font", p.stderr)


if __name__ == "__main__":
    unittest.main()


class ChartsThatSaySomething(unittest.TestCase):
    """Legend swatches in the series' colour, constant panels with a readable axis, identical
    series that stay visible (a real run with an identical copy of the baseline)."""

    @classmethod
    def setUpClass(cls):
        from analysis import plots
        cls.plots = plots
        cls.path = support.real_three_scenarios()
        cls.ds = R.open_results(cls.path)

    @classmethod
    def tearDownClass(cls):
        cls.ds.close()

    def tearDown(self):
        import matplotlib.pyplot as plt
        plt.close("all")

    def test_band_swatches_take_the_scenario_colour(self):
        import matplotlib.colors as mc
        from matplotlib.patches import Rectangle
        fig = self.plots.fan_chart(self.ds, "vacancies")
        legend = fig.axes[0].get_legend()
        swatches = [a for a in legend.findobj(Rectangle) if a.get_alpha() in (0.15, 0.35)]
        colours = {mc.to_hex(a.get_facecolor()) for a in swatches}
        self.assertIn(mc.to_hex(self.plots.COLOURS[0]), colours)
        self.assertIn(mc.to_hex(self.plots.COLOURS[2]), colours)
        self.assertNotIn(mc.to_hex("0.5"), colours)  # no grey "band" entries

    def test_identical_series_are_named_and_dashed(self):
        fig = self.plots.fan_chart(self.ds, "vacancies")
        ax = fig.axes[0]
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        self.assertIn(f"{support.COPY} (identical to xiangtan-baseline)", labels)
        copy = next(line for line in ax.get_lines() if line.get_label() == support.COPY)
        self.assertNotEqual(copy.get_linestyle(), "-")
        base = next(line for line in ax.get_lines() if line.get_label() == "xiangtan-baseline")
        self.assertEqual(base.get_linestyle(), "-")

    def test_twins_get_their_own_stretch_of_dash(self):
        self.assertNotEqual(self.plots.twin_dashes(1, 2), self.plots.twin_dashes(2, 2))

    def test_all_zero_panel_has_a_real_axis(self):
        ds = self.ds.assign(nothing=(self.ds.teachers * 0).assign_attrs(units="teachers", long_name="Nothing"))
        fig = self.plots.fan_chart(ds, "nothing")
        lo, hi = fig.axes[0].get_ylim()
        self.assertGreaterEqual(hi - lo, 1)
        self.assertTrue(-0.5 < lo <= 0 < hi, (lo, hi))
        ticks = [t for t in fig.axes[0].get_yticks() if lo <= t <= hi]
        self.assertTrue(all(float(t).is_integer() for t in ticks), ticks)  # no fractions of a count
        texts = [t.get_text() for t in fig.axes[0].texts]
        self.assertIn("0 in every replication and year", texts)

    def test_zero_difference_said_in_legend(self):
        fig = self.plots.differences(self.ds, "vacancies")
        labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        self.assertTrue(any(support.COPY in lab and "0 in every replication" in lab for lab in labels), labels)

    def test_pyramid_says_not_in_this_file(self):
        if "rural_age_pyramid" in self.ds:
            self.skipTest("this build writes the pyramid")
        with self.assertRaisesRegex(R.MissingData, "not in this file"):
            self.plots.age_pyramid(self.ds)
