"""Literal factors of regular expressions (strings one of which every match contains), and a
finder that tells which of many factors a text holds: a pattern whose factors are all absent
neither runs nor needs compiling."""

from __future__ import annotations

import re

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


class FactorFinder:
    """Finds which of a set of factors (case-folded, ``MIN_LENGTH`` or longer) a text holds.

    For the first texts, without anything to compile: factors are filed under their first
    three letters, and only those filed under a three-letter run of the text are looked for.
    After that, in one pass: a trie of the factors in a look-ahead gives the longest one at
    each position, and the shorter ones that start there are its prefixes (compiling it costs
    about as much as looking at a few hundred sentences the first way).
    """

    __slots__ = ("by_head", "calls", "factors", "heads", "prefixes", "regex")

    def __init__(self, factors: set[str]) -> None:
        self.factors = factors
        by_head: dict[str, list[str]] = {}
        for f in sorted(factors):
            by_head.setdefault(f[:MIN_LENGTH], []).append(f)
        self.by_head = {h: tuple(v) for h, v in by_head.items()}
        self.heads = frozenset(by_head)
        self.calls = 0
        self.regex: re.Pattern | None = None
        self.prefixes: dict[str, tuple[str, ...]] = {}

    def present(self, text: str) -> frozenset[str]:
        if not self.factors:
            return frozenset()
        folded = text.casefold()
        if self.regex is None:
            self.calls += 1
            if self.calls <= _COMPILE_AFTER:
                runs = {folded[i : i + MIN_LENGTH] for i in range(len(folded) - MIN_LENGTH + 1)}
                by_head = self.by_head
                return frozenset(
                    f for h in self.heads.intersection(runs) for f in by_head[h] if f in folded
                )
            factors = self.factors
            self.prefixes = {
                f: tuple(f[:n] for n in range(MIN_LENGTH, len(f) + 1) if f[:n] in factors)
                for f in factors
            }
            self.regex = re.compile(f"(?=({trie(sorted(factors), 0)}))")
        prefixes = self.prefixes
        found: set[str] = set()
        for head in self.regex.findall(folded):
            found.update(prefixes[head])
        return frozenset(found)


#: Texts a finder looks at by their three-letter runs before it compiles its expression.
_COMPILE_AFTER = 300
