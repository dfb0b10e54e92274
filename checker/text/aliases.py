"""Names of countries and international bodies across languages (CLDR via babel + rules/lang).

``États-Unis``, ``USA``, ``Vereinigte Staaten`` and ``EE. UU.`` all resolve to ``US``. Used to see
that two blocks in different languages name the same places, and that one article names one
place two ways.

Names are found by dictionary look-up, not by one regular expression of ~280 alternatives per
language (which took 0.1 s to compile in every process): each word of the text that starts a
name is looked up among the names beginning with that word, longest first. The result is
exactly what ``(?<![\\w.])(?:longest|…|shortest)(?!\\w)`` finds, in linear time. CLDR's names
come from babel once and are then kept in the data cache (:mod:`checker.datacache`).
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from checker import datacache, langdata

# Territories worth knowing: CLDR has 295 per locale, most of them never in the news together.
_SKIP_CODES = frozenset({"ZZ", "QO", "EZ", "UN", "EU"})
_NON_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"\w+")
_IS_WORD = re.compile(r"\w")


def fold(text: str) -> str:
    """Lower case without accents or punctuation: ``États-Unis`` → ``etats unis``."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped.casefold()).strip()


#: Language tags whose CLDR data is kept in the data cache (others are asked of babel each time:
#: an article's ``lang`` is the author's text and must not name files or fill the cache).
_TAG = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8}){0,2}")


def _babel_files(lang: str) -> list[Path] | None:
    """The files babel reads for ``lang``'s names, found without importing babel."""
    spec = importlib.util.find_spec("babel")
    if spec is None or spec.origin is None or not _TAG.fullmatch(lang):
        return None
    root = Path(spec.origin).parent
    data = root / "locale-data"
    parts = lang.replace("-", "_").split("_")
    chain = ["_".join(parts[: i + 1]) for i in range(len(parts))]
    return [
        root / "__init__.py",
        root / "core.py",
        root / "global.dat",
        data / "root.dat",
        *(data / f"{name}.dat" for name in chain),
    ]


def _cldr(name: str, lang: str, build: Callable[[], dict[str, str]]) -> dict[str, str]:
    files = _babel_files(lang)
    return build() if files is None else datacache.derived(name, files, build, extra=lang)


def _territories_from_babel(lang: str) -> dict[str, str]:
    from babel import Locale, UnknownLocaleError

    try:
        return dict(Locale.parse(lang).territories)
    except (UnknownLocaleError, ValueError):
        return {}


@lru_cache(maxsize=32)
def territories(lang: str) -> dict[str, str]:
    """CLDR territory code → name in ``lang`` (babel's, read once and kept in the data cache)."""
    return _cldr("territories", lang, lambda: _territories_from_babel(lang))


def _languages_from_babel(lang: str) -> dict[str, str]:
    from babel import Locale, UnknownLocaleError

    try:
        return dict(Locale.parse(lang).languages)
    except (UnknownLocaleError, ValueError):
        return {}


@lru_cache(maxsize=8)
def language_names(lang: str) -> dict[str, str]:
    """CLDR language code → its name in ``lang`` (``de`` → ``German`` in English), from babel
    once and then from the data cache: ``Locale.languages`` costs 0.05 s per process."""
    return _cldr("languages", lang, lambda: _languages_from_babel(lang))


def alias_table(langs: tuple[str, ...]) -> dict[str, str]:
    """Written form → canonical code, for the given languages."""
    return _alias_table(langs, langdata.extra_dirs())


@lru_cache(maxsize=32)
def _alias_table(langs: tuple[str, ...], _folders: tuple) -> dict[str, str]:
    # Keyed by the user rule folders too: their lang/<code>.yml may add aliases.
    table: dict[str, str] = {}
    for lang in langs:
        for code, name in territories(lang).items():
            if code.isalpha() and code not in _SKIP_CODES and len(name) > 2:
                table.setdefault(name, code)
        for name, code in (langdata.get(lang, "aliases") or {}).items():
            table[str(name)] = str(code)
    return table


@lru_cache(maxsize=32)
def _index(langs: tuple[str, ...], folders: tuple) -> tuple[dict[str, tuple[str, ...]], tuple]:
    """First word of a name → the names that start with it, longest first; and the names that
    do not start with a word character (matched one by one: CLDR has none)."""
    by_head: dict[str, list[str]] = {}
    other: list[str] = []
    for name in _alias_table(langs, folders):
        head = _WORD.match(name)
        if head is None:
            other.append(name)
        else:
            by_head.setdefault(head.group(0), []).append(name)
    index = {h: tuple(sorted(ns, key=len, reverse=True)) for h, ns in by_head.items()}
    return index, tuple(sorted(other, key=len, reverse=True))


def _ends_name(text: str, end: int) -> bool:
    return _IS_WORD.match(text, end) is None


def find_aliases(text: str, langs: tuple[str, ...]) -> list[tuple[int, int, str, str]]:
    """``(start, end, written form, code)`` of every country or body named in ``text``."""
    folders = langdata.extra_dirs()
    table = _alias_table(langs, folders)
    if not table:
        return []
    index, other = _index(langs, folders)
    # A name starts a word (a maximal run of word characters) not preceded by "."; it must
    # end where a word ends. Matches do not overlap: the leftmost, then the longest, wins.
    if not other and index.keys().isdisjoint(_WORD.findall(text)):
        return []  # no word that starts a name: most paragraphs (a scan in C, not a loop)
    found: list[tuple[int, int, str, str]] = []
    done = 0
    # Only the words that start a name can start a match.
    starts = [(m.start(), m.group(0)) for m in _WORD.finditer(text) if m.group(0) in index]
    if other:
        starts.extend((i, "") for i, ch in enumerate(text) if not _IS_WORD.match(ch))
        starts.sort()
    for start, head in starts:
        if start < done or (start and text[start - 1] == "."):
            continue
        if not head and start and _IS_WORD.match(text, start - 1):
            continue
        for name in index.get(head, ()) if head else other:
            end = start + len(name)
            if text.startswith(name, start) and _ends_name(text, end):
                found.append((start, end, name, table[name]))
                done = end
                break
    return found
