"""A person or organisation name of the source that the translation misspells or drops
(rule ``pair-name-mismatch``).

Names of the source block come from :mod:`checker.text.names` (capitalised runs, titles and
possessives stripped). Each word is looked up among the words of the aligned translated block:

* the same word after folding accents and case (``Ibáñez`` = ``Ibanez``), maybe inflected
  (German ``Kavanaughs``, ``Merkels``): fine;
* one letter apart *inside* the word (``Willoughby`` / ``Willougby``, ``Kavanaugh`` /
  ``Kavanuagh``): spelled differently, reported. Languages adapt names at their ends
  (Moscow/Moscou, California/Californie, Vienna/Vienne) and in their first letter
  (Jakarta/Yakarta), and CLDR (babel: country, language and city names) lists many exonyms, so
  those are not reported; neither is a different transliteration, which changes more than one
  letter (Gorbachev/Gorbatchev/Gorbatschow, compared loosely with rapidfuzz);
* nothing alike anywhere in the translation, for a name of two words or more that are not
  ordinary vocabulary (lexicon): the name was dropped, reported on the block.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from checker import langdata
from checker.checks.pairs import pairing
from checker.document import Block, Document
from checker.finding import Finding
from checker.rules import Rule
from checker.text.aliases import find_aliases
from checker.text.lexicon import concept_table, lexicon_table, stem
from checker.text.names import Mention, find_names, is_title_case, transliterate

OPTIONS = {
    #: Pairs applied to both spellings before comparing (Gorbatchev = Gorbachev).
    "transliteration": [],
    #: Report a name of two words or more that the translated block (and document) lacks.
    "missing": True,
    #: Shortest word whose spelling is checked (short words change too easily by chance).
    "min_length": 4,
    #: rapidfuzz ratio above which two words are one name written another way (not dropped).
    "loose": 70,
}

_WORD = re.compile(r"[^\W\d_]+")
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d"})


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case, no accents, Nordic and Polish letters spelled out: ``Bjørn`` → ``bjorn``."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c.isalnum())


def words(text: str) -> Counter[str]:
    """Folded words and how often they occur, split at apostrophes and hyphens
    (``l’Arizona`` → ``l``, ``arizona``)."""
    return Counter(fold(w) for w in _WORD.findall(text))


@lru_cache(maxsize=16)
def exonyms(lang: str) -> dict[str, frozenset[str]]:
    """Folded CLDR name → keys (country, language, time-zone city) in ``lang`` (babel)."""
    from babel import Locale, UnknownLocaleError

    out: dict[str, set[str]] = {}
    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return {}
    for prefix, table in (("t:", locale.territories), ("l:", locale.languages)):
        for code, name in table.items():
            for w in _WORD.findall(name):
                out.setdefault(fold(w), set()).add(prefix + code)
    for zone, names in locale.time_zones.items():
        city = dict(names).get("city")
        candidates = [city] if city else []
        if lang == "en" or not city:
            candidates.append(zone.rsplit("/", 1)[-1].replace("_", " "))
        for name in candidates:
            for w in _WORD.findall(name):
                out.setdefault(fold(w), set()).add("z:" + zone)
    return {k: frozenset(v) for k, v in out.items()}


def _same_place(a: str, a_lang: str, b: str, b_lang: str) -> bool:
    keys = exonyms(a_lang).get(a)
    return bool(keys and keys & exonyms(b_lang).get(b, frozenset()))


def _inflected(word: str, token: str) -> bool:
    """``Kavanaughs``, ``Merkel``'s genitive: the name plus a short ending."""
    return token.startswith(word) and len(token) - len(word) <= 2


def _interior_edit(a: str, b: str) -> bool:
    """One edit (OSA) away, not in the first letter nor the last two."""
    if OSA.distance(a, b, score_cutoff=1) != 1:
        return False
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(a), len(b)) - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return prefix >= 1 and suffix >= 2


@lru_cache(maxsize=16)
def _calendar(lang: str) -> frozenset[str]:
    """Month names (capitalised in English, translated everywhere): no names."""
    return frozenset(fold(str(m)) for m in langdata.get(lang, "months") or [])


@lru_cache(maxsize=16)
def _renderings(lang: str) -> dict[str, frozenset[str]]:
    """Concept (an English stem) → the stems that render it in ``lang`` (lexicon data)."""
    out: dict[str, set[str]] = {}
    english = concept_table("en")
    for s, concept in concept_table(lang).items():
        out.setdefault(concept, set()).add(s)
    if lang == "en":
        for s in {
            *english,
            *(e for x in ("de", "fr", "es", "it") for e in lexicon_table(x).values()),
        }:
            out.setdefault(english.get(s, s), set()).add(s)
    else:
        for s, e in lexicon_table(lang).items():
            out.setdefault(english.get(e, e), set()).add(s)
    return {k: frozenset(v) for k, v in out.items()}


def _concept(word: str, lang: str) -> str | None:
    s, english = stem(word), concept_table("en")
    if lang == "en":
        return english.get(s, s) if s in _renderings("en").get(english.get(s, s), ()) else None
    if s in concept_table(lang):
        return concept_table(lang)[s]
    e = lexicon_table(lang).get(s)
    return english.get(e, e) if e else None


def vocabulary(word: str, lang: str, other: str) -> bool:
    """An ordinary word of ``lang`` that ``other`` writes differently (the lexicon says so), or
    a month: Hospital, Parliament, October are translated (hôpital, Parlament, Oktober), not
    misspelled. Names the lexicon knows (Thomas, Madrid, Trump) are written the same."""
    if fold(word) in _calendar(lang):
        return True
    concept = _concept(word, lang)
    if concept is None:
        return False
    own = stem(word)
    return any(r != own for r in _renderings(other).get(concept, ()))


def _source_names(doc: Document, block: Block) -> list[tuple[Mention, bool]]:
    """Names of a source block, each with whether it is a country or body (CLDR alias)."""
    aliases = [(s, e) for s, e, *_ in find_aliases(block.text, doc.candidate_langs)]
    return [
        (m, any(s <= m.start < e for s, e in aliases)) for m in find_names(block.text, doc.lang)
    ]


@lru_cache(maxsize=8)
def _place_stems(lang: str) -> frozenset[str]:
    """First five letters of CLDR country names: their demonyms (Bolivians, Mexicans,
    Indonesian) are translated, not copied."""
    return frozenset(
        name[:5]
        for name, keys in exonyms(lang).items()
        if len(name) >= 5 and any(k.startswith("t:") for k in keys)
    )


def _demonym(word: str, lang: str) -> bool:
    """Derived from a country or language name without being one (Bolivians, Mexican)."""
    return word[:5] in _place_stems(lang) and word not in exonyms(lang)


@dataclass
class _Target:
    """The translated blocks aligned with one source block, and what they contain."""

    blocks: tuple[Block, ...]
    here: Counter[str]
    everywhere: Counter[str]
    lang: str
    function_words: frozenset[str]
    #: How often each word occurs in the aligned source blocks.
    source: Counter[str]

    def count(self, word: str) -> int:
        """Occurrences of ``word`` here, inflected forms included (Kavanaughs)."""
        return sum(n for t, n in self.here.items() if t == word or _inflected(word, t))


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    pair = pairing(doc)
    if pair is None:
        return
    everywhere = doc.cached("pair_words", lambda: words(doc.text))
    fw = langdata.word_set(doc.lang, "function_words")
    for link in pair.links:
        if not link.source or not link.target:
            continue
        here = words(" ".join(b.text for b in link.target))
        source = words(" ".join(b.text for b in link.source))
        target = _Target(link.target, here, everywhere, doc.lang, fw, source)
        reported: set[tuple[int, int]] = set()
        for sblock in link.source:
            if is_title_case(sblock.text):  # a Title Case headline capitalises every word
                continue
            for mention, place in _source_names(pair.source, sblock):
                found = _misspelled(rule, pair, sblock, mention, target)
                if found is None and not place:
                    found = _missing(rule, pair, sblock, mention, target)
                if found is not None and (found.line, found.column) not in reported:
                    reported.add((found.line, found.column))
                    yield found


def _kept(mention: Mention, word: str, target: _Target) -> bool:
    """The translation copies the word elsewhere, or another word of the name here: the name
    is kept in its original form (Trump, Riverside Church), not translated."""
    return word in target.everywhere or any(
        len(w) >= 3 and fold(w) != word and fold(w) in target.here for w in mention.words
    )


def _misspelled(
    rule: Rule, pair, sblock: Block, mention: Mention, target: _Target
) -> Finding | None:
    """A word of the name one letter apart (inside the word) from a translated word."""
    src_lang, opts = pair.source.lang, rule.options
    table = tuple((str(a), str(b)) for a, b in opts["transliteration"])
    for original, word in zip(mention.words, (fold(w) for w in mention.words), strict=True):
        # Every occurrence of the source is there (inflected forms count): nothing to report.
        if len(word) < opts["min_length"] or target.count(word) >= target.source[word]:
            continue
        if _demonym(word, src_lang):
            continue
        # A name with ordinary words (Riverside Church, National Science Foundation) is
        # translated as a whole, unless the translation keeps it as it is.
        ordinary = any(vocabulary(w, src_lang, target.lang) for w in mention.words)
        if ordinary and not _kept(mention, word, target):
            continue
        close = [
            t
            for t in sorted(target.here)
            if t != word
            if len(t) >= opts["min_length"]
            and t[:1] == word[:1]
            and t not in target.function_words
            and _interior_edit(word, t)
            and not _same_place(word, src_lang, t, target.lang)
            and not vocabulary(t, target.lang, src_lang)
            and transliterate(word, table) != transliterate(t, table)
        ]
        span = _find(target.blocks, close[0], original) if close else None
        if span is None:
            continue
        block, a, b = span
        return rule.finding(
            pair.doc,
            *block.source_span(a, b),
            f"'{block.text[a:b]}' is spelled differently from '{' '.join(mention.words)}' in "
            f"the source ({pair.where(sblock)})",
            related=[(pair.source, *sblock.source_span(mention.start, mention.end))],
        )
    return None


def _missing(rule: Rule, pair, sblock: Block, mention: Mention, target: _Target) -> Finding | None:
    """A name of two words or more that nothing in the whole translation resembles."""
    src_lang, opts = pair.source.lang, rule.options
    if not opts["missing"] or len(mention.words) < 2:
        return None
    # A person's name, not a title of something: every word is neither vocabulary nor a
    # function word (The Treasury, Pawn Stars, Tories Against Brexit are translated).
    fw = langdata.word_set(src_lang, "function_words")
    if not 2 <= len(mention.words) <= 4 or any(
        len(w) < 2 or not w[0].isupper() or w.lower() in fw or vocabulary(w, src_lang, target.lang)
        for w in mention.words
    ):
        return None
    significant = [fold(w) for w in mention.words if len(w) >= 3]
    if len(significant) < 2 or any(_demonym(w, src_lang) for w in significant):
        return None
    for word in significant:  # anywhere in the translation, maybe moved or transliterated
        if word in target.everywhere or any(
            _inflected(word, t)
            or fuzz.ratio(word, t) >= opts["loose"]
            or _same_place(word, src_lang, t, target.lang)
            for t in target.everywhere
        ):
            return None
    a, b = target.blocks[0].source_span()
    end = pair.doc.source.find("\n", a, b)
    return rule.finding(
        pair.doc,
        a,
        b if end == -1 else end,
        f"'{' '.join(mention.words)}' of the source ({pair.where(sblock)}) is missing from "
        "this translation",
        related=[(pair.source, *sblock.source_span(mention.start, mention.end))],
    )


def _accented(word: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFKD", word))


def _find(blocks, token: str, original: str) -> tuple[Block, int, int] | None:
    """The first word of the blocks that folds to ``token``, written with the same case as a
    name (a lower-case ``collègues`` translates Colleagues) and no accent the name lacks
    (``Phänomenal`` translates Phenomenal; a slip of the keyboard adds none)."""
    for block in blocks:
        for m in _WORD.finditer(block.text):
            written = m.group(0)
            if fold(written) != token or not written[0].isupper():
                continue
            if _accented(written) and not _accented(original):
                return None
            return block, m.start(), m.end()
    return None
