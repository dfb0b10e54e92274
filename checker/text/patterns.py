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
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from checker import datacache, langdata
from checker.text import saferegex


class PatternError(ValueError):
    """A pattern in rules/lang is not a valid regular expression; the message says where."""


@dataclass(frozen=True)
class Pattern:
    regex: saferegex.SafePattern | re.Pattern
    unless: saferegex.SafePattern | re.Pattern | None = None

    def finditer(self, text: str) -> Iterator[re.Match]:
        """Matches of the pattern, none at all when ``unless`` matches the text."""
        if self.unless is not None and self.unless.search(text):
            return iter(())
        return self.regex.finditer(text)


def _compile(source: str, flags: int, where: str) -> saferegex.SafePattern | re.Pattern:
    # A user rule folder's lang/<code>.yml may add entries: then matched with a time limit.
    try:
        return saferegex.compile(
            rf"(?<!\w)(?:{source})(?!\w)",
            flags,
            where,
            shown=source,
            trusted=not langdata.extra_dirs(),
        )
    except re.error as exc:
        raise PatternError(f"{where}: invalid pattern {source!r}: {exc}") from None


def patterns(lang: str, key: str) -> tuple[Pattern, ...]:
    """The compiled entries of ``key`` for ``lang`` (empty when there are none).

    Entries without ``unless`` are joined into one regular expression per letter-case mode,
    so a sentence is scanned once per mode rather than once per entry.
    """
    # Keyed by the user rule folders too: a configuration with house additions in
    # lang/<code>.yml must not get the lists compiled for another one.
    return _patterns(lang, key, langdata.extra_dirs())


#: Keys of rules/lang that hold patterns, as learnt by this and earlier processes (the data
#: cache keeps the list), so that :func:`warm_up` can compile them before any check asks.
_known_keys: set[str] | None = None


def _keys_entry() -> datacache.Entry | None:
    return datacache.entry("pattern-keys", [])


def _remember(key: str) -> None:
    global _known_keys
    if _known_keys is None:
        entry = _keys_entry()
        stored = entry.load() if entry is not None else None
        _known_keys = (
            {k for k in stored if isinstance(k, str)} if isinstance(stored, list) else set()
        )
    if key not in _known_keys:
        _known_keys.add(key)
        entry = _keys_entry()
        if entry is not None:
            entry.save(sorted(_known_keys))


def warm_up(lang: str) -> None:
    """Compile every pattern list that checks have asked for (in any language) for ``lang``.

    For the parent of a ``--jobs`` run (see :mod:`checker.warmup`); a list that does not
    compile is skipped here and reported by the check that needs it.
    """
    if _known_keys is None:
        entry = _keys_entry()
        stored = entry.load() if entry is not None else None
        keys = [k for k in stored if isinstance(k, str)] if isinstance(stored, list) else []
    else:
        keys = sorted(_known_keys)
    for key in keys:
        if isinstance(langdata.get(lang, key), list):
            try:
                patterns(lang, key)
            except PatternError:
                continue


#: Entries of copydesk's own lists known to compile by themselves ("flags:pattern"), kept in
#: the data cache per Python version: checking each entry alone doubled the compile time.
_good: set[str] | None = None
_good_added = False


def _good_entry() -> datacache.Entry | None:
    return datacache.entry("pattern-entries-ok", [], extra=f"{sys.version_info[:2]}")


def _check_entry(source: str, flags: int, where: str, trusted: bool) -> None:
    """Compile one entry by itself, so that a bad one is named; a list of plain words always
    compiles, and so does an entry that compiled in an earlier run."""
    global _good, _good_added
    if _LITERAL.match(source):
        return
    if not trusted:
        _compile(source, flags, where)
        return
    if _good is None:
        entry = _good_entry()
        stored = entry.load() if entry is not None else None
        _good = {x for x in stored if isinstance(x, str)} if isinstance(stored, list) else set()
    token = f"{flags}:{source}"
    if token not in _good:
        _compile(source, flags, where)
        _good.add(token)
        _good_added = True


def _save_good_entries() -> None:
    global _good_added
    entry = _good_entry() if _good_added and _good is not None else None
    if entry is not None:
        _good_added = False
        entry.save(sorted(_good) if len(_good) < 50_000 else [])


@lru_cache(maxsize=256)
def _patterns(lang: str, key: str, folders: tuple) -> tuple[Pattern, ...]:
    try:
        return _build(lang, key, folders)
    finally:
        _save_good_entries()


def _build(lang: str, key: str, folders: tuple) -> tuple[Pattern, ...]:
    _remember(key)
    where = f"rules/lang/{lang}.yml:{key}"
    if folders:  # a user folder may have added entries
        where = f"lang/{lang}.yml:{key} of rules/ or {', '.join(str(f) for f in folders)}"
    plain: dict[int, list[str]] = {}
    out = []
    for entry in langdata.get(lang, key) or []:
        if isinstance(entry, str):
            entry = {"pattern": entry}
        if not isinstance(entry, dict) or "pattern" not in entry:
            raise PatternError(f"{where}: each entry must be a pattern or have 'pattern'")
        flags = 0 if str(entry.get("case", "")).lower() == "sensitive" else re.IGNORECASE
        source = str(entry["pattern"])
        _check_entry(source, flags, where, trusted=not folders)  # name a bad entry by itself
        unless = entry.get("unless")
        if unless:
            out.append(
                Pattern(
                    _compile(source, flags, where),
                    saferegex.compile(
                        str(unless), re.IGNORECASE, where, trusted=not langdata.extra_dirs()
                    ),
                )
            )
        else:
            plain.setdefault(flags, []).append(source)
    for flags, sources in plain.items():
        words = [w for src in sources if _LITERAL.match(src) for w in src.split("|")]
        rest = [f"(?:{_factor(src, flags)})" for src in sources if not _LITERAL.match(src)]
        if folders:
            # With a user's entries, each pattern runs by itself (a trie of words cannot
            # backtrack): one that runs away is then named in the error, not a merged blob.
            if words:
                out.append(Pattern(_compile(_trie(words, flags), flags, where)))
            out.extend(
                Pattern(_compile(src, flags, where)) for src in sources if not _LITERAL.match(src)
            )
            continue
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
