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

        doc = read_markdown(path, source)
    elif fmt == "html":
        from checker.readers.html import read_html

        doc = read_html(path, source)
    else:
        from checker.readers.text import read_text

        doc = read_text(path, source)
    return _bounded(doc)


def _bounded(doc: Document) -> Document:
    """A block of a megabyte is checked in parts (see :mod:`checker.readers.limits`)."""
    from checker.readers.limits import split_long_blocks

    blocks = split_long_blocks(doc.blocks)
    if blocks is not doc.blocks:
        doc.blocks = blocks
        for i, block in enumerate(blocks):
            block.index = i
    return doc
