"""A per-user cache of data derived from copydesk's data files, for a fast start.

Parsing ``rules/lang/*.yml`` and the concept list with YAML, asking babel for CLDR territory
names and stemming thousands of concept forms cost a fresh process about half a second; the
same data read back as JSON costs a few milliseconds. An entry is keyed by its name, copydesk's
version and the path, size, modification and change time of every file it was derived from,
so editing a data file (or upgrading babel) makes a new entry.

The folder is ``$COPYDESK_DATA_CACHE`` (``off`` turns the cache off), else
``$XDG_CACHE_HOME/copydesk``, else ``~/.cache/copydesk``. A folder that cannot be written is
simply not used. Entries are JSON, never pickle: a cache folder must not be able to run code.
Only plain data (mappings with text keys, lists, text, numbers, booleans, ``None``) that comes
back from JSON unchanged is stored; anything else (a YAML date, a shared YAML alias) is rebuilt
every time. Writes are atomic (temporary file + rename); a corrupt entry is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from checker import __version__

T = TypeVar("T")

ENV = "COPYDESK_DATA_CACHE"
_OFF = {"off", "0", "false", "no", "none"}
_LAYOUT = "data-v1"
#: Larger values are rebuilt each time: the cache is for data files, not for everything.
_MAX_NODES = 2_000_000
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
#: Folders found not writable in this process (tried once, then left alone).
_unwritable: set[Path] = set()


def folder() -> Path | None:
    """The cache folder in force, or ``None`` when the cache is off."""
    value = os.environ.get(ENV, "").strip()
    if value.lower() in _OFF:
        return None
    if value:
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    try:
        root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    except (RuntimeError, KeyError):  # no home folder (a bare container user)
        return None
    return root / "copydesk"


def _stat(path: Path) -> list:
    try:
        st = os.stat(path)
    except OSError:
        return [str(path), None]
    return [str(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns]


#: What :meth:`Entry.load` returns when there is no usable entry.
MISSING: Any = object()


class Entry:
    """Where one piece of derived data lives: stamped when created, so a file that changes
    while the data is being built makes a stale entry that the next run does not use."""

    def __init__(self, root: Path, name: str, files: Iterable[Path | str], extra: str) -> None:
        paths = [str(f) for f in files]
        ident = hashlib.sha256(json.dumps([name, extra, paths]).encode("utf-8")).hexdigest()
        self.root = root
        self.stamp = json.dumps([__version__, name, extra, [_stat(Path(p)) for p in paths]])
        key = hashlib.sha256(self.stamp.encode("utf-8")).hexdigest()[:32]
        self.prefix = f"{_UNSAFE.sub('_', name)[:40]}-{ident[:16]}-"
        self.path = root / _LAYOUT / f"{self.prefix}{key}.json"

    def load(self) -> Any:
        """The stored data, or :data:`MISSING`."""
        try:
            with open(self.path, encoding="utf-8") as fh:
                entry = json.load(fh)
            if isinstance(entry, dict) and entry.get("stamp") == self.stamp:
                return entry["data"]
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return MISSING

    def save(self, value: Any) -> None:
        """Store ``value`` if it is plain data; a failure only costs the next run time."""
        if self.root not in _unwritable and _plain(value):
            _store(self.root, self.path, self.prefix, {"stamp": self.stamp, "data": value})


def entry(name: str, files: Iterable[Path | str], extra: str = "") -> Entry | None:
    """The entry for data named ``name`` derived from ``files`` (and ``extra``: anything else
    it depends on), or ``None`` when the cache is off."""
    root = folder()
    if root is None or root in _unwritable:
        return None
    return Entry(root, name, files, extra)


def derived(name: str, files: Iterable[Path | str], build: Callable[[], T], extra: str = "") -> T:
    """``build()``, or its result from a previous process when ``files`` are unchanged.

    ``name`` says what the data is; ``extra`` is anything else the data depends on (the user
    rule folders in force, say). ``build`` must depend only on these.
    """
    found = entry(name, files, extra)
    if found is None:
        return build()
    value = found.load()
    if value is MISSING:
        value = build()
        found.save(value)
    return value


def _plain(value: Any) -> bool:
    """Whether ``value`` is plain data that JSON gives back equal and of the same types."""
    seen: set[int] = set()
    stack = [value]
    nodes = 0
    while stack:
        item = stack.pop()
        nodes += 1
        if nodes > _MAX_NODES:
            return False
        if item is None or isinstance(item, (bool, str)):
            continue
        if type(item) is int:
            continue
        if type(item) is float:
            if not math.isfinite(item):
                return False
            continue
        if type(item) not in (dict, list):
            return False  # tuples, sets, dates… would come back as something else
        if id(item) in seen:  # a shared or recursive value (YAML anchors): not plain
            return False
        seen.add(id(item))
        if type(item) is dict:
            if not all(type(k) is str for k in item):
                return False
            stack.extend(item.values())
        else:
            stack.extend(item)
    return True


def _store(root: Path, path: Path, prefix: str, entry: dict) -> None:
    """Write an entry atomically and drop the entries it replaces; never fails the run."""
    try:
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except ValueError:  # a lone surrogate: not worth keeping
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tag = root / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by copydesk.\n",
                encoding="utf-8",
            )
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for old in path.parent.glob(f"{prefix}*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        _unwritable.add(root)
