"""Paths for CI reports: relative to the repository root, as code hosts expect them.

GitHub code scanning, GitHub annotations and GitLab Code Quality place a finding by its path in
the repository. Reports name files as given on the command line, so a run from a subfolder
(``cd content && copydesk check .``) must still say ``content/a.md``. The root is the enclosing
Git work tree of the current folder, or the current folder outside Git.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import quote


def repo_root(cwd: str | None = None) -> Path:
    """The Git work tree containing ``cwd`` (default: the current folder), else ``cwd``."""
    return _root(os.path.abspath(cwd or os.getcwd()))


@lru_cache(maxsize=8)
def _root(cwd: str) -> Path:
    here = Path(cwd)
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def repo_path(path: str, root: Path | None = None) -> str:
    """``path`` as a POSIX path relative to the root; absolute when it is outside."""
    root = root or repo_root()
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, root)
    except ValueError:  # another drive on Windows
        return Path(full).as_posix()
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return Path(full).as_posix()
    return Path(rel).as_posix()


def file_uri(path: Path) -> str:
    """``file:`` URI of a folder, with the trailing slash SARIF base URIs need."""
    uri = path.resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def uri_reference(posix_path: str) -> str:
    """A relative path as a URI reference (spaces, ``#``, non-ASCII letters percent-encoded)."""
    if PurePosixPath(posix_path).is_absolute():
        return Path(posix_path).as_uri()
    return quote(posix_path, safe="/")
