"""A source paragraph the translation left out, or a paragraph the source does not have
(rule ``pair-missing-block``).

Blocks are aligned by position, numbers, names, concepts and length
(:mod:`checker.text.align`); joined or split paragraphs are not gaps. A missing source block is
reported at the nearest translated block (the one that follows the gap, else the one before),
with the source line in the message; an extra block is reported on itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.checks.pairs import BlockLink, pairing, what
from checker.document import Block, Document
from checker.finding import Finding
from checker.rules import Rule
from checker.text.tokens import letters

OPTIONS = {
    #: Shorter blocks (a one-word heading, a byline) are not worth a finding.
    "min_letters": 25,
    #: Also report target blocks with no counterpart in the source.
    "extra": True,
}


def _anchor(links: tuple[BlockLink, ...], at: int) -> tuple[Block, str] | None:
    """The translated block nearest to a gap: the next one, else the previous one."""
    for link in links[at + 1 :]:
        if link.target:
            return link.target[0], "before"
    for link in reversed(links[:at]):
        if link.target:
            return link.target[-1], "after"
    return None


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    pair = pairing(doc)
    if pair is None:
        return
    minimum = rule.options["min_letters"]
    for at, link in enumerate(pair.links):
        if link.source and not link.target:
            anchor = _anchor(pair.links, at)
            if anchor is None:
                continue
            block, side = anchor
            a, b = block.source_span()
            end = doc.source.find("\n", a, b)
            for missing in link.source:
                if letters(missing.text) < minimum:
                    continue
                excerpt = missing.text if len(missing.text) <= 60 else missing.text[:59] + "…"
                yield rule.finding(
                    doc,
                    a,
                    b if end == -1 else end,
                    f"The source {what(missing)} at {pair.where(missing)} has no counterpart "
                    f"in this translation (it would come {side} this block): \u201c{excerpt}\u201d",
                    related=pair.related((missing,)),
                )
        elif link.target and not link.source and rule.options["extra"]:
            for extra in link.target:
                if letters(extra.text) < minimum:
                    continue
                a, b = extra.source_span()
                yield rule.finding(
                    doc,
                    a,
                    b,
                    f"This {what(extra)} has no counterpart in the source ({pair.path})",
                )
