"""Vague attribution: "experts say", "comme indiqué", "es heißt", "se dice que", "si dice che".

Patterns per language are ``vague_attribution`` in rules/lang: stems and alternatives that cover
the family ("selon certains/plusieurs/des observateurs/experts/sources…"), each with an optional
``unless`` for the named form ("heißt es in der Mitteilung"). Quoted words are the speaker's
and are not checked; one finding per sentence.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.analysis import sentences
from checker.document import Document
from checker.finding import Finding
from checker.rules import Rule
from checker.text.attribution import block_sources

OPTIONS = {
    "kinds": ["lede", "paragraph", "quote", "list_item"],
}


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    kinds = set(rule.options["kinds"])
    for block in doc.blocks:
        if block.kind not in kinds:
            continue
        for sent, src in zip(
            sentences(doc, block), block_sources(doc, block, sentences(doc, block)), strict=True
        ):
            if not src.vague:
                continue
            a, b = src.vague[0]
            start, end = block.source_span(sent.start + a, sent.start + b)
            phrase = block.text[sent.start + a : sent.start + b].strip(" ,")
            yield rule.finding(
                doc, start, end, f'Vague attribution "{phrase}": name the source or drop it'
            )
