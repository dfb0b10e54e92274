"""Turning paths (and stdin) into decoded text, with every failure as a finding, not a crash.

Files are only ever opened for reading. What cannot be read as an article is a ``file-error``
problem on that file (binary data, over the size cap, not a regular file, a broken or looping
symbolic link, an I/O error) and the run goes on with the other files.

Text that is not valid UTF-8 is still checked: each byte that is not part of a UTF-8 sequence
is read as Windows-1252, the legacy encoding of Western European text (a superset of
ISO-8859-1's letters, and what browsers use for "latin1"), and a ``file-encoding`` warning
points at the first such byte. Guessing among every legacy encoding (charset detection) was
measured to misread short French Latin-1 text as Central European cp1250 ("à" → "ŕ"); a fixed,
documented fallback is predictable, and a UTF-8 file with one stray Latin-1 byte keeps its
UTF-8 text intact.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
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

#: C0 control bytes that never occur in text (tab, line feed, vertical tab, form feed, carriage
#: return and escape do).
_CONTROL = bytes(c for c in range(1, 32) if c not in (9, 10, 11, 12, 13, 27))
#: A file whose first 64 KiB has more control bytes than this share is binary data.
_MAX_CONTROL_SHARE = 0.01
_SAMPLE = 65536
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
}


@dataclass(frozen=True)
class Source:
    """A file to check: where it is, and how to call it in reports."""

    display: str
    path: Path | None  # None for stdin
    explicit: bool = True


def printable(name: str) -> str:
    """A file name as reports can carry it: bytes that are not UTF-8 (which Python keeps as
    lone surrogates) become U+FFFD, so a name like ``caf\xe9.md`` cannot break a UTF-8 report."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def discover(targets: list[str], errors: list[str]) -> Iterator[Source]:
    """Files named or found under folders, in a stable order; missing paths go to ``errors``.

    A path named on the command line that does not exist (or is a broken link) is a usage
    error; a broken or looping link met while walking a folder is a file of the repository
    that cannot be read, and :func:`read_source` reports it as a finding on that file.
    """
    for target in targets:
        path = Path(target)
        if path.is_dir():
            yield from _walk(target, errors)
        elif path.is_file():
            yield Source(printable(target), path, explicit=True)
        elif path.is_symlink():
            errors.append(f"{target}: {_open_error(path, _stat_error(path))}")
        elif os.path.lexists(target):  # a named pipe, a device: reported as a file-error
            yield Source(printable(target), path, explicit=True)
        else:
            errors.append(f"{target}: no such file or directory")


def _walk(top: str, errors: list[str]) -> Iterator[Source]:
    found: list[str] = []

    def onerror(exc: OSError) -> None:
        errors.append(f"{exc.filename}: cannot read folder: {exc.strerror or exc}")

    # Links to folders are not followed: a link loop cannot make the walk endless.
    for folder, dirs, files in os.walk(top, onerror=onerror, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in files:
            if format_for(name) is None or name.startswith("."):
                continue
            found.append(os.path.normpath(os.path.join(folder, name)))
    for full in sorted(found):
        yield Source(printable(full), Path(full), explicit=False)


def resolved(path: Path) -> Path:
    """``path`` made absolute with links resolved; a broken or looping link keeps its name.

    Files of one folder share the folder's resolution (one ``lstat`` per file instead of one
    per path component): see :func:`forget_folders`."""
    name = path.name
    if name not in ("", ".", ".."):
        key = ("" if path.is_absolute() else os.getcwd(), path.parent)
        folder = _folders.get(key)
        if folder is None:
            folder = _folders[key] = _resolve(path.parent)
        if not os.path.islink(path):
            return folder / name
    return _resolve(path)


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return path.parent.resolve() / path.name


#: (working folder for a relative path, else "", folder) → the folder resolved, for the run.
_folders: dict[tuple[str, Path], Path] = {}


def forget_folders() -> None:
    """Resolve folders afresh (a long-lived process: links may have changed since)."""
    _folders.clear()


def relative_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root``, links resolved, as globs and rules see it (as given
    when it lies outside ``root``)."""
    try:
        return resolved(path).relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def is_excluded(source: Source, root: Path, include: list[str], exclude: list[str]) -> bool:
    """Config include/exclude globs, relative to the config's folder."""
    if source.path is None or not (include or exclude):
        return False
    rel = relative_path(source.path, root)
    if exclude and matches(rel, exclude):
        return True
    return bool(include) and not source.explicit and not matches(rel, include)


def _mib(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1048576:
        return f"{size / 1024:.1f} KiB"
    return f"{size / 1048576:.1f} MiB"


def _too_big(size: int, max_size: int) -> Problem:
    return Problem(
        "file-error",
        f"file is {_mib(size)}, over the {_mib(max_size)} limit (max-file-size in the "
        "config); not checked",
    )


def _position(data: bytes, at: int) -> str:
    line = data.count(b"\n", 0, at) + 1
    column = len(data[data.rfind(b"\n", 0, at) + 1 : at].decode("utf-8", "replace")) + 1
    return f"line {line}, column {column}"


def _legacy_byte(error: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: one byte that is not UTF-8, read as Windows-1252 (else Latin-1)."""
    byte = error.object[error.start : error.start + 1]
    try:
        char = byte.decode("cp1252")
    except UnicodeDecodeError:  # 0x81 0x8D 0x8F 0x90 0x9D: not in Windows-1252
        char = byte.decode("latin-1")
    return char, error.start + 1


codecs.register_error("copydesk-cp1252", _legacy_byte)


def decode(data: bytes, max_size: int) -> tuple[str | None, Problem | None]:
    """Bytes → text, or the reason it is not article text.

    Returns ``(text, None)``, ``(text, file-encoding problem)`` for text that is not UTF-8,
    or ``(None, file-error problem)``.
    """
    if len(data) > max_size:
        return None, _too_big(len(data), max_size)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as exc:
                return None, Problem(
                    "file-error",
                    f"starts with a {encoding.upper()} byte order mark but is not "
                    f"{encoding.upper()} (byte {exc.start}); save the file as UTF-8",
                )
    nul = data.find(b"\x00")
    if nul != -1:
        return None, Problem(
            "file-error",
            f"binary file (NUL byte at {_position(data, nul)}), not article text",
        )
    sample = data[:_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if controls > max(3, _MAX_CONTROL_SHARE * len(sample)):
        return None, Problem(
            "file-error", f"binary file ({controls} control bytes in the first {len(sample)})"
        )
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first = exc.start
    text = data.decode("utf-8", errors="copydesk-cp1252")
    start = len(data[:first].decode("utf-8"))
    byte = data[first]
    return text, Problem(
        "file-encoding",
        f"not UTF-8: byte 0x{byte:02X} was read as Windows-1252 {text[start]!r}, like every "
        "byte that is not UTF-8; check the text and save the file as UTF-8",
        start,
        start + 1,
    )


def read_source(source: Source, max_size: int) -> tuple[str | None, Problem | None]:
    """Read and decode one file, read-only and bounded by ``max_size``.

    Only regular files are read: a named pipe or a device (``/dev/zero`` behind a link) would
    block or never end. The file is opened without blocking, checked with ``fstat`` on the
    open descriptor (no race with a swapped file), and read up to ``max_size + 1`` bytes.
    """
    assert source.path is not None
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(source.path, flags)
    except OSError as exc:
        return None, Problem("file-error", _open_error(source.path, exc))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            return None, Problem("file-error", f"not a regular file ({kind}); not read")
        if info.st_size > max_size:
            return None, _too_big(info.st_size, max_size)
        chunks = []
        left = max_size + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    except OSError as exc:
        return None, Problem("file-error", f"cannot read file: {exc.strerror or exc}")
    finally:
        os.close(fd)
    return decode(data, max_size)


def _stat_error(path: Path) -> OSError:
    try:
        path.stat()
    except OSError as exc:
        return exc
    return OSError(errno.ENOENT, "no such file or directory")


def _open_error(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop; not read"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"broken symbolic link (to {printable(os.readlink(path))}); not read"
    return f"cannot read file: {exc.strerror or exc}"
