"""Regular expressions from rule files, with a time limit on every match.

Patterns in rules and in ``rules/lang/<code>.yml`` can come from a user's rule folder. One
catastrophic pattern (``(a+)+$``) on one unlucky paragraph would hang Python's ``re`` for
hours, and CI with it; ``re`` cannot be interrupted, not even by Ctrl-C. These patterns are
compiled with the ``regex`` module instead, whose matches take a ``timeout``: past it,
:class:`PatternTimeout` names the pattern and where it comes from, and the engine reports the
rule that used it instead of hanging.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

#: Seconds one search may take. Shipped patterns need milliseconds on a 1 MB paragraph.
TIMEOUT = 2.0

# ``re`` and ``regex`` flags share names but not all values (ASCII differs).
_FLAG_NAMES = ("IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE", "ASCII", "UNICODE")


class PatternTimeout(RuntimeError):
    """A pattern took longer than :data:`TIMEOUT` on some text."""

    def __init__(self, pattern: str, where: str) -> None:
        self.pattern = pattern
        self.where = where
        shown = pattern if len(pattern) <= 80 else pattern[:79] + "…"
        super().__init__(
            f"pattern {shown!r}{f' in {where}' if where else ''} took over {TIMEOUT:g} s on "
            "one paragraph and was stopped (catastrophic backtracking?): simplify it"
        )


def _flags(flags: int) -> int:
    import regex  # only for patterns from a user's rule folder (about 20 ms to import)

    out = 0
    for name in _FLAG_NAMES:
        if flags & getattr(re, name):
            out |= getattr(regex, name)
    return out


class SafePattern:
    """A compiled pattern with the methods of ``re.Pattern`` that checks use, time-limited."""

    __slots__ = ("_compiled", "flags", "pattern", "shown", "where")

    def __init__(self, pattern: str, flags: int = 0, where: str = "", shown: str = "") -> None:
        self.pattern = pattern
        self.flags = flags
        self.where = where
        #: The pattern as its author wrote it (``pattern`` may wrap it), for messages.
        self.shown = shown or pattern
        regex_flags = _flags(flags)
        import regex

        try:
            self._compiled = regex.compile(pattern, regex_flags)
        except regex.error as exc:  # the same exception type as ``re`` callers catch
            # Without the position: it counts in ``pattern``, which may wrap what the user wrote.
            raise re.error(getattr(exc, "msg", None) or str(exc)) from None

    # Each method calls ``regex`` directly (this runs millions of times on a big file).
    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        try:
            return self._compiled.search(text, pos, endpos, timeout=TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(self.shown, self.where) from None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        try:
            return self._compiled.match(text, pos, endpos, timeout=TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(self.shown, self.where) from None

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        try:
            return self._compiled.fullmatch(text, pos, endpos, timeout=TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(self.shown, self.where) from None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        """All matches, found at once (a block is at most 10,000 characters) so that a
        timeout is raised here and not wherever the caller iterates."""
        try:
            return iter(list(self._compiled.finditer(text, pos, endpos, timeout=TIMEOUT)))
        except TimeoutError:
            raise PatternTimeout(self.shown, self.where) from None

    def findall(self, text: str, pos: int = 0, endpos: int | None = None) -> list[Any]:
        try:
            return self._compiled.findall(text, pos, endpos, timeout=TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(self.shown, self.where) from None

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        try:
            return self._compiled.sub(repl, text, count, timeout=TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(self.shown, self.where) from None

    def __repr__(self) -> str:
        return f"SafePattern({self.pattern!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SafePattern) and (self.pattern, self.flags) == (
            other.pattern,
            other.flags,
        )

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __reduce__(self) -> tuple:  # picklable for worker processes: recompiled there
        return (SafePattern, (self.pattern, self.flags, self.where, self.shown))


def compile(
    pattern: str, flags: int = 0, where: str = "", shown: str = "", trusted: bool = False
) -> SafePattern | re.Pattern:
    """Compile a pattern from a rule or language file; ``where`` says which and ``shown`` how
    its author wrote it, for messages.

    ``trusted`` patterns come only from copydesk's own rule pack, tested on megabyte inputs:
    they get Python's faster ``re`` (``regex`` costs about 20 % more per search).
    """
    if trusted:
        return re.compile(pattern, flags)
    return SafePattern(pattern, flags, where, shown)
