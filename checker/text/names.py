"""Name candidates in article text, and the tiers that say two spellings are one name.

No NER model: a name is a run of capitalised words, maybe joined by particles (von der, de, di,
bin…). Titles ("President", "Bundeskanzlerin", "M.") are stripped from its front, possessive and
genitive endings (Trump's, Merkels) from its end, and a capitalised function word that only
starts the sentence ("Les", "Die", "Selon") is dropped. German capitalises every noun, so there
a lone capitalised word only counts as the surname of a longer name (see :func:`variant`).

Spellings are compared in tiers (DESIGN.md "Names"):

1. certain: the same after folding accents, hyphens, spaces and case (Siobhán / Siobhan);
2. probable: the same after simple transliteration (w→v, j→y, sch→sh, ou→u, ck→k…);
3. possible: one letter apart inside one word, with the same first name (Brehmer / Bremer).

Different first names and generational suffixes (Jr., Sr.) are never merged: names are aligned
from their end, and a window whose first word differs is never a variant.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rapidfuzz.distance import OSA

from checker import langdata

CERTAIN, PROBABLE, POSSIBLE = 1, 2, 3
TIER_NAMES = {CERTAIN: "certain", PROBABLE: "probable", POSSIBLE: "possible"}

# A word, maybe hyphenated or with an inner apostrophe (O'Brien, d'Estaing, Jong-un).
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:[-‐‑][^\W\d_]+(?:['’][^\W\d_]+)*)*")
_ELISION = re.compile(r"^([^\W\d_]{1,5})['’](?=[^\W\d_])")
_POSSESSIVE = re.compile(r"['’]s$")
_CONTRACTION = re.compile(r"['’](?:m|re|ve|ll|d|t)$")
_HYPHENS = re.compile(r"[-‐‑]")
_DOUBLED = re.compile(r"(.)\1+")
_SENTENCE_END = frozenset(".!?…:;")
_OPENERS = frozenset("«»\"“”„‚‘’'()[]–—-¿¡*_ \t\u00a0\u202f")


@dataclass(frozen=True)
class Mention:
    """One name as written: its words (hyphenated parts apart), joiners and spans in the text."""

    words: tuple[str, ...]
    #: ``joins[i]`` is what stands between ``words[i]`` and ``words[i + 1]``: " " or "-".
    joins: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    #: The mention opens a sentence (its first word may be capitalised for that reason alone).
    initial: bool = False

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    @property
    def form(self) -> Form:
        return Form(self.words, self.joins)

    def tail(self, k: int) -> Form:
        """The last ``k`` words as a form."""
        return Form(self.words[-k:], self.joins[len(self.words) - k :])

    def tail_span(self, k: int) -> tuple[int, int]:
        return self.spans[-k][0], self.spans[-1][1]


@dataclass(frozen=True)
class Form:
    """A spelling of a name: words and the joiners between them (hashable)."""

    words: tuple[str, ...]
    joins: tuple[str, ...] = ()

    def __str__(self) -> str:
        out = self.words[0]
        for join, word in zip(self.joins, self.words[1:], strict=True):
            out += join + word
        return out

    def __len__(self) -> int:
        return len(self.words)

    def endswith(self, other: Form) -> bool:
        """Whether ``other`` is this form's tail, spelled the same way."""
        k = len(other.words)
        if k > len(self.words):
            return False
        joins = self.joins[len(self.joins) - (k - 1) :] if k > 1 else ()
        return self.words[-k:] == other.words and joins == other.joins


# -- language data -----------------------------------------------------------------------------
@dataclass(frozen=True)
class NameData:
    """What one language says about names (``rules/lang/<code>.yml``)."""

    titles: re.Pattern | None
    particles: tuple[tuple[str, ...], ...]
    function_words: frozenset[str]
    suffixes: frozenset[str]
    genitive_s: bool
    capitalised_nouns: bool


@lru_cache(maxsize=32)
def name_data(lang: str) -> NameData:
    titles = [str(t) for t in langdata.get(lang, "titles") or []]
    regex = None
    if titles:
        regex = re.compile(r"(?:" + "|".join(titles) + r")\.?", re.IGNORECASE)
    particles = sorted(
        {tuple(str(p).lower().split()) for p in langdata.get(lang, "name_particles") or []},
        key=len,
        reverse=True,
    )
    suffixes = {str(s).lower().rstrip(".") for s in langdata.get(lang, "name_suffixes") or []}
    return NameData(
        regex,
        tuple(particles),
        langdata.word_set(lang, "function_words"),
        frozenset(suffixes),
        bool(langdata.get(lang, "name_genitive_s")),
        bool(langdata.get(lang, "capitalised_nouns")),
    )


def capitalises_nouns(lang: str) -> bool:
    """German: every noun is capitalised, so a lone capitalised word is no evidence of a name."""
    return name_data(lang).capitalised_nouns


# -- extraction --------------------------------------------------------------------------------
@dataclass
class _Tok:
    text: str
    start: int
    end: int
    kind: str  # "name", "initial", "particle", "other"
    initial: bool = False


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and "-" not in word


def _sentence_initial(text: str, pos: int) -> bool:
    """Whether only quotes, dashes and spaces stand between ``pos`` and a sentence end."""
    i = pos - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END or text[i] == "\n"


def _tokens(text: str, data: NameData) -> list[_Tok]:
    out: list[_Tok] = []
    particle_words = {p[0] for p in data.particles}
    for m in _TOKEN.finditer(text):
        word, start, end = m.group(0), m.start(), m.end()
        if word.isalpha():  # the common case: a plain word, no apostrophe or hyphen
            if word[0].islower():
                kind = "particle" if word in particle_words else "other"
                out.append(_Tok(word, start, end, kind, False))
                continue
            if len(word) == 1:
                kind = "initial" if text[end : end + 1] == "." else "other"
            else:
                kind = "other" if word.isupper() else "name"
            out.append(_Tok(word, start, end, kind, _sentence_initial(text, start)))
            continue
        elided = _ELISION.match(word)
        if elided and (elided.group(1).islower() or elided.group(1) == "L"):
            start += elided.end()
            word = word[elided.end() :]
        if _CONTRACTION.search(word):
            out.append(_Tok(word, start, end, "other", False))  # I'm, We've, Don't
            continue
        possessive = _POSSESSIVE.search(word)
        if possessive and len(word) > 3:
            end -= 2
            word = word[:-2]
        initial = _sentence_initial(text, m.start())
        head, _, rest = word.partition("-")
        if rest and head in particle_words and rest[0].isupper():  # al-Assad, el-Sisi
            out.append(_Tok(word, start, end, "name", initial))
            continue
        if (
            initial
            and rest
            and any(p.islower() and p in data.function_words for p in _HYPHENS.split(word)[1:])
        ):
            kind = "other"  # "Avez-vous", "Peut-être" open a question, they name nobody
        elif word[0].isupper():
            if len(word) == 1:
                kind = "initial" if text[end : end + 1] == "." else "other"
            elif _is_acronym(word):
                kind = "other"
            else:
                kind = "name"
        elif word.lower() in particle_words:
            kind = "particle"
        else:
            kind = "other"
        out.append(_Tok(word, start, end, kind, initial))
    return out


def _gap_ok(text: str, a: _Tok, b: _Tok, data: NameData) -> bool:
    """Two tokens belong to one run when only a space (or an initial's period) separates them."""
    gap = text[a.end : b.start]
    if gap in (" ", "\u00a0", "\u202f"):
        return True
    return gap in (". ", ".\u00a0") and (
        a.kind == "initial" or (data.titles is not None and bool(data.titles.fullmatch(a.text)))
    )


def _particle_at(toks: list[_Tok], i: int, data: NameData) -> int:
    """How many tokens from ``i`` form a name particle (von der, de la…), else 0."""
    if toks[i].kind != "particle":
        return 0
    for phrase in data.particles:
        n = len(phrase)
        if i + n <= len(toks) and all(
            toks[i + j].text.lower() == phrase[j] and toks[i + j].kind in ("particle", "other")
            for j in range(n)
        ):
            return n
    return 0


def _is_title(tok: _Tok, data: NameData) -> bool:
    if data.titles is None:
        return False
    word = tok.text
    if data.titles.fullmatch(word):
        return True
    parts = _HYPHENS.split(word)
    return len(parts) > 1 and bool(data.titles.fullmatch(parts[-1]))


def _runs(text: str, toks: list[_Tok], data: NameData) -> list[list[_Tok]]:
    runs: list[list[_Tok]] = []
    i = 0
    while i < len(toks):
        if toks[i].kind not in ("name", "initial"):
            i += 1
            continue
        run = [toks[i]]
        j = i + 1
        while j < len(toks):
            prev = run[-1]
            tok = toks[j]
            if tok.kind in ("name", "initial") and _gap_ok(text, prev, tok, data):
                run.append(tok)
                j += 1
                continue
            n = _particle_at(toks, j, data)
            if n and j + n < len(toks):
                chain = [prev, *toks[j : j + n], toks[j + n]]
                if toks[j + n].kind == "name" and all(
                    _gap_ok(text, x, y, data) for x, y in pairwise(chain)
                ):
                    for t in toks[j : j + n + 1]:
                        run.append(
                            _Tok(
                                t.text,
                                t.start,
                                t.end,
                                "particle" if t is not toks[j + n] else "name",
                            )
                        )
                    j += n + 1
                    continue
            break
        runs.append(run)
        i = j
    return runs


def _trim(run: list[_Tok], data: NameData) -> list[_Tok]:
    """Drop titles and a leading function word; drop trailing initials and particles."""
    last_title = -1
    for i, tok in enumerate(run[:-1]):
        if tok.kind in ("name", "initial") and _is_title(tok, data):
            last_title = i
    if last_title >= 0:
        run = run[last_title + 1 :]
    # A function word opening the sentence ("Les", "Die", "Selon") is not part of the name;
    # mid-sentence it is ("Will Wade", "Le Monde").
    while run and (
        run[0].kind == "particle"
        or (run[0].kind == "name" and run[0].initial and run[0].text.lower() in data.function_words)
        or (run[0].kind == "initial" and len(run) == 1)
    ):
        run = run[1:]
    while run and run[-1].kind in ("particle", "initial"):
        run = run[:-1]
    if len(run) == 1 and _is_title(run[0], data):
        return []
    return run


def find_names(text: str, lang: str) -> list[Mention]:
    """Every name candidate of ``text``, in order, with exact spans."""
    data = name_data(lang)
    particle_words = {p[0] for p in data.particles}
    toks = _tokens(text, data)
    out: list[Mention] = []
    for run in _runs(text, toks, data):
        initial = run[0].initial
        run = _trim(run, data)
        if not run or not any(t.kind == "name" for t in run):
            continue
        words: list[str] = []
        joins: list[str] = []
        spans: list[tuple[int, int]] = []
        for tok in run:
            pos = tok.start
            for p, part in enumerate(_HYPHENS.split(tok.text)):
                if words:
                    joins.append("-" if p else " ")
                words.append(part.replace("’", "'"))  # one apostrophe: typography is not spelling
                spans.append((pos, pos + len(part)))
                pos += len(part) + 1
        initial = initial and run[0].initial
        if initial and words[0].lower() in particle_words:  # "Al-Moualem" opening a sentence
            words[0] = words[0].lower()
        out.append(Mention(tuple(words), tuple(joins), tuple(spans), initial))
    return out


def strip_genitives(mentions: Sequence[Mention], lang: str) -> list[Mention]:
    """German genitive: ``Merkels`` → ``Merkel`` when ``Merkel`` ends another name.

    A genitive also ends the name: in ``Angela Merkels Regierung`` the name is ``Angela Merkel``.
    """
    if not name_data(lang).genitive_s:
        return list(mentions)
    last_words = {m.words[-1] for m in mentions if not m.words[-1].endswith("s")}
    out = []
    for m in mentions:
        for i, word in enumerate(m.words):
            if len(word) > 3 and word.endswith("s") and word[:-1] in last_words:
                a, b = m.spans[i]
                m = Mention(
                    (*m.words[:i], word[:-1]),
                    m.joins[:i],
                    (*m.spans[:i], (a, b - 1)),
                    m.initial,
                )
                break
        out.append(m)
    return out


def is_title_case(text: str) -> bool:
    """A headline in Title Case (English style): capitals say nothing about names there."""
    long_words = [w for w in _TOKEN.findall(text) if len(w) >= 4]
    if len(long_words) < 3:
        return False
    return sum(1 for w in long_words if w[0].isupper()) >= 0.75 * len(long_words)


# -- comparison --------------------------------------------------------------------------------
@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case, no accents: ``Ibáñez`` → ``ibanez``; ``ß`` → ``ss``."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c.isalnum())


@lru_cache(maxsize=65536)
def transliterate(folded: str, table: tuple[tuple[str, str], ...]) -> str:
    """Apply the transliteration pairs until nothing changes, then collapse doubled letters.

    Repeating makes the order of the pairs irrelevant (``stch`` → ``sch`` → ``sh``).
    """
    for _ in range(4):
        before = folded
        for a, b in table:
            folded = folded.replace(a, b)
        if folded == before:
            break
    return _DOUBLED.sub(r"\1", folded)


def _interior_edit(a: str, b: str) -> bool:
    """One edit (OSA) away from the word's edges.

    Not the first letter (Mayer/Bayer are two names) nor the last two, where inflection lives:
    plurals and demonyms (Koreas/Koreans), gender (Paolo/Paola), genitives (Brennachs).
    """
    if min(len(a), len(b)) < 4 or max(len(a), len(b)) < 5:
        return False
    if OSA.distance(a, b, score_cutoff=1) != 1:
        return False
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(a), len(b)) - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return prefix >= 1 and suffix >= 2


@dataclass(frozen=True)
class Variant:
    """Two spellings of one name: the forms compared and how sure the match is."""

    tier: int
    a: Form
    b: Form


class Comparer:
    """Compares name mentions of one language; caches folded and transliterated keys."""

    def __init__(self, lang: str, transliteration: Sequence[Sequence[str]] = ()) -> None:
        self.data = name_data(lang)
        self.table = tuple((str(a), str(b)) for a, b in transliteration)

    def fold(self, word: str) -> str:
        return fold(word)

    def trans(self, word: str) -> str:
        return transliterate(fold(word), self.table)

    def key(self, form: Form, tier: int = CERTAIN) -> str:
        """The joined key of a form at a tier (certain: folded; probable: transliterated)."""
        get = self.fold if tier == CERTAIN else self.trans
        return "".join(get(w) for w in form.words)

    def tier(self, a: Form, b: Form, possible: bool) -> int | None:
        """Tier of two forms of as many words (0: spelled alike; None: different names)."""
        if a == b:
            return 0
        fa = [self.fold(w) for w in a.words]
        fb = [self.fold(w) for w in b.words]
        if fa == fb:
            return CERTAIN
        if (
            self.table
            and sum(map(len, fa)) >= 4
            and [self.trans(w) for w in a.words] == [self.trans(w) for w in b.words]
        ):
            return PROBABLE
        if not possible:
            return None
        if len(a) == 1:
            return POSSIBLE if _interior_edit(fa[0], fb[0]) else None
        if fa[0] != fb[0]:
            return None
        diff = [i for i in range(len(fa)) if fa[i] != fb[i]]
        if len(diff) != 1:
            return None
        x, y = fa[diff[0]], fb[diff[0]]
        if x in self.data.suffixes or y in self.data.suffixes:
            return None
        return POSSIBLE if _interior_edit(x, y) else None

    def variant(
        self,
        a: Mention | Form,
        b: Mention | Form,
        possible: bool = True,
        single: bool = True,
        joined: bool = True,
    ) -> Variant | None:
        """How two names relate: ``None`` (different, or spelled alike) or a :class:`Variant`.

        Names are aligned from their end, longest window first: the first window spelled alike
        settles it (``Joe Biden`` / ``Hunter Biden`` share ``Biden``). ``possible`` allows the
        one-edit tier; ``single`` allows windows of one word (a surname alone).
        """
        fa, fb = (
            (a.form if isinstance(a, Mention) else a),
            (b.form if isinstance(b, Mention) else b),
        )
        for k in range(min(len(fa), len(fb)), 0, -1):
            if k == 1 and not single:
                break
            if in_compound(fa, len(fa) - k) or in_compound(fb, len(fb) - k):
                continue  # "Ryder-Cup-Sieger": the tail is part of a hyphenated compound
            wa, wb = _tail(fa, k), _tail(fb, k)
            tier = self.tier(wa, wb, possible)
            if tier == 0:
                return None
            if tier is not None:
                if k == 1 and len(fa) > 1 and len(fb) > 1 and tier == POSSIBLE:
                    return None  # two first names, surnames a letter apart: two people
                return Variant(tier, wa, wb)
        if not joined:
            return None
        # Words split differently: Ahmadinejad / Ahmadi-Nejad.
        for i in range(1, len(fa) + 1):
            for j in range(1, len(fb) + 1):
                if i == j or max(i, j) < 2:
                    continue
                wa, wb = _tail(fa, i), _tail(fb, j)
                if self.key(wa) == self.key(wb):
                    return Variant(CERTAIN, wa, wb)
                if self.table and self.key(wa, PROBABLE) == self.key(wb, PROBABLE):
                    return Variant(PROBABLE, wa, wb)
        return None


def in_compound(form: Form, start: int, end: int | None = None) -> bool:
    """Whether the words ``start:end`` of ``form`` are glued by a hyphen to a word outside."""
    end = len(form.words) if end is None else end
    before = start > 0 and form.joins[start - 1] == "-"
    after = end < len(form.words) and form.joins[end - 1] == "-"
    return before or after


def window(form: Form, start: int, k: int) -> Form:
    """The ``k`` words of ``form`` from word ``start``."""
    return Form(form.words[start : start + k], form.joins[start : start + k - 1])


def _tail(form: Form, k: int) -> Form:
    if k == len(form.words):
        return form
    return Form(form.words[-k:], form.joins[len(form.joins) - (k - 1) :] if k > 1 else ())
