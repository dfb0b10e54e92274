"""Front matter (YAML between ``---`` lines, TOML between ``+++`` lines) into :class:`Meta`."""

from __future__ import annotations

import datetime as _dt
import re
import sys
from typing import Any

from checker.document import Meta, Problem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_FENCES = {"---": ("yaml", ("---", "...")), "+++": ("toml", ("+++",))}

_KEYS = {
    "title": ("title", "headline"),
    "lang": ("lang", "language", "locale", "inLanguage"),
    "date": (
        "date",
        "publishdate",
        "publishDate",
        "published",
        "pubDate",
        "pubdate",
        "date_published",
        "datePublished",
    ),
    "author": ("author", "authors", "byline"),
    "sources": ("sources", "source"),
    "translation_of": ("translation_of", "translationOf", "translation-of"),
}


def split_front_matter(source: str) -> tuple[str, str, int, int, Problem | None]:
    """Find the front matter block.

    Returns ``(kind, text, start, end, problem)`` where ``start:end`` is the source span of the
    whole block including fences (``0, 0`` when there is none).
    """
    text = source[1:] if source.startswith("\ufeff") else source
    bom = len(source) - len(text)
    first = text.split("\n", 1)[0].rstrip("\r").strip()
    if first not in _FENCES:
        return "", "", 0, 0, None
    kind, closers = _FENCES[first]
    pos = text.find("\n") + 1
    body_start = pos
    while pos and pos <= len(text):
        nl = text.find("\n", pos)
        line = text[pos : nl if nl != -1 else len(text)].rstrip("\r")
        if line.strip() in closers and line == line.strip():
            end = nl + 1 if nl != -1 else len(text)
            return kind, text[body_start:pos], bom, bom + end, None
        if nl == -1:
            break
        pos = nl + 1
    problem = Problem(
        "front-matter",
        f"{kind.upper()} front matter opened on line 1 is never closed with {closers[0]!r}",
        bom,
        bom + len(first),
    )
    return kind, "", 0, 0, problem


def parse_front_matter(
    kind: str, text: str, start: int, source: str
) -> tuple[Meta, Problem | None]:
    """Parse front matter text into :class:`Meta`; a syntax error becomes a :class:`Problem`."""
    meta = Meta()
    data: Any
    try:
        if kind == "yaml":
            from checker.yamlio import safe_load

            data = safe_load(text) if text.strip() else {}
        else:
            data = tomllib.loads(text)
    except Exception as exc:  # noqa: BLE001 - any parser error is the user's to fix
        line = _error_line(exc)
        offset = source.find("\n", start) + 1  # first line after the opening fence
        for _ in range(max(0, line)):
            nxt = source.find("\n", offset)
            if nxt == -1:
                break
            offset = nxt + 1
        message = str(getattr(exc, "problem", None) or exc).splitlines()[0]
        return meta, Problem(
            "front-matter", f"malformed {kind.upper()} front matter: {message}", offset, offset
        )
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return meta, Problem(
            "front-matter",
            f"{kind.upper()} front matter is not a mapping of keys to values",
            start,
            start + 3,
        )
    meta.raw = data
    for field, keys in _KEYS.items():
        for key in keys:
            if key in data and data[key] not in (None, "", []):
                setattr(meta, field, _as_field(field, data[key]))
                break
    if meta.lang:
        meta.lang = normalise_lang(meta.lang)
    return meta, None


def _as_field(field: str, value: Any) -> Any:
    if field == "sources":
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value]
        return [str(value)]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def _error_line(exc: Exception) -> int:
    """0-based line of a YAML/TOML error inside the front matter text."""
    mark = getattr(exc, "problem_mark", None)
    if mark is not None:
        return int(mark.line)
    m = re.search(r"line (\d+)", str(exc))
    return int(m.group(1)) - 1 if m else 0


def normalise_lang(value: str) -> str:
    """``fr-FR`` → ``fr``; ``pt_BR`` → ``pt``; lower case."""
    return re.split(r"[-_]", str(value).strip(), maxsplit=1)[0].lower()
