"""Sentence splitting that survives abbreviations, initials, decimals, ordinals and quotes.

A boundary is final punctuation, optionally closing quotes or brackets, then white space and a
capital letter, digit or opening quote. The boundary is refused after an abbreviation from
``rules/lang/<code>.yml`` (``M.``, ``Dr.``, ``z. B.``, ``S.A.``), a single initial, or a one- or
two-digit number (``3. Mai``). Decimals (``2,5`` / ``2.5``) never have a space after the point.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker import langdata

_BOUNDARY = re.compile(
    r"(?P<punct>[.!?…]+|\.\.\.)(?P<close>[\s\u00a0\u202f]?[»”\"’)\]“]+)?"
    r"(?P<space>[\s\u00a0\u202f]+)"
    r"(?=[«„“\"‘(\[¿¡]?[\s\u00a0\u202f]?[A-ZÀ-ÖØ-ÞĀ-ſ0-9])"
)
_WORD_RUN = re.compile(r"[\w.\-°ºª]+")
#: How far back the word before a point is looked for: longer than any abbreviation.
_LOOKBACK = 64
_COMMON = frozenset({"etc", "vs", "ca", "nr", "no", "dr", "prof", "st", "mr", "mrs", "ms"})


@lru_cache(maxsize=32)
def _abbreviations(lang: str) -> frozenset[str]:
    words = set(_COMMON)
    for code in {lang, "en"} if lang else {"en"}:
        words.update(str(w).lower().rstrip(".") for w in langdata.get(code, "abbreviations") or [])
    return frozenset(words)


def split_sentences(text: str, lang: str = "") -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``."""
    abbreviations = _abbreviations(lang)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group("punct").startswith(".") and len(m.group("punct")) == 1 and not m.group("close"):
            # Only the end of the text before the point matters: searching from 0 each time
            # would make a long block quadratic.
            point = m.start()
            # The run of word characters that ends at the point, read backwards: a search
            # for it anchored at the end tried every start in the window.
            run = _WORD_RUN.match(text[max(0, point - _LOOKBACK) : point][::-1])
            token = text[point - run.end() : point].lower().strip(".-") if run else ""
            if token in abbreviations:
                continue
            if len(token) == 1 and token.isalpha():  # an initial: "M. Dupont", "J. Smith"
                continue
            if token.isdigit() and len(token) <= 2:  # an ordinal: "am 3. Mai"
                continue
            if "." in token and len(token) <= 8:  # "S.A.", "z.B.", "U.S."
                continue
        end = m.start("space")
        if end > start:
            spans.append((start, end))
        start = m.end()
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
