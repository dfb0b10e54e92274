"""HTML articles via the standard library's tolerant ``html.parser``, with exact positions.

Metadata comes from ``<html lang>``, ``<title>``, ``<meta>`` and ``<time>``. The checked text is the
content of ``<article>``, else ``<main>``, else ``<body>``; script, style, nav, footer, code and
the like are skipped. Character references keep the offset of their ``&``.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser
from typing import NamedTuple

from checker.document import (
    HEADING,
    LIST_ITEM,
    META,
    PARAGRAPH,
    QUOTE,
    TITLE,
    Block,
    Document,
    Meta,
    Problem,
)
from checker.readers.blocks import fold, link_spans, mark_lede
from checker.readers.frontmatter import normalise_lang

SKIP = frozenset(
    {
        "script",
        "style",
        "nav",
        "footer",
        "noscript",
        "template",
        "svg",
        "code",
        "pre",
        "button",
        "select",
        "textarea",
        "iframe",
        "object",
        "math",
    }
)
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
BLOCK_KIND = {
    "h1": HEADING,
    "h2": HEADING,
    "h3": HEADING,
    "h4": HEADING,
    "h5": HEADING,
    "h6": HEADING,
    "p": PARAGRAPH,
    "li": LIST_ITEM,
    "blockquote": QUOTE,
    "figcaption": PARAGRAPH,
    "dt": PARAGRAPH,
    "dd": PARAGRAPH,
    "td": META,
    "th": META,
    "caption": META,
    "div": PARAGRAPH,
    "section": PARAGRAPH,
    "article": PARAGRAPH,
    "main": PARAGRAPH,
    "body": PARAGRAPH,
    "header": PARAGRAPH,
    "aside": PARAGRAPH,
    "address": META,
    "figure": PARAGRAPH,
    "ul": PARAGRAPH,
    "ol": PARAGRAPH,
    "dl": PARAGRAPH,
    "table": META,
    "tr": META,
    "form": META,
    "fieldset": META,
    "details": PARAGRAPH,
    "summary": HEADING,
}
DATE_META = frozenset(
    {
        "date",
        "pubdate",
        "publishdate",
        "publish_date",
        "dc.date",
        "dcterms.created",
        "dcterms.date",
        "article:published_time",
        "og:published_time",
        "datepublished",
        "sailthru.date",
        "parsely-pub-date",
    }
)


_COMMENT_CLOSE = re.compile(r"--\s*>")
_SECTION_CLOSE = re.compile(r"\]\s*>")
_OPENERS = re.compile(r"<!(?:--|\[)")
_NEWLINE = re.compile("\n")
_LT = "\ufe64"  # SMALL LESS-THAN SIGN: text to html.parser


def _last_end(pattern: re.Pattern, source: str) -> int:
    last = -1
    for m in pattern.finditer(source):
        last = m.start()
    return last


def defuse(source: str) -> str:
    """``source`` with every ``<`` that opens markup that is never closed made text.

    ``html.parser`` (before Python 3.13.4 / 3.12.11) rescans to the end of the file for each
    unterminated ``</``, ``<?``, ``<!``, ``<!--`` or ``<![``: 500,000 of them took minutes.
    They are text either way; writing their ``<`` as the look-alike "﹤" (U+FE64) keeps every
    offset, keeps the text as it reads, and makes parsing linear.
    """
    last_gt = source.rfind(">")
    head, tail = source[: last_gt + 1], source[last_gt + 1 :]
    if "<" in tail:
        tail = tail.replace("<", _LT)
    if "<!" in head:
        comment_end = _last_end(_COMMENT_CLOSE, head)
        section_end = _last_end(_SECTION_CLOSE, head)
        chars: list[str] | None = None
        for m in _OPENERS.finditer(head):
            end = comment_end if m.group() == "<!--" else section_end
            if end < m.end():
                chars = chars if chars is not None else list(head)
                chars[m.start()] = _LT
        if chars is not None:
            head = "".join(chars)
    return head + tail


class _Frame(NamedTuple):
    """An open element: its tag, the innermost block tag and language in force inside it, and
    whether it hides its content (script, ``hidden``…)."""

    tag: str
    block: str
    lang: str | None
    skips: bool


class _Parser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0, *(m.end() for m in _NEWLINE.finditer(source))]
        #: Open elements, each with what its subtree inherits, so that every question about
        #: the stack is O(1) even for markup nested 20,000 deep.
        self.stack: list[_Frame] = []
        self.open: Counter[str] = Counter()  # open elements by tag
        self.skip_depth = 0
        self.chars: list[tuple[str, int]] = []
        self.blocks: list[tuple[Block, bool, bool, bool]] = []  # block, in_article, in_main, body
        self.meta = Meta()
        self.title_chars: list[tuple[str, int]] | None = None
        self.title_done = False
        self.directives: list[tuple[int, str]] = []
        #: Links of the text being collected: open ones as (href, start in ``chars``).
        self.open_links: list[tuple[str, int]] = []
        self.links: list[tuple[str, int, int]] = []

    # -- helpers -------------------------------------------------------------------------
    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col if line - 1 < len(self.line_starts) else 0

    def _innermost_block(self) -> str:
        return self.stack[-1].block if self.stack else "body"

    def _lang(self) -> str | None:
        return self.stack[-1].lang if self.stack else None

    def _flush(self) -> None:
        if not self.chars:
            return
        chars, links = self.chars, self.links
        text, offsets = fold(chars)
        self.chars, self.links = [], []
        self.open_links = [(href, 0) for href, _start in self.open_links]
        if not text:
            return
        tag = self._innermost_block()
        kind = BLOCK_KIND.get(tag, PARAGRAPH)
        if tag == "h1":
            kind = TITLE
        if self.open["blockquote"] and kind == PARAGRAPH:
            kind = QUOTE
        tags = self.open
        block = Block(kind, text, offsets, lang=self._lang())
        block.links = link_spans(chars, links, offsets)
        self.blocks.append((block, tags["article"] > 0, tags["main"] > 0, tags["body"] > 0))

    def _add_text(self, text: str, offset: int, single: bool = False) -> None:
        if self.title_chars is None and self.skip_depth:
            return
        # ``single``: an entity or a break stands for all its characters at one offset.
        spots = [offset] * len(text) if single else range(offset, offset + len(text))
        target = self.title_chars if self.title_chars is not None else self.chars
        target.extend(zip(text, spots, strict=True))

    # -- events --------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.meta.lang = normalise_lang(a["lang"])
        elif tag == "meta":
            self._meta(a)
        elif tag == "time" and a.get("datetime") and not self.meta.date:
            self.meta.date = a["datetime"]
        elif tag == "title" and not self.title_done:
            self.title_chars = []
        if tag == "a" and a.get("href") and not self.skip_depth and self.title_chars is None:
            self.open_links.append((a["href"].strip(), len(self.chars)))
        if tag in VOID:
            if tag == "br" or tag == "hr":
                self._add_text(" ", self._offset(), single=True)
            return
        if tag in BLOCK_KIND or tag == "br":
            self._flush()
        lang = normalise_lang(a["lang"]) if a.get("lang") else None
        skips = tag in SKIP or "hidden" in a or a.get("aria-hidden") == "true"
        self.stack.append(
            _Frame(
                tag,
                tag if tag in BLOCK_KIND else self._innermost_block(),
                lang or self._lang(),
                skips,
            )
        )
        self.open[tag] += 1
        if skips:
            self.skip_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.handle_starttag(tag, attrs)
        # A self-closed non-void element opens and closes nothing in HTML5; ignore it.

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title_chars is not None:
            text, offsets = fold(self.title_chars)
            self.title_chars = None
            self.title_done = True
            if text:
                self.meta.title = text
                self._title_block = Block(TITLE, text, offsets)
            return
        if not self.open[tag]:
            return  # a stray end tag
        if tag == "a" and self.open_links:
            href, start = self.open_links.pop()
            self.links.append((href, start, len(self.chars)))
        if tag in BLOCK_KIND:
            self._flush()
        while self.stack:
            frame = self.stack.pop()
            self.open[frame.tag] -= 1
            if frame.skips and self.skip_depth:
                self.skip_depth -= 1
            if frame.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self._add_text(data, self._offset())

    def handle_entityref(self, name: str) -> None:
        self._add_text(html.unescape(f"&{name};"), self._offset(), single=True)

    def handle_charref(self, name: str) -> None:
        self._add_text(html.unescape(f"&#{name};"), self._offset(), single=True)

    def handle_comment(self, data: str) -> None:
        self.directives.append((self._offset(), data))

    def _meta(self, a: dict[str, str]) -> None:
        key = (
            a.get("name") or a.get("property") or a.get("itemprop") or a.get("http-equiv") or ""
        ).lower()
        content = a.get("content", "").strip()
        if not content:
            return
        if key in DATE_META and not self.meta.date:
            self.meta.date = content
        elif key == "author" and not self.meta.author:
            self.meta.author = content
        elif key in ("content-language", "language", "og:locale") and not self.meta.lang:
            self.meta.lang = normalise_lang(content)
        self.meta.raw[key] = content


def read_html(path: str, source: str) -> Document:
    parser = _Parser(source)
    parser._title_block = None
    problems: list[Problem] = []
    try:
        parser.feed(defuse(source))
        parser.close()
    except Exception as exc:  # noqa: BLE001 - html.parser may still choke on odd markup
        problems.append(
            Problem(
                "file-error",
                f"HTML could not be parsed past this point: {exc}",
                parser._offset(),
                parser._offset(),
            )
        )
    parser._flush()
    entries = parser.blocks
    if any(in_article for _b, in_article, _m, _body in entries):
        chosen = [b for b, in_article, _m, _body in entries if in_article]
    elif any(in_main for _b, _a, in_main, _body in entries):
        chosen = [b for b, _a, in_main, _body in entries if in_main]
    else:
        chosen = [b for b, _a, _m, _body in entries]
    title_blocks = [b for b in chosen if b.kind == TITLE]
    for extra in title_blocks[1:]:
        extra.kind = HEADING
    if not title_blocks and parser._title_block is not None:
        chosen.insert(0, parser._title_block)
    elif title_blocks and not parser.meta.title:
        parser.meta.title = title_blocks[0].text
    mark_lede([b for b in chosen if b.kind != META])
    doc = Document(path, source, "html", parser.meta, chosen, problems, parser.directives)
    return doc
