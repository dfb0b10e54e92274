"""Word tokens and text cleaning that every language tool shares."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SIMPLE_WORD = re.compile(r"[^\W\d_]+")
URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+@[\w-]+\.[\w.]+\b", re.IGNORECASE)
DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{2,6})\b(?:/\S*)?", re.IGNORECASE)
BRACKET_TAG = re.compile(r"\[[^\]\n]{0,80}\]")
QUOTED = re.compile(
    r"«[^»]{0,400}»|“[^”“]{0,400}[”“]|„[^“”]{0,400}[“”]|\"[^\"]{0,400}\"|"
    r"‹[^›]{0,200}›|»[^«]{0,400}«"
)
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


def words(text: str) -> list[str]:
    """Lower-cased word tokens, split at apostrophes and hyphens: ``l’heure`` → ``l``, ``heure``."""
    return [w.lower() for w in _SIMPLE_WORD.findall(text)]


def letters(text: str) -> int:
    """How many letters a text has."""
    return sum(1 for ch in text if ch.isalpha())


def clean_for_language(text: str, drop_quotes: bool = True) -> str:
    """Text with what says nothing about its language removed.

    URLs, e-mail addresses, domains, bracketed source tags and digits go; so do quoted passages
    (a quotation or a title in its original language is not a translation slip). Case is kept.
    """
    text = URL.sub(" ", text)
    text = BRACKET_TAG.sub(" ", text)
    text = DOMAIN.sub(" ", text)
    if drop_quotes:
        text = QUOTED.sub(" ", text)
    text = _DIGITS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()
