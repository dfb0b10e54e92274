"""Dates in articles: does the article say when it was published, and which words are relative?

A publication date is a front-matter ``date``, an HTML ``<meta>`` or ``<time>`` (the readers put
them in ``doc.meta.date``), a dateline ("Hamburg, 14. Februar 2025 –", "PARIS, 5 juin (AFP) –")
at the start of one of the first blocks, or a short line carrying a full date ("Publié le 3 mai
2019"). An empty label ("Veröffentlicht am") is no date.

Relative time words ("jeudi", "yesterday", "im Juli", "la semana próxima") only make sense next to
such a date. They come from ``relative_dates``, ``weekdays`` and ``months`` in rules/lang; a
month counts only without a year ("d'ici mars", not "en mars 2024").
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker import langdata
from checker.document import META, TITLE, Document
from checker.text.patterns import alternation, find_all

_ISO = r"\d{4}-\d{1,2}-\d{1,2}"
_NUMERIC = r"\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})"
_DASHES = "–—-"
#: How far into a block a dateline may start, and how many blocks may come before it.
_DATELINE_CHARS = 80
_DATELINE_BLOCKS = 4
_SHORT_BLOCK_WORDS = 14


def _months(lang: str) -> str:
    return alternation(re.escape(str(m)) for m in langdata.get(lang, "months") or [])


@lru_cache(maxsize=32)
def full_date_regex(lang: str) -> re.Pattern:
    """A date with a year: ``14. Februar 2025``, ``May 3, 2019``, ``3 de mayo de 2019``, ISO."""
    forms = [_ISO, _NUMERIC]
    months = _months(lang)
    if months:
        day = r"\d{1,2}(?:er|st|nd|rd|th|º|°)?\.?"
        forms.append(rf"{day}\s*(?:de\s+)?(?:{months})\.?,?\s*(?:de\s+|del\s+)?\d{{4}}")
        forms.append(rf"(?:{months})\.?\s+{day},?\s+\d{{4}}")
    return re.compile(rf"(?<!\w)(?:{'|'.join(forms)})(?!\w)")


@lru_cache(maxsize=32)
def _day_month_regex(lang: str) -> re.Pattern | None:
    months = _months(lang)
    if not months:
        return None
    day = r"\d{1,2}(?:er|st|nd|rd|th|º|°)?\.?"
    return re.compile(rf"(?<!\w)(?:{day}\s*(?:de\s+)?(?:{months})|(?:{months})\.?\s+{day})(?!\w)")


@lru_cache(maxsize=32)
def _month_regex(lang: str) -> re.Pattern | None:
    months = _months(lang)
    if not months:
        return None
    return re.compile(rf"(?<!\w)(?:{months})(?!\w)")


#: A year right after a month or season: "mars 2024", "May 3, 2019", "im Sommer 2026".
#: Used with ``match(text, pos)``, which anchors at ``pos`` without slicing the text.
_YEAR_AFTER = re.compile(
    r"\.?,?\s*(?:de\s+|del\s+|of\s+|,\s*)?(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(\d{4})(?!\d)"
)


def _has_date(text: str, lang: str) -> bool:
    return bool(full_date_regex(lang).search(text))


_PLACE = r"(?:[A-ZÀ-Þ][\w'’.-]*(?:[ -](?:[A-ZÀ-Þ][\w'’.-]*|de|del|di|am|an|sur|upon))*\s*,\s*)?"
_AFTER_DATE = r"\s*,?\s*(?:\([^)\n]{1,40}\)\s*)?(?:[–—-]|:|\.(?:\s|$)|$)"


@lru_cache(maxsize=32)
def _dateline_regex(lang: str) -> re.Pattern:
    """Place, optional weekday, date, optional (AGENCY), then a dash: a dateline's head."""
    dates = [full_date_regex(lang).pattern]
    day_month = _day_month_regex(lang)
    if day_month is not None:
        dates.append(day_month.pattern)
    date = "|".join(f"(?:{d})" for d in dates)
    return re.compile(rf"^\s*{_PLACE}(?:[^\W\d_]+,?\s+)?(?:{date}){_AFTER_DATE}")


def _is_dateline(text: str, lang: str) -> bool:
    """A block that opens with place and date: "Trento, 3 settembre 2025 –", "PARIS, 5 juin –"."""
    return bool(_dateline_regex(lang).match(text[:_DATELINE_CHARS]))


def _is_date_line(text: str, lang: str, kind: str) -> bool:
    """A short line with a full date and no sentence: "Publié le 3 mai 2019", a byline."""
    if kind != META and (len(text.split()) > _SHORT_BLOCK_WORDS or text.rstrip()[-1:] in ".!?"):
        return False
    return _has_date(text, lang)


def publication_date(doc: Document) -> str | None:
    """The article's publication date as written, or ``None`` when it has none."""

    def compute() -> str | None:
        date = (doc.meta.date or "").strip()
        if any(ch.isdigit() for ch in date):
            return date
        langs = [doc.lang] if doc.lang else []
        langs += [c for c in doc.candidate_langs if c not in langs]
        seen = 0
        for block in doc.blocks:
            if block.kind == TITLE:
                continue
            for lang in langs or ["en"]:
                if _is_date_line(block.text, lang, block.kind):
                    return full_date_regex(lang).search(block.text).group(0)
                if seen < _DATELINE_BLOCKS and _is_dateline(block.text, lang):
                    return block.text[:_DATELINE_CHARS]
            seen += 1
        return None

    return doc.cached("publication-date", compute)


def relative_dates(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of relative time expressions in ``text`` (merged when they overlap)."""
    spans = find_all(lang, "relative_dates", text) + find_all(lang, "weekdays", text)
    month = _month_regex(lang)
    if month is not None:
        for m in month.finditer(text):
            if _YEAR_AFTER.match(text, m.end()) or _surname(text, m.start(), lang):
                continue
            spans.append((m.start(), m.end()))
    dated = [(m.start(), m.end()) for m in full_date_regex(lang).finditer(text)]
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if any(a - 3 <= end and start <= b + 3 for a, b in dated):
            continue  # "mardi 3 mai 2019": the weekday belongs to a full date
        year = _YEAR_AFTER.match(text, end)
        if year and 1900 <= int(year.group(1)) <= 2100:
            continue  # "im Sommer 2026", "next spring 2027": the year makes it absolute
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)[ \u00a0]+$")
#: How far back to look for the word before a month name (a word is shorter than this).
_WORD_WINDOW = 64


def _surname(text: str, start: int, lang: str) -> bool:
    """ "Theresa May", "April Ryan": a month name after a capitalised word is part of a name.

    Not in languages that capitalise every noun ("Ende März" is a month).
    """
    if langdata.get(lang, "capitalised_nouns"):
        return False
    lo = max(0, start - _WORD_WINDOW)
    m = _WORD_BEFORE.search(text, lo, start)
    if m and m.start() == lo and lo > 0 and not text[lo - 1].isspace():
        m = _WORD_BEFORE.search(text, 0, start)  # a word longer than the window: rare
    if not m or not m.group(1)[0].isupper():
        return False
    return m.group(1).lower() not in langdata.word_set(lang, "function_words")
