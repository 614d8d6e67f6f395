"""Screenshot of the interactive page for the README (docs/img/page-zh.png), with headless chromium.

    build/teachsim run xiangtan-baseline scenarios/no-rotation.yaml -r 200 -o /tmp/two.h5
    /usr/bin/python3 tests/browser/screenshot.py /tmp/two.h5 docs/img/page-zh.png --lang zh

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


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results")
    ap.add_argument("output", help="PNG to write")
    ap.add_argument("--lang", choices=("zh", "en"), default="zh")
    ap.add_argument("--indicator", default="rural_share_age_50plus")
    ap.add_argument("--year", type=int, default=2030)
    ap.add_argument("--size", default="1400,1500", help="window width,height in pixels")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        html, _ = page.write(a.results, tmp, lang=a.lang)
        o = webdriver.ChromeOptions()
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--window-size={a.size}"):
            o.add_argument(arg)
        d = webdriver.Chrome(options=o)
        try:
            d.get("file://" + html)
            Select(d.find_element(By.ID, "sel-indicator")).select_by_value(a.indicator)
            if str(a.year) in [o.get_attribute("value") for o in Select(d.find_element(By.ID, "sel-year")).options]:
                Select(d.find_element(By.ID, "sel-year")).select_by_value(str(a.year))
            d.save_screenshot(a.output)
        finally:
            d.quit()
    print(a.output)


if __name__ == "__main__":
    sys.exit(main())
