"""A block that restates another block of the same article in another language.

The classic machine-translation leftover: the lede printed in the source language beside its
translation. Evidence is language-independent: numbers, names (capitalised words matched with
rapidfuzz after accent folding), country and body aliases (CLDR), shared word stems (cognates)
and a plausible length ratio. A foreign block with no counterpart is ``mixed-language``'s
business, not this rule's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from checker import langdata
from checker.analysis import block_language
from checker.checks.duplicate import normalised
from checker.document import BODY_KINDS, TITLE, Block, Document
from checker.finding import Finding
from checker.rules import Rule
from checker.text.aliases import find_aliases, fold
from checker.text.lexicon import concepts

OPTIONS = {
    "min_letters": 30,
    "min_score": 0.45,
    "min_margin": 0.1,
    "neighbour_bonus": 0.1,
    "max_length_ratio": 2.2,
}

_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
#: Bounds that keep a huge file linear: a block is compared by its first ``_MAX_CHARS``
#: characters, with the ``_WINDOW`` own blocks before and after it (an article has fewer).
_MAX_CHARS = 5000
_WINDOW = 50


@dataclass(frozen=True)
class Evidence:
    """What two blocks share; ``score`` in 0..1."""

    score: float
    numbers: float
    names: float
    stems: float
    concepts: float
    ratio: float


def _numbers(text: str) -> list[str]:
    return [re.sub(r"\D", "", n) for n in _NUMBER.findall(text)]


@lru_cache(maxsize=1024)
def _features(text: str, lang: str, langs: tuple[str, ...]) -> tuple:
    """Names, content words and aliases of a text, folded for cross-language matching."""
    fw = langdata.word_set(lang, "function_words")
    aliases = find_aliases(text, langs)
    alias_codes = {code for *_x, code in aliases}
    masked = text
    for start, end, _w, _c in reversed(aliases):
        masked = masked[:start] + " " * (end - start) + masked[end:]
    names, words = [], []
    sentence_start = True
    for m in _TOKEN.finditer(masked):
        token = m.group(0)
        folded = fold(token)
        before = masked[max(0, m.start() - 2) : m.start()]
        if any(ch in before for ch in '.!?:«"“„'):
            sentence_start = True
        if token[0].isupper() and not sentence_start and folded not in fw:
            names.append(folded)
        sentence_start = False
        if len(folded) >= 4 and folded not in fw:
            words.append(folded)
    return tuple(names), tuple(words), frozenset(alias_codes), tuple(_numbers(text))


@lru_cache(maxsize=1024)
def _concepts(text: str, lang: str) -> frozenset[str]:
    return frozenset(concepts(text, lang))


def _matched(needles: list[str], haystack: list[str], cutoff: float) -> int:
    if not needles or not haystack:
        return 0
    hits = 0
    for needle in needles:
        if process.extractOne(needle, haystack, scorer=fuzz.ratio, score_cutoff=cutoff):
            hits += 1
    return hits


def compare(a: str, a_lang: str, b: str, b_lang: str, langs: tuple[str, ...]) -> Evidence:
    """How strongly ``b`` looks like a translation of ``a``."""
    ratio = max(len(a), len(b)) / max(1, min(len(a), len(b)))
    # Features are computed once per block (cached), not once per pair.
    a, b = a[:_MAX_CHARS], b[:_MAX_CHARS]
    a_names, a_words, a_alias, a_nums = _features(a, a_lang, langs)
    b_names, b_words, b_alias, b_nums = _features(b, b_lang, langs)
    # Numbers: the strongest evidence, both ways.
    if a_nums or b_nums:
        common = len(set(a_nums) & set(b_nums))
        numbers = common / max(len(set(a_nums)), len(set(b_nums)))
    else:
        numbers = -1.0
    # Names and aliases: the side with fewer capitalised words (German capitalises all nouns).
    a_all, b_all = a_names + a_words, b_names + b_words
    name_scores = []
    for names, alias, other_all, other_alias in (
        (a_names, a_alias, b_all, b_alias),
        (b_names, b_alias, a_all, a_alias),
    ):
        total = len(set(names)) + len(alias)
        if total >= 2:
            hits = _matched(sorted(set(names)), other_all, 80) + len(alias & other_alias)
            name_scores.append(hits / total)
    names = max(name_scores) if name_scores else -1.0
    # Shared stems: cognates and loan words (coopération / cooperation / cooperazione).
    small, big = sorted((sorted(set(a_words)), sorted(set(b_words))), key=len)
    stems = _matched(small, big, 75) / len(small) if len(small) >= 3 else 0.0
    parts = [(numbers, 2.0), (names, 2.0), (stems, 1.0)]
    weight = sum(w for v, w in parts if v >= 0)
    surface = sum(v * w for v, w in parts if v >= 0) / weight if weight else 0.0
    # Ordinary words, through the language-neutral lexicon (see checker.text.lexicon): the
    # share of b's concepts that a carries too, so a short title cannot outscore the lede.
    a_con, b_con = _concepts(a, a_lang), _concepts(b, b_lang)
    shared = len(a_con & b_con) / len(b_con) if min(len(a_con), len(b_con)) >= 3 else 0.0
    score = 0.5 * surface + 0.5 * shared
    return Evidence(score, numbers, names, stems, shared, ratio)


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    if not doc.lang:
        return
    opts = rule.options
    kinds = BODY_KINDS | {TITLE}
    blocks = [b for b in doc.blocks if b.kind in kinds]
    own: list[Block] = []
    seen: set[str] = set()
    foreign: list[tuple[Block, str]] = []
    for block in blocks:
        verdict = block_language(doc, block)
        if verdict is None:
            # A block printed twice is one candidate (the duplicate is duplicate-block's).
            key = normalised(doc, block)
            if key not in seen:
                seen.add(key)
                own.append(block)
        elif sum(ch.isalpha() for ch in block.text) >= opts["min_letters"]:
            foreign.append((block, verdict.lang))
    langs = doc.candidate_langs
    own_index = [b.index for b in own]
    for block, lang in foreign:
        scored = []
        at = bisect_left(own_index, block.index)
        for other in own[max(0, at - _WINDOW) : at + _WINDOW]:
            ratio = max(len(block.text), len(other.text)) / max(
                1, min(len(block.text), len(other.text))
            )
            if ratio > opts["max_length_ratio"]:
                continue
            score = compare(other.text, doc.lang, block.text, lang, langs).score
            # Pipelines leave the source-language copy right beside its translation.
            if abs(other.index - block.index) <= 1:
                score += opts["neighbour_bonus"]
            scored.append((score, other))
        if not scored:
            continue
        scored.sort(key=lambda pair: -pair[0])
        score, match = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        # The original must stand out: a paragraph merely on the same story is no translation.
        if score < opts["min_score"] or score - runner_up < opts["min_margin"]:
            continue
        a, b = match.source_span()
        line = doc.position(a)[0]
        start, end = block.source_span()
        yield rule.finding(
            doc,
            start,
            end,
            f"Restates the {match.kind.replace('_', ' ')} at line {line} in another language "
            f"({lang}); keep one version",
            related=[(a, b)],
        )
