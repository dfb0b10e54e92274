"""Plain-text articles: first non-empty line is the title, each non-empty line a block.

Hard-wrapped files (paragraphs broken over several short lines) are detected and their
blank-line-separated runs joined instead, so one paragraph is one block either way.
"""

from __future__ import annotations

import re

from checker.document import HEADING, PARAGRAPH, TITLE, Block, Document, Meta
from checker.readers.blocks import fold, looks_like_heading, mark_lede

_LINE = re.compile(r"[^\n]*\n?")


def _lines(source: str) -> list[tuple[int, str]]:
    """(offset, line without its end) for each line of the source."""
    out = []
    for m in _LINE.finditer(source):
        if not m.group():
            break
        out.append((m.start(), m.group().rstrip("\r\n")))
    return out


def is_hard_wrapped(lines: list[str]) -> bool:
    """Most text sits in runs of several lines of similar, limited width."""
    nonempty = [ln for ln in lines if ln.strip()]
    if len(nonempty) < 6:
        return False
    in_runs = 0
    for i, ln in enumerate(lines):
        if not ln.strip():
            continue
        prev = lines[i - 1].strip() if i > 0 else ""
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if prev or nxt:
            in_runs += 1
    widest = max(len(ln) for ln in nonempty)
    open_ends = sum(1 for ln in nonempty if not ln.rstrip().endswith((".", "!", "?", ":", "»")))
    return in_runs >= 0.6 * len(nonempty) and widest <= 100 and open_ends >= 0.5 * len(nonempty)


def read_text(path: str, source: str) -> Document:
    lines = _lines(source)
    plain = [text for _, text in lines]
    groups: list[list[tuple[int, str]]] = []
    if is_hard_wrapped(plain):
        current: list[tuple[int, str]] = []
        for off, text in lines:
            if text.strip():
                current.append((off, text))
            elif current:
                groups.append(current)
                current = []
        if current:
            groups.append(current)
    else:
        groups = [[(off, text)] for off, text in lines if text.strip()]

    blocks: list[Block] = []
    blank_before = set()
    for i, (_off, text) in enumerate(lines):
        if not text.strip() and i + 1 < len(lines):
            blank_before.add(i + 1)
    line_index = {off: i for i, (off, _t) in enumerate(lines)}
    for group in groups:
        chars: list[tuple[str, int]] = []
        for j, (off, text) in enumerate(group):
            piece = text + (" " if j + 1 < len(group) else "")
            chars.extend(zip(piece, range(off, off + len(piece)), strict=True))
        text, offsets = fold(chars)
        if not text:
            continue
        kind = PARAGRAPH
        if not blocks:
            kind = TITLE
        elif len(group) == 1 and looks_like_heading(text):
            i = line_index[group[0][0]]
            after_blank = i in blank_before or i == 0
            before_blank = i + 1 >= len(lines) or not lines[i + 1][1].strip()
            if after_blank and before_blank:
                kind = HEADING
        blocks.append(Block(kind, text, offsets))
    mark_lede(blocks[1:])
    meta = Meta(title=blocks[0].text if blocks else None)
    return Document(path, source, "text", meta, blocks)
