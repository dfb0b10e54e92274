"""The HTML report in a real headless Chromium (Debian ``chromium``, driven by Playwright).

Filters must change what is visible, injected markup must never run, and the page must make
no request besides itself. Skipped only outside CI when Chromium or Playwright is missing; with
``CI`` set a missing browser is a failure, so the test cannot silently vanish there.
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import SAMPLES

from checker.engine import check_paths
from checker.reporters import render

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: The page is served from a made-up origin so that every request goes through the router.
URL = "https://report.copydesk.test/report.html"


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: the browser test must run in CI", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install '.[test]')")
    executable = shutil.which("chromium")
    if executable is None:
        _missing("the Debian chromium package is not installed")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Page:
    """One report opened in a fresh page, recording requests, dialogs and console errors."""

    def __init__(self, browser, html: str, **context) -> None:
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.page.set_default_timeout(5000)
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.route("**/*", lambda route: self._route(route, html))
        self.page.goto(URL, wait_until="load")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route, html: str) -> None:
        self.requests.append(route.request.url)
        if route.request.url == URL:
            route.fulfill(body=html, content_type="text/html; charset=utf-8")
        else:
            route.abort()

    def visible(self, selector: str) -> int:
        return self.page.locator(f"{selector}:visible").count()

    def toggle(self, kind: str, value: str) -> None:
        self.page.locator(f'#filters input[data-kind="{kind}"][value="{value}"]').click()

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def samples():
    """The report of samples/ and its findings (rendered once for the module)."""
    report = check_paths([str(SAMPLES)], keep_documents=True)
    return render("html", report), report.findings


def test_filters_change_what_is_visible(browser, samples) -> None:
    html, findings = samples
    view = Page(browser, html, viewport={"width": 1280, "height": 900})
    page = view.page
    total = len(findings)
    assert view.visible("#filters") == 1  # the script ran under the CSP
    assert view.visible(".finding") == total
    assert page.locator("#shown").inner_text() == f"{total} of {total} findings shown"
    by_sev = Counter(str(f.severity) for f in findings)
    by_rule = Counter(f.rule for f in findings)
    by_file = Counter(f.path for f in findings)

    view.toggle("sev", "error")
    assert view.visible(".finding") == total - by_sev["error"]
    assert view.visible('.finding[data-sev="error"]') == 0
    assert (
        page.locator("#shown").inner_text()
        == f"{total - by_sev['error']} of {total} findings shown"
    )
    # Highlights of hidden findings lose their colour; a shared one falls back to the other.
    assert view.visible('mark[data-sev="error"]') == 0
    assert view.visible('.fref[data-sev="error"]') == 0
    view.toggle("sev", "error")
    assert view.visible(".finding") == total

    rule = "boilerplate"
    view.toggle("rule", rule)
    assert view.visible(".finding") == total - by_rule[rule]
    assert view.visible(f'.finding[data-rule="{rule}"]') == 0
    page.locator('#filters button[data-kind="rule"][data-all="0"]').click()
    assert view.visible(".finding") == 0 and view.visible(".doc") == 0
    page.locator('#filters button[data-kind="rule"][data-all="1"]').click()
    assert view.visible(".finding") == total

    page.locator('#filters button[data-kind="file"][data-all="0"]').click()
    assert view.visible(".doc") == 0
    path, count = by_file.most_common(1)[0]
    page.locator("#filters label", has_text=Path(path).name).locator("input").click()
    assert view.visible(".finding") == count and view.visible(".doc") == 1
    assert page.locator(".doc:visible h3").inner_text() == path
    view.toggle("sev", "warning")
    expected = sum(1 for f in findings if f.path == path and str(f.severity) != "warning")
    assert view.visible(".finding") == expected
    assert view.errors == [] and view.dialogs == []
    assert view.requests == [URL]
    view.close()


def test_injected_markup_never_runs(browser, tmp_path) -> None:
    payload = "<img src=x onerror=\"window.__pwned=1;alert('pwned')\">"
    script = "<script>window.__pwned=2;alert('pwned')</script>"
    text = tmp_path / f"a<img src=x onerror=alert(1)>{'<script>alert(2)'}.txt"
    text.write_text(
        f"Titre {script} {payload}\n\nVeröffentlicht am\n\nLe texte {payload} continue.\n",
        encoding="utf-8",
    )
    markdown = tmp_path / "<svg onload=alert(3)>.md"
    markdown.write_text(
        f'---\ntitle: "{payload}"\nlang: fr\n---\n\n# Titre {script}\n\n'
        f"## Intertitre {payload}\n\nLesezeit: 3 Minuten\n\nUn paragraphe {script} ici.\n",
        encoding="utf-8",
    )
    page_html = tmp_path / "page.html"
    page_html.write_text(
        f'<html lang="fr"><head><title>{script}</title></head><body><article>'
        f"<h1>Titre &lt;script&gt;alert(4)&lt;/script&gt; {payload}</h1>"
        f"<p>Veröffentlicht am</p><p>Un texte {script} qui continue.</p>"
        "</article></body></html>\n",
        encoding="utf-8",
    )
    report = check_paths([str(tmp_path)], keep_documents=True)
    assert {f.path for f in report.findings} == {str(text), str(markdown), str(page_html)}
    view = Page(browser, render("html", report), viewport={"width": 1280, "height": 900})
    page = view.page
    page.mouse.move(300, 300)
    page.locator(".doc").first.hover()
    page.wait_for_timeout(200)  # give any onerror/onload a chance to fire
    assert view.dialogs == []
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.scripts.length") == 1
    assert page.evaluate("document.querySelectorAll('img, svg, iframe, object').length") == 0
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
        ".filter(a => a.name.startsWith('on')).length"
    )
    assert handlers == 0
    # The payloads are on the page, as text: file names, titles, headings, bodies.
    headings = page.locator(".doc h3").all_inner_texts()
    assert str(text) in headings and str(markdown) in headings
    body = page.locator("main").inner_text()
    for piece in (payload, script, "&lt;script&gt;alert(4)&lt;/script&gt;", f"# Titre {script}"):
        assert piece in body
    assert view.errors == [] and view.requests == [URL]
    view.close()


def test_no_request_leaves_the_page_and_it_fits_a_phone(browser, samples) -> None:
    html, _ = samples
    view = Page(browser, html, viewport={"width": 375, "height": 812}, is_mobile=True)
    page = view.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # Follow the links an editor follows: a rule, a finding marker, a folded stretch.
    page.locator(".finding a.rule-id").first.click()
    page.locator(".fref").first.click()
    page.locator("details.fold > summary").first.click()
    page.locator("#filters input").first.click()
    page.wait_for_timeout(100)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert view.requests == [URL]
    assert view.errors == [] and view.dialogs == []
    view.close()
