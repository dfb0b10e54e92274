"""Turning paths (and stdin) into decoded text, with every failure as a finding, not a crash.

Binary files, files over the size cap, unreadable files and text that is not UTF-8 each become
a ``file-error`` problem on that file; the run goes on with the others. Files are only read.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from checker.document import Problem
from checker.globs import matches
from checker.readers import format_for

SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        ".copydesk_cache",
        "__pycache__",
        ".venv",
        "venv",
        ".tox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
    }
)


@dataclass(frozen=True)
class Source:
    """A file to check: where it is, and how to call it in reports."""

    display: str
    path: Path | None  # None for stdin
    explicit: bool = True


def discover(targets: list[str], errors: list[str]) -> Iterator[Source]:
    """Files named or found under folders, in a stable order; missing paths go to ``errors``."""
    for target in targets:
        path = Path(target)
        if path.is_dir():
            yield from _walk(target, errors)
        elif path.is_file():
            yield Source(target, path, explicit=True)
        elif path.is_symlink():
            errors.append(f"{target}: broken symbolic link")
        else:
            errors.append(f"{target}: no such file or directory")


def _walk(top: str, errors: list[str]) -> Iterator[Source]:
    found: list[str] = []

    def onerror(exc: OSError) -> None:
        errors.append(f"{exc.filename}: cannot read folder: {exc.strerror or exc}")

    for folder, dirs, files in os.walk(top, onerror=onerror, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in files:
            if format_for(name) is None or name.startswith("."):
                continue
            full = os.path.normpath(os.path.join(folder, name))
            if os.path.islink(full) and not os.path.exists(full):
                errors.append(f"{full}: broken symbolic link")
                continue
            found.append(full)
    for full in sorted(found):
        yield Source(full, Path(full), explicit=False)


def is_excluded(source: Source, root: Path, include: list[str], exclude: list[str]) -> bool:
    """Config include/exclude globs, relative to the config's folder."""
    if source.path is None:
        return False
    try:
        rel = source.path.resolve().relative_to(root).as_posix()
    except ValueError:
        rel = source.path.as_posix()
    if exclude and matches(rel, exclude):
        return True
    return bool(include) and not source.explicit and not matches(rel, include)


def decode(data: bytes, max_size: int) -> tuple[str | None, Problem | None]:
    """Bytes → text, or the reason it is not article text."""
    if len(data) > max_size:
        return None, Problem(
            "file-error",
            f"file is {len(data) / 1e6:.1f} MB, over the "
            f"{max_size / 1e6:.1f} MB limit (max-file-size in the config)",
        )
    if b"\x00" in data[:65536]:
        return None, Problem("file-error", "binary file (contains NUL bytes), not article text")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Problem(
            "file-error",
            f"not valid UTF-8: byte 0x{data[exc.start]:02X} at "
            f"line {line}, column {col}; save the file as UTF-8",
        )
    return text, None


def read_source(source: Source, max_size: int) -> tuple[str | None, Problem | None]:
    """Read and decode one file."""
    assert source.path is not None
    try:
        size = source.path.stat().st_size
        if size > max_size:
            return None, Problem(
                "file-error",
                f"file is {size / 1e6:.1f} MB, over the "
                f"{max_size / 1e6:.1f} MB limit (max-file-size in the config)",
            )
        data = source.path.read_bytes()
    except OSError as exc:
        return None, Problem("file-error", f"cannot read file: {exc.strerror or exc}")
    return decode(data, max_size)
