"""Direct quotations in a text: « », “ ”, „ “, " ", ‹ ›, and German » «.

Each opening mark is paired with the closing mark of its style, so nested quotes of another
style (‘…’ inside “…”) and apostrophes never break a pair. A quotation may run over several
sentences of one block.

Not every quoted phrase is a quotation: one or two words in quotes are a scare quote or a name
(« vin nature », “a lifeline”), and a short capitalised phrase or a title-case phrase without
final punctuation is a title or a name (« Vélo Rennes », “The Young Person’s Guide to the
Orchestra”). :func:`is_quotation` tells them apart; words before the quote such as "lema",
"baptisé" or "so-called" (``quote_name_markers`` in rules/lang) also mark a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.text.patterns import patterns_for

#: Opening mark → the closing marks that end it.
#: Typists mix styles ("…” in NTREX, „…&quot; in HTML), so closers are generous.
_PAIRS = {"«": "»", "“": '”"', "„": '“”"', '"': '"”“', "‹": "›"}
_GERMAN_PAIRS = {"»": "«", "›": "‹"}
_FINAL = ".!?…"
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass(frozen=True)
class Quote:
    """``text[start:end]`` is the quotation with its marks; ``inner`` without them."""

    start: int
    end: int
    inner: str

    @property
    def words(self) -> int:
        return len(self.inner.split())


_OPENERS = re.compile(r"[«“„\"‹]")
_OPENERS_DE = re.compile(r"[«“„\"‹»›]")


@lru_cache(maxsize=4096)
def find_quotes(text: str, lang: str = "") -> tuple[Quote, ...]:
    """Every paired quotation in ``text``, in order, not nested."""
    pairs = dict(_PAIRS)
    openers = _OPENERS
    if lang == "de" and "«" not in text:
        pairs.update(_GERMAN_PAIRS)
        openers = _OPENERS_DE
    quotes: list[Quote] = []
    m = openers.search(text)
    while m is not None:
        i = m.start()
        if text[i] == '"' and not _opens(text, i):
            m = openers.search(text, i + 1)
            continue
        end = _closer(text, i + 1, pairs[text[i]])
        if end <= i + 1:
            m = openers.search(text, i + 1)
            continue
        quotes.append(Quote(i, end + 1, text[i + 1 : end].strip()))
        m = openers.search(text, end + 1)
    return tuple(quotes)


def _closer(text: str, start: int, closers: str) -> int:
    """Offset of the first closing mark from ``start`` (-1 if none)."""
    best = -1
    for mark in closers:
        j = text.find(mark, start)
        while mark == '"' and j > 0 and text[j - 1].isspace():
            j = text.find(mark, j + 1)  # a straight quote after a space opens, not closes
        if j != -1 and (best == -1 or j < best):
            best = j
    return best


def _opens(text: str, i: int) -> bool:
    """A straight quote that can open: after a space or an opening bracket, before a word.

    Stops a quote closed at the start of a paragraph (the rest of one that began in the
    paragraph before) from pairing with the next opening quote.
    """
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _title_like(inner: str) -> bool:
    long_words = _LONG_WORD.findall(inner)
    if not long_words:
        return True
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised >= 0.7 * len(long_words)


def is_quotation(text: str, quote: Quote, lang: str, min_words: int = 3) -> bool:
    """Whether a quoted passage is someone's words rather than a name, title or scare quote."""
    inner = quote.inner
    if quote.words < min_words:
        return False
    ends_sentence = inner.rstrip("»”“\"' ").endswith(tuple(_FINAL))
    if not ends_sentence and inner[:1].isupper() and (quote.words <= 4 or _title_like(inner)):
        return False
    before = text[max(0, quote.start - 60) : quote.start]
    for pattern in patterns_for(lang, "quote_name_markers", before):
        for m in pattern.regex.finditer(before):
            if not before[m.end() :].strip(" ,:\u00a0\u202f"):
                return False
    return True
