"""Screenshots of the interactive page for the README (docs/img/page-zh.png, docs/img/page-en.png),
with headless chromium, on a real three-scenario run:

    build/teachsim run scenarios/xiangtan-baseline.yaml scenarios/no-rotation.yaml \\
        scenarios/plan-fully-delivered.yaml -r 200 -o /tmp/three.h5
    /usr/bin/python3 tests/browser/screenshot.py /tmp/three.h5 docs/img/page-zh.png --lang zh
    /usr/bin/python3 tests/browser/screenshot.py /tmp/three.h5 docs/img/page-en.png --lang en

The default view is one a planner asks about: 湘乡市, the recruitment need for PE specialists
(subjects/specialist_need, pe) in every scenario, 2030. The PNG is cut to a palette of 256
colours (Pillow, which matplotlib brings), so that it stays well under 400 KB.
Regenerate it when the page or the file's Chinese names change (the writer's long_name_zh).
"""
import argparse
import os
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from analysis import page  # noqa: E402


def _pick(d, id, value):
    values = [o.get_attribute("value") for o in Select(d.find_element(By.ID, id)).options]
    if str(value) in values:
        Select(d.find_element(By.ID, id)).select_by_value(str(value))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results")
    ap.add_argument("output", help="PNG to write")
    ap.add_argument("--lang", choices=("zh", "en"), default="zh")
    ap.add_argument("--region", default="xiangxiang")
    ap.add_argument("--indicator", default="subjects/specialist_need")
    ap.add_argument("--subject", default="pe", help="subject code, for a subject family")
    ap.add_argument("--year", type=int, default=2030)
    ap.add_argument("--size", default="1280,1640", help="window width,height in pixels")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        html, _ = page.write(a.results, tmp, lang=a.lang)
        o = webdriver.ChromeOptions()
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--window-size={a.size}"):
            o.add_argument(arg)
        d = webdriver.Chrome(options=o)
        try:
            d.get("file://" + html)
            for box in d.find_elements(By.CSS_SELECTOR, "#sel-scenarios input"):  # every scenario
                if not box.is_selected():
                    box.click()
            _pick(d, "sel-region", a.region)
            _pick(d, "sel-indicator", a.indicator)
            codes = d.execute_script("return JSON.parse(document.getElementById('ts-data').textContent)"
                                     ".data.subjects.map(function (s) { return s.code; })") or []
            if a.subject in codes:
                _pick(d, "sel-subject", codes.index(a.subject))
            _pick(d, "sel-year", a.year)
            png = d.get_screenshot_as_png()
        finally:
            d.quit()
    try:  # a palette of 256 colours: a page of flat colours loses nothing visible
        import io
        from PIL import Image
        Image.open(io.BytesIO(png)).convert("RGB").quantize(256).save(a.output, optimize=True)
    except ImportError:
        with open(a.output, "wb") as fh:
            fh.write(png)
    print(a.output, os.path.getsize(a.output), "bytes")


if __name__ == "__main__":
    sys.exit(main())
