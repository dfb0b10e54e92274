"""Literal factors of regular expressions (strings one of which every match contains), and a
finder that tells which of many factors a text holds: a pattern whose factors are all absent
neither runs nor needs compiling."""

from __future__ import annotations

import re
from operator import itemgetter

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_LITERAL = sre_constants.LITERAL
_ZERO_WIDTH = {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
_POSSESSIVE = getattr(sre_constants, "POSSESSIVE_REPEAT", None)
if _POSSESSIVE is not None:
    _REPEATS.add(_POSSESSIVE)
_ATOMIC = getattr(sre_constants, "ATOMIC_GROUP", None)

Factors = frozenset
#: Shorter factors say too little to be worth looking for.
MIN_LENGTH = 3


def _better(a: Factors | None, b: Factors | None) -> Factors | None:
    """The more selective of two factor sets: the one whose shortest string is longer."""
    if a is None:
        return b
    if b is None:
        return a
    return a if min(map(len, a)) >= min(map(len, b)) else b


def _sequence(items) -> Factors | None:
    best: Factors | None = None
    run: list[str] = []
    for op, av in items:
        if op is _LITERAL or op == _LITERAL:
            run.append(chr(av))
            continue
        if op in _ZERO_WIDTH:
            continue
        if run:
            best = _better(best, frozenset({"".join(run)}))
            run = []
        if op == sre_constants.SUBPATTERN:
            best = _better(best, _sequence(av[-1]))
        elif _ATOMIC is not None and op == _ATOMIC:
            best = _better(best, _sequence(av))
        elif op == sre_constants.BRANCH:
            alts = [_sequence(alt) for alt in av[1]]
            if all(alt is not None for alt in alts):
                best = _better(best, frozenset().union(*alts))
        elif op in _REPEATS and av[0] >= 1:
            best = _better(best, _sequence(av[2]))
    if run:
        best = _better(best, frozenset({"".join(run)}))
    return best


def literal_factors(
    pattern: str, flags: int = 0, min_length: int = MIN_LENGTH
) -> frozenset[str] | None:
    """Case-folded strings, one of which is in (the case-folded text of) every match of
    ``pattern``; ``None`` when no such set with strings of ``min_length`` or more is found."""
    try:
        tree = sre_parse.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unparsable pattern simply gets no shortcut
        return None
    found = _sequence(list(tree))
    if not found or min(map(len, found)) < min_length:
        return None
    return frozenset(f.casefold() for f in found)


def trie(words: list[str], flags: int) -> str:
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


_second = itemgetter(1)


class FactorFinder:
    """Finds which of a set of factors (case-folded, ``MIN_LENGTH`` or longer) a text holds, in
    one pass over the text: an Aho-Corasick automaton (pyahocorasick, in C) reports every factor
    at every position, overlapping ones included. Building it for a few thousand factors takes
    about a millisecond, so a one-file run pays nothing for it."""

    __slots__ = ("automaton", "factors")

    def __init__(self, factors: set[str]) -> None:
        self.factors = frozenset(factors)
        self.automaton = None
        if self.factors:
            import ahocorasick

            self.automaton = ahocorasick.Automaton()
            for factor in sorted(self.factors):
                self.automaton.add_word(factor, factor)
            self.automaton.make_automaton()

    def present(self, text: str) -> frozenset[str]:
        if self.automaton is None:
            return frozenset()
        return frozenset(map(_second, self.automaton.iter(text.casefold())))
