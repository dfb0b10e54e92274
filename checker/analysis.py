"""Per-document analyses that several checks share, computed lazily and cached on the document.

Checks call these instead of recomputing: the language of each block and the sentences of each
block are worked out once per document, and only if some rule needs them.
"""

from __future__ import annotations

from checker.document import Block, Document, Sentence
from checker.text.langid import Verdict, foreign_language, only_own_words
from checker.text.sentences import split_sentences


def sentences(doc: Document, block: Block) -> list[Sentence]:
    """The sentences of a block."""
    key = f"sentences:{block.index}"
    return doc.cached(
        key, lambda: [Sentence(block, a, b) for a, b in split_sentences(block.text, doc.lang)]
    )


def all_sentences(doc: Document) -> list[Sentence]:
    """Every sentence of every block, in order."""
    return doc.cached("sentences", lambda: [s for b in doc.blocks for s in sentences(doc, b)])


def block_language(
    doc: Document,
    block: Block,
    min_letters: int = 10,
    short_letters: int = 40,
    min_probability: float = 0.9,
) -> Verdict | None:
    """The block's language when it is confidently not the article's; else ``None``."""
    if own_words(doc, block):
        return None  # foreign_language's first test, shared by every set of parameters
    key = f"foreign:{block.index}:{min_letters}:{short_letters}:{min_probability}"
    return doc.cached(
        key,
        lambda: foreign_language(
            block.text,
            doc.lang,
            doc.candidate_langs,
            min_letters,
            short_letters,
            min_probability,
            words_checked=True,
        ),
    )


def own_words(doc: Document, block: Block) -> bool:
    """Whether no word of the block belongs only to another language's function words
    (:func:`~checker.text.langid.only_own_words`): then neither the block nor any sentence
    of it is in another language."""
    return doc.cached(
        f"own-words:{block.index}",
        lambda: only_own_words(block.text, doc.candidate_langs, doc.lang),
    )


def text_language(
    doc: Document,
    text: str,
    min_letters: int = 10,
    short_letters: int = 40,
    min_probability: float = 0.9,
) -> Verdict | None:
    """Like :func:`block_language` for any piece of the article (a sentence)."""
    return foreign_language(
        text, doc.lang, doc.candidate_langs, min_letters, short_letters, min_probability
    )
