"""The HTML report: self-contained, every image decodable, renders in headless Chromium."""
import base64
import html.parser
import io
import os
import shutil
import subprocess
import unittest

import xarray as xr

from . import support
from .support import cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class _Images(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.srcs, self.links = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.srcs.append(a.get("src", ""))
        for key in ("href", "src"):
            if tag in ("link", "script") and a.get(key):
                self.links.append(a[key])


class ReportChecks(support.PngChecks):
    def make_report(self, path):
        out_dir = support.tmpdir()
        p = cli("report", path, "-o", out_dir)
        self.assertCliOk(p)
        written = p.stdout.strip().splitlines()[-1]
        self.assertTrue(os.path.isfile(written), f"printed path {written!r} does not exist")
        self.assertEqual(os.path.dirname(os.path.abspath(written)), os.path.abspath(out_dir))
        with open(written, encoding="utf-8") as f:
            return written, f.read(), p

    def assertImagesDecode(self, text, at_least):
        parser = _Images()
        parser.feed(text)
        self.assertEqual(parser.links, [], "report must not load external files")
        self.assertGreaterEqual(len(parser.srcs), at_least)
        prefix = "data:image/png;base64,"
        for i, src in enumerate(parser.srcs):
            with self.subTest(image=i):
                self.assertTrue(src.startswith(prefix), f"<img> {i} is not an embedded PNG: {src[:60]!r}")
                img = support.read_png(io.BytesIO(base64.b64decode(src[len(prefix):], validate=True)))
                self.assertNotBlank(img, f"image {i}")

    def assertRendersInChromium(self, page):
        if not CHROMIUM:
            self.skipTest("chromium not installed (apt-get install chromium)")
        shot = os.path.join(support.tmpdir(), "shot.png")
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={shot}",
               "--window-size=1200,3000", "--hide-scrollbars", "file://" + os.path.abspath(page)]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
        self.assertTrue(os.path.isfile(shot), f"no screenshot (exit {p.returncode}): {p.stderr[-1500:]}")
        self.assertGoodPng(shot, 1200, 3000)


class ReportOnRealRun(unittest.TestCase, ReportChecks):
    @classmethod
    def setUpClass(cls):
        cls.path = support.real_results()

    def test_report(self):
        page, text, p = self.make_report(self.path)
        self.assertImagesDecode(text, at_least=5)
        self.assertIn("Key indicators, whole area (ALL)", text)
        self.assertIn(f"base seed {support.SEED}", text)
        self.assertIn("湘潭县", text)
        with xr.open_dataset(self.path, engine="netcdf4") as ds:
            has_qb = "qb_pass" in ds
        if has_qb:
            self.assertIn("Probability of passing", text)  # the county x year heat map is there
        else:
            self.assertIn("no qb_pass in this file", text)  # skipped chart, said so
        # A real run has the nine rural age bands, so the section draws a pyramid per scenario
        # (a file without them says "Not in this file" there instead; the fixture tests cover that).
        section = text.split("Age structure of rural teachers", 1)[1].split("<h2>", 1)[0]
        self.assertIn("Age pyramid —", section)
        self.assertNotIn("Not in this file", section)
        self.assertRendersInChromium(page)


class ReportOnFixture(unittest.TestCase, ReportChecks):
    """Target probabilities, qb heat maps, differences and pyramids: from the fixture."""

    def test_report_with_everything(self):
        page, text, p = self.make_report(support.fixture())
        self.assertIn("Probability of meeting the target", text)
        self.assertIn("all counties pass by 2025", text)
        self.assertIn("Probability of passing", text)
        self.assertIn("Age pyramid", text)
        self.assertIn("Paired difference", text)
        self.assertNotIn("skipped", text)
        self.assertImagesDecode(text, at_least=15)
        self.assertRendersInChromium(page)


if __name__ == "__main__":
    unittest.main()
