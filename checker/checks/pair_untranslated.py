"""A block of the translation still in the source language, or copied from the source unchanged
(rule ``pair-untranslated``).

Two kinds of evidence, either is enough: the block is identical to its aligned source block
(after folding case, accents and spaces), or language identification puts it confidently in the
source's language (the same safeguards as ``mixed-language``). A block of proper names, URLs and
numbers alone (a name as a heading, a link list) is the same in every language and is not
reported: it needs ``min_words`` ordinary lower-case words.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.analysis import block_language
from checker.checks.pairs import pairing, what
from checker.document import Block, Document
from checker.finding import Finding
from checker.rules import Rule
from checker.text.aliases import fold
from checker.text.langid import language_name
from checker.text.tokens import WORD, clean_for_language

OPTIONS = {"min_words": 3, "min_letters": 20}


def ordinary_words(text: str) -> int:
    """Lower-case words of three letters or more: what a name, URL or number list lacks."""
    cleaned = clean_for_language(text, drop_quotes=False)
    return sum(1 for w in WORD.findall(cleaned) if len(w) >= 3 and w[0].islower())


def _in_source_language(doc: Document, block: Block, lang: str) -> bool:
    verdict = block_language(doc, block)
    return verdict is not None and verdict.lang == lang


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    pair = pairing(doc)
    if pair is None or pair.source.lang == doc.lang:
        return
    for link in pair.links:
        if not link.source or not link.target:
            continue
        originals = {fold(b.text) for b in link.source}
        for block in link.target:
            if sum(ch.isalpha() for ch in block.text) < rule.options["min_letters"]:
                continue
            if ordinary_words(block.text) < rule.options["min_words"]:
                continue
            if fold(block.text) in originals:
                how = f"is identical to the source {what(link.source[0])}"
            elif _in_source_language(doc, block, pair.source.lang):
                how = f"is still in {language_name(pair.source.lang)}, like the source"
            else:
                continue
            a, b = block.source_span()
            yield rule.finding(
                doc,
                a,
                b,
                f"Not translated: this {what(block)} {how} ({pair.where(link.source[0])})",
                related=pair.related(link.source),
            )
