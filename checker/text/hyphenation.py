"""pyphen's hyphenation dictionaries, kept between runs and looked up faster.

textstat counts syllables with pyphen (see :mod:`checker.checks.metric`). Two costs of pyphen
are paid again by every process, and both are removed here without changing a single count:

* pyphen parses a dictionary in Python on first use (0.08 s for English, a second for German).
  :class:`Dictionaries` replaces ``pyphen.hdcache`` and keeps the parsed patterns in the data
  cache (:mod:`checker.datacache`), so a later process rebuilds them from plain JSON.
* ``HyphDict.positions`` looks up every substring of a new word, up to the longest pattern, in
  Python (Liang's algorithm): 50-100 µs per new word. :func:`_positions` finds the patterns in
  the word in one pass of an Aho-Corasick automaton (pyahocorasick, in C) and applies their
  values as pyphen does: about 9 µs per new English word, and the same positions
  (``tests/test_fast_paths.py`` compares them word for word). Building the automaton costs
  about 3 µs per pattern (0.2 s for German's 66,000), so it is built only once a dictionary has
  seen as many new words as would have paid for it (a tenth of its patterns); until then
  pyphen's own loop runs. A one-article run never builds German's.
"""

from __future__ import annotations

import types
from typing import Any

from checker import datacache


def _positions(self: Any, word: str) -> list:
    """``HyphDict.positions``, its patterns found by the automaton once it pays (same result,
    same cache)."""
    word = word.lower()
    points = self.cache.get(word)
    if points is not None:
        return points
    automaton = self.automaton
    if automaton is None:
        self.misses += 1
        if self.misses < len(self.patterns) // 10:
            return self.plain(self, word)  # pyphen's own loop, which fills the cache
        automaton = _automaton(self)
    pointed = f".{word}."
    references = [0] * (len(pointed) + 1)
    for end, (shift, values) in automaton.iter(pointed):
        k = end + shift
        for value in values:  # pyphen's max(value, reference), without building slices
            if value >= references[k]:
                references[k] = value
            k += 1
    points = [
        _plain_point(self.point, i - 1)
        if type(reference) is int
        else self.point(i - 1, reference=reference)
        for i, reference in enumerate(references)
        if reference % 2
    ]
    self.cache[word] = points
    return points


#: pyphen's ``DataInt(position)`` without data, one object per position: pyphen builds a new
#: one for each point of each word, but nothing ever changes one.
_plain_points: dict[int, Any] = {}


def _plain_point(point: Any, position: int) -> Any:
    found = _plain_points.get(position)
    if found is None or type(found) is not point:
        found = _plain_points[position] = point(position)
    return found


def _automaton(hd: Any) -> Any:
    """The dictionary's patterns in an automaton. A match ending at ``end`` puts its values
    from ``end + shift``."""
    import ahocorasick

    automaton = hd.automaton = ahocorasick.Automaton()
    for key, (offset, values) in hd.patterns.items():
        automaton.add_word(key, (offset - len(key) + 1, tuple(values)))
    automaton.make_automaton()
    return automaton


def quicken(hd: Any, point: Any) -> Any:
    """Give one parsed dictionary the faster ``positions`` (``point``: pyphen's ``DataInt``)."""
    hd.automaton = None
    hd.misses = 0
    hd.plain = type(hd).positions
    hd.point = point
    hd.positions = types.MethodType(_positions, hd)
    return hd


class Dictionaries(dict):
    """pyphen's cache of parsed dictionaries (``pyphen.hdcache``: path → ``HyphDict``), also
    kept in the data cache.

    pyphen asks ``path in hdcache`` before parsing a dictionary: a dictionary parsed by an
    earlier process is then rebuilt from plain data (``HyphDict.positions`` reads only its
    ``patterns``, text → [offset, values], ``maxlen`` and its own ``cache``); one pyphen parses
    is stored for the next process. Only dictionaries a score actually uses are read (German's
    takes a second to parse and LIX never needs it). Dictionaries with nonstandard hyphenation
    (values that carry data) are not kept.
    """

    def __init__(self, pyphen: Any, *args: Any) -> None:
        super().__init__(*args)
        self.pyphen = pyphen
        self.pending: dict[Any, datacache.Entry] = {}

    def _entry(self, path: Any) -> datacache.Entry | None:
        return datacache.entry("pyphen", [path, self.pyphen.__file__])

    def __contains__(self, path: object) -> bool:
        if dict.__contains__(self, path):
            return True
        found = self._entry(path)
        if found is None:
            return False
        data = found.load()
        try:
            hd = self.pyphen.HyphDict.__new__(self.pyphen.HyphDict)
            hd.patterns = data["patterns"]
            hd.maxlen = int(data["maxlen"])
            hd.cache = {}
            quicken(hd, self.pyphen.DataInt)
        except (TypeError, KeyError, ValueError, AttributeError):
            self.pending[path] = found  # stamped before pyphen reads the file
            return False
        dict.__setitem__(self, path, hd)
        return True

    def __setitem__(self, path: Any, hd: Any) -> None:
        patterns = getattr(hd, "patterns", None)
        if isinstance(patterns, dict) and isinstance(getattr(hd, "maxlen", None), int):
            quicken(hd, self.pyphen.DataInt)
        dict.__setitem__(self, path, hd)
        found = self.pending.pop(path, None)
        if found is None or not isinstance(patterns, dict):
            return
        plain = {}
        for key, (start, values) in patterns.items():
            if any(getattr(v, "data", None) is not None for v in values):
                return
            plain[key] = [start, [int(v) for v in values]]
        found.save({"patterns": plain, "maxlen": hd.maxlen})


def keep_dictionaries() -> None:
    """Put :class:`Dictionaries` in place of pyphen's own cache (once per process)."""
    try:
        import pyphen

        if not isinstance(pyphen.hdcache, Dictionaries) and callable(pyphen.HyphDict):
            pyphen.hdcache = Dictionaries(pyphen, pyphen.hdcache)
    except (ImportError, AttributeError):  # pragma: no cover - another pyphen
        return
