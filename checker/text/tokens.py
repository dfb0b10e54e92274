"""Word tokens and text cleaning that every language tool shares."""

from __future__ import annotations

import re
from collections.abc import Iterable

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SIMPLE_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+@[\w-]+\.[\w.]+\b", re.IGNORECASE)
DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{2,6})\b(?:/\S*)?", re.IGNORECASE)
BRACKET_TAG = re.compile(r"\[[^\]\n]{0,80}\]")
QUOTED = re.compile(r"[«„“”\"‹»][^\n«„“”\"‹»›]{0,600}[»“”\"›«]")
_TITLE_WORD = re.compile(r"[^\W\d_]{4,}")
_DIGITS = re.compile(r"\d+")
_QUOTE_CHARS = frozenset('«„“”"‹»›')


def may_hold_url(text: str) -> bool:
    """False when :data:`URL` cannot match ``text`` (a cheap scan before the costly pattern).

    Plain substring tests: a match holds "://" or "@", or "www." in some letter case, which
    ends in "w." or "W." (a case-insensitive regular expression scan took ten times longer)."""
    return "://" in text or "@" in text or "w." in text or "W." in text


def may_hold_domain(text: str) -> bool:
    """False when :data:`DOMAIN` cannot match ``text``: a match has a dot between a word
    character and a letter, so only the text's dots are looked at."""
    dot = text.find(".")
    while dot != -1:
        if dot and text[dot + 1 : dot + 2].isalpha():
            return True
        dot = text.find(".", dot + 1)
    return False


def word_tokens(text: str) -> list[str]:
    """Runs of letters, as written (:func:`letters` is the sum of their lengths)."""
    return _SIMPLE_WORD.findall(text)


def splits_words(text: str, positions: Iterable[int]) -> bool:
    """Whether a cut at one of ``positions`` falls inside a run of letters (a word token).

    Pieces cut elsewhere hold exactly the word tokens of ``text`` that lie inside them."""
    end = len(text)
    for pos in positions:
        if 0 < pos < end and _LETTER.match(text, pos - 1) and _LETTER.match(text, pos):
            return True
    return False


def words(text: str) -> list[str]:
    """Lower-cased word tokens, split at apostrophes and hyphens: ``l’heure`` → ``l``, ``heure``."""
    return [w.lower() for w in _SIMPLE_WORD.findall(text)]


def letters(text: str) -> int:
    """How many letters a text has."""
    return sum(map(len, _SIMPLE_WORD.findall(text)))


def _drop_short_or_title(m: re.Match) -> str:
    """Drop a quoted passage that is short or a title; keep a long quoted sentence.

    « Die Zeit », „The Rachel Maddow Show“, a book title: names, not translation slips. A whole
    quoted sentence left in the source language is one, so it stays as evidence.
    """
    inner = m.group(0)[1:-1]
    n_words = len(inner.split())
    if n_words <= 8:
        return " "
    long_words = _TITLE_WORD.findall(inner)
    capitalised = sum(1 for w in long_words if w[0].isupper())
    if long_words and capitalised >= 0.7 * len(long_words):
        return " "
    return " " + inner + " "


def without_links(text: str) -> str:
    """``text`` with URLs, e-mail addresses and bracketed source tags replaced by a space.

    Each pattern runs only when a cheap scan shows it could match (a hot path)."""
    if may_hold_url(text):
        text = URL.sub(" ", text)
    if "[" in text:
        text = BRACKET_TAG.sub(" ", text)
    return text


def clean_for_language(text: str, drop_quotes: bool = True) -> str:
    """Text with what says nothing about its language removed.

    URLs, e-mail addresses, domains, bracketed source tags and digits go; so do quoted passages
    when they are short or look like titles (a title in its original language is not a
    translation slip). Case is kept.
    """
    text = without_links(text)
    if may_hold_domain(text):
        text = DOMAIN.sub(" ", text)
    if drop_quotes and not _QUOTE_CHARS.isdisjoint(text):
        text = QUOTED.sub(_drop_short_or_title, text)
    return " ".join(_DIGITS.sub(" ", text).split())
