"""Helpers shared by the readers: whitespace folding with offsets, lede and heading guesses."""

from __future__ import annotations

import re
from bisect import bisect_left
from operator import itemgetter

from checker.document import HEADING, LEDE, PARAGRAPH, TITLE, Block

_END_PUNCT = tuple('.!?…:;»"”“)')
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def needs_folding(text: str) -> bool:
    r"""Whether :func:`fold` changes ``text``: it holds a whitespace run, a tab or line break,
    or space at either end. ``str.split()`` splits at exactly the whitespace of ``\s``, so a
    split and a join in C tell (three times faster than a regular expression search on the
    benchmark's paragraphs; tests/test_fast_paths.py compares the two)."""
    return " ".join(text.split()) != text


#: A whitespace run that folding turns into one space: two or more characters, or one that is
#: not a plain space.
_FOLDED_RUN = re.compile(r"\s{2,}|[^\S ]")


def fold(chars: list[tuple[str, int]]) -> tuple[str, list[int]]:
    """Collapse whitespace runs into one space and strip the ends, keeping each offset.

    ``chars`` is a list of (character, source offset). Returns the text and its offsets with
    one extra end entry, as :class:`~checker.document.Block` expects. Each whitespace run
    becomes one space at the offset of the run's first character.
    """
    if not chars:
        return "", [0]
    text = "".join(map(_FIRST, chars))  # C loops: readers hand over thousands of pairs
    if len(text) != len(chars):  # an entry holds several characters: go one by one
        return _fold_slow(chars)
    source = list(map(_SECOND, chars))
    if text and not needs_folding(text):  # the common case: nothing to collapse
        source.append(source[-1] + 1)
        return text, source
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    if start >= end:
        return "", [chars[0][1]]
    parts: list[str] = []
    offsets: list[int] = []
    done = start
    # Only the runs that change (line breaks, tabs, several spaces) are visited; the text
    # between them is copied by slices (the readers' hot path).
    for match in _FOLDED_RUN.finditer(text, start, end):
        a, b = match.span()
        parts.append(text[done:a])
        parts.append(" ")
        offsets.extend(source[done : a + 1])  # the space keeps the run's first offset
        done = b
    parts.append(text[done:end])
    offsets.extend(source[done:end])
    offsets.append(offsets[-1] + 1)
    return "".join(parts), offsets


def _fold_slow(chars: list[tuple[str, int]]) -> tuple[str, list[int]]:
    out: list[str] = []
    offsets: list[int] = []
    pending_space = -1
    for ch, off in chars:
        if ch.isspace():
            if out and pending_space < 0:
                pending_space = off
            continue
        if pending_space >= 0:
            out.append(" ")
            offsets.append(pending_space)
            pending_space = -1
        out.append(ch)
        offsets.append(off)
    end = offsets[-1] + 1 if offsets else (chars[0][1] if chars else 0)
    offsets.append(end)
    return "".join(out), offsets


def link_spans(
    chars: list[tuple[str, int]], links: list[tuple[str, int, int]], offsets: list[int]
) -> list[tuple[str, int, int]]:
    """Links recorded as ``(href, i, j)`` over ``chars`` → ``(href, start, end)`` in the text
    that :func:`fold` made of them (``offsets`` is its offset list)."""
    out = []
    for href, i, j in links:
        visible = [off for ch, off in chars[i:j] if not ch.isspace()]
        if not href or not visible:
            continue
        start = bisect_left(offsets, visible[0], 0, len(offsets) - 1)
        end = bisect_left(offsets, visible[-1], 0, len(offsets) - 1) + 1
        out.append((href, start, max(start, end)))
    return out


def looks_like_heading(text: str) -> bool:
    """A short line without final punctuation: a subheading in plain text."""
    stripped = text.strip()
    return (
        0 < len(stripped) <= 90
        and len(stripped.split()) <= 12
        and not stripped.endswith(_END_PUNCT)
        and not stripped[0].isdigit()
    )


def mark_lede(blocks: list[Block], min_words: int = 8) -> None:
    """The first body paragraph of some length after the title is the lede."""
    for block in blocks:
        if block.kind == PARAGRAPH and block.words >= min_words:
            block.kind = LEDE
            return
        if block.kind == HEADING:
            return


def first_heading_is_title(blocks: list[Block]) -> None:
    """Promote the first block to title when it is a heading or a short line."""
    if blocks and blocks[0].kind in (HEADING, PARAGRAPH) and blocks[0].kind != TITLE:
        blocks[0].kind = TITLE
