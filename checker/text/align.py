"""Which blocks of a translation render which blocks of its source.

A monotone alignment by dynamic programming (as Gale and Church did for sentences) with the
moves 1-1, 1-0 (a source block left out), 0-1 (a block the source does not have), 2-1 and 1-2
(two paragraphs joined or one split). A 1-1 costs what the two blocks do *not* share:

* concepts of their ordinary words, through the language-neutral lexicon
  (:func:`checker.text.lexicon.concepts`);
* numbers, compared by value (:mod:`checker.text.numbers`: 2.5 = 2,5);
* names and CLDR country names (folded capitalised words; :func:`checker.text.aliases`);
* a plausible length ratio; and a block copied over unchanged is its own best match.

The scores use features computed once per block, so the whole table is cheap. Where that
first pass leaves a block without a counterpart, or joins blocks, the cells around it are scored
again with :func:`checker.checks.translation.compare` (which also weighs cognates) and the
alignment is redone: the fast score decides the easy cases, the finer one the doubtful.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from checker import langdata
from checker.text.aliases import find_aliases
from checker.text.aliases import fold as fold_text
from checker.text.lexicon import concepts
from checker.text.numbers import Number, numbers
from checker.text.tokens import WORD

#: What leaving a block out costs; a 1-1 costs ``1 - similarity`` plus a length penalty.
SKIP = 0.55
#: Extra cost of joining or splitting paragraphs: rarer than a plain 1-1.
MERGE = 0.35
#: Weight of the length penalty, and how far a block's log length ratio may stray for free
#: from the document's (measured on NTREX: 98 % of true pairs lie within ±0.25).
LENGTH_WEIGHT = 1.0
LENGTH_FREE = 0.25
#: A title or heading rendered by a paragraph (or the reverse): possible, but unusual.
KIND_MISMATCH = 0.3
#: Below this fast similarity a cell next to a gap is scored again with ``compare()``.
DOUBT = 0.75


@dataclass(frozen=True)
class Features:
    """What one block offers for comparison, computed once."""

    text: str
    lang: str
    letters: int
    folded: str
    concepts: frozenset[str]
    numbers: tuple[Number, ...]
    names: frozenset[str]
    tokens: frozenset[str]
    aliases: frozenset[str]
    #: First five letters of the longer tokens: inflected names share them (Merkel/Merkels).
    stems: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Link:
    """Source blocks ``source`` are rendered by target blocks ``target`` (either may be empty)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float = 0.0


def features(text: str, lang: str, langs: tuple[str, ...]) -> Features:
    """Features of one block of text in ``lang``."""
    return _features(text, lang, langs)


@lru_cache(maxsize=4096)
def _features(text: str, lang: str, langs: tuple[str, ...]) -> Features:
    fw = langdata.word_set(lang, "function_words")
    names, tokens = set(), set()
    for m in WORD.finditer(text):
        word = m.group(0)
        folded = _fold_word(word)
        tokens.add(folded)
        before = text[max(0, m.start() - 2) : m.start()]
        initial = m.start() == 0 or any(ch in before for ch in '.!?:«"“„')
        if word[0].isupper() and not initial and folded not in fw and len(folded) >= 3:
            names.add(folded)
    return Features(
        text,
        lang,
        sum(ch.isalpha() for ch in text),
        fold_text(text),
        frozenset(concepts(text, lang)),
        tuple(n for n in numbers(text, lang) if not n.spelled),
        frozenset(names),
        frozenset(tokens),
        frozenset(code for *_x, code in find_aliases(text, langs)),
        frozenset(t[:5] for t in tokens if len(t) >= 5),
    )


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold_text(word).replace(" ", "")


def similarity(a: Features, b: Features) -> float:
    """How well ``b`` renders ``a``, 0..1, from features only (fast)."""
    parts: list[tuple[float, float]] = []
    if len(a.concepts) >= 2 and len(b.concepts) >= 2:
        shared = len(a.concepts & b.concepts)
        parts.append((2 * shared / (len(a.concepts) + len(b.concepts)), 2.0))
    if a.numbers or b.numbers:
        hits = sum(1 for n in a.numbers if any(n.matches(m) for m in b.numbers))
        hits += sum(1 for m in b.numbers if any(m.matches(n) for n in a.numbers))
        parts.append((hits / (len(a.numbers) + len(b.numbers)), 2.0))
    # Names from the side with fewer capitalised words (German capitalises every noun).
    names, other = (a.names, b) if len(a.names) <= len(b.names) else (b.names, a)
    if len(names) + len(a.aliases | b.aliases) >= 1:
        hits = sum(1 for n in names if _found(n, other))
        hits += len(a.aliases & b.aliases)
        total = len(names) + len(a.aliases | b.aliases)
        parts.append((hits / total, 2.0))
    weight = sum(w for _v, w in parts)
    score = sum(v * w for v, w in parts) / weight if weight else 0.3
    # A block copied over unchanged (or nearly) is its own best counterpart.
    if a.letters and 0.8 <= b.letters / max(1, a.letters) <= 1.25:
        score = max(score, fuzz.ratio(a.folded, b.folded) / 100)
    return score


def coverage(a: Features, b: Features, besides: Features | None = None) -> float | None:
    """How much of ``a`` (concepts, numbers, names) reappears in ``b``, 0..1.

    With ``besides``, only what ``a`` has that ``besides`` has not: a paragraph joined to its
    neighbour must bring its own content to the other side, not just share the neighbour's
    names and figures (a deleted paragraph glued to the next one does not).
    """
    concepts = a.concepts - besides.concepts if besides else a.concepts
    nums = a.numbers
    if besides:
        nums = tuple(n for n in nums if not any(n.matches(m) for m in besides.numbers))
    names = a.names - besides.names - besides.tokens if besides else a.names
    parts: list[float] = []
    if len(concepts) >= 3:
        parts.append(len(concepts & b.concepts) / len(concepts))
    if nums:
        parts.append(sum(1 for n in nums if any(n.matches(m) for m in b.numbers)) / len(nums))
    if names:
        parts.append(sum(1 for n in names if _found(n, b)) / len(names))
    return sum(parts) / len(parts) if parts else None


def _found(word: str, other: Features) -> bool:
    """A name of one side in the other's words, maybe inflected (Merkel/Merkels)."""
    return word in other.tokens or (len(word) >= 5 and word[:5] in other.stems)


def length_penalty(a: int, b: int, centre: float = 0.0) -> float:
    """Cost of a length ratio beyond what translation explains (``centre``: the document's)."""
    if not a or not b:
        return LENGTH_WEIGHT
    return LENGTH_WEIGHT * max(0.0, abs(math.log(b / a) - centre) - LENGTH_FREE)


Scorer = Callable[[tuple[int, ...], tuple[int, ...]], float]


def align(
    source: Sequence[Features],
    target: Sequence[Features],
    fine: Callable[[str, str], float] | None = None,
    source_kinds: Sequence[str] = (),
    target_kinds: Sequence[str] = (),
) -> list[Link]:
    """The cheapest monotone alignment of ``source`` to ``target`` blocks.

    ``fine(a_text, b_text)`` (0..1), when given, re-scores the doubtful cells next to a gap.
    ``*_kinds`` say which blocks are headings (``"head"``) and which body text: a heading is
    never joined with a paragraph, and rendering one by the other costs extra.
    """
    shape = _Shape(
        tuple(source_kinds) or ("body",) * len(source),
        tuple(target_kinds) or ("body",) * len(target),
        _centre(source, target),
    )
    cache: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}

    def fast(si: tuple[int, ...], ti: tuple[int, ...]) -> float:
        key = (si, ti)
        if key not in cache:
            a = source[si[0]] if len(si) == 1 else _joined(source, si)
            b = target[ti[0]] if len(ti) == 1 else _joined(target, ti)
            score = similarity(a, b)
            # Joined blocks: each part must be rendered by the other side on its own.
            parts = (source, si, b) if len(si) > 1 else (target, ti, a) if len(ti) > 1 else None
            if parts is not None:
                blocks, (i, j), other = parts
                for x, y in ((blocks[i], blocks[j]), (blocks[j], blocks[i])):
                    part = coverage(x, other, y)
                    score = min(score, score if part is None else part)
            cache[key] = score
        return cache[key]

    links = _dp(source, target, fast, shape)
    if fine is None or all(len(x.source) == len(x.target) == 1 for x in links):
        return links
    # Second pass: the cells around each gap or join, scored by the finer comparison.
    doubtful: set[tuple[int, int]] = set()
    for link in links:
        if len(link.source) == len(link.target) == 1:
            continue
        near_s = link.source or _neighbours(links, link, "source")
        near_t = link.target or _neighbours(links, link, "target")
        for i in range(min(near_s, default=0) - 2, max(near_s, default=0) + 3):
            for j in range(min(near_t, default=0) - 2, max(near_t, default=0) + 3):
                if 0 <= i < len(source) and 0 <= j < len(target):
                    doubtful.add((i, j))
    fine_cache: dict[tuple[int, int], float] = {}

    def mixed(si: tuple[int, ...], ti: tuple[int, ...]) -> float:
        score = fast(si, ti)
        if len(si) == len(ti) == 1 and (si[0], ti[0]) in doubtful and score < DOUBT:
            key = (si[0], ti[0])
            if key not in fine_cache:
                fine_cache[key] = fine(source[si[0]].text, target[ti[0]].text)
            score = max(score, fine_cache[key])
        return score

    return _dp(source, target, mixed, shape)


def _neighbours(links: list[Link], link: Link, side: str) -> tuple[int, ...]:
    """Indices on ``side`` of the links just before and after ``link``."""
    at = links.index(link)
    out: list[int] = []
    for other in links[max(0, at - 1) : at + 2]:
        out.extend(getattr(other, side))
    return tuple(out)


def _joined(blocks: Sequence[Features], indices: tuple[int, ...]) -> Features:
    parts = [blocks[i] for i in indices]
    first = parts[0]
    return Features(
        " ".join(p.text for p in parts),
        first.lang,
        sum(p.letters for p in parts),
        " ".join(p.folded for p in parts),
        frozenset().union(*(p.concepts for p in parts)),
        tuple(n for p in parts for n in p.numbers),
        frozenset().union(*(p.names for p in parts)),
        frozenset().union(*(p.tokens for p in parts)),
        frozenset().union(*(p.aliases for p in parts)),
        frozenset().union(*(p.stems for p in parts)),
    )


@dataclass(frozen=True)
class _Shape:
    source_kinds: tuple[str, ...]
    target_kinds: tuple[str, ...]
    centre: float


def _centre(source: Sequence[Features], target: Sequence[Features]) -> float:
    """The document's log length ratio: how much longer this language runs, within reason."""
    a = sum(f.letters for f in source)
    b = sum(f.letters for f in target)
    return max(-0.3, min(0.3, math.log(b / a))) if a and b else 0.0


def _dp(
    source: Sequence[Features], target: Sequence[Features], score: Scorer, shape: _Shape
) -> list[Link]:
    n, m = len(source), len(target)
    inf = float("inf")
    band = 3 + abs(n - m)
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        centre = i * m / n if n else 0
        for j in range(m + 1):
            if (i or j) and abs(j - centre) > band:
                continue
            best, move = cost[i][j], back[i][j]
            for di, dj in ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2)):
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or cost[pi][pj] == inf:
                    continue
                if di == 0 or dj == 0:
                    step, sim = SKIP, 0.0
                else:
                    kinds = {shape.source_kinds[k] for k in range(pi, i)}
                    kinds |= {shape.target_kinds[k] for k in range(pj, j)}
                    if di + dj > 2 and len(kinds) > 1:
                        continue  # a heading is never joined with a paragraph
                    si, ti = tuple(range(pi, i)), tuple(range(pj, j))
                    sim = score(si, ti)
                    a = sum(source[k].letters for k in si)
                    b = sum(target[k].letters for k in ti)
                    step = 1 - sim + length_penalty(a, b, shape.centre)
                    step += MERGE if di + dj > 2 else KIND_MISMATCH * (len(kinds) - 1)
                if cost[pi][pj] + step < best:
                    best, move = cost[pi][pj] + step, (di, dj, sim)
            cost[i][j], back[i][j] = best, move
    links: list[Link] = []
    i, j = n, m
    while i or j:
        move = back[i][j]
        if move is None:  # outside the band: cannot happen when the band covers the corner
            break
        di, dj, sim = move
        links.append(Link(tuple(range(i - di, i)), tuple(range(j - dj, j)), sim))
        i, j = i - di, j - dj
    links.reverse()
    return _pair_gaps(links)


def _pair_gaps(links: list[Link]) -> list[Link]:
    """A block left out right beside a block added is one block rendered very freely (a
    reworded title, a rewritten heading): link the two rather than report two gaps."""
    out: list[Link] = []
    for link in links:
        prev = out[-1] if out else None
        if (
            prev is not None
            and len(prev.source) + len(link.source) == 1
            and len(prev.target) + len(link.target) == 1
        ):
            out[-1] = Link(prev.source + link.source, prev.target + link.target, 0.0)
            continue
        out.append(link)
    return out
