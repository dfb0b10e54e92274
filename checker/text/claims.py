"""Checkable claims in a sentence: figures with a unit, percentages, money, counts, records.

What makes a number a claim is language data (rules/lang): ``claim_units`` (units of measure,
currencies, per cent, million…) after the number, ``claim_averages`` ("en moyenne",
"durchschnittlich") before it, a count of things ("3 000 foyers") of at least ``min_count``,
or any count of casualties, arrests or job cuts (``claim_count_nouns``). ``claim_records`` and
``claim_superlatives`` catch records ("la plus précoce jamais enregistrée", "wie nie zuvor")
and ranked superlatives ("ist die teuerste Großstadt"); ``claim_word_figures`` figures written
in words ("hundreds of millions of euros", "eine Milliarde Euro", "ont triplé").

Not claims: years, dates and times ("14 avril", "3 Uhr", "alle 6.12"), ages and durations
(``time_units``), dimensions, altitudes and the population of a place ("une ville de 30 000
habitants": ``descriptive_measures``), numbered things
("article 49", "§ 3", "ligne 14": ``number_prefixes``), a number after a definite article
("les 27 États membres"), ordinals and scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker import langdata
from checker.text.factors import trie
from checker.text.patterns import alternation, find_all

_NUMBER = re.compile(
    r"(?<![\w.,/-])\d{1,3}(?:(?:[\u00a0\u202f ]|[.,’'])\d{3})+(?:[.,]\d+)?(?![\d])"
    r"|(?<![\w.,/-])\d+(?:[.,]\d+)?(?![\d])"
)
_SEPARATORS = re.compile(r"[\u00a0\u202f .,’']")
_CURRENCY_BEFORE = re.compile(r"(?:[€$£¥₹]|US\$|CHF|EUR|USD|GBP)\s?$")
_SYMBOL_AFTER = re.compile(r"^(?:[\s\u00a0\u202f]?(?:%|‰|€|\$|£|°\s?[CF]\b|º\s?C\b)|[CF]\b)")
_WORD_AFTER = re.compile(r"^[\s\u00a0\u202f]+([^\W\d_][\w'’-]*)")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’.-]*)[\s\u00a0\u202f]*$")
_PART_OF_LONGER = re.compile(r"\d[\s\u00a0\u202f]$")
_LEADING_ZERO = frozenset(f"0{d}" for d in "0123456789")
_DIGIT = re.compile(r"\d")
#: A number written with thousands groups ("49.000", "1,450", "300 000"): a quantity.
_GROUPED = re.compile(r"\d[\u00a0\u202f .,’']\d{3}(?!\d)")
_CLAUSE_END = re.compile(r"[\s\u00a0]*(?:[.;!?)]|,\s|$)")


@dataclass(frozen=True)
class Claim:
    """A claim at ``text[start:end]``: ``figure`` or ``record``."""

    kind: str
    start: int
    end: int


def value(number: str) -> float:
    """The value of a written number: ``3 000``, ``1,450``, ``9.400``, ``2,5``."""
    parts = _SEPARATORS.split(number)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
        return float("".join(parts))
    whole = parts[0]
    frac = parts[1] if len(parts) > 1 else "0"
    try:
        return float(f"{whole}.{frac}")
    except ValueError:
        return 0.0


@lru_cache(maxsize=64)
def _regex(lang: str, key: str, template: str) -> re.Pattern | None:
    words = langdata.get(lang, key) or []
    if not words:
        return None
    return re.compile(template.format(alternation(words)), re.IGNORECASE)


def _units(lang: str) -> re.Pattern | None:
    return _regex(lang, "claim_units", r"^[\s\u00a0\u202f]?(?:{})(?!\w)")


@lru_cache(maxsize=32)
def _number_words(lang: str) -> re.Pattern | None:
    units = langdata.get(lang, "claim_units") or []
    words = langdata.get(lang, "number_words") or []
    if not units or not words:
        return None
    # The words are plain words: as a trie they are tried in a few steps at each position.
    source = rf"(?<!\w)(?:{trie(words, re.IGNORECASE)})[\s\u00a0]+(?:{alternation(units)})(?!\w)"
    return re.compile(source, re.IGNORECASE)


def _prefix(lang: str) -> re.Pattern | None:
    return _regex(lang, "number_prefixes", r"(?<!\w)(?:{})[\s\u00a0]*$")


def _is_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1800 <= int(number) <= 2100


def _figure(
    text: str, m: re.Match, lang: str, start_of_sentence: int, min_count: int
) -> tuple[int, int] | None:
    """The span of the figure (number with its unit) if ``m`` is a checkable one."""
    span = _measure(text, m, lang)
    if span is not None:
        return span
    return (m.start(), m.end()) if _count(text, m, lang, start_of_sentence, min_count) else None


def _measure(text: str, m: re.Match, lang: str) -> tuple[int, int] | None:
    """A number with a currency, a unit or per cent: ``£2 billion``, ``80 Prozent``."""
    before = text[max(0, m.start() - 40) : m.start()]
    after = text[m.end() : m.end() + 60]
    currency = _CURRENCY_BEFORE.search(before)
    start = m.start() - (len(before) - currency.start()) if currency else m.start()
    units = _units(lang)
    unit = units.match(after) if units is not None else None
    symbol = _SYMBOL_AFTER.match(after)
    if unit or symbol:
        length = max(unit.end() if unit else 0, symbol.end() if symbol else 0)
        shown = after[:length].rstrip()
        if _not_a_unit(m.group(0), shown.strip(), after[length:], lang):
            return (start, m.end()) if currency else None
        tail = re.search(r"[\s\u00a0]+([^\W\d_]+)['’]?$", shown)
        if tail and tail.group(1).lower() in langdata.word_set(lang, "function_words"):
            shown = shown[: tail.start()]  # "33 millones de" → "33 millones"
        return start, m.end() + len(shown)
    if currency:
        return start, m.end()
    return None


def _not_a_unit(number: str, unit: str, rest: str, lang: str) -> bool:
    """A unit look-alike: "del 1989 ha istituito" (a year, then a verb), "il 1° giugno" (a date)."""
    if _is_year(number) and unit.isalpha() and unit.islower() and len(unit) <= 2:
        return True
    if unit in ("°", "º"):
        word = _WORD_AFTER.match(rest)
        return bool(word) and word.group(1).lower() in {
            str(month).lower() for month in langdata.get(lang, "months") or []
        }
    return False


def _count(text: str, m: re.Match, lang: str, start_of_sentence: int, min_count: int) -> bool:
    """A count of things ("3 000 foyers"), not a year, date, time, age or numbered thing."""
    number = m.group(0)
    before = text[max(0, m.start() - 40) : m.start()]
    after = text[m.end() : m.end() + 60]
    prefix = _prefix(lang)
    if prefix is not None and prefix.search(before):
        return False
    if _is_year(number) or after[:1].isalpha() or after[:1] in "-–/:":
        return False
    if _GROUPED.search(number) and value(number) >= min_count and _CLAUSE_END.match(after):
        return True  # "… ne conta meno di 49.000.": a grouped count that ends the clause
    if after[:1] == "." and not after[1:2].isdigit():
        return False  # "am 3. Mai", or the end of the sentence
    word = _WORD_AFTER.match(after)
    if not word:
        return False
    noun = word.group(1)
    low = noun.lower()
    if value(number) >= 2 and low in langdata.word_set(lang, "claim_count_nouns"):
        return True  # "12 morts", "five arrests": small counts that still need a source
    if value(number) < min_count:
        return False
    for key in ("function_words", "time_units", "number_words"):
        if low in langdata.word_set(lang, key):
            return False
    if noun in (langdata.get(lang, "months") or []):
        return False
    if noun[0].isupper() and not langdata.get(lang, "capitalised_nouns"):
        return False  # "10 Downing Street"
    prev = _WORD_BEFORE.search(before)
    if prev:
        word_before = prev.group(1)
        if word_before.lower() in langdata.word_set(lang, "articles"):
            return False  # "les 27 États membres": a known set, not a count
        if word_before[0].isupper() and m.start() - len(word_before) > start_of_sentence + 1:
            return False  # "Apollo 11", "Route 66"
    return True


@lru_cache(maxsize=4096)
def find_claims(text: str, lang: str, min_count: int = 100) -> tuple[Claim, ...]:
    """Claims in ``text`` (one sentence, quotations and tags already blanked), in order."""
    claims: list[Claim] = []
    first = len(text) - len(text.lstrip())
    figures = []
    for m in _NUMBER.finditer(text):
        if _PART_OF_LONGER.search(text, max(0, m.start() - 2), m.start()) or (
            m.group(0)[:2] in _LEADING_ZERO
        ):
            continue  # "0800 555 111": a telephone or reference number
        span = _figure(text, m, lang, first, min_count)
        if span is not None:
            figures.append(span)
    if figures:
        descriptive = find_all(lang, "descriptive_measures", text)
        for a, b in figures:
            if not any(a - 30 <= end and start <= b + 30 for start, end in descriptive):
                claims.append(Claim("figure", a, b))  # not "long de 230 mètres"
    words = _number_words(lang)
    if words is not None:
        claims += [Claim("figure", m.start(), m.end()) for m in words.finditer(text)]
    if figures or _DIGIT.search(text):
        for start, end in find_all(lang, "claim_averages", text):
            if _NUMBER.search(text, end, end + 40):
                claims.append(Claim("figure", start, end))
    claims += [Claim("figure", a, b) for a, b in find_all(lang, "claim_word_figures", text)]
    for key in ("claim_records", "claim_superlatives"):
        claims += [Claim("record", a, b) for a, b in find_all(lang, key, text)]
    return tuple(sorted(claims, key=lambda c: c.start))


def continues_previous(text: str, lang: str) -> bool:
    """A sentence that opens on the figure before it: "This figure…", "Ce chiffre…"."""
    return bool(find_all(lang, "claim_anaphora", text))


def has_patterns(lang: str) -> bool:
    """Whether copydesk has claim data for ``lang`` (otherwise the rule stays silent)."""
    return bool(langdata.get(lang, "claim_units")) or bool(langdata.get(lang, "claim_records"))
