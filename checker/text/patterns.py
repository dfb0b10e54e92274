"""Regular-expression lists from ``rules/lang/<code>.yml``, compiled once per language and key.

An entry is a pattern (case-insensitive, matched as whole words) or a mapping::

    - {pattern: "heißt es", unless: "\\b(?:in|im)\\s+[^,.;:]{0,80}?heißt es"}
    - {pattern: "morgen", case: sensitive}

``unless`` is searched in the same sentence: when it matches, the entry does not count (a named
source after all). ``case: sensitive`` keeps letter case (German ``morgen`` is "tomorrow",
``Morgen`` "morning").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from checker import langdata


class PatternError(ValueError):
    """A pattern in rules/lang is not a valid regular expression; the message says where."""


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern
    unless: re.Pattern | None = None

    def finditer(self, text: str) -> Iterator[re.Match]:
        """Matches of the pattern, none at all when ``unless`` matches the text."""
        if self.unless is not None and self.unless.search(text):
            return iter(())
        return self.regex.finditer(text)


def _compile(source: str, flags: int, where: str) -> re.Pattern:
    try:
        return re.compile(rf"(?<!\w)(?:{source})(?!\w)", flags)
    except re.error as exc:
        raise PatternError(f"{where}: invalid pattern {source!r}: {exc}") from None


@lru_cache(maxsize=256)
def patterns(lang: str, key: str) -> tuple[Pattern, ...]:
    """The compiled entries of ``key`` for ``lang`` (empty when there are none).

    Entries without ``unless`` are joined into one regular expression per letter-case mode,
    so a sentence is scanned once per mode rather than once per entry.
    """
    where = f"rules/lang/{lang}.yml:{key}"
    plain: dict[int, list[str]] = {}
    out = []
    for entry in langdata.get(lang, key) or []:
        if isinstance(entry, str):
            entry = {"pattern": entry}
        if not isinstance(entry, dict) or "pattern" not in entry:
            raise PatternError(f"{where}: each entry must be a pattern or have 'pattern'")
        flags = 0 if str(entry.get("case", "")).lower() == "sensitive" else re.IGNORECASE
        source = str(entry["pattern"])
        _compile(source, flags, where)  # report a bad entry by itself
        unless = entry.get("unless")
        if unless:
            out.append(
                Pattern(_compile(source, flags, where), re.compile(str(unless), re.IGNORECASE))
            )
        else:
            plain.setdefault(flags, []).append(source)
    for flags, sources in plain.items():
        words = [w for src in sources if _LITERAL.match(src) for w in src.split("|")]
        rest = [f"(?:{_factor(src, flags)})" for src in sources if not _LITERAL.match(src)]
        if words:
            rest.insert(0, _trie(words, flags))
        out.append(Pattern(_compile("|".join(rest), flags, where)))
    return tuple(out)


#: An entry that is only words and phrases separated by "|": compiled as a trie, which Python's
#: regex engine tries in a few steps instead of one alternative after another.
_LITERAL = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)*(?:\|[^\W\d_]+(?:[ '’-][^\W\d_]+)*)*$")


_WORD_GROUP = re.compile(r"\(\?:([^()\\\[\]?*+{}.^$]+\|[^()\\\[\]?*+{}.^$]+)\)")


def _factor(source: str, flags: int) -> str:
    """``source`` with each group of plain alternatives, ``(?:dit|déclaré|…)``, as a trie."""
    return _WORD_GROUP.sub(
        lambda m: (
            "(?:" + _trie(m.group(1).split("|"), flags) + ")"
            if _LITERAL.match(m.group(1))
            else m.group(0)
        ),
        source,
    )


def _trie(words: list[str], flags: int) -> str:
    """A regular expression matching exactly ``words``, factored by common prefixes."""
    fold = str.lower if flags & re.IGNORECASE else str
    root: dict = {}
    for word in {fold(w) for w in words}:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(root)


def _trie_regex(node: dict) -> str:
    end = "" in node
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if end else body


def alternation(words: Iterable[str]) -> str:
    """One regex alternative for a word list, longest first so prefixes do not win."""
    return "|".join(sorted({str(w) for w in words}, key=len, reverse=True))


def find_all(lang: str, key: str, text: str) -> list[tuple[int, int]]:
    """Spans of every match of every entry of ``key``, sorted; touching spans are merged."""
    spans = sorted(
        (m.start(), m.end()) for p in patterns(lang, key) for m in p.finditer(text) if m.end()
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the spans blanked out (same length, so offsets still hold)."""
    chars = list(text)
    for start, end in spans:
        for i in range(max(0, start), min(end, len(chars))):
            if not chars[i].isspace():
                chars[i] = " "
    return "".join(chars)
