"""Names of countries and international bodies across languages (CLDR via babel + rules/lang).

``États-Unis``, ``USA``, ``Vereinigte Staaten`` and ``EE. UU.`` all resolve to ``US``. Used to see
that two blocks in different languages name the same places, and that one article names one
place two ways.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from checker import langdata

# Territories worth knowing: CLDR has 295 per locale, most of them never in the news together.
_SKIP_CODES = frozenset({"ZZ", "QO", "EZ", "UN", "EU"})


def fold(text: str) -> str:
    """Lower case without accents or punctuation: ``États-Unis`` → ``etats unis``."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", stripped.casefold()).strip()


@lru_cache(maxsize=32)
def alias_table(langs: tuple[str, ...]) -> dict[str, str]:
    """Written form → canonical code, for the given languages."""
    from babel import Locale, UnknownLocaleError

    table: dict[str, str] = {}
    for lang in langs:
        try:
            territories = Locale.parse(lang).territories
        except (UnknownLocaleError, ValueError):
            territories = {}
        for code, name in territories.items():
            if code.isalpha() and code not in _SKIP_CODES and len(name) > 2:
                table.setdefault(name, code)
        for name, code in (langdata.get(lang, "aliases") or {}).items():
            table[str(name)] = str(code)
    return table


@lru_cache(maxsize=32)
def _alias_regex(langs: tuple[str, ...]) -> re.Pattern | None:
    names = sorted(alias_table(langs), key=len, reverse=True)
    if not names:
        return None
    # The lookahead on the possible first letters lets the engine skip most positions fast.
    first = "".join(sorted({re.escape(n[0]) for n in names}))
    alternation = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?=[{first}])(?<![\w.])(?:{alternation})(?![\w])")


def find_aliases(text: str, langs: tuple[str, ...]) -> list[tuple[int, int, str, str]]:
    """``(start, end, written form, code)`` of every country or body named in ``text``."""
    regex = _alias_regex(langs)
    if regex is None:
        return []
    table = alias_table(langs)
    return [(m.start(), m.end(), m.group(0), table[m.group(0)]) for m in regex.finditer(text)]
