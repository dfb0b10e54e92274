"""Citation markers in an article and the source each points to.

A citation is an external link (Markdown, HTML ``href`` or a bare URL), a bracketed source tag
such as ``[radioenneperuhr.de]``, a news-agency tag such as ``(AFP)`` or ``(dpa/Reuters)``, a
closing source line ("Source : lemonde.fr", ``source_labels`` in rules/lang), a footnote mark
(``[1]``, ``[^1]``, ``¹``) or an entry of the front matter ``sources``. Its
source is the site (``www.ouest-eco.fr/a`` and ``ouest-eco.fr/b`` are one site) or the agency;
footnotes support a paragraph but name no source.

Links are read from the block's own stretch of the source file, so they are found whatever
the format: the reader keeps the visible text only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from checker import langdata
from checker.document import Block, Document
from checker.text.patterns import alternation

_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_BARE_URL = re.compile(r"(?<![\w/=\"'(])(?:https?://|www\.)[^\s<>\"'\])]+", re.IGNORECASE)
_TAG = re.compile(r"\[\s*([^\[\]\s]{1,80})\s*\]")
_DOMAIN = re.compile(
    r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24})(?:/\S*)?$", re.I
)
_FOOTNOTE_TAG = re.compile(r"^\^?\d{1,3}$")
_SUPERSCRIPT = re.compile(r"(?<=[\w.,;:)»”\"])[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_SUP_TAG = re.compile(r"<sup\b", re.IGNORECASE)

#: Second-level labels shared by unrelated sites: ``bbc.co.uk`` and ``itv.co.uk`` differ.
_SHARED_SECOND_LEVEL = frozenset(
    {"co", "com", "org", "net", "gov", "gouv", "gob", "ac", "edu", "nhs", "police", "sch", "mod"}
    | {"bund", "gv", "admin", "ltd", "plc"}
)


@dataclass(frozen=True)
class Citation:
    """One citation marker: its kind, the source it names ('' for a footnote) and its span.

    ``start``/``end`` are offsets in the block text when known, else the block's span.
    """

    kind: str
    source: str
    start: int
    end: int


def site(url_or_domain: str) -> str:
    """The site a URL or domain belongs to: ``https://live.bbc.co.uk/x`` → ``bbc.co.uk``."""
    text = url_or_domain.strip()
    if "://" not in text:
        text = "//" + text
    host = (urlsplit(text).hostname or "").lower().rstrip(".")
    labels = [label for label in host.split(".") if label]
    if labels and labels[0] == "www":
        labels = labels[1:]
    if len(labels) >= 3 and labels[-2] in _SHARED_SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


@lru_cache(maxsize=1)
def _agency_regex() -> re.Pattern | None:
    names: set[str] = set()
    for code in langdata.available():
        names.update(str(n) for n in langdata.get(code, "news_agencies") or [])
    if not names:
        return None
    alt = alternation(re.escape(n) for n in names)
    return re.compile(rf"\(\s*((?:{alt})(?:\s*[/,-]\s*(?:{alt}))*)\s*\)")


@lru_cache(maxsize=1)
def _source_label_regex() -> re.Pattern | None:
    labels: set[str] = set()
    for code in langdata.available():
        labels.update(str(x) for x in langdata.get(code, "source_labels") or [])
    if not labels:
        return None
    return re.compile(rf"^\s*(?:{'|'.join(sorted(labels))})\s*:\s*(.+?)\.?\s*$", re.IGNORECASE)


_LIST_SEPARATOR = re.compile(r"\s*(?:[,;/]|\s(?:et|and|und|y|e)\s)\s*")
_SOURCE_LINE_WORDS = 12


def _source_line(text: str) -> list[Citation]:
    """A closing "Source : lemonde.fr, AFP" line: one citation per source it names."""
    label = _source_label_regex()
    m = label.match(text) if label is not None and len(text.split()) <= _SOURCE_LINE_WORDS else None
    if not m:
        return []
    out = []
    for name in _LIST_SEPARATOR.split(m.group(1)):
        name = name.strip(" .()[]")
        if name:
            source = site(name) if _DOMAIN.match(name) else name.casefold()
            out.append(Citation("line", source, m.start(1), m.end(1)))
    return out


def _region(doc: Document, block: Block) -> tuple[int, int]:
    """The block's source stretch widened to whole lines, not overlapping its neighbours."""
    src = doc.source
    start, end = block.offsets[0], block.offsets[-1]
    lo = src.rfind("\n", 0, start) + 1
    hi = src.find("\n", end)
    hi = len(src) if hi == -1 else hi
    i = block.index
    if i > 0:
        lo = max(lo, doc.blocks[i - 1].offsets[-1])
    if i + 1 < len(doc.blocks):
        hi = min(hi, doc.blocks[i + 1].offsets[0])
    return lo, max(lo, hi)


def _is_external(url: str) -> bool:
    return url.lower().startswith(("http://", "https://", "www.", "//"))


def block_citations(doc: Document, block: Block) -> list[Citation]:
    """Every citation marker of one block."""

    def compute() -> list[Citation]:
        out: list[Citation] = []
        text = block.text
        whole = (0, len(text))
        for m in _TAG.finditer(text):
            inner = m.group(1)
            if _FOOTNOTE_TAG.match(inner):
                out.append(Citation("footnote", "", m.start(), m.end()))
            elif _DOMAIN.match(inner):
                out.append(Citation("tag", site(inner), m.start(), m.end()))
        out.extend(_source_line(text))
        agency = _agency_regex()
        if agency is not None:
            for m in agency.finditer(text):
                for name in re.split(r"\s*[/,-]\s*", m.group(1)):
                    out.append(Citation("agency", name.casefold(), m.start(), m.end()))
        for m in _SUPERSCRIPT.finditer(text):
            out.append(Citation("footnote", "", m.start(), m.end()))
        lo, hi = _region(doc, block)
        region = doc.source[lo:hi]
        urls = [m.group(1) for m in _HREF.finditer(region)]
        urls += [m.group(1) for m in _MD_LINK.finditer(region)]
        seen = {u.rstrip("/.") for u in urls}
        urls += [
            u
            for u in (m.group(0) for m in _BARE_URL.finditer(region))
            if u.rstrip("/.") not in seen
        ]
        for url in urls:
            if _is_external(url) and site(url):
                out.append(Citation("link", site(url), *whole))
        if doc.format == "html" and _SUP_TAG.search(region):
            out.append(Citation("footnote", "", *whole))
        return out

    return doc.cached(f"citations:{block.index}", compute)


def meta_citations(doc: Document) -> list[Citation]:
    """The front matter's ``sources``: URLs give their site, names their folded name."""
    out = []
    for source in doc.meta.sources or []:
        text = str(source).strip()
        if not text:
            continue
        if _DOMAIN.match(text) or "://" in text:
            out.append(Citation("meta", site(text), 0, 0))
        else:
            out.append(Citation("meta", text.casefold(), 0, 0))
    return out
