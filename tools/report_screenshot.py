"""Render the HTML report of samples/ and take the README screenshot (docs/report.png).

Needs Playwright (the test extra) and a Chromium on PATH (Debian package ``chromium``);
nothing is downloaded. Usage: ``python tools/report_screenshot.py [OUTPUT.png]``.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.engine import check_paths  # noqa: E402
from checker.reporters import render  # noqa: E402

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]
URL = "https://report.copydesk.test/report.html"


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    out = Path(argv[0]).resolve() if argv else ROOT / "docs" / "report.png"
    executable = shutil.which("chromium")
    if executable is None:
        print("chromium not found on PATH (apt-get install chromium)", file=sys.stderr)
        return 2
    # Relative paths, as an editor running `copydesk check samples` would see them.
    os.chdir(ROOT)
    html = render("html", check_paths(["samples"], keep_documents=True))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1320}, color_scheme="light")
        page.route("**/*", lambda route: route.fulfill(body=html, content_type="text/html"))
        page.goto(URL)
        # Start at the per-file counts so the picture shows highlighted articles too.
        top = page.locator(".card.wide").bounding_box()["y"]
        page.evaluate(f"window.scrollTo(0, {top - 16})")
        page.screenshot(path=str(out))
        browser.close()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
