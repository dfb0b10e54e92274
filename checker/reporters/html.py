"""``--format html``: one self-contained review page for editors.

Each article with findings is shown as its source text, line by line, with every finding
highlighted in place (overlaps included) and explained under the line where it starts. Filters
by severity, rule and file run in the page itself; with scripts off everything stays visible.
Nothing is loaded from elsewhere: the CSS and the script are inline and allowed by their hashes
in a Content-Security-Policy meta, and every piece of article text, file name and message goes
through Jinja2 autoescaping (no ``|safe`` on data anywhere).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from checker import __version__
from checker.engine import Report
from checker.finding import Finding, Severity

#: Severity is never told by colour alone: each has an icon and its name beside it.
ICONS = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "ℹ"}
#: Lines shown around each finding; longer runs of untouched lines are folded.
CONTEXT = 2
FOLD_MIN = 8
#: Absolute URL of the rule reference (docs/rules.md); rule ids are its anchors.
DOCS_ENV = "COPYDESK_DOCS_URL"
#: A well-formed BCP 47 tag; anything else (a typo in front matter) is shown as unknown, "".
_LANG_TAG = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$")


@dataclass
class Item:
    """A finding as the page shows it: a page-wide id and a number within its article."""

    id: str
    number: int
    finding: Finding
    file: int

    @property
    def sev(self) -> str:
        return str(self.finding.severity)

    @property
    def icon(self) -> str:
        return ICONS[self.finding.severity]

    @property
    def where(self) -> str:
        f = self.finding
        if (f.line, f.column) == (f.end_line, f.end_column):
            return f"{f.line}:{f.column}"
        if f.line == f.end_line:
            return f"{f.line}:{f.column}–{f.end_column}"
        return f"{f.line}:{f.column}–{f.end_line}:{f.end_column}"


@dataclass
class Segment:
    """A run of one line's text covered by the same findings (none for plain text)."""

    text: str
    ids: tuple[str, ...] = ()
    sev: str = ""
    #: Findings that start right before this text: a numbered marker links to each note.
    refs: list[Item] = field(default_factory=list)


@dataclass
class Line:
    number: int
    segments: list[Segment]
    notes: list[Item]
    fold = False


@dataclass
class Fold:
    """Consecutive lines with no finding nearby, shown collapsed."""

    lines: list[Line]
    fold = True

    @property
    def first(self) -> int:
        return self.lines[0].number

    @property
    def last(self) -> int:
        return self.lines[-1].number


@dataclass
class Related:
    label: str
    anchor: str | None


@dataclass
class Article:
    index: int
    path: str
    lang: str
    format: str
    items: list[Item]
    #: Lines and folds in order; empty when the file could not be read as text.
    chunks: list[Line | Fold]
    counts: dict[str, int]


def _spans_on(line_no: int, length: int, items: list[Item]) -> list[tuple[Item, int, int]]:
    """0-based ``[a, b)`` columns of each finding on one line (``a == b``: a point)."""
    out = []
    for item in items:
        f = item.finding
        if not f.line <= line_no <= f.end_line:
            continue
        a = f.column - 1 if line_no == f.line else 0
        b = f.end_column - 1 if line_no == f.end_line else length
        a = max(0, min(a, length))
        out.append((item, a, max(a, min(b, length))))
    return out


def line_segments(text: str, line_no: int, items: list[Item]) -> list[Segment]:
    """Cut one line at every finding boundary; each piece knows all findings covering it."""
    spans = _spans_on(line_no, len(text), items)
    bounds = sorted({0, len(text)} | {a for _, a, _ in spans} | {b for _, _, b in spans})
    starts: dict[int, list[Item]] = {}
    for item, a, _ in spans:
        if item.finding.line == line_no:
            starts.setdefault(a, []).append(item)
    segments = []
    for i, x in enumerate(bounds):
        y = bounds[i + 1] if i + 1 < len(bounds) else x
        cover = [it for it, a, b in spans if a < b and a <= x and y <= b] if y > x else []
        if y == x and not starts.get(x):
            continue
        worst = max((it.finding.severity for it in cover), default=None)
        segments.append(
            Segment(
                text[x:y],
                tuple(it.id for it in cover),
                str(worst) if worst else "",
                starts.get(x, []),
            )
        )
    return segments


def _chunks(source: str, items: list[Item], path: str) -> list[Line | Fold]:
    lines = source.split("\n")
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()
    last = len(lines)
    keep: set[int] = set()
    for item in items:
        f = item.finding
        points = [(f.line, f.end_line)]
        points += [(r.line, r.end_line) for r in f.related if r.path == path]
        for a, b in points:
            keep.update(range(max(1, a - CONTEXT), min(last, b + CONTEXT) + 1))
    notes: dict[int, list[Item]] = {}
    for item in items:
        notes.setdefault(min(item.finding.line, last), []).append(item)
    out: list[Line | Fold] = []
    run: list[Line] = []
    for number, text in enumerate(lines, 1):
        line = Line(number, line_segments(text.rstrip("\r"), number, items), notes.get(number, []))
        if number in keep:
            _flush(run, out)
            out.append(line)
        else:
            run.append(line)
    _flush(run, out)
    return out


def _flush(run: list[Line], out: list[Line | Fold]) -> None:
    if len(run) >= FOLD_MIN:
        out.append(Fold(list(run)))
    else:
        out.extend(run)
    run.clear()


def _counts(findings: list[Finding]) -> dict[str, int]:
    counter = Counter(str(f.severity) for f in findings)
    return {str(s): counter.get(str(s), 0) for s in ICONS}


def _articles(report: Report) -> list[Article]:
    by_path: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    articles = []
    serial = 0
    for index, (path, findings) in enumerate(sorted(by_path.items())):
        items = []
        for number, finding in enumerate(findings, 1):
            serial += 1
            items.append(Item(f"f{serial}", number, finding, index))
        doc = report.documents.get(path)
        chunks = _chunks(doc.text, items, path) if doc is not None else []
        lang = doc.lang if doc is not None else findings[0].lang
        lang = lang if _LANG_TAG.match(lang or "") else ""
        fmt = doc.format if doc is not None else ""
        articles.append(Article(index, path, lang, fmt, items, chunks, _counts(findings)))
    return articles


def _related(article_of: dict[str, Article], finding: Finding) -> list[Related]:
    out = []
    for loc in finding.related:
        article = article_of.get(loc.path)
        label = f"line {loc.line}" if loc.path == finding.path else f"{loc.path}:{loc.line}"
        anchor = f"d{article.index}-L{loc.line}" if article and article.chunks else None
        out.append(Related(label, anchor))
    return out


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("checker", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["icons"] = {str(s): icon for s, icon in ICONS.items()}
    return env


def _asset(name: str) -> str:
    text = files("checker").joinpath("templates", name).read_text(encoding="utf-8")
    if "</" in text:  # would end the inline <style>/<script> element early
        raise ValueError(f"{name}: must not contain '</'")
    return text


def csp_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _rules_doc_url() -> str | None:
    """Where docs/rules.md is published: ``COPYDESK_DOCS_URL``, as for SARIF's ``helpUri``."""
    base = os.environ.get(DOCS_ENV, "").strip()
    return base.split("#", 1)[0] or None


def render(report: Report, **_options) -> str:
    """The whole report as one HTML document."""
    css, js = _asset("report.css"), _asset("report.js")
    csp = (
        f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    articles = _articles(report)
    article_of = {a.path: a for a in articles}
    related = {it.id: _related(article_of, it.finding) for a in articles for it in a.items}
    by_rule = Counter(f.rule for f in report.findings)
    rule_ids = sorted(set(report.rules) | set(by_rule))
    clean = sorted(set(report.documents) - set(article_of))
    template = _environment().get_template("report.html.j2")
    return template.render(
        version=__version__,
        csp=csp,
        css=Markup(css),  # static package files, checked above; never article data
        js=Markup(js),
        report=report,
        total=len(report.findings),
        counts=_counts(report.findings),
        articles=articles,
        related=related,
        by_rule=by_rule,
        rule_ids=rule_ids,
        rules=report.rules,
        clean=clean,
        docs_url=_rules_doc_url(),
    )
