"""Finding the source article a translation was made from.

Three conventions, tried in this order:

1. front matter ``translation_of: <path relative to the file>`` (or ``<meta
   name="translation_of">`` in HTML). This is a promise: when the file is not there, the engine
   reports ``pair-source-missing`` once on the translation;
2. Hugo-style siblings ``name.<lang>.md`` / ``name.<lang>.html``: the source is the sibling in
   ``source-language`` (configuration), else the only sibling whose front matter has no
   ``translation_of``, else the ``en`` one;
3. parallel folders following ``pair-pattern`` (default ``content/{lang}/{path}``):
   ``content/fr/a/b.md`` is the translation of ``content/en/a/b.md``.

Siblings and folders are conventions, not promises: a French article with no English twin is
simply not a translation. :func:`read_pair_source` reads and parses the source; the engine keeps
a few parsed sources per run, since four translations often share one.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from checker.config import Config
from checker.document import Document
from checker.readers import FORMATS, format_for, read_document
from checker.readers.frontmatter import normalise_lang, parse_front_matter, split_front_matter
from checker.sources import Source, read_source, resolved
from checker.text.langid import detect_document_language

DEFAULT_SOURCE_LANGUAGE = "en"
_LANG = r"[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?"
_SIBLING = re.compile(rf"^(?P<stem>.+)\.(?P<lang>{_LANG})(?P<ext>\.[A-Za-z]+)$")
_META_KEYS = ("translation_of", "translation-of", "translationof")


@dataclass(frozen=True)
class Pair:
    """Where the source of a translation is (or should be)."""

    path: Path
    #: The source's path as shown in messages: relative when the translation's is.
    display: str
    #: How it was found: ``translation_of``, ``sibling`` or ``folder``.
    how: str
    #: Source offsets of the ``translation_of`` value in the translation (for a missing source).
    span: tuple[int, int] = (0, 0)
    #: The source's language when its file name or folder says it (``name.en.md``).
    lang: str = ""

    @property
    def exists(self) -> bool:
        return self.path.is_file()


def declared_source(doc: Document) -> str | None:
    """The ``translation_of`` the article declares, if any."""
    if doc.meta.translation_of:
        return str(doc.meta.translation_of).strip() or None
    for key in _META_KEYS:
        value = doc.meta.raw.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def find_pair(doc: Document, path: Path, display: str, config: Config) -> Pair | None:
    """The source of ``doc`` (read from ``path``, reported as ``display``), or ``None``."""
    declared = declared_source(doc)
    if declared:
        target = _resolve(declared, path, config)
        return Pair(target, _display(target, path, display), "translation_of", _span(doc, declared))
    for finder, how in ((_sibling, "sibling"), (_folder, "folder")):
        found = finder(path, config)
        if found is not None and resolved(found[0]) != resolved(path):
            return Pair(found[0], _display(found[0], path, display), how, lang=found[1])
    return None


def read_pair_source(pair: Pair, config: Config) -> tuple[Document | None, str]:
    """The parsed source article with its language settled, or ``None`` and why not."""
    name = "named by translation_of" if pair.how == "translation_of" else f"found as {pair.how}"
    if not pair.exists:
        why = "does not exist"
    elif format_for(pair.path.name) is None:
        why = "is not an article copydesk reads"
    else:
        text, problem = read_source(Source(pair.display, pair.path), config.max_file_size)
        if text is not None:
            doc = read_document(pair.display, text)
            lang = doc.meta.lang or pair.lang or config.source_language
            if not lang:
                lang = detect_document_language(doc.text, tuple(config.languages))
            doc.lang = lang
            doc.candidate_langs = tuple(sorted({*config.languages, lang} - {""}))
            return doc, ""
        why = f"cannot be read ({problem.message if problem else 'unknown error'})"
    return None, (
        f"The source {name}, {pair.display}, {why}: this translation was not compared with "
        "its source"
    )


def _resolve(declared: str, path: Path, config: Config) -> Path:
    """``translation_of`` is relative to the file; a leading ``/`` means the config's root."""
    if declared.startswith("/"):
        return (config.root / declared.lstrip("/")).resolve()
    return (path.parent / declared).resolve()


def _display(target: Path, path: Path, display: str) -> str:
    """The source path written like the translation's (``samples/en.md`` for ``samples/fr.md``)."""
    if os.path.isabs(display):
        return str(target)
    try:
        rel = os.path.relpath(target, path.resolve().parent)
    except ValueError:  # another drive on Windows
        return str(target)
    return os.path.normpath(os.path.join(os.path.dirname(display), rel))


def _span(doc: Document, declared: str) -> tuple[int, int]:
    """Where the declared path is written (the front matter line), for the finding."""
    at = doc.source.find(declared)
    return (at, at + len(declared)) if at >= 0 else (0, 0)


# -- Hugo-style siblings ------------------------------------------------------------------------
def _sibling(path: Path, config: Config) -> tuple[Path, str] | None:
    m = _SIBLING.match(path.name)
    if not m or m.group("ext").lower() not in FORMATS:
        return None
    own = normalise_lang(m.group("lang"))
    # The languages the configuration knows: a few file checks, not a folder listing (a
    # content folder may hold thousands of articles).
    langs = {*config.languages, DEFAULT_SOURCE_LANGUAGE, own}
    if config.source_language:
        langs.add(normalise_lang(config.source_language))
    siblings: dict[str, Path] = {}
    for lang in sorted(langs):
        for ext in dict.fromkeys((m.group("ext"), *FORMATS)):
            candidate = path.with_name(f"{m.group('stem')}.{lang}{ext}")
            if candidate.is_file():
                siblings.setdefault(lang, candidate)
                break
    if len(siblings) < 2:
        return None
    if config.source_language:
        wanted = normalise_lang(config.source_language)
    else:
        originals = [lang for lang, p in siblings.items() if not _declares_source(p)]
        wanted = originals[0] if len(originals) == 1 else DEFAULT_SOURCE_LANGUAGE
    if wanted == own or wanted not in siblings:
        return None
    return siblings[wanted], wanted


def _declares_source(path: Path) -> bool:
    try:
        stat = path.stat()
    except OSError:
        return False
    return _declares_source_cached(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4096)
def _declares_source_cached(path: str, _mtime: int, _size: int) -> bool:
    """Whether a sibling's front matter has ``translation_of`` (only its head is read)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            head = fh.read(8192)
    except OSError:
        return False
    kind, text, start, end, _problem = split_front_matter(head)
    if not end:
        return bool(re.search(r"<meta[^>]+name=[\"']translation[-_]?of[\"']", head, re.I))
    meta, _problem = parse_front_matter(kind, text, start, head)
    return bool(meta.translation_of)


# -- parallel folders ---------------------------------------------------------------------------
@lru_cache(maxsize=32)
def _pattern(pattern: str) -> re.Pattern | None:
    if not pattern or "{lang}" not in pattern:
        return None
    parts = re.split(r"(\{lang\}|\{path\})", pattern.strip("/"))
    regex = ""
    for part in parts:
        if part == "{lang}":
            regex += f"(?P<lang>{_LANG})"
        elif part == "{path}":
            regex += "(?P<path>.+)"
        else:
            regex += re.escape(part)
    return re.compile(f"(?:^|/){regex}$")


def _folder(path: Path, config: Config) -> tuple[Path, str] | None:
    regex = _pattern(config.pair_pattern)
    if regex is None:
        return None
    full = resolved(path).as_posix()
    m = regex.search(full)
    if not m:
        return None
    source_lang = normalise_lang(config.source_language or DEFAULT_SOURCE_LANGUAGE)
    if normalise_lang(m.group("lang")) == source_lang:
        return None
    start, end = m.span("lang")
    candidate = Path(full[:start] + source_lang + full[end:])
    return (candidate, source_lang) if candidate.is_file() else None
