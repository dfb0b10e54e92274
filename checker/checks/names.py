"""One person or organisation spelled two ways in one article (rule ``name-variant``).

Names come from :mod:`checker.text.names` (capitalised runs, titles and genitives stripped).
Spellings are linked in tiers: certain (accents, hyphens, case), probable (transliteration),
possible (one letter inside a word, same first name; reported at ``possible_severity``). A
surname alone after the full name is the same spelling, not a variant; ``Joe Biden`` and
``Hunter Biden`` are two people. The minority spelling is reported at its first occurrence and
the message names the majority one; on a tie the later spelling is reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from checker.analysis import block_language
from checker.document import Block, Document
from checker.finding import Finding, Severity
from checker.rules import Rule
from checker.text.mentions import Found, WordTests, collect, word_tests
from checker.text.names import (
    CERTAIN,
    POSSIBLE,
    PROBABLE,
    Comparer,
    Form,
    Variant,
    capitalises_nouns,
    comparer_for,
    in_compound,
    window,
)

OPTIONS = {
    "kinds": ["title", "heading", "lede", "paragraph", "quote", "list_item", "meta"],
    "transliteration": [],
    "possible": True,
    "possible_severity": "info",
}

HOW = {
    CERTAIN: "differs only in accents, hyphens or case",
    PROBABLE: "a different transliteration",
    POSSIBLE: "one letter apart: check the spelling",
}


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


def _edges(
    found: list[Found], comparer: Comparer, lang: str, possible: bool, tests: WordTests
) -> list:
    """Variant links between the distinct spellings of the article.

    Candidates come from indexes on transliteration keys (and, for one-letter guesses, from
    rapidfuzz's search for words one edit apart): most names of an article share nothing and
    are never compared.
    """
    multi: dict[Form, list[int]] = {}
    single: dict[Form, list[int]] = {}
    forms: dict[tuple, Form] = {}
    for i, f in enumerate(found):
        m = f.mention
        form = forms.get((m.words, m.joins))
        if form is None:
            form = forms[(m.words, m.joins)] = Form(m.words, m.joins)
        (multi if len(form.words) > 1 else single).setdefault(form, []).append(i)
    loose = not capitalises_nouns(lang)
    common = tests.common
    # German capitalises every noun: there a lone word is compared with another lone word, or
    # with a word inside a longer name, only when neither looks like a common noun.
    namelike = (lambda word: True) if loose else tests.name_like
    # Each distinct word is folded and transliterated once (the comparer remembers them).
    comparer.learn({w for form in multi for w in form.words})
    comparer.learn(form.words[0] for form in single)
    keys, folds = comparer.keys, comparer.folds
    multis = list(multi)
    by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
    by_fold: dict[str, list[tuple[int, int]]] = defaultdict(list)
    by_last: dict[str, list[int]] = defaultdict(list)
    for bi, b in enumerate(multis):
        for wi, w in enumerate(b.words):
            if w[0].isupper():  # particles (de, von) link nothing
                by_key[keys[w]].append((bi, wi))
                by_fold[folds[w]].append((bi, wi))
        by_last[keys[b.words[-1]]].append(bi)
    inner = list(by_fold)  # the folded words of the longer names, for one-letter guesses
    edges = []
    # Two names of several words sharing a word (or ending alike: Ahmadinejad / Ahmadi-Nejad).
    pairs: set[tuple[int, int]] = set()
    for hits in by_key.values():
        if len(hits) > 1:
            ids = sorted({bi for bi, _wi in hits})
            pairs.update((x, y) for n, x in enumerate(ids) for y in ids[n + 1 :])
    ends = tuple(by_last)  # endswith() with them all tells fast whether a suffix is a key
    for last, ids in by_last.items():
        if not last.endswith(ends):
            continue
        for n in range(1, len(last)):
            others = by_last.get(last[n:])
            if others:
                for other in others:
                    pairs.update((min(i, other), max(i, other)) for i in ids if i != other)
    for x, y in sorted(pairs):
        a, b = multis[x], multis[y]
        v = comparer.variant(a, b, possible=possible) or _inside(comparer, a, b)
        if v:
            edges.append(v)
    # A lone word that is part of a longer name of the article (a surname, a first name used
    # alone) is that name, not a misspelling of another one.
    in_names = {w for form in multis for w in form.words}
    # One-letter guesses only about words that are no part of a longer name: rapidfuzz finds,
    # for each such lone word, the words one edit away among the words of the longer names
    # and the other lone words, in one call.
    order = sorted(single, key=lambda f: single[f][0])  # reading order
    choices = inner + [folds[f.words[0]] for f in order]
    near_inner: dict[Form, list[int]] = {}
    near_lone: set[tuple[int, int]] = set()
    if possible:
        shapes = _shapes(choices)
        for i, f in enumerate(order):
            if f.words[0] not in in_names:
                for j in _one_edit(folds[f.words[0]], choices, shapes):
                    if j < len(inner):
                        near_inner.setdefault(f, []).append(j)
                    else:
                        near_lone.add((min(i, j - len(inner)), max(i, j - len(inner))))
    for s in single:
        word = s.words[0]
        ks = keys[word]
        near = near_inner.get(s, ())
        suffix = loose and ks.endswith(ends)
        if ks not in by_key and not near and not suffix:
            continue  # most lone words: nothing alike among the longer names
        hits = set(by_key.get(ks, ()))
        # ...and no common word (asked only when there is something to guess about).
        lone = bool(possible and (hits or near) and word not in in_names and not common(word))
        if lone:
            for j in near:
                hits.update(by_fold[inner[j]])
        tails = {bi for bi, wi in hits if wi == len(multis[bi].words) - 1}
        if suffix:
            for n in range(1, len(ks)):
                tails.update(by_last.get(ks[n:], ()))
        heads: dict[int, list[int]] = defaultdict(list)
        for bi, wi in sorted(hits):
            if wi < len(multis[bi].words) - 1:
                heads[bi].append(wi)
        if heads and not loose:
            if namelike(word):
                heads = {
                    bi: [wi for wi in wis if namelike(multis[bi].words[wi])]
                    for bi, wis in heads.items()
                }
                heads = {bi: wis for bi, wis in heads.items() if wis}
            else:
                heads = {}
        if not tails and not heads:
            continue
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
    edges.extend(_single_pairs(order, near_lone, comparer, common, namelike, in_names, possible))
    return edges


def _single_pairs(
    order: list[Form],
    near: set[tuple[int, int]],
    comparer: Comparer,
    common: Callable[[str], bool],
    namelike: Callable[[str], bool],
    in_names: set[str],
    possible: bool,
) -> list[Variant]:
    """Two lone words (``order``: in reading order) that may both be names: the same
    transliteration key, or one letter apart (``near``: pairs of indexes) when neither is a
    common word and one of them is no part of a longer name."""
    keys = comparer.keys  # _edges had the comparer learn every word
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(order):
        by_key[keys[f.words[0]]].append(i)
    pairs: set[tuple[int, int]] = set(near)
    for group in by_key.values():
        if len(group) > 1:
            pairs.update((a, b) for n, a in enumerate(group) for b in group[n + 1 :])
    out = []
    for x, y in sorted(pairs):
        a, b = order[x], order[y]
        wa, wb = a.words[0], b.words[0]
        if not (namelike(wa) and namelike(wb)):
            continue
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


def _shapes(words: list[str]) -> dict[tuple[str, int], list[int]]:
    """Indexes of ``words`` by first letter and length."""
    out: dict[tuple[str, int], list[int]] = defaultdict(list)
    for j, word in enumerate(words):
        out[(word[:1], len(word))].append(j)
    return out


def _one_edit(word: str, choices: list[str], shapes: dict[tuple[str, int], list[int]]) -> list[int]:
    """Indexes of the other ``choices`` one edit (OSA) from ``word`` with its first letter (a
    one-letter guess never changes the first letter): only words of that letter and a length
    at most one apart are measured, by rapidfuzz."""
    first, n = word[:1], len(word)
    out = []
    for size in (n - 1, n, n + 1):
        for j in shapes.get((first, size), ()):
            if OSA.distance(word, choices[j], score_cutoff=1) == 1:
                out.append(j)
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


def clusters(
    found: list[Found], comparer: Comparer, lang: str, possible: bool, tests: WordTests
) -> list:
    """Groups of spellings of one name, each a list of :class:`Spelling` (two or more)."""
    edges = _edges(found, comparer, lang, possible, tests)
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


def _table(pairs: list) -> tuple[tuple[str, str], ...]:
    return tuple((str(a), str(b)) for a, b in pairs)


def _foreign(doc: Document, block: Block) -> bool:
    return bool(doc.lang) and block_language(doc, block) is not None


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    if not doc.lang:
        return
    opts = rule.options
    kinds = frozenset(opts["kinds"])
    found = collect(doc, kinds)
    tests = word_tests(doc, kinds)
    if len(found) < 2:
        return
    comparer = comparer_for(doc.lang, _table(opts["transliteration"]))
    possible = opts["possible"]
    groups = clusters(found, comparer, doc.lang, possible, tests)
    if not groups:
        return
    # A paragraph left in another language spells names its own way (Gorbatschow): skip it.
    involved = {found[i].block.index for g in groups for s in g for i in s.support}
    foreign = {i for i in involved if _foreign(doc, doc.blocks[i])}
    if foreign:
        found = [f for f in found if f.block.index not in foreign]
        groups = clusters(found, comparer, doc.lang, possible, tests)
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
