"""Single source: the article cites two or more times, always the same site or agency.

Citations (``checker.text.citations``) are the front matter's ``sources``, links, bracketed
source tags, agency tags and closing "Source : …" lines; one paragraph citing a site twice
cites it once, and footnotes name no source. The finding sits on the title, once per article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from checker.document import Document
from checker.finding import Finding
from checker.rules import Rule
from checker.text.citations import block_citations, meta_citations

OPTIONS = {
    "min_citations": 2,
}


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    cited = [c.source for c in meta_citations(doc) if c.source]
    for block in doc.blocks:
        # A tag and a link to one site in one paragraph cite it once.
        cited += sorted({c.source for c in block_citations(doc, block) if c.source})
    counts = Counter(cited)
    if len(cited) < rule.options["min_citations"] or len(counts) != 1:
        return
    source = next(iter(counts))
    anchor = doc.title or (doc.blocks[0] if doc.blocks else None)
    start, end = anchor.source_span() if anchor is not None else (0, 0)
    yield rule.finding(
        doc,
        start,
        end,
        f"All {len(cited)} citations point to {source}: add an independent source",
    )
