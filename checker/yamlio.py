"""Safe YAML loading, through libyaml's C parser when PyYAML was built with it.

Rule files, language data and front matter are all untrusted text: only the safe loader is
ever used. The C loader is the same safe loader, about ten times faster. Data files are read
through :mod:`checker.datacache`, so a fresh process mostly reads JSON and does not even import
PyYAML (about 40 ms).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from checker import datacache


def __getattr__(name: str) -> Any:
    """``SafeLoader`` and ``YAMLError``, imported on first use."""
    if name == "SafeLoader":
        import yaml

        return getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if name == "YAMLError":
        import yaml

        return yaml.YAMLError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def safe_load(stream: str | IO[str]) -> Any:
    """``yaml.safe_load`` with the fastest safe loader available."""
    import yaml

    return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _read(path: Path) -> Any:
    with open(path, encoding="utf-8") as fh:
        return safe_load(fh)


def load_file(path: Path) -> Any:
    """The parsed YAML of a data file, from the data cache when the file is unchanged.

    Raises what reading and parsing raise (``OSError``, ``UnicodeDecodeError``,
    ``YAMLError``); a failure is never cached.
    """
    return datacache.derived("yaml", [path], lambda: _read(path))


def load_files(paths: Sequence[Path], read: Any = _read) -> list[Any]:
    """The parsed YAML of several files (a rule folder) as one cache entry: one read, not one
    per file. ``read(path)`` parses one file and may turn errors into messages."""
    return datacache.derived("yaml-files", paths, lambda: [read(p) for p in paths])
