"""Unsourced claims: a figure, record or forecast that nothing in its paragraph attributes.

A sentence with a claim (``checker.text.claims``) is sourced when it names a source itself
("selon l'Insee", "sagte Müller"), continues an attributed sentence of the same paragraph, is
followed by one that opens or closes with its source ("… 7,8 Millionen TEU. Das teilte der
Verband mit.", "… 80 metri. Secondo la Provincia, …", "…. La financiaron X, detalló el
director.", "… Das sind nach Angaben des Klinikums …"), or when its paragraph carries a
citation (link, ``[site.de]`` tag, ``(AFP)``, footnote). A paragraph that opens with a
back-reference to a figure ("This figure…", "Ce chiffre…", ``claim_anaphora``) continues the
sourced paragraph before it. A list item is sourced by an attributed or cited introduction
ending with a colon. Sentences with vague attribution are left to ``vague-attribution``;
quoted words belong to their speaker.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.analysis import sentences
from checker.document import LIST_ITEM, Block, Document
from checker.finding import Finding
from checker.rules import Rule
from checker.text.attribution import attributes_previous, block_sources
from checker.text.citations import block_citations
from checker.text.claims import continues_previous, find_claims, has_patterns

OPTIONS = {
    "min_count": 100,
    "kinds": ["lede", "paragraph", "list_item"],
}


def _sourced_block(doc: Document, block: Block) -> bool:
    """A cited block, or one with an attributed sentence."""
    if block_citations(doc, block):
        return True
    return any(s.attributed for s in block_sources(doc, block, sentences(doc, block)))


def _introduced(doc: Document, block: Block) -> bool:
    """A list item under a sourced introduction that ends with a colon."""
    for prev in reversed(doc.blocks[: block.index]):
        if prev.kind == LIST_ITEM:
            continue
        return prev.text.rstrip().endswith(":") and _sourced_block(doc, prev)
    return False


def _continues_sourced(doc: Document, block: Block, kinds: set[str]) -> bool:
    """The paragraph before ``block`` (same kind of body block) is sourced."""
    if block.index == 0:
        return False
    prev = doc.blocks[block.index - 1]
    return prev.kind in kinds and _sourced_block(doc, prev)


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    lang = doc.lang
    if not has_patterns(lang):
        return
    kinds = set(rule.options["kinds"])
    min_count = rule.options["min_count"]
    for block in doc.blocks:
        if block.kind not in kinds or block_citations(doc, block):
            continue
        if block.kind == LIST_ITEM and _introduced(doc, block):
            continue
        sents = sentences(doc, block)
        info = block_sources(doc, block, sents)
        found = [find_claims(s.text, lang, min_count) for s in info]
        if not any(found):
            continue
        seen = 0  # sentences read for attribution so far (each at most once)
        for i, (sent, src) in enumerate(zip(sents, info, strict=True)):
            if not found[i]:
                continue
            while seen <= i and not info[seen].attributed:
                seen += 1
            if seen <= i:
                break  # an attributed sentence so far: the rest of the paragraph continues it
            if i + 1 < len(info) and attributes_previous(info[i + 1].text, lang):
                continue
            if src.vague:
                continue  # vague-attribution names the problem
            if (
                i == 0
                and continues_previous(src.text, lang)
                and _continues_sourced(doc, block, kinds)
            ):
                break  # "This figure is 7% higher …" after a sourced paragraph, and what follows
            claim = found[i][0]
            start, end = block.source_span(sent.start + claim.start, sent.start + claim.end)
            shown = src.text[claim.start : claim.end].strip()
            what = "Figure" if claim.kind == "figure" else "Record or superlative"
            yield rule.finding(
                doc,
                start,
                end,
                f'{what} "{shown}" has no source: name one in the sentence or cite it '
                "in the paragraph",
            )
