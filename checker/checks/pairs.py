"""What the pair rules share: a translation's blocks aligned with its source's, once per document.

The engine attaches the parsed source article to a translation (``doc.pair_source``, see
:mod:`checker.pairs`); :func:`pairing` aligns their blocks with :mod:`checker.text.align` and
caches the result on the document, so the five ``pair-*`` rules align once between them.
Findings go on the translation; messages name the source file and line, and the source block
is a related location (SARIF ``relatedLocations``).
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.checks.translation import compare
from checker.document import HEADING, META, TITLE, Block, Document
from checker.text.align import Link, align, features

_HEAD = frozenset({TITLE, HEADING})


@dataclass(frozen=True)
class BlockLink:
    """Source blocks and the target blocks that render them (either side may be empty)."""

    source: tuple[Block, ...]
    target: tuple[Block, ...]
    score: float


@dataclass(frozen=True)
class Pairing:
    """A translation and its source, block by block."""

    doc: Document
    source: Document
    #: The source's path as reported (relative like the translation's).
    path: str
    links: tuple[BlockLink, ...]

    def where(self, block: Block) -> str:
        """``path:line`` of a source block, for messages."""
        return f"{self.path}:{self.source.position(block.source_span()[0])[0]}"

    def related(self, blocks: tuple[Block, ...]) -> list[tuple[Document, int, int]]:
        """The source blocks as related locations in the other file."""
        return [(self.source, *b.source_span()) for b in blocks]


_WHAT = {"lede": "paragraph", "list_item": "list item"}


def what(block: Block) -> str:
    """A block's kind as an editor says it: ``paragraph``, ``heading``, ``list item``…"""
    return _WHAT.get(block.kind, block.kind.replace("_", " "))


def blocks_of(doc: Document) -> list[Block]:
    """The blocks that are aligned: everything but table cells and other meta lines."""
    return [b for b in doc.blocks if b.kind != META]


def pairing(doc: Document) -> Pairing | None:
    """The alignment of ``doc`` with its source, or ``None`` when it is not a translation."""
    if doc.pair_source is None:
        return None
    return doc.cached("pairing", lambda: _pairing(doc))


def _pairing(doc: Document) -> Pairing:
    source = doc.pair_source
    assert source is not None
    langs = tuple(sorted(set(doc.candidate_langs) | set(source.candidate_langs)))
    src_blocks, tgt_blocks = blocks_of(source), blocks_of(doc)
    src = [features(b.text, source.lang, langs) for b in src_blocks]
    tgt = [features(b.text, doc.lang, langs) for b in tgt_blocks]

    def fine(a: str, b: str) -> float:
        return compare(a, source.lang, b, doc.lang, langs).score

    links: list[Link] = align(
        src,
        tgt,
        fine,
        ["head" if b.kind in _HEAD else "body" for b in src_blocks],
        ["head" if b.kind in _HEAD else "body" for b in tgt_blocks],
    )
    return Pairing(
        doc,
        source,
        doc.pair_source_path or source.path,
        tuple(
            BlockLink(
                tuple(src_blocks[i] for i in link.source),
                tuple(tgt_blocks[j] for j in link.target),
                link.score,
            )
            for link in links
        ),
    )
