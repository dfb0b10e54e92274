"""Relative dates in an article that never says when it was published.

"jeudi", "yesterday", "gestern", "anteayer", "la settimana prossima", "d'ici mars": without a
publication date (front matter, ``<meta>``/``<time>``, a dateline; see ``checker.text.dates``)
the reader cannot tell which Thursday. Each line is reported once, naming its words.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.document import Document
from checker.finding import Finding
from checker.rules import Rule
from checker.text.dates import publication_date, relative_dates
from checker.text.patterns import mask
from checker.text.tokens import BRACKET_TAG, URL

OPTIONS = {
    "kinds": ["title", "heading", "lede", "paragraph", "quote", "list_item", "meta"],
}


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    if publication_date(doc) is not None:
        return
    kinds = set(rule.options["kinds"])
    lines: dict[int, list[tuple[int, int, str]]] = {}
    for block in doc.blocks:
        if block.kind not in kinds:
            continue
        text = block.text
        text = mask(
            text, [(m.start(), m.end()) for rx in (URL, BRACKET_TAG) for m in rx.finditer(text)]
        )
        for a, b in relative_dates(text, doc.lang):
            start, end = block.source_span(a, b)
            line = doc.position(start)[0]
            lines.setdefault(line, []).append((start, end, block.text[a:b]))
    for _line, found in sorted(lines.items()):
        words = list(dict.fromkeys(w for _s, _e, w in found))
        shown = ", ".join(f'"{w}"' for w in words[:4]) + (" …" if len(words) > 4 else "")
        start = found[0][0]
        end = max(e for s, e, _w in found if doc.position(s)[0] == doc.position(start)[0])
        yield rule.finding(
            doc, start, end, f"Relative date {shown} in an article with no publication date"
        )
