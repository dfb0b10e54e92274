"""A title, lede or paragraph printed twice, verbatim or nearly (rapidfuzz).

The later copy is reported and points at the first. Short blocks (a repeated "Reactions"
subheading) are left alone, and the front-matter title repeated as the H1 is one block, not two.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from rapidfuzz import process
from rapidfuzz.distance import Indel

from checker.document import Block, Document
from checker.finding import Finding
from checker.rules import Rule

OPTIONS = {
    "min_chars": 20,
    "min_chars_title": 8,
    "min_similarity": 90.0,
    "kinds": ["title", "lede", "paragraph", "quote", "list_item", "heading"],
}

_NON_WORD = re.compile(r"[\W_]+")
#: Near-duplicates are compared on their first characters: the cost of a comparison grows with
#: the product of the lengths, and 2,000 characters that are 90 % alike are a repeat anyway.
_MAX_CHARS = 2000


def normalise(text: str) -> str:
    """Case, accents kept; punctuation and spacing folded, so trivial edits still match."""
    text = unicodedata.normalize("NFC", text).casefold()
    return _NON_WORD.sub(" ", text).strip()


def normalised(doc: Document, block: Block) -> str:
    """:func:`normalise` of a block's text, once per document (two rules compare blocks)."""
    return doc.cached(f"normalised:{block.index}", lambda: normalise(block.text))


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    min_chars = rule.options["min_chars"]
    min_chars_title = rule.options["min_chars_title"]
    title = doc.title
    title_norm = normalised(doc, title) if title is not None else None
    cutoff = rule.options["min_similarity"] / 100.0
    kinds = set(rule.options["kinds"])
    seen: list[tuple[str, object]] = []  # (normalised text, first block)
    exact: dict[str, object] = {}
    seen_heads: list[str] = []  # the first _MAX_CHARS of each, for the fuzzy comparison
    for block in doc.blocks:
        if block.kind not in kinds:
            continue
        norm = normalised(doc, block)
        if len(norm) < min_chars:
            # Short blocks repeat legitimately ("Reactions"), but not the title.
            if block is not title and norm == title_norm and len(norm) >= min_chars_title:
                a, b = title.source_span()
                start, end = block.source_span()
                yield rule.finding(
                    doc,
                    start,
                    end,
                    f"Repeats the title at line {doc.position(a)[0]} (verbatim)",
                    related=[(a, b)],
                )
            continue
        first = exact.get(norm)
        similarity = 1.0
        if first is None:
            # rapidfuzz scans the earlier blocks in C (a file of 6,000 paragraphs is 18 million
            # pairs); the first one alike enough, in order, wins.
            for _head, score, i in process.extract_iter(
                norm[:_MAX_CHARS],
                seen_heads,
                scorer=Indel.normalized_similarity,
                score_cutoff=cutoff,
            ):
                other_norm = seen[i][0]
                shorter, longer = sorted((len(norm), len(other_norm)))
                if shorter < cutoff * longer * 0.95:
                    continue
                first, similarity = seen[i][1], score
                break
        if first is None:
            exact[norm] = block
            seen.append((norm, block))
            seen_heads.append(norm[:_MAX_CHARS])
            continue
        a, b = first.source_span()
        line = doc.position(a)[0]
        what = "title" if first.kind == "title" else first.kind.replace("_", " ")
        how = "verbatim" if similarity >= 0.999 else f"{similarity:.0%} alike"
        start, end = block.source_span()
        yield rule.finding(
            doc, start, end, f"Repeats the {what} at line {line} ({how})", related=[(a, b)]
        )
