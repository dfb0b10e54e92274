"""Baselines: adopt copydesk on an archive and see only new problems.

``--write-baseline FILE`` records every current finding; ``--baseline FILE`` hides the findings
recorded there. A finding is keyed by its rule, its path (relative to the baseline file's
folder) and a hash of the text it points at, plus an occurrence index among findings with the
same three; never by line number, so editing an article above an old problem keeps it hidden,
while the same problem added elsewhere is reported.

The same keys make the line-independent fingerprints of the SARIF and GitLab reports.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from checker import __version__
from checker.finding import Finding

VERSION = 1
_SPACE = re.compile(r"\s+")


class BaselineError(ValueError):
    """The baseline file is missing, unreadable or not a copydesk baseline: exit code 2."""


class Key(NamedTuple):
    """What identifies a finding across edits that only move it."""

    rule: str
    path: str
    text: str  # hash of the text the finding points at
    occurrence: int  # 0 for the first finding with the same rule, path and text, 1 for the next…

    def fingerprint(self) -> str:
        """A stable hex digest of the whole key."""
        raw = "\0".join((self.rule, self.path, self.text, str(self.occurrence)))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def text_hash(text: str) -> str:
    """Hash of a finding's text; runs of white space count as one space (reflowing is no edit)."""
    normal = _SPACE.sub(" ", text).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def finding_keys(findings: Sequence[Finding], path_of: Callable[[str], str]) -> list[Key]:
    """The key of each finding, in the order given; occurrences count in source order."""
    order = sorted(range(len(findings)), key=lambda i: findings[i].sort_key())
    seen: Counter[tuple[str, str, str]] = Counter()
    keys: list[Key | None] = [None] * len(findings)
    paths: dict[str, str] = {}
    for i in order:
        f = findings[i]
        if f.path not in paths:
            paths[f.path] = path_of(f.path)
        base = (f.rule, paths[f.path], text_hash(f.excerpt))
        keys[i] = Key(*base, seen[base])
        seen[base] += 1
    return keys  # type: ignore[return-value]


def relative_to(folder: Path) -> Callable[[str], str]:
    """A function turning a reported path into a POSIX path relative to ``folder``."""
    base = os.path.abspath(folder)

    def rel(path: str) -> str:
        full = os.path.abspath(path)
        try:
            return Path(os.path.relpath(full, base)).as_posix()
        except ValueError:  # another drive on Windows
            return Path(full).as_posix()

    return rel


class Baseline:
    """The findings recorded in a baseline file."""

    def __init__(self, path: Path, keys: Counter[Key]) -> None:
        self.path = path
        self.keys = keys

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(
                f"{path}: baseline file not found (create it with --write-baseline {path})"
            ) from None
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BaselineError(f"{path}: not a copydesk baseline (invalid JSON: {exc})") from None
        if not isinstance(data, dict) or "version" not in data:
            raise BaselineError(f"{path}: not a copydesk baseline (no version field)")
        if data["version"] != VERSION:
            raise BaselineError(
                f"{path}: baseline version {data['version']!r} is not supported "
                f"(this copydesk writes version {VERSION}); rewrite it with --write-baseline"
            )
        keys: Counter[Key] = Counter()
        entries = data.get("findings")
        if not isinstance(entries, list):
            raise BaselineError(f"{path}: 'findings' must be a list")
        for n, entry in enumerate(entries, 1):
            try:
                keys[
                    Key(
                        str(entry["rule"]),
                        str(entry["path"]),
                        str(entry["text"]),
                        int(entry["occurrence"]),
                    )
                ] += 1
            except (KeyError, TypeError, ValueError):
                raise BaselineError(
                    f"{path}: finding {n} needs rule, path, text and occurrence"
                ) from None
        return cls(path, keys)

    def filter(self, findings: list[Finding], notes: list[str] | None = None) -> list[Finding]:
        """The findings not in the baseline; a note tells when recorded ones were fixed."""
        keys = finding_keys(findings, relative_to(self.path.parent))
        left = Counter(self.keys)
        kept = []
        for finding, key in zip(findings, keys, strict=True):
            if left[key] > 0:
                left[key] -= 1
            else:
                kept.append(finding)
        fixed = sum(left.values())
        if fixed and notes is not None:
            notes.append(
                f"{fixed} finding{'s' if fixed != 1 else ''} recorded in {self.path} no longer "
                f"occur; run with --write-baseline {self.path} to drop them"
            )
        return kept


def write_baseline(path: str | Path, findings: Sequence[Finding]) -> int:
    """Record ``findings`` in ``path`` (written atomically); returns how many."""
    path = Path(path)
    keys = finding_keys(findings, relative_to(path.parent))
    entries = sorted(
        (
            {
                "rule": key.rule,
                "path": key.path,
                "text": key.text,
                "occurrence": key.occurrence,
                "excerpt": f.excerpt[:80],
            }
            for f, key in zip(findings, keys, strict=True)
        ),
        key=lambda e: (e["path"], e["rule"], e["text"], e["occurrence"]),
    )
    data = {"version": VERSION, "tool": f"copydesk {__version__}", "findings": entries}
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BaselineError(f"{path}: cannot write baseline: {exc.strerror or exc}") from None
    return len(entries)
