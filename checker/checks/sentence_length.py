"""Sentences longer than a number of words: the kind behind long-sentence.

Words are what an editor counts: runs of text between spaces that hold a letter or a digit.
URLs and bracketed source tags ("[example.org]") are not words. Romance languages need more
words than English or German for the same sentence, so ``max_words_by_lang`` sets a limit per
language that wins over ``max_words``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.analysis import sentences
from checker.document import Document
from checker.finding import Finding
from checker.rules import Rule
from checker.text.tokens import without_links

OPTIONS = {
    "max_words": 40,
    "max_words_by_lang": {},
    "kinds": ["lede", "paragraph", "quote", "list_item"],
    "message": "Sentence of {words} words (more than {limit}): split it in two",
}


#: A whitespace-separated token that holds a letter or a digit.
_WORD = re.compile(r"(?<!\S)(?=\S*?[^\W_])\S+")


def word_count(text: str) -> int:
    """Words of a sentence, without URLs and source tags."""
    return len(_WORD.findall(without_links(text)))


def limit_for(rule: Rule, lang: str) -> int:
    by_lang = rule.options["max_words_by_lang"] or {}
    return int(by_lang.get(lang, rule.options["max_words"]))


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    limit = limit_for(rule, doc.lang)
    if limit <= 0:
        return
    kinds = set(rule.options["kinds"])
    for block in doc.blocks:
        if block.kind not in kinds or block.words <= limit:
            continue
        for sentence in sentences(doc, block):
            n = word_count(sentence.text)
            if n > limit:
                start, end = block.source_span(sentence.start, sentence.end)
                message = rule.options["message"].format(words=n, limit=limit)
                yield rule.finding(doc, start, end, message)
