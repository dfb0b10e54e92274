"""A number of the source that the translation gives differently (rule ``pair-number-mismatch``).

Numbers are compared by value in each language's writing (:mod:`checker.text.numbers`):
``2.5 billion`` = ``2,5 milliards``, ``1,000`` = ``1 000``, ``45 %`` = ``45 Prozent``, ``10pm``
= ``22 h``, ``1980s`` = ``années 80``, ``100 miles`` ≈ ``160 km``. Spelled-out numbers
(``deux``, ``first``) and month names confirm a number and are never reported themselves.

A number of the aligned source block with no equal in the target block, beside a target number
with no equal in the source, is one changed figure: it is reported once, on the target number.
A number present on one side only is reported only with ``unpaired: true``: professional
translators drop a repeated conversion ("$200bn (£150bn)"), add a date or write "a decade" as
"10 ans", so on its own it is weak evidence (measured on NTREX-128).
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.analysis import block_language
from checker.checks.pairs import pairing
from checker.document import Block, Document
from checker.finding import Finding
from checker.rules import Rule
from checker.text.numbers import Number, numbers, unmatched

OPTIONS = {"unpaired": False}


def _numbers(doc: Document, blocks: tuple[Block, ...]) -> list[tuple[Block, Number]]:
    """Numbers of blocks, each read in its own language: a paragraph left in English in a
    French article writes "2 billion" the English way (a French billion is 10^12)."""
    out = []
    for block in blocks:
        verdict = block_language(doc, block)
        lang = verdict.lang if verdict is not None else doc.lang
        out.extend((block, n) for n in numbers(block.text, lang))
    return out


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    pair = pairing(doc)
    if pair is None:
        return
    for link in pair.links:
        if not link.source or not link.target:
            continue
        src = _numbers(pair.source, link.source)
        tgt = _numbers(doc, link.target)
        lost_at, new_at = unmatched([n for _b, n in src], [n for _b, n in tgt])
        lost, new = [src[i] for i in lost_at], [tgt[j] for j in new_at]
        where = pair.where(link.source[0])
        if lost and new:
            was = ", ".join(n.text for _b, n in lost)
            for block, n in new:
                a, b = block.source_span(n.start, n.end)
                yield rule.finding(
                    doc,
                    a,
                    b,
                    f"'{n.text}' does not match the source, which has '{was}' ({where})",
                    related=[(pair.source, *sb.source_span(x.start, x.end)) for sb, x in lost],
                )
        elif rule.options["unpaired"]:
            for block, n in new:
                a, b = block.source_span(n.start, n.end)
                yield rule.finding(
                    doc, a, b, f"'{n.text}' is not in the source ({where})", related=[]
                )
            for _sb, n in lost:
                a, b = link.target[0].source_span()
                yield rule.finding(
                    doc,
                    a,
                    b,
                    f"'{n.text}' of the source ({where}) is missing from this translation",
                    related=pair.related(link.source),
                )
