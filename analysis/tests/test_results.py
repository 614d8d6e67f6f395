"""Reading results files through xarray and refusing unknown formats."""
import os
import unittest

import h5py

from analysis import results as R

from . import support
from .support import cli

INDICATORS = ("teachers", "teachers_established", "teachers_temporary", "pupils", "requirement", "vacancies",
              "rural_vacancies", "retirements", "leavers", "transfers_to_urban", "hires", "mean_age",
              "share_age_50plus", "rural_share_age_50plus", "pupil_teacher_ratio")


class RealFile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ds = R.open_results(support.real_results())

    @classmethod
    def tearDownClass(cls):
        cls.ds.close()

    def test_labelled_dimensions(self):
        ds = self.ds
        self.assertEqual(ds.sizes["replication"], support.REPLICATIONS)
        self.assertEqual(str(ds.region.values[-1]), "ALL")
        self.assertEqual(int(ds.attrs["replications"]), support.REPLICATIONS)
        self.assertEqual(int(ds.attrs["base_seed"]), support.SEED)
        for a in ("teachsim_version", "created_utc", "command_line", "provenance"):
            self.assertTrue(str(ds.attrs.get(a, "")), f"root attribute {a} missing or empty")

    def test_indicators_have_units_and_names(self):
        for name in INDICATORS:
            with self.subTest(name=name):
                da = self.ds[name]
                self.assertEqual(da.dims, R.DIMS)
                for a in ("units", "long_name", "description"):
                    self.assertTrue(da.attrs.get(a), f"{name}.{a} missing")

    def test_chinese_region_names(self):
        names = [str(n) for n in self.ds.region_name_zh.values]
        self.assertTrue(any("\u4e00" <= ch <= "\u9fff" for n in names for ch in n), names)
        self.assertIn("湘潭县", R.region_label(self.ds, "xiangtan_county"))

    def test_region_by_code_or_chinese_name(self):
        self.assertEqual(R.region_code(self.ds, "湘潭县"), "xiangtan_county")
        self.assertEqual(R.region_code(self.ds, "xiangtan_county"), "xiangtan_county")
        self.assertEqual(R.region_code(self.ds, "全部"), "ALL")
        with self.assertRaises(R.MissingData) as e:
            R.region_code(self.ds, "湘潭")
        self.assertIn("xiangtan_county (湘潭县)", str(e.exception))

    def test_plot_region_by_chinese_name(self):
        out = os.path.join(support.tmpdir(), "zh.png")
        p = cli("plot", support.real_results(), "--metric", "teachers", "--region", "湘潭县", "-o", out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(os.path.getsize(out) > 0)

    def test_missing_indicator_suggests_the_nearest(self):
        p = cli("plot", support.real_results(), "--metric", "rural_vacancy", "-o", os.path.join(support.tmpdir(), "x.png"))
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("(did you mean rural_vacancies?)", p.stderr)

    def test_caption_from_file(self):
        c = R.caption(self.ds)
        self.assertIn(f"{support.REPLICATIONS} replications", c)
        self.assertIn(f"base seed {support.SEED}", c)
        self.assertIn(str(self.ds.scenario.values[0]), c)

    def test_no_comparison_group_is_none(self):
        if self.ds.sizes["scenario"] == 1:
            self.assertIsNone(R.open_comparison(support.real_results(), self.ds))

    def test_missing_indicator_exit_1(self):
        p = cli("plot", support.real_results(), "--metric", "no_such_thing", "-o", os.path.join(support.tmpdir(), "x.png"))
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("no indicator 'no_such_thing'", p.stderr)
        self.assertIn("rural_vacancies", p.stderr)  # lists what there is

    def test_missing_region_exit_1(self):
        p = cli("plot", support.real_results(), "--metric", "teachers", "--region", "atlantis",
                "-o", os.path.join(support.tmpdir(), "x.png"))
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("no region 'atlantis'", p.stderr)


class Refusals(unittest.TestCase):
    def test_unknown_format_version(self):
        path = support.fixture("v2", format_version=2, qb=False, qb_levels=False, comparison=False, pyramid=False)
        with self.assertRaises(R.ResultsError) as cm:
            R.open_results(path)
        self.assertEqual(cm.exception.exit_code, 2)
        for args in (["info", path], ["plot", path, "--metric", "teachers", "-o", os.path.join(support.tmpdir(), "x.png")],
                     ["report", path, "-o", support.tmpdir()]):
            with self.subTest(command=args[0]):
                p = cli(*args)
                self.assertEqual(p.returncode, 2, p.stderr)
                self.assertIn("unknown format_version 2", p.stderr)
                self.assertIn("reads format_version 1", p.stderr)

    def test_not_a_results_file(self):
        path = os.path.join(support.tmpdir(), "other.h5")
        with h5py.File(path, "w") as f:
            f["x"] = [1, 2, 3]
        p = cli("info", path)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("not a teachsim results file", p.stderr)

    def test_not_hdf5(self):
        path = os.path.join(support.tmpdir(), "notes.h5")
        with open(path, "w") as f:
            f.write("hello\n")
        p = cli("info", path)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("cannot be read as a results file", p.stderr)

    def test_missing_file(self):
        p = cli("info", "/nonexistent/results.h5")
        self.assertEqual(p.returncode, 2)
        self.assertIn("no such file", p.stderr)


class Fixture(unittest.TestCase):
    """The fixture generator itself follows docs/results-file.md, so xarray sees labelled dimensions."""

    def test_fixture_opens_labelled(self):
        path = support.fixture()
        ds = R.open_results(path)
        self.assertEqual(list(ds.rural_vacancies.dims), list(R.DIMS))
        self.assertIn("湘潭县", [str(v) for v in ds.region_name_zh.values])
        comp = R.open_comparison(path, ds)
        self.assertIn("year", comp.coords)  # root coordinates filled into the group
        self.assertEqual(comp.vacancies.dims[0], "contrast")


if __name__ == "__main__":
    unittest.main()


class LabelsAreCoordinates(unittest.TestCase):
    """The texts beside a dimension open as coordinates with every installed netCDF engine."""

    @classmethod
    def setUpClass(cls):
        cls.path = support.real_three_scenarios()

    def engines(self):
        import importlib.util
        have = [e for e, m in (("netcdf4", "netCDF4"), ("h5netcdf", "h5netcdf")) if importlib.util.find_spec(m)]
        self.assertTrue(have)
        return have

    def test_plain_xarray(self):
        import xarray as xr
        for eng in self.engines():
            with self.subTest(engine=eng), xr.open_dataset(self.path, engine=eng) as ds:
                for label in R.LABELS:
                    self.assertIn(label, ds.coords)
                    self.assertNotIn(label, ds.data_vars)
                m = ds.sel(region="ALL").mean("replication")
                self.assertEqual(str(m.region_name_zh.values), "全部")
                self.assertEqual(m.teachers.dims, ("scenario", "year"))
                names = [str(s) for s in ds.scenario.values[:2]]
                # the root subject scale (subjects/) is a dimension of no root indicator: left out here
                df = ds.sel(scenario=names).drop_dims("subject", errors="ignore").to_dataframe()
                self.assertEqual(len(df), 2 * ds.sizes["replication"] * ds.sizes["year"] * ds.sizes["region"])
                self.assertIn("region_name_zh", df.columns)
                self.assertIsInstance(df["region_name_zh"].iloc[0], str)
                with xr.open_dataset(self.path, engine=eng, group="comparison") as cmp:
                    self.assertIn("contrast_scenario", cmp.coords)

    def test_toolkit_groups_carry_labels(self):
        ds = R.open_results(self.path)
        cmp = R.open_comparison(self.path, ds)
        self.assertIn("region_name_zh", cmp.coords)
        self.assertEqual(cmp.teachers_mean.sel(region="ALL").region_name_zh.item(), "全部")

    def test_h5py_text(self):
        with h5py.File(self.path, "r") as f:
            for name in ("scenario", "region", "region_name_zh", "scenario_yaml"):
                info = h5py.check_string_dtype(f[name].dtype)
                self.assertEqual((info.encoding, info.length), ("utf-8", None), name)  # vlen UTF-8
                self.assertIsInstance(f[name].asstr()[0], str)
            self.assertEqual(f["teachers"].attrs["coordinates"], "region_name_zh scenario_yaml")

    def test_c_reader_reads_it(self):
        import subprocess
        p = subprocess.run([os.environ["TEACHSIM"], "summary", self.path, "--metric", "teachers"],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Teachers in post", p.stdout)
