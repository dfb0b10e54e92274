"""Per-language data (word lists, patterns) read from ``rules/lang/<code>.yml``.

Data is merged from the shipped rule pack and any user rule folders: lists are extended, mappings
merged, so an editor can add a phrase without copying the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from checker.resources import shipped_rules_dir
from checker.yamlio import load_file

_extra_dirs: tuple[Path, ...] = ()
_LANG_CODE = re.compile(r"^[a-z]{2,3}$")


def set_extra_dirs(dirs: Iterable[Path]) -> None:
    """Register user rule folders whose ``lang/*.yml`` extend the shipped data."""
    global _extra_dirs
    new = tuple(Path(d) for d in dirs)
    if new != _extra_dirs:
        _extra_dirs = new
        load.cache_clear()
        available.cache_clear()


def extra_dirs() -> tuple[Path, ...]:
    """The user rule folders in force: when there are none, all data is the shipped data."""
    return _extra_dirs


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [v for v in extra if v not in base]
    return extra


@lru_cache(maxsize=64)
def load(lang: str) -> dict[str, Any]:
    """All data for one language (empty when copydesk has none for it)."""
    data: dict[str, Any] = {}
    for folder in (shipped_rules_dir(), *_extra_dirs):
        path = folder / "lang" / f"{lang}.yml"
        if path.is_file():
            loaded = load_file(path) or {}
            if not isinstance(loaded, dict):
                raise ValueError(f"{path}: expected a mapping of keys to lists")
            data = _merge(data, loaded)
    return data


@lru_cache(maxsize=1)
def available() -> tuple[str, ...]:
    """Languages that have a data file."""
    langs = set()
    for folder in (shipped_rules_dir(), *_extra_dirs):
        langs.update(p.stem for p in (folder / "lang").glob("*.yml") if _LANG_CODE.match(p.stem))
    return tuple(sorted(langs))


def get(lang: str, key: str, default: Any = None) -> Any:
    """One entry of one language's data."""
    return load(lang).get(key, default)


@lru_cache(maxsize=64)
def word_set(lang: str, key: str) -> frozenset[str]:
    """A word list as a lower-cased frozen set, for fast membership tests."""
    return frozenset(str(w).lower() for w in (get(lang, key) or []))
