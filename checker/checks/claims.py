"""Unsourced claims: a figure, record or forecast that nothing in its paragraph attributes.

A sentence with a claim (``checker.text.claims``) is sourced when it names a source itself
("selon l'Insee", "sagte Müller"), continues an attributed sentence of the same paragraph, is
followed by one that opens or closes with its source ("… 7,8 Millionen TEU. Das teilte der
Verband mit.", "… 80 metri. Secondo la Provincia, …", "…. La financiaron X, detalló el
director."), or when its paragraph carries a citation (link, ``[site.de]`` tag, ``(AFP)``,
footnote). A list item is sourced by an attributed or cited introduction ending with a colon.
Sentences with vague attribution are left to ``vague-attribution``; quoted words belong to
their speaker.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.analysis import sentences
from checker.document import LIST_ITEM, Block, Document
from checker.finding import Finding
from checker.rules import Rule
from checker.text.attribution import attributes_previous, is_attributed, unquoted, vague_spans
from checker.text.citations import block_citations
from checker.text.claims import find_claims, has_patterns
from checker.text.patterns import mask
from checker.text.tokens import BRACKET_TAG, URL

OPTIONS = {
    "min_count": 100,
    "kinds": ["lede", "paragraph", "list_item"],
}


def clean(text: str, lang: str) -> str:
    """``text`` with quotations, URLs and bracket tags blanked (offsets unchanged)."""
    text = unquoted(text, lang)
    spans = [(m.start(), m.end()) for rx in (URL, BRACKET_TAG) for m in rx.finditer(text)]
    return mask(text, spans)


def _sourced_block(doc: Document, block: Block) -> bool:
    """A cited block, or one whose attributions cover all it says (a colon introduction)."""
    if block_citations(doc, block):
        return True
    text = clean(block.text, doc.lang)
    return any(is_attributed(text[s.start : s.end], doc.lang) for s in sentences(doc, block))


def _introduced(doc: Document, block: Block) -> bool:
    """A list item under a sourced introduction that ends with a colon."""
    for prev in reversed(doc.blocks[: block.index]):
        if prev.kind == LIST_ITEM:
            continue
        return prev.text.rstrip().endswith(":") and _sourced_block(doc, prev)
    return False


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
        text = clean(block.text, lang)
        texts = [text[s.start : s.end] for s in sents]
        found = [find_claims(t, lang, min_count) for t in texts]
        if not any(found):
            continue
        for i, (sent, sent_text) in enumerate(zip(sents, texts, strict=True)):
            if not found[i] or any(is_attributed(t, lang) for t in texts[: i + 1]):
                continue
            if i + 1 < len(sents) and attributes_previous(texts[i + 1], lang):
                continue
            if vague_spans(sent_text, lang):
                continue  # vague-attribution names the problem
            claim = found[i][0]
            start, end = block.source_span(sent.start + claim.start, sent.start + claim.end)
            shown = sent_text[claim.start : claim.end].strip()
            what = "Figure" if claim.kind == "figure" else "Record or superlative"
            yield rule.finding(
                doc,
                start,
                end,
                f'{what} "{shown}" has no source: name one in the sentence or cite it '
                "in the paragraph",
            )
