"""The name mentions of one article, computed once and shared by the name rules.

``name-variant`` (in the article) and ``corpus-name-variant`` (across the repository) read the
same names: each block is scanned once (:func:`checker.text.names.find_names`) and the result is
kept in the document's cache; German genitives (Merkels) are then stripped across the article.

:class:`WordTests` tells the words of an article that look like common words: in the lexicon,
written in lower case in the article, or (German capitalises every noun) written after a
determiner ("die Lage", "im Hafen").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.document import Block, Document
from checker.text.lexicon import STEM, lexicon_table, stem
from checker.text.names import (
    Mention,
    after_determiner,
    find_names,
    is_title_case,
    strip_genitives,
)

_WORDS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Found:
    """A mention in a block."""

    block: Block
    mention: Mention

    @property
    def order(self) -> tuple[int, int]:
        return self.block.index, self.mention.start


def collect(doc: Document, kinds: frozenset[str] | set[str]) -> list[Found]:
    """Every name mention of the article's blocks of ``kinds``, in reading order."""
    key = "names:" + ",".join(sorted(kinds))

    def compute() -> list[Found]:
        out: list[Found] = []
        for block in doc.blocks:
            if block.kind in kinds:
                out.extend(Found(block, m) for m in block_names(doc, block))
        mentions = strip_genitives([f.mention for f in out], doc.lang)
        return [
            f if f.mention is m else Found(f.block, m) for f, m in zip(out, mentions, strict=True)
        ]

    return doc.cached(key, compute)


def block_names(doc: Document, block: Block) -> list[Mention]:
    """The names of one block (cached: every name rule reads them)."""

    def compute() -> list[Mention]:
        if block.kind in ("title", "heading") and is_title_case(block.text):
            return []  # Title Case headlines capitalise every word
        return find_names(block.text, doc.lang)

    return doc.cached(f"names:block:{block.index}", compute)


class WordTests:
    """What one article says about its words: common words, and words that may be names."""

    def __init__(self, blocks: list[Block], lang: str) -> None:
        self.blocks = blocks
        self.lang = lang
        self._written: set[str] | None = None
        self._nouns: dict[str, bool] = {}
        self._text: str | None = None
        self._common: dict[str, bool] = {}

    def common(self, word: str) -> bool:
        """Written in lower case in the article, or known to the lexicon."""
        try:
            return self._common[word]
        except KeyError:
            pass
        if self._written is None:  # read the article's words on the first question only
            self._written = set()
            for block in self.blocks:
                self._written.update(_WORDS.findall(block.text))
        lower = word.lower()
        found = (lower in self._written and lower.islower()) or _in_lexicon(self.lang, word)
        self._common[word] = found
        return found

    def determined(self, word: str) -> bool:
        """Written after a determiner somewhere in the article ("die Lage"): a common noun
        where nouns are capitalised."""
        try:
            return self._nouns[word]
        except KeyError:
            pass
        if self._text is None:
            self._text = "\n".join(b.text for b in self.blocks)
        found = self._nouns[word] = after_determiner(word, self._text, self.lang)
        return found

    def name_like(self, word: str) -> bool:
        """No common word, and (where nouns are capitalised) never after a determiner."""
        return not self.common(word) and not self.determined(word)


def word_tests(doc: Document, kinds: frozenset[str] | set[str]) -> WordTests:
    """The :class:`WordTests` of the article's blocks of ``kinds`` (cached)."""
    key = "names:words:" + ",".join(sorted(kinds))
    return doc.cached(key, lambda: WordTests(doc.blocks_of(kinds), doc.lang))


@lru_cache(maxsize=65536)
def _in_lexicon(lang: str, word: str) -> bool:
    """Whether the lexicon knows the word's stem (or, for a short word, a longer stem)."""
    stems, prefixes = _lexicon(lang)
    key = stem(word)
    return key in stems or (len(key) < STEM and key in prefixes)


@lru_cache(maxsize=16)
def _lexicon(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Lexicon stems and their prefixes. A stem the lexicon pairs with itself is a name or a
    word shared with English (trump → trump): no evidence of a common word."""
    stems = frozenset(k for k, v in lexicon_table(lang).items() if k != v)
    prefixes = frozenset(k[:n] for k in stems for n in range(1, len(k)))
    return stems, prefixes
