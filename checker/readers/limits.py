"""Bounds on the work one block can cost, whatever a file holds.

A news paragraph is a few hundred characters; a file that is one 1 MB line (a data dump, a
minified page, a paste gone wrong) would make every per-block analysis handle a megabyte at
once, and any step that compares sentences of a block with each other grows with the square
of its length. Such a block is checked as consecutive parts of at most :data:`MAX_BLOCK_CHARS`
characters, cut after a sentence where possible. Every part keeps the exact source offsets of
its characters, so positions stay true.
"""

from __future__ import annotations

from checker.document import LIST_ITEM, META, PARAGRAPH, QUOTE, Block

#: Longer than any real paragraph, and the amount of text langdetect reads at most.
MAX_BLOCK_CHARS = 10_000
_SENTENCE_ENDS = (". ", "! ", "? ", "… ", "; ")


def split_long_blocks(blocks: list[Block], limit: int = MAX_BLOCK_CHARS) -> list[Block]:
    """``blocks`` with every block over ``limit`` characters cut into parts."""
    if all(len(b.text) <= limit for b in blocks):
        return blocks
    out: list[Block] = []
    for block in blocks:
        out.extend(_parts(block, limit) if len(block.text) > limit else [block])
    return out


def _cut(text: str, start: int, limit: int) -> int:
    """Where the part that begins at ``start`` ends: after a sentence, else at a space."""
    end = start + limit
    if end >= len(text):
        return len(text)
    floor = start + limit // 2
    best = max(text.rfind(mark, floor, end) for mark in _SENTENCE_ENDS)
    if best > start:
        return best + 1  # keep the punctuation, leave the space
    space = text.rfind(" ", floor, end)
    return space if space > start else end


def _parts(block: Block, limit: int) -> list[Block]:
    text, offsets = block.text, block.offsets
    parts: list[Block] = []
    start = 0
    while start < len(text):
        end = _cut(text, start, limit)
        kind = block.kind
        if parts and kind not in (QUOTE, LIST_ITEM, META):
            kind = PARAGRAPH  # a title or lede is its first part; the rest is body text
        part = Block(
            kind,
            text[start:end],
            [*offsets[start:end], offsets[end - 1] + 1],
            lang=block.lang,
        )
        part.links = [
            (href, a - start, b - start) for href, a, b in block.links if start <= a and b <= end
        ]
        parts.append(part)
        start = end
        while start < len(text) and text[start] == " ":
            start += 1
    return parts
