"""The document model: an article as blocks of text, each mapped back to its exact source span.

Readers (``checker.readers``) build a :class:`Document`; checks only ever read it. Every block keeps
``offsets``, the source offset of each of its characters, so a finding on any part of any block
gets a true line and column even after Markdown markup or HTML entities were removed.
Analyses (language, sentences, names…) are computed lazily, once per document, via
:meth:`Document.cached`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

#: Block kinds, from the most to the least prominent.
TITLE = "title"
HEADING = "heading"
LEDE = "lede"
PARAGRAPH = "paragraph"
QUOTE = "quote"
LIST_ITEM = "list_item"
META = "meta"
BODY_KINDS = frozenset({LEDE, PARAGRAPH, QUOTE, LIST_ITEM})


@dataclass
class Block:
    """A title, heading, paragraph, quote or list item: the unit most rules reason about."""

    kind: str
    text: str
    #: ``offsets[i]`` is the source offset of ``text[i]``; one extra entry marks the end.
    offsets: Sequence[int]
    index: int = 0
    #: Language declared on the element itself (HTML ``lang``), if any.
    lang: str | None = None
    #: Links in the block: ``(href, start, end)`` with ``text[start:end]`` the link text.
    links: list[tuple[str, int, int]] = field(default_factory=list)
    _word_count: int = field(default=-1, repr=False, compare=False)

    def source_span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        """Source offsets ``[a, b)`` of ``text[start:end]``."""
        if end is None:
            end = len(self.text)
        if not self.text:
            return self.offsets[0], self.offsets[0]
        start = max(0, min(start, len(self.text) - 1))
        end = max(start + 1, min(end, len(self.text)))
        return self.offsets[start], self.offsets[end - 1] + 1

    @property
    def words(self) -> int:
        """How many whitespace-separated words the block has (counted once)."""
        if self._word_count < 0:
            self._word_count = len(self.text.split())
        return self._word_count


@dataclass(frozen=True)
class Sentence:
    """A sentence inside a block, as ``block.text[start:end]``."""

    block: Block
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]


@dataclass
class Meta:
    """What the article says about itself: front matter, HTML ``<meta>``, a dateline."""

    title: str | None = None
    lang: str | None = None
    date: str | None = None
    author: str | None = None
    sources: list[str] = field(default_factory=list)
    translation_of: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    """Something a reader could not make sense of (bad front matter, unreadable file)."""

    rule: str
    message: str
    start: int = 0
    end: int = 0


class Document:
    """One article: its source text, metadata and blocks, plus cached analyses."""

    def __init__(
        self,
        path: str,
        source: str,
        fmt: str,
        meta: Meta | None = None,
        blocks: list[Block] | None = None,
        problems: list[Problem] | None = None,
        directives: list[tuple[int, str]] | None = None,
    ) -> None:
        self.path = path
        self.source = source
        self.format = fmt
        self.meta = meta or Meta()
        self.blocks = blocks or []
        for i, block in enumerate(self.blocks):
            block.index = i
        self.problems = problems or []
        #: Inline comments such as ``copydesk-disable`` with their source offsets.
        self.directives = directives or []
        self._line_starts: list[int] | None = None
        self._cache: dict[str, Any] = {}
        #: Set by the engine: the article language and the languages to tell apart.
        self.lang: str = self.meta.lang or ""
        self.candidate_langs: tuple[str, ...] = ()
        #: Set by the engine for a translation: the parsed source article (see checker.pairs)
        #: and its path as reported; pair rules compare the two.
        self.pair_source: Document | None = None
        self.pair_source_path: str = ""

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {self.format}, {len(self.blocks)} blocks)"

    # -- positions -------------------------------------------------------------------------
    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            src = self.source
            pos = src.find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = src.find("\n", pos + 1)
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; columns count code points."""
        offset = max(0, min(offset, len(self.source)))
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def offset_of_line(self, line: int) -> int:
        """Source offset where a 1-based line starts."""
        starts = self.line_starts
        return starts[max(0, min(line, len(starts)) - 1)]

    def excerpt(self, start: int, end: int, limit: int = 200) -> str:
        """The source text of a span, cut at its first line end and at ``limit`` characters."""
        text = self.source[start:end]
        cut = text.find("\n")
        if cut != -1:
            text = text[:cut]
        return text[:limit].rstrip("\r")

    # -- analyses --------------------------------------------------------------------------
    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """Compute an analysis once per document, only when a rule asks for it."""
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = compute()
            return value

    @property
    def text(self) -> str:
        """All block texts joined by blank lines: what language detection reads."""
        return self.cached("text", lambda: "\n\n".join(b.text for b in self.blocks))

    def blocks_of(self, kinds: frozenset[str] | set[str]) -> list[Block]:
        return [b for b in self.blocks if b.kind in kinds]

    @property
    def title(self) -> Block | None:
        for block in self.blocks:
            if block.kind == TITLE:
                return block
        return None
