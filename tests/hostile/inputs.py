"""Generators of hostile files, and what copydesk is documented to do with each.

Each :class:`Hostile` writes one file (or link, pipe…) into a folder and says which finding
copydesk reports on it and the exit code of a run on that file alone (see README, "Bad input").
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "000_c0b735639ce285e7.txt"
#: A clean neighbour: one known warning (line 10) and nothing at error level, so a run on a
#: folder with it and one hostile file has the hostile file's exit code.
NEIGHBOUR = """---
title: Le conseil municipal adopte le budget
lang: fr
date: 2025-03-04
---
# Le conseil municipal adopte le budget

Le conseil municipal de Lyon a adopté mardi soir le budget de la ville après un long débat, a annoncé la mairie dans un communiqué.

Lire aussi

Les travaux de la nouvelle ligne de tramway commenceront au printemps, selon le calendrier publié par la métropole.
"""
NEIGHBOUR_FINDING = (10, "boilerplate")

LATIN1 = (
    "Élection à Genève : résultats définitifs\n\n"
    "Le conseil a voté mardi soir après un long débat sur le budget de la ville.\n"
)
CP1252 = (
    "Le président signe l’accord\n\n"
    "« C’est un accord historique », a déclaré le président mardi – un texte de 12 pages.\n"
)


@dataclass(frozen=True)
class Hostile:
    """One hostile input: how to make it and what copydesk does with it."""

    name: str
    make: Callable[[Path], Path]
    rule: str | None  # the finding on the file (None: checked like any article)
    message: str  # a part of that finding's message
    line: int  # the finding's line
    code: int  # exit code of `copydesk check FOLDER` with the file alone in it
    posix_only: bool = False
    #: Seconds, not milliseconds, to check: covered by the end-to-end run only.
    slow: bool = False


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def binary(folder: Path) -> Path:
    noise = random.Random(7).randbytes(20_000)
    return _write(folder, "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise)


def binary_without_nul(folder: Path) -> Path:
    noise = bytes(b or 1 for b in random.Random(8).randbytes(20_000))  # no NUL at all
    return _write(folder, "archive.txt", noise)


def latin1(folder: Path) -> Path:
    return _write(folder, "latin1.txt", LATIN1.encode("latin-1"))


def cp1252(folder: Path) -> Path:
    return _write(folder, "windows.txt", CP1252.encode("cp1252"))


def empty(folder: Path) -> Path:
    return _write(folder, "empty.md", b"")


def nul_bytes(folder: Path) -> Path:
    return _write(folder, "nul.txt", b"Titre\n\nUn texte avec un \x00 au milieu.\n")


def one_line(folder: Path) -> Path:
    """1 MB on one line: every sample's prose (several languages, figures, names, quotes)."""
    parts = []
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix in (".txt", ".md"):
            parts.append(" ".join(path.read_text(encoding="utf-8").split()))
    text = " ".join(parts)
    text = (text + " ") * (1_000_000 // len(text) + 1)
    return _write(folder, "one-line.txt", text[:1_000_000] + "\n")


def huge(folder: Path) -> Path:
    """20 MB: over the default 10 MiB cap."""
    line = b"Le conseil municipal a vote le budget mardi soir apres un long debat.\n"
    return _write(folder, "huge.txt", line * (20_000_000 // len(line) + 1))


def deep_html(folder: Path) -> Path:
    """20,000 nested elements, each with a line of text; a CMS leftover at the bottom."""
    levels = "".join(f"<div>{i}\n" for i in range(20_000))
    page = (
        '<!DOCTYPE html>\n<html lang="fr"><body>\n'
        + levels
        + "<p>Lire aussi</p>\n"
        + "</div>" * 20_000
        + "\n</body></html>\n"
    )
    return _write(folder, "deep.html", page)


def unclosed_markup(folder: Path) -> Path:
    """Half a million markup openers that never close (quadratic in Python's html.parser)."""
    article = (
        '<html lang="fr"><body><p>Le conseil municipal a adopté le budget de la ville mardi '
        "soir, après un long débat sur le prix des transports et des cantines.</p>"
    )
    return _write(folder, "unclosed.html", article + "</" * 250_000 + "<?" * 250_000)


def bad_front_matter(folder: Path) -> Path:
    text = "---\ntitle: Le budget\ndate: [2025-03-04\nlang: fr\n---\nLe conseil a voté le budget.\n"
    return _write(folder, "front.md", text)


def yaml_bomb(folder: Path) -> Path:
    """A "billion laughs" front matter: nine levels of nine aliases under `title`."""
    lines = ["---", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    lines += ["title: *a8", "---", "Le conseil a voté le budget mardi soir.", ""]
    return _write(folder, "bomb.md", "\n".join(lines))


def symlink_loop(folder: Path) -> Path:
    path = folder / "loop.md"
    os.symlink("loop.md", path)
    return path


def dangling_symlink(folder: Path) -> Path:
    path = folder / "dangling.md"
    os.symlink("gone/away.md", path)
    return path


def named_pipe(folder: Path) -> Path:
    """A FIFO named like an article: opening it to read would block forever."""
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def device(folder: Path) -> Path:
    """A link to /dev/zero named like an article: reading it would never end."""
    path = folder / "zero.txt"
    os.symlink("/dev/zero", path)
    return path


def odd_name(folder: Path) -> Path:
    """A file name that is not UTF-8 (Latin-1 "café.md"): reports must still be UTF-8."""
    name = os.fsdecode(b"caf\xe9.md")  # "caf\udce9.md": a lone surrogate in a str
    path = folder / name
    try:
        path.write_bytes(b"Le conseil adopte le budget\n\nLire aussi\n")
    except (OSError, UnicodeEncodeError):  # a file system that only takes UTF-8 names
        import pytest

        pytest.skip("this file system refuses names that are not UTF-8")
    return path


def utf16(folder: Path) -> Path:
    text = "Le conseil adopte le budget\n\nLire aussi\n"
    return _write(folder, "utf16.txt", "\ufeff".encode("utf-16-le") + text.encode("utf-16-le"))


HOSTILE: list[Hostile] = [
    Hostile("binary", binary, "file-error", "binary file (NUL byte", 1, 1),
    Hostile("binary-no-nul", binary_without_nul, "file-error", "control bytes", 1, 1),
    Hostile("latin-1", latin1, "file-encoding", "byte 0xC9 was read as Windows-1252 'É'", 1, 0),
    Hostile(
        "windows-1252", cp1252, "file-encoding", "byte 0xE9 was read as Windows-1252 'é'", 1, 0
    ),
    Hostile("empty", empty, None, "", 0, 0),
    Hostile("nul-bytes", nul_bytes, "file-error", "NUL byte at line 3, column 18", 1, 1),
    Hostile("one-mb-line", one_line, None, "", 1, 1, slow=True),
    Hostile("twenty-mb", huge, "file-error", "over the 10.0 MiB limit", 1, 1),
    Hostile("html-20000-deep", deep_html, "boilerplate", "Lire aussi", 20_003, 0, slow=True),
    Hostile("html-unclosed", unclosed_markup, None, "", 1, 0, slow=True),
    Hostile("front-matter", bad_front_matter, "front-matter", "flow sequence", 3, 1),
    Hostile("yaml-bomb", yaml_bomb, "front-matter", "'title' must be text", 11, 1),
    Hostile("symlink-loop", symlink_loop, "file-error", "symbolic link loop", 1, 1, True),
    Hostile("dangling-symlink", dangling_symlink, "file-error", "broken symbolic link", 1, 1, True),
    Hostile(
        "named-pipe", named_pipe, "file-error", "not a regular file (a named pipe)", 1, 1, True
    ),
    Hostile(
        "dev-zero", device, "file-error", "not a regular file (a character device)", 1, 1, True
    ),
    Hostile("utf-16", utf16, "boilerplate", "Lire aussi", 3, 0),
    Hostile("name-not-utf8", odd_name, "boilerplate", "Lire aussi", 3, 0, posix_only=True),
]


def make_all(folder: Path) -> dict[str, Path]:
    """Every hostile input of this platform in ``folder``, by name."""
    import pytest

    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for hostile in HOSTILE:
        if os.name == "posix" or not hostile.posix_only:
            try:
                made[hostile.name] = hostile.make(folder)
            except pytest.skip.Exception:  # not possible on this file system
                continue
    return made


def snapshot(folder: Path) -> dict[str, tuple[str, str]]:
    """Every entry under ``folder``: its kind and, for a regular file, a hash of its bytes."""
    import hashlib
    import stat

    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            info = path.lstat()
            if stat.S_ISREG(info.st_mode):
                out[str(path)] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            elif stat.S_ISLNK(info.st_mode):
                out[str(path)] = ("link", os.readlink(path))
            else:
                out[str(path)] = ("other", oct(stat.S_IFMT(info.st_mode)))
    return out
