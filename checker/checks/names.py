"""One person or organisation spelled two ways in one article (rule ``name-variant``).

Names come from :mod:`checker.text.names` (capitalised runs, titles and genitives stripped).
Spellings are linked in tiers: certain (accents, hyphens, case), probable (transliteration),
possible (one letter inside a word, same first name; reported at ``possible_severity``). A
surname alone after the full name is the same spelling, not a variant; ``Joe Biden`` and
``Hunter Biden`` are two people. The minority spelling is reported at its first occurrence and
the message names the majority one; on a tie the later spelling is reported.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from checker.analysis import block_language
from checker.document import Block, Document
from checker.finding import Finding, Severity
from checker.rules import Rule
from checker.text.lexicon import STEM, lexicon_table, stem
from checker.text.names import (
    CERTAIN,
    POSSIBLE,
    PROBABLE,
    Comparer,
    Form,
    Mention,
    Variant,
    capitalises_nouns,
    find_names,
    in_compound,
    is_title_case,
    strip_genitives,
    window,
)

OPTIONS = {
    "kinds": ["title", "heading", "lede", "paragraph", "quote", "list_item", "meta"],
    "transliteration": [],
    "possible": True,
    "possible_severity": "info",
}

_WORDS = re.compile(r"[^\W\d_]+")

HOW = {
    CERTAIN: "differs only in accents, hyphens or case",
    PROBABLE: "a different transliteration",
    POSSIBLE: "one letter apart: check the spelling",
}


@dataclass(frozen=True)
class Found:
    """A mention in a block."""

    block: Block
    mention: Mention

    @property
    def order(self) -> tuple[int, int]:
        return self.block.index, self.mention.start


def collect(doc: Document, kinds: frozenset[str] | set[str]) -> list[Found]:
    """Every name mention of the article's blocks of ``kinds``, in reading order."""
    key = "names:" + ",".join(sorted(kinds))

    def compute() -> list[Found]:
        out: list[Found] = []
        for block in doc.blocks:
            if block.kind in kinds:
                out.extend(Found(block, m) for m in _block_names(doc, block))
        mentions = strip_genitives([f.mention for f in out], doc.lang)
        return [Found(f.block, m) for f, m in zip(out, mentions, strict=True)]

    return doc.cached(key, compute)


def _block_names(doc: Document, block: Block) -> list[Mention]:
    """The names of one block (cached: name-variant and corpus-name-variant share them)."""

    def compute() -> list[Mention]:
        if block.kind in ("title", "heading") and is_title_case(block.text):
            return []  # Title Case headlines capitalise every word
        return find_names(block.text, doc.lang)

    return doc.cached(f"names:block:{block.index}", compute)


@dataclass
class Spelling:
    """One spelling of a name in a cluster, with the mentions written that way."""

    form: Form
    support: set[int]
    first: int  # index into the mention list
    tier: int = CERTAIN


class _Union:
    def __init__(self) -> None:
        self.parent: dict[Form, Form] = {}

    def find(self, x: Form) -> Form:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Form, b: Form) -> None:
        self.parent[self.find(a)] = self.find(b)


def _edges(found: list[Found], comparer: Comparer, lang: str, possible: bool) -> list:
    """Variant links between the distinct spellings of the article.

    Candidates come from indexes on transliteration keys (and, for one-letter guesses, on first
    letter and length): most names of an article share nothing and are never compared.
    """
    multi: dict[Form, list[int]] = {}
    single: dict[Form, list[int]] = {}
    for i, f in enumerate(found):
        (multi if len(f.mention.words) > 1 else single).setdefault(f.mention.form, []).append(i)
    # German capitalises every noun: a lone word there is only compared with a surname.
    loose = not capitalises_nouns(lang)
    common = _common_words(found, lang)
    key, fold = comparer.trans, comparer.fold
    multis = list(multi)
    by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
    by_shape: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    by_last: dict[str, list[int]] = defaultdict(list)
    for bi, b in enumerate(multis):
        for wi, w in enumerate(b.words):
            if w[0].isupper():  # particles (de, von) link nothing
                folded = fold(w)
                by_key[key(w)].append((bi, wi))
                by_shape[(folded[:1], len(folded))].append((bi, wi))
        by_last[key(b.words[-1])].append(bi)
    edges = []
    # Two names of several words sharing a word (or ending alike: Ahmadinejad / Ahmadi-Nejad).
    pairs: set[tuple[int, int]] = set()
    for hits in by_key.values():
        ids = sorted({bi for bi, _wi in hits})
        pairs.update((x, y) for n, x in enumerate(ids) for y in ids[n + 1 :])
    for last, ids in by_last.items():
        for n in range(1, len(last)):
            for other in by_last.get(last[n:], ()):
                pairs.update((min(i, other), max(i, other)) for i in ids if i != other)
    for x, y in sorted(pairs):
        a, b = multis[x], multis[y]
        v = comparer.variant(a, b, possible=possible) or _inside(comparer, a, b)
        if v:
            edges.append(v)
    # A lone word that is part of a longer name of the article (a surname, a first name used
    # alone) is that name, not a misspelling of another one.
    in_names = {w for form in multis for w in form.words}
    for s in single:
        word = s.words[0]
        ks, fs = key(word), fold(word)
        # One-letter guesses only about words that are no common word and no part of a name.
        lone = possible and word not in in_names and not common(word)
        hits = set(by_key.get(ks, ()))
        if lone:
            for n in (len(fs) - 1, len(fs), len(fs) + 1):
                hits.update(by_shape.get((fs[:1], n), ()))
        tails = {bi for bi, wi in hits if wi == len(multis[bi].words) - 1}
        if loose:
            for n in range(1, len(ks)):
                tails.update(by_last.get(ks[n:], ()))
        heads: dict[int, list[int]] = defaultdict(list)
        if loose:
            for bi, wi in sorted(hits):
                if wi < len(multis[bi].words) - 1:
                    heads[bi].append(wi)
        for bi in sorted(tails | set(heads)):
            b = multis[bi]
            v = None
            if bi in tails:
                v = comparer.variant(s, b, possible=lone and not common(b.words[-1]), joined=loose)
            if v is None and bi in heads and word not in b.words:
                # "Somerset" beside "Sommerset Police": another word of the longer name.
                for wi in heads[bi]:
                    w = b.words[wi]
                    if not w[0].isupper() or in_compound(b, wi, wi + 1):
                        continue
                    guess = lone and not common(w)
                    if _near(comparer, word, w, guess):
                        v = comparer.variant(s, window(b, wi, 1), possible=guess)
                        if v:
                            break
            if v:
                edges.append(v)
    if loose:
        edges.extend(_single_pairs(single, comparer, common, in_names, possible))
    return edges


def _single_pairs(
    single: dict[Form, list[int]],
    comparer: Comparer,
    common: Callable[[str], bool],
    in_names: set[str],
    possible: bool,
) -> list[Variant]:
    """Two lone words: the same transliteration key, or one letter apart when neither is a
    common word and one of them is no part of a longer name."""
    key, fold = comparer.trans, comparer.fold
    by_key: dict[str, list[Form]] = defaultdict(list)
    by_shape: dict[tuple[str, int], list[Form]] = defaultdict(list)
    order = sorted(single, key=lambda f: single[f][0])
    for f in order:
        by_key[key(f.words[0])].append(f)
        folded = fold(f.words[0])
        by_shape[(folded[:1], len(folded))].append(f)
    rank = {f: n for n, f in enumerate(order)}
    pairs: set[tuple[Form, Form]] = set()
    for group in by_key.values():
        pairs.update((a, b) for n, a in enumerate(group) for b in group[n + 1 :])
    if possible:
        for (letter, n), group in by_shape.items():
            for other in (group, by_shape.get((letter, n + 1), [])):
                pairs.update((a, b) for a in group for b in other if a != b)
    out = []
    for a, b in sorted(pairs, key=lambda p: (rank[p[0]], rank[p[1]])):
        wa, wb = a.words[0], b.words[0]
        guess = (
            possible
            and (wa not in in_names or wb not in in_names)
            and not (common(wa) or common(wb))
        )
        if _near(comparer, wa, wb, guess):
            v = comparer.variant(a, b, possible=guess)
            if v:
                out.append(v)
    return out


def _near(comparer: Comparer, x: str, y: str, guess: bool) -> bool:
    """Cheap necessary condition for a variant: same transliteration key, or (one-letter
    guesses) the same first letter and lengths at most one apart."""
    if comparer.trans(x) == comparer.trans(y):
        return True
    if not guess:
        return False
    fx, fy = comparer.fold(x), comparer.fold(y)
    return fx[:1] == fy[:1] and abs(len(fx) - len(fy)) <= 1


def _inside(comparer: Comparer, a: Form, b: Form) -> Variant | None:
    """The shorter name inside the longer one, not at its end (certain and probable tiers):
    "West-Virginia University" beside "West Virginia"."""
    short, long = sorted((a, b), key=len)
    k = len(short)
    if k < 2 or k == len(long):
        return None
    for start in range(len(long) - k):
        if in_compound(long, start, start + k):
            continue  # "Johnny-English-Film"
        part = window(long, start, k)
        tier = comparer.tier(part, short, possible=False)
        if tier == 0:
            return None
        if tier is not None:
            return Variant(tier, part, short)
    return None


def _common_words(found: list[Found], lang: str) -> Callable[[str], bool]:
    """A test for common words: written in lower case in the article, or in the lexicon."""
    lower: set[str] = set()
    for block in {id(f.block): f.block for f in found}.values():
        lower.update(w for w in _WORDS.findall(block.text) if w.islower())
    stems, prefixes = _lexicon(lang)
    seen: dict[str, bool] = {}

    def common(word: str) -> bool:
        if word not in seen:
            key = stem(word)
            seen[word] = (
                word.lower() in lower or key in stems or (len(key) < STEM and key in prefixes)
            )
        return seen[word]

    return common


@lru_cache(maxsize=16)
def _lexicon(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Lexicon stems and their prefixes. A stem the lexicon pairs with itself is a name or a
    word shared with English (trump → trump): no evidence of a common word."""
    stems = frozenset(k for k, v in lexicon_table(lang).items() if k != v)
    prefixes = frozenset(k[:n] for k in stems for n in range(1, len(k)))
    return stems, prefixes


def _where(form: Form, mention: Form) -> int | None:
    """Index of the word where ``form`` starts inside ``mention``, spelled alike; else None.

    A surname alone stands for the full name ending with it.
    """
    k = len(form.words)
    if len(mention.words) == 1 and k > 1 and mention.words[0] == form.words[-1]:
        return 0
    for i in range(len(mention.words) - k, -1, -1):
        if mention.words[i : i + k] == form.words and mention.joins[i : i + k - 1] == form.joins:
            return i
    return None


def _supports(form: Form, found: list[Found]) -> set[int]:
    """Mentions spelled like ``form``: containing it, or its surname alone."""
    return {i for i, f in enumerate(found) if _where(form, f.mention.form) is not None}


def clusters(found: list[Found], comparer: Comparer, lang: str, possible: bool) -> list:
    """Groups of spellings of one name, each a list of :class:`Spelling` (two or more)."""
    edges = _edges(found, comparer, lang, possible)
    if not edges:
        return []
    union = _Union()
    tiers: dict[Form, int] = {}
    for v in edges:
        union.union(v.a, v.b)
        for form in (v.a, v.b):
            tiers[form] = min(tiers.get(form, POSSIBLE), v.tier)
    groups: dict[Form, list[Form]] = {}
    for form in list(union.parent):
        groups.setdefault(union.find(form), []).append(form)
    out = []
    for forms in groups.values():
        # Forms spelled alike (a surname and the full name ending with it) are one spelling.
        forms.sort(key=len, reverse=True)
        spellings: list[Spelling] = []
        for form in forms:
            support = _supports(form, found)
            if not support:
                continue
            same = next(
                (
                    s
                    for s in spellings
                    if s.form.endswith(form)
                    or (len(form) == 1 and s.form.words[-1] == form.words[0])
                ),
                None,
            )
            if same is not None:
                same.support |= support
                same.first = min(same.support, key=lambda i: found[i].order)
                same.tier = min(same.tier, tiers[form])
                continue
            first = min(support, key=lambda i: found[i].order)
            spellings.append(Spelling(form, support, first, tiers[form]))
        # A surname alone fits "José Luis Arrieta" and "José-Luis Arrieta" alike: it counts for
        # neither.
        seen: dict[int, int] = {}
        for sp in spellings:
            for i in sp.support:
                seen[i] = seen.get(i, 0) + 1
        for sp in spellings:
            sp.support = {i for i in sp.support if seen[i] == 1}
            if sp.support:
                sp.first = min(sp.support, key=lambda i: found[i].order)
        spellings = [sp for sp in spellings if sp.support]
        if len(spellings) > 1:
            out.append(spellings)
    return out


def _foreign(doc: Document, block: Block) -> bool:
    return bool(doc.lang) and block_language(doc, block) is not None


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    if not doc.lang:
        return
    opts = rule.options
    found = collect(doc, frozenset(opts["kinds"]))
    if len(found) < 2:
        return
    comparer = Comparer(doc.lang, opts["transliteration"])
    possible = opts["possible"]
    groups = clusters(found, comparer, doc.lang, possible)
    if not groups:
        return
    # A paragraph left in another language spells names its own way (Gorbatschow): skip it.
    involved = {found[i].block.index for g in groups for s in g for i in s.support}
    foreign = {i for i in involved if _foreign(doc, doc.blocks[i])}
    if foreign:
        found = [f for f in found if f.block.index not in foreign]
        groups = clusters(found, comparer, doc.lang, possible)
    low = Severity.parse(opts["possible_severity"])
    # A name can meet its variant twice (Richard Ashworth Hale / Ashworth-Hale): report the
    # longest spelling once.
    groups.sort(key=lambda g: -max(len(s.form) for s in g))
    reported: list[tuple[int, int]] = []
    for spellings in groups:
        ranked = sorted(spellings, key=lambda s: (-len(s.support), found[s.first].order))
        major = ranked[0]
        a, b = _span(found, major)
        major_line = doc.position(a)[0]
        for minor in ranked[1:]:
            start, end = _span(found, minor)
            if any(a0 <= start and end <= b0 for a0, b0 in reported):
                continue
            reported.append((start, end))
            tier = minor.tier
            n = len(major.support)
            yield rule.finding(
                doc,
                start,
                end,
                f'Name written "{minor.form}" here and "{major.form}" elsewhere '
                f"({n}×, first on line {major_line}): {HOW[tier]}",
                severity=low if tier == POSSIBLE else None,
                related=[(a, b)],
            )


def _span(found: list[Found], spelling: Spelling) -> tuple[int, int]:
    f = found[spelling.first]
    m = f.mention
    i = _where(spelling.form, m.form) or 0
    k = min(len(spelling.form), len(m.words) - i)
    return f.block.source_span(m.spans[i][0], m.spans[i + k - 1][1])
