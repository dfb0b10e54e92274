"""Where the shipped rule pack lives: inside the wheel, or in the checkout during development."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def shipped_rules_dir() -> Path:
    """``checker/_rules`` in an installed wheel, else ``rules/`` next to the package."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("copydesk's rule pack is missing: reinstall copydesk")
