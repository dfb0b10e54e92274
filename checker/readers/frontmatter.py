"""Front matter (YAML between ``---`` lines, TOML between ``+++`` lines) into :class:`Meta`."""

from __future__ import annotations

import datetime as _dt
import re
import sys
from functools import lru_cache
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
            import yaml

            data = yaml.load(text, Loader=_loader()) if text.strip() else {}
        else:
            data = tomllib.loads(text)
    except Exception as exc:  # noqa: BLE001 - any parser error is the user's to fix
        return meta, _syntax_problem(kind, exc, start, source)
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
                value = _as_field(field, data[key])
                if value is None:  # a mapping or nested lists where text belongs
                    at = _key_offset(source, start, key)
                    return Meta(), Problem(
                        "front-matter",
                        f"front matter {key!r} must be text or a list of texts, "
                        f"not {type(data[key]).__name__}; the front matter was ignored",
                        at,
                        at + len(key),
                    )
                setattr(meta, field, value)
                break
    if meta.lang:
        meta.lang = normalise_lang(meta.lang)
    return meta, None


_SCALARS = (str, int, float, _dt.date)


def _scalar(value: Any) -> str:
    return value.isoformat() if isinstance(value, _dt.date) else str(value)


def _as_field(field: str, value: Any) -> Any:
    """A metadata value as text (``sources``: a list of texts); ``None`` when it is not text.

    Only texts and flat lists of texts are read: ``str()`` of a nested list built from YAML
    aliases (a "billion laughs" front matter) would take gigabytes.
    """
    if isinstance(value, _SCALARS) and not isinstance(value, bool):
        return [_scalar(value)] if field == "sources" else _scalar(value)
    if isinstance(value, (list, tuple)) and all(isinstance(v, _SCALARS) for v in value):
        items = [_scalar(v) for v in value]
        return items if field == "sources" else ", ".join(items)
    return None


def _key_offset(source: str, start: int, key: str) -> int:
    """Source offset of ``key:`` / ``key =`` in the front matter that starts at ``start``."""
    m = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*[:=]", re.M).search(source, start)
    return m.start() + m.group().index(key) if m else start


@lru_cache(maxsize=1)
def _loader() -> type:
    """The safe YAML loader, whose bad dates are errors with a position (2024-13-45 would
    otherwise be a bare ``ValueError`` with no line)."""
    import yaml

    from checker.yamlio import SafeLoader

    def timestamp(loader: Any, node: Any) -> Any:
        try:
            return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"invalid date {node.value!r} ({exc})", node.start_mark
            ) from None

    class FrontMatterLoader(SafeLoader):  # type: ignore[misc, valid-type]
        pass

    FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    return FrontMatterLoader


#: YAML constructs opened on one line and closed on another: when one is never closed, the
#: line that opened it is the one to fix.
_OPENERS = ("quoted scalar", "flow sequence", "flow mapping")


def _syntax_problem(kind: str, exc: Exception, start: int, source: str) -> Problem:
    """A YAML/TOML error as a problem at the line (and column) it is about.

    YAML names the construct that went wrong (``context``: an opened quote or bracket) and
    where it noticed (``problem``, often the closing fence): the construct is the user's
    mistake, so the finding points there and the message gives the other line.
    """
    first = source.count("\n", 0, start) + 1  # 0-based line of the first line inside
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    if not any(opener in str(getattr(exc, "context", "")) for opener in _OPENERS):
        context = None  # "while parsing a block mapping" points at the first key: no help
    what = str(getattr(exc, "problem", None) or exc).splitlines()[0]
    mark = context or problem
    if mark is not None:
        line, column = int(mark.line), int(mark.column)
        if context is not None and problem is not None and problem.line != context.line:
            what = f"{what} on line {first + problem.line + 1}, {exc.context} that starts here"
    else:
        m = re.search(r"line (\d+)(?:, column (\d+))?", str(exc))
        line = int(m.group(1)) - 1 if m else 0
        column = int(m.group(2)) - 1 if m and m.group(2) else 0
    offset = source.find("\n", start) + 1  # first line after the opening fence
    for _ in range(max(0, line)):
        nxt = source.find("\n", offset)
        if nxt == -1:
            break
        offset = nxt + 1
    end = source.find("\n", offset)
    offset = min(offset + max(0, column), end if end != -1 else len(source))
    return Problem("front-matter", f"malformed {kind.upper()} front matter: {what}", offset, offset)


def normalise_lang(value: str) -> str:
    """``fr-FR`` → ``fr``; ``pt_BR`` → ``pt``; lower case."""
    return re.split(r"[-_]", str(value).strip(), maxsplit=1)[0].lower()
