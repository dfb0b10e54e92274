"""Readers turn the text of a file into a :class:`~checker.document.Document`.

One module per format; :func:`read_document` picks one by file extension.
"""

from __future__ import annotations

from pathlib import PurePath

from checker.document import Document

#: File extensions copydesk reads, and the reader for each.
FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


def format_for(path: str) -> str | None:
    """The reader name for a path, or ``None`` when copydesk does not read such files."""
    return FORMATS.get(PurePath(path).suffix.lower())


def read_document(path: str, source: str, fmt: str | None = None) -> Document:
    """Parse ``source`` (already decoded) as the format of ``path`` (or ``fmt``)."""
    fmt = fmt or format_for(path) or "text"
    if fmt == "markdown":
        from checker.readers.markdown import read_markdown

        return read_markdown(path, source)
    if fmt == "html":
        from checker.readers.html import read_html

        return read_html(path, source)
    from checker.readers.text import read_text

    return read_text(path, source)
