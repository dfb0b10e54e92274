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
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from checker import datacache, langdata
from checker.resources import shipped_rules_dir
from checker.text import factors as _factors_module
from checker.text import saferegex
from checker.text.factors import MIN_LENGTH, FactorFinder, literal_factors, trie

_factors_file = _factors_module.__file__


class PatternError(ValueError):
    """A pattern in rules/lang is not a valid regular expression; the message says where."""


class Pattern:
    """A compiled entry (or entries joined into one expression) with its optional ``unless``.

    The joined lists that :func:`patterns` returns are compiled on first use of ``regex``.
    """

    __slots__ = ("_lazy", "_regex", "unless")

    def __init__(
        self,
        regex: saferegex.SafePattern | re.Pattern | _Alternation | None,
        unless: saferegex.SafePattern | re.Pattern | None = None,
        lazy: tuple[str, int, str] | None = None,
    ) -> None:
        self._regex = regex
        self.unless = unless
        self._lazy = lazy

    @property
    def regex(self) -> saferegex.SafePattern | re.Pattern | _Alternation:
        if self._regex is None and self._lazy is not None:
            self._regex = _compile(*self._lazy)
        return self._regex

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
#: cache keeps the list), so that one factor finder per language covers them all.
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
        _remember(key)
        units = _units(lang, key, folders)
        return _assemble(lang, key, folders, units)
    finally:
        _save_good_entries()


@dataclass(frozen=True)
class _Unit:
    """One entry of a list: a pattern (maybe with ``unless``), or plain words "a|b|c"."""

    source: str
    flags: int
    unless: str | None
    literal: bool


def _where(lang: str, key: str, folders: tuple) -> str:
    if folders:  # a user folder may have added entries
        return f"lang/{lang}.yml:{key} of rules/ or {', '.join(str(f) for f in folders)}"
    return f"rules/lang/{lang}.yml:{key}"


@lru_cache(maxsize=512)
def _units(lang: str, key: str, folders: tuple) -> tuple[_Unit, ...]:
    where = _where(lang, key, folders)
    out = []
    for entry in langdata.get(lang, key) or []:
        if isinstance(entry, str):
            entry = {"pattern": entry}
        if not isinstance(entry, dict) or "pattern" not in entry:
            raise PatternError(f"{where}: each entry must be a pattern or have 'pattern'")
        flags = 0 if str(entry.get("case", "")).lower() == "sensitive" else re.IGNORECASE
        source = str(entry["pattern"])
        unless = entry.get("unless")
        literal = not unless and bool(_LITERAL.match(source))
        out.append(_Unit(source, int(flags), str(unless) if unless else None, literal))
    return tuple(out)


def _assemble(lang: str, key: str, folders: tuple, units: Iterable[_Unit]) -> tuple[Pattern, ...]:
    """The compiled patterns of ``units`` (all of a list's entries, or those that may match
    a text): entries with ``unless`` alone, the others joined per letter-case mode."""
    where = _where(lang, key, folders)
    plain: dict[int, list[str]] = {}
    out = []
    for unit in units:
        source, flags = unit.source, unit.flags
        _check_entry(source, flags, where, trusted=not folders)  # name a bad entry by itself
        if unit.unless:
            out.append(
                Pattern(
                    _compile(source, flags, where),
                    saferegex.compile(
                        unit.unless, re.IGNORECASE, where, trusted=not langdata.extra_dirs()
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
                out.append(Pattern(_compile(trie(words, flags), flags, where)))
            out.extend(
                Pattern(_compile(src, flags, where)) for src in sources if not _LITERAL.match(src)
            )
            continue
        if words:
            rest.insert(0, trie(words, flags))
        out.append(Pattern(None, lazy=("|".join(rest), flags, where)))
    return tuple(out)


def patterns_for(lang: str, key: str, text: str) -> tuple[Pattern, ...]:
    """The compiled entries of ``key`` that may match ``text``: the same matches as
    :func:`patterns`, for less.

    Every match of an entry contains one of its literal factors (``checker.text.factors``:
    "déclar" for "a déclaré|ont déclaré"); an entry none of whose factors is in ``text`` cannot
    match and is left out. Entries are compiled one by one when a text first holds one of
    their factors, and those that may match are tried in the list's order at each position
    (:class:`_Alternation`), as the joined expression would: the matches are exactly those of
    the whole list. Most lists have no factor in most sentences: they are then neither
    compiled nor run. A user's folders (``extra_dirs``) keep the whole lists, matched with a
    time limit.
    """
    folders = langdata.extra_dirs()
    if folders:
        return _patterns(lang, key, folders)
    gate = _gate(lang, key)
    hits = _present(lang, gate.scope, text) & gate.factors if gate.factors else None
    if not hits:
        return gate.always_patterns
    found = gate.by_hits.get(hits)  # most sentences hold one of a few sets of factors
    if found is None:
        chosen = set(gate.always)
        for factor in hits:
            chosen.update(gate.by_factor[factor])
        found = _chosen(gate, frozenset(chosen))
        if len(gate.by_hits) < 1024:
            gate.by_hits[hits] = found
    return found


class _Member:
    """One part of a list as it is joined: an entry with ``unless``, a pattern, or the trie of
    all plain words of one letter-case mode. Compiled on first use."""

    __slots__ = ("_pattern", "flags", "source", "unless", "where")

    def __init__(self, source: str, flags: int, unless: str | None, where: str) -> None:
        self.source = source
        self.flags = flags
        self.unless = unless
        self.where = where
        self._pattern: Pattern | None = None

    @property
    def pattern(self) -> Pattern:
        if self._pattern is None:
            unless = None
            if self.unless:
                unless = saferegex.compile(self.unless, re.IGNORECASE, self.where, trusted=True)
            self._pattern = Pattern(_compile(self.source, self.flags, self.where), unless)
        return self._pattern


@dataclass(eq=False)
class _Gate:
    """A shipped list taken apart (see :func:`_assemble`): ``alone`` are the members matched
    by themselves, ``groups`` those joined per letter-case mode (in the list's order); members
    without factors always run, the others when one of their factors is in the text. ``scope``
    names the factor finder that covers them."""

    members: tuple[_Member, ...]
    alone: tuple[int, ...]
    groups: tuple[tuple[int, ...], ...]
    always: tuple[int, ...]
    by_factor: dict[str, tuple[int, ...]]
    scope: str
    chosen: dict[frozenset, tuple[Pattern, ...]]
    #: All factors of the members (a set, to intersect with those of a text).
    factors: frozenset[str] = frozenset()
    #: The patterns chosen for a set of factors found in a text.
    by_hits: dict[frozenset, tuple[Pattern, ...]] = field(default_factory=dict)
    #: The patterns of the members that always run (compiled when first asked for).
    _always: tuple[Pattern, ...] | None = None

    @property
    def always_patterns(self) -> tuple[Pattern, ...]:
        if self._always is None:
            self._always = _chosen(self, frozenset(self.always)) if self.always else ()
        return self._always


def _chosen(gate: _Gate, chosen: frozenset) -> tuple[Pattern, ...]:
    found = gate.chosen.get(chosen)
    if found is not None:
        return found
    out = [gate.members[i].pattern for i in gate.alone if i in chosen]
    for group in gate.groups:
        picked = [gate.members[i] for i in group if i in chosen]
        if len(picked) == 1:
            out.append(picked[0].pattern)
        elif picked:
            out.append(Pattern(_Alternation(tuple(picked))))
    if len(gate.chosen) < 256:
        gate.chosen[chosen] = tuple(out)
    return tuple(out)


class _Alternation:
    """Members of one joined expression, each compiled alone, matched as the expression
    ``(?<!\\w)(?:A|B|…)(?!\\w)`` would: at the leftmost position where any matches, the first
    member (in the list's order) that matches there, and on from the end of that match."""

    __slots__ = ("members",)

    def __init__(self, members: tuple[_Member, ...]) -> None:
        self.members = members

    def finditer(self, text: str) -> Iterator[re.Match]:
        regexes = [m.pattern.regex for m in self.members]
        nxt = [r.search(text) for r in regexes]
        found: list[re.Match] = []
        pos = 0
        while True:
            best = None
            for i, regex in enumerate(regexes):
                m = nxt[i]
                if m is not None and m.start() < pos:
                    m = nxt[i] = regex.search(text, pos)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return iter(found)
            if best.end() == best.start():
                # An empty match: leave the finer points of resuming to the joined expression.
                joined = "|".join(m.source for m in self.members)
                return _compile(joined, self.members[0].flags, self.members[0].where).finditer(text)
            found.append(best)
            pos = best.end()

    def search(self, text: str) -> re.Match | None:
        return next(iter(self.finditer(text)), None)


@lru_cache(maxsize=512)
def _gate(lang: str, key: str) -> _Gate:
    _remember(key)
    plan, scope = _plan_for(lang, key)
    where = _where(lang, key, ())
    members = tuple(_Member(src, flags, unless, where) for src, flags, unless, _ in plan["members"])
    always = tuple(i for i, m in enumerate(plan["members"]) if m[3] is None)
    by_factor: dict[str, list[int]] = {}
    for i, member in enumerate(plan["members"]):
        for f in member[3] or ():
            by_factor.setdefault(f, []).append(i)
    return _Gate(
        members,
        tuple(plan["alone"]),
        tuple(tuple(g) for g in plan["groups"]),
        always,
        {f: tuple(v) for f, v in by_factor.items()},
        scope,
        {},
        frozenset(by_factor),
    )


def _plan(lang: str, key: str) -> dict:
    """How the shipped list ``key`` is taken apart (plain data, kept in the data cache):
    ``members`` as [source, flags, unless, factors or None], as :func:`_assemble` joins them
    (entries with ``unless`` alone; the others per letter-case mode, plain words first as one
    trie, then the patterns in order); ``alone`` and ``groups`` index them."""
    members: list[list] = []
    alone: list[int] = []
    plain: dict[int, tuple[list[str], list[str] | None, list[list]]] = {}
    for unit in _units(lang, key, ()):
        if unit.literal:
            words, word_factors, rest = plain.setdefault(unit.flags, ([], [], []))
            words.extend(unit.source.split("|"))
            if word_factors is not None:
                if all(len(w) >= MIN_LENGTH for w in unit.source.split("|")):
                    word_factors.extend(w.casefold() for w in unit.source.split("|"))
                else:
                    plain[unit.flags] = (words, None, rest)
            continue
        found = literal_factors(rf"(?<!\w)(?:{unit.source})(?!\w)", unit.flags)
        factors = sorted(found) if found is not None else None
        if unit.unless:
            alone.append(len(members))
            members.append([unit.source, unit.flags, unit.unless, factors])
            continue
        words, word_factors, rest = plain.setdefault(unit.flags, ([], [], []))
        rest.append([f"(?:{_factor(unit.source, unit.flags)})", unit.flags, None, factors])
    groups: list[list[int]] = []
    for flags, (words, word_factors, rest) in plain.items():
        group = []
        if words:
            group.append(len(members))
            factors = sorted(set(word_factors)) if word_factors is not None else None
            members.append([trie(words, flags), flags, None, factors])
        for member in rest:
            group.append(len(members))
            members.append(member)
        groups.append(group)
    return {"members": members, "alone": alone, "groups": groups}


#: Per language, the plans of the lists checks have asked for (read from the data cache).
_plans: dict[str, dict[str, dict]] = {}


def _plan_for(lang: str, key: str) -> tuple[dict, str]:
    """The plan of ``key`` and the scope of its factor finder ("": the language's own)."""
    plans = _plans.get(lang)
    if plans is None:
        keys = sorted(k for k in _known() | {key} if isinstance(langdata.get(lang, k), list))

        def build() -> dict[str, dict]:
            out = {}
            for k in keys:
                try:
                    out[k] = _plan(lang, k)
                except PatternError:
                    continue  # reported by the check that asks for this list
            return out

        files = [shipped_rules_dir() / "lang" / f"{lang}.yml", Path(__file__), Path(_factors_file)]
        plans = datacache.derived(f"pattern-plans-{lang}", files, build, extra=",".join(keys))
        if not isinstance(plans, dict):
            plans = build()
        _plans[lang] = plans
        _finders[lang] = _make_finder(plans)
    if key in plans:
        return plans[key], ""
    scope = f"{lang}:{key}"
    own = _own_plans.get(scope)
    if own is None:
        own = _own_plans[scope] = _plan(lang, key)
        _finders[scope] = _make_finder({key: own})
    return own, scope


_own_plans: dict[str, dict] = {}


def _make_finder(plans: dict[str, dict]) -> FactorFinder:
    return FactorFinder({f for plan in plans.values() for m in plan["members"] for f in m[3] or ()})


_finders: dict[str, FactorFinder] = {}


@lru_cache(maxsize=8192)
def _present(lang: str, scope: str, text: str) -> frozenset[str]:
    return _finders[scope or lang].present(text)


def _known() -> set[str]:
    if _known_keys is None:
        entry = _keys_entry()
        stored = entry.load() if entry is not None else None
        return {k for k in stored if isinstance(k, str)} if isinstance(stored, list) else set()
    return set(_known_keys)


#: An entry that is only words and phrases separated by "|": compiled as a trie, which Python's
#: regex engine tries in a few steps instead of one alternative after another.
_LITERAL = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)*(?:\|[^\W\d_]+(?:[ '’-][^\W\d_]+)*)*$")


_WORD_GROUP = re.compile(r"\(\?:([^()\\\[\]?*+{}.^$]+\|[^()\\\[\]?*+{}.^$]+)\)")


def _factor(source: str, flags: int) -> str:
    """``source`` with each group of plain alternatives, ``(?:dit|déclaré|…)``, as a trie."""
    return _WORD_GROUP.sub(
        lambda m: (
            "(?:" + trie(m.group(1).split("|"), flags) + ")"
            if _LITERAL.match(m.group(1))
            else m.group(0)
        ),
        source,
    )


def alternation(words: Iterable[str]) -> str:
    """One regex alternative for a word list, longest first so prefixes do not win."""
    return "|".join(sorted({str(w) for w in words}, key=len, reverse=True))


def find_all(lang: str, key: str, text: str) -> list[tuple[int, int]]:
    """Spans of every match of every entry of ``key``, sorted; touching spans are merged."""
    found = patterns_for(lang, key, text)
    if not found:
        return []
    spans = sorted((m.start(), m.end()) for p in found for m in p.finditer(text) if m.end())
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the spans blanked out (same length, so offsets still hold)."""
    parts = []
    done = 0
    for start, end in sorted(spans):
        start, end = max(start, done), min(end, len(text))
        if start >= end:
            continue
        parts.append(text[done:start])
        parts.append(_NOT_SPACE.sub(" ", text[start:end]))
        done = end
    parts.append(text[done:])
    return "".join(parts)


_NOT_SPACE = re.compile(r"\S")
