"""A dictionary that works a missing value out once: look-ups on hot paths then run in C."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class Memo(dict):
    """``key → compute(key)``, worked out on the first look-up and kept.

    ``memo[key]`` and ``map(memo.__getitem__, keys)`` run in C once a key is known; only a
    new key calls ``compute``. A long run meets many keys (words, spellings), so the memo is
    emptied when it holds more than ``limit`` of them: memory stays bounded, answers do not
    change.
    """

    def __init__(self, compute: Callable[[Any], Any], limit: int = 200_000) -> None:
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, key: Hashable) -> Any:
        if len(self) > self.limit:
            self.clear()
        value = self[key] = self.compute(key)
        return value
