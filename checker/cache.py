"""A content-hash cache of per-file results, so an unchanged repository re-runs in a blink.

An entry is keyed by the file's bytes, the effective configuration, the options of the run and
a fingerprint of copydesk itself (its code and rule files), and it records the other files the
result depended on (the source of a translation) with their hashes: a changed source
invalidates the translation's entry. Entries hold everything the run needs from the file:
findings, corpus-rule index entries, inline suppressions, so a hit analyses nothing.

Entries are JSON, never pickle: a cache folder committed to a repository by someone else must
not be able to run code. Only dataclasses and enums of copydesk's own modules are rebuilt.
Writes are atomic (temporary file + rename); a corrupt or unreadable entry is a miss.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import os
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from checker import __version__

CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by copydesk.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
DEFAULT_DIR = ".copydesk_cache"


# -- a safe JSON codec for results -------------------------------------------------------------
# Every non-JSON value becomes a one-key object whose key starts with "$" (no field name
# can), so that json.loads rebuilds values bottom-up through its C object hook.
def encode(value: Any) -> Any:
    """Plain JSON for results made of dataclasses, enums, tuples, sets and dicts."""
    if isinstance(value, Enum):  # before int: Severity is an IntEnum
        return {"$e": _name(type(value)), "v": value.value}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [[f.name, encode(getattr(value, f.name))] for f in dataclasses.fields(value)]
        return {"$c": _name(type(value)), "f": fields}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return {"$t": [encode(v) for v in value]}
    if isinstance(value, frozenset):
        return {"$fs": [encode(v) for v in sorted(value, key=repr)]}
    if isinstance(value, set):
        return {"$s": [encode(v) for v in sorted(value, key=repr)]}
    if isinstance(value, dict):
        return {"$d": [[encode(k), encode(v)] for k, v in value.items()]}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _rebuild(value: dict) -> Any:
    """One object of :func:`encode`'s output, its contents already rebuilt."""
    if "$t" in value:
        return tuple(value["$t"])
    if "$d" in value:
        return {k: v for k, v in value["$d"]}
    if "$c" in value:
        cls = _class(value["$c"])
        init = _init_fields(cls)
        fields = dict(value["f"])
        obj = cls(**{k: v for k, v in fields.items() if k in init})
        for key, item in fields.items():
            if key not in init:
                object.__setattr__(obj, key, item)
        return obj
    if "$e" in value:
        return _class(value["$e"])(value["v"])
    if "$fs" in value:
        return frozenset(value["$fs"])
    if "$s" in value:
        return set(value["$s"])
    if "$r" in value:  # a cache file: [dependencies, result]
        return _Stored(*value["$r"])
    raise ValueError("unknown cache value")


class _Stored(NamedTuple):
    """What a cache file holds: the files a result depends on (path, sha256), the result."""

    deps: list
    result: Any


def decode(value: Any) -> Any:
    """The inverse of :func:`encode` (for a value already parsed from JSON); refuses classes
    outside copydesk."""
    return loads(json.dumps(value))


def loads(text: str) -> Any:
    """Parse and rebuild :func:`encode`'s output in one pass."""
    return json.loads(text, object_hook=_rebuild)


@lru_cache(maxsize=256)
def _init_fields(cls: type) -> frozenset[str]:
    """The fields a dataclass takes in ``__init__`` (asked once per class: a cached result
    rebuilds thousands of findings)."""
    if not dataclasses.is_dataclass(cls):
        raise ValueError(f"{_name(cls)} is not a dataclass")
    return frozenset(f.name for f in dataclasses.fields(cls) if f.init)


def _name(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


@lru_cache(maxsize=256)
def _class(name: str) -> type:
    module, _, qualname = name.partition(":")
    if module != "checker" and not module.startswith("checker."):
        raise ValueError(f"refusing to rebuild {name} from the cache")
    obj: Any = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    if not isinstance(obj, type):
        raise ValueError(f"{name} is not a class")
    return obj


# -- keys ------------------------------------------------------------------------------------
def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=8)
def code_fingerprint(extra_dirs: tuple[str, ...] = ()) -> str:
    """copydesk's version plus the size and time of every code and rule file it runs."""
    from checker.resources import shipped_rules_dir

    h = hashlib.sha256(__version__.encode())
    roots = [Path(__file__).resolve().parent, shipped_rules_dir(), *map(Path, extra_dirs)]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".yml", ".yaml", ".tsv", ".j2"}:
                st = path.stat()
                h.update(f"{path}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


class Cache:
    """Per-file results in ``folder``, one small JSON file per entry."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.hits = 0
        self.misses = 0
        self._ready = False

    def _prepare(self) -> None:
        if self._ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tag = self.folder / "CACHEDIR.TAG"
        if not tag.exists():
            _atomic_write(tag, CACHEDIR_TAG)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            _atomic_write(ignore, "# Created by copydesk: this folder is a cache.\n*\n")
        self._ready = True

    def _path(self, key: str) -> Path:
        return self.folder / "v2" / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any | None:
        """The cached result, or ``None`` (missing, corrupt, or a dependency changed)."""
        path = self._path(key)
        try:
            stored = loads(path.read_text(encoding="utf-8"))
            if not isinstance(stored, _Stored):
                raise ValueError("not a cache file")
            deps, result = stored
            for dep, sha in deps:
                if digest(Path(dep).read_bytes()) != sha:
                    self.misses += 1
                    return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError, ImportError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: Any, deps: list[tuple[str, str]]) -> None:
        """Store a result; a failure to write only costs the next run some time."""
        try:
            self._prepare()
            payload = json.dumps({"$r": [deps, encode(result)]}, ensure_ascii=False)
            path = self._path(key)
            path.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(path, payload)
        except (OSError, TypeError, ValueError):
            pass


def _atomic_write(path: Path, text: str) -> None:
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
