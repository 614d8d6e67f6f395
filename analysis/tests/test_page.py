"""The interactive page without a browser: what `report --interactive` embeds (tests/browser/ drives
the page itself in Chromium)."""
import json
import os
import re
import unittest

import h5py
import numpy as np

from .support import cli, fixture, real_results, tmpdir

from .. import page


def embedded(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r'<script type="application/json" id="ts-data">(.*?)</script>', text, re.S)
    return text, json.loads(m.group(1))


class InteractivePage(unittest.TestCase):
    def test_report_interactive_writes_one_self_contained_file(self):
        out = tmpdir()
        p = cli("report", real_results(), "-o", out, "--interactive")
        self.assertEqual(p.returncode, 0, p.stderr)
        index = os.path.join(out, "index.html")
        self.assertEqual(p.stdout.strip().splitlines()[-1], index)
        text, payload = embedded(index)
        # Nothing is fetched: no external script, style, image or link.
        self.assertIsNone(re.search(r'(src|href)\s*=\s*["\']?(https?:|//)', text), "the page refers to the network")
        self.assertNotIn("</script", text.split('id="ts-data">', 1)[1].split("</script>", 1)[0])
        self.assertLess(abs(payload["size"]["total"] - os.path.getsize(index)), 64)

    def test_summaries_equal_numpy_quantiles_of_the_file(self):
        path = real_results()
        data = page.summarise(path)
        with h5py.File(path, "r") as f:
            x = f["rural_vacancies"][...].astype(float)
            regions = list(f["region"].asstr()[...])
        want = np.quantile(x, page.QUANTILES, axis=1)  # (q, scenario, year, region)
        g = regions.index("xiangxiang")
        got = np.array(data["fan"]["rural_vacancies"][0][g], dtype=float)  # (year, q)
        np.testing.assert_allclose(got, want[:, 0, :, g].T, rtol=10.0 ** (1 - page.DIGITS))
        self.assertEqual(len(data["years"]), x.shape[2])

    def test_size_does_not_grow_with_replications(self):
        """Summaries only: 20 and 60 replications of the same shape give pages within a few %."""
        small, large = fixture("r20", replications=20), fixture("r60", replications=60)
        a = len(json.dumps(page.summarise(small)))
        b = len(json.dumps(page.summarise(large)))
        self.assertLess(abs(b - a) / a, 0.1, f"{a} vs {b} bytes")

    def test_what_the_page_cuts_to_stay_small(self):
        """Schools of the first year, the years ending in 0 or 5 and the last; rounding as documented."""
        years = list(range(2021, 2036))
        self.assertEqual([years[i] for i in page.school_year_indices(years)], [2021, 2025, 2030, 2035])
        self.assertEqual(page.school_year_indices([2021, 2022]), [0, 1])
        self.assertEqual(page._nested(np.array([4.7649, 13.549, 0.0012345]), page.SCHOOL_MEAN_DIGITS), [4.76, 13.5, 0.00123])
        self.assertEqual(page._shares(np.array([0.92349, 1.0, np.nan])), [0.923, 1, None])
        self.assertEqual(page.FAMILY_QUANTILES, (0.05, 0.5, 0.95))

    def test_language_default_follows_the_locale(self):
        keep = {k: os.environ.get(k) for k in ("LC_ALL", "LC_MESSAGES", "LANG")}
        try:
            for k in keep:
                os.environ.pop(k, None)
            os.environ["LANG"] = "zh_CN.UTF-8"
            self.assertEqual(page.default_lang(), "zh")
            os.environ["LC_ALL"] = "en_GB.UTF-8"
            self.assertEqual(page.default_lang(), "en")
        finally:
            for k, v in keep.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v

    def test_scenario_changes_lists_the_keys_that_differ(self):
        ref = "name: a\ndescription: base\nrotation:\n  enabled: true\n  rate: 0.1\nlist: [1, 2]\n"
        other = "name: b\ndescription: no rotation\nrotation:\n  enabled: false\n  rate: 0.1\nlist: [1, 3]\n"
        info = page.scenario_changes([ref, other], ["a", "b"], "a")
        self.assertEqual(info[0]["changes"], [])
        self.assertEqual(info[1]["description"], "no rotation")
        self.assertEqual(info[1]["changes"], [["list", "[1, 2]", "[1, 3]"], ["rotation.enabled", "true", "false"]])


if __name__ == "__main__":
    unittest.main()
