"""Glob patterns with ``**`` for include/exclude and per-file ignores (gitignore-like)."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=512)
def compile_glob(pattern: str) -> re.Pattern:
    """``content/**/*.md`` → a regex over POSIX relative paths.

    A pattern without ``/`` matches the file name at any depth (``*.html``, ``drafts``); a
    pattern naming a folder matches everything below it.
    """
    pat = pattern.strip().lstrip("./") if pattern.startswith("./") else pattern.strip()
    anchored = "/" in pat.rstrip("/")
    pat = pat.strip("/")
    out = []
    i = 0
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pat.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        else:
            out.append(re.escape(c))
        i += 1
    body = "".join(out)
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(rf"^{prefix}{body}(?:/.*)?$")


def matches(path: str, patterns: list[str]) -> bool:
    """Whether a POSIX relative path matches any pattern."""
    return any(compile_glob(p).match(path) for p in patterns)
