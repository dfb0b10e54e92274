"""Unattributed quotations: someone's words in quotation marks, and no one said them.

A quotation is attributed by a speaker or source in its sentence ("…», a déclaré le maire",
"sagte Brehmer", "according to the statement"), by a colon that introduces it ("Le maire :
« … »", or a paragraph ending with ":" before a quotation paragraph), by "— Name" after it, or
as the continuation of an attributed sentence earlier in the same paragraph, or by an opening
that says whose view it is ("Para la directora, el premio supone « … »": ``opinion_frames``).
A paragraph that is only a quotation has no speaker. Names, titles and scare quotes are not
quotations (``checker.text.quotations``); headlines are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker import langdata
from checker.analysis import sentences
from checker.document import Block, Document
from checker.finding import Finding
from checker.rules import Rule
from checker.text.attribution import block_sources, is_list_word, opens_with_opinion_frame
from checker.text.quotations import find_quotes, is_quotation

OPTIONS = {
    "min_words": 3,
    "kinds": ["lede", "paragraph", "quote", "list_item"],
}

_DASH_NAME = re.compile(r"^[\s,]*[—–-]\s*[A-ZÀ-Þ]")


#: After a quotation that opens its sentence: a comma, then a short clause whose first word is
#: a verb (lower case) and which names someone ("…», a soupiré Jean-Luc Hébert.", "…,"
#: quipped the council leader, Claire Holland."): the speaker, whatever the verb.
_TAG_START = re.compile(r"^[\s\u00a0]*,?[\s\u00a0]*[^\W\d_A-ZÀ-Þ]")
_TAG_WORDS = 16
_TAG_NAME_WITHIN = 9


def _speaker_tag(after: str, lang: str) -> bool:
    """Whether ``after`` (the rest of the sentence after a quotation) is a speaker tag: it
    opens on a verb, not on an article or a passive ("…," the cousin, referred to as …)."""
    if not _TAG_START.match(after):
        return False
    words = after.replace(",", " ").split()
    if not words or len(words) > _TAG_WORDS:
        return False
    first = words[0].lower()
    if first in langdata.word_set(lang, "articles") or is_list_word(
        first, lang, "passive_auxiliaries"
    ):
        return False
    return any(w[:1].isupper() for w in words[1:_TAG_NAME_WITHIN])


def _introduced_by_previous(doc: Document, block: Block) -> bool:
    if block.index == 0:
        return False
    return doc.blocks[block.index - 1].text.rstrip().endswith(":")


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    lang = doc.lang
    kinds = set(rule.options["kinds"])
    min_words = rule.options["min_words"]
    for block in doc.blocks:
        if block.kind not in kinds:
            continue
        text = block.text
        quotes = [q for q in find_quotes(text, lang) if is_quotation(text, q, lang, min_words)]
        if not quotes:
            continue
        sents = sentences(doc, block)
        said_so_far = []  # whether any sentence up to this one names a speaker or source
        said = False
        for src in block_sources(doc, block, sents):
            said = said or src.sourced or opens_with_opinion_frame(src.text, lang)
            said_so_far.append(said)
        for quote in quotes:
            inside = [i for i, s in enumerate(sents) if s.start < quote.end and quote.start < s.end]
            if not inside:
                continue
            first, last = inside[0], inside[-1]
            if said_so_far[last]:
                continue
            before = text[sents[first].start : quote.start]
            if ":" in before or _DASH_NAME.match(text[quote.end :]):
                continue  # "X a répondu : « … » et « … »"
            if not before.strip() and _speaker_tag(text[quote.end : sents[last].end], lang):
                continue  # "« … », a soupiré Jean-Luc Hébert.", "„…“, frotzelte Schoeller."
            if not text[: quote.start].strip() and _introduced_by_previous(doc, block):
                continue
            start, end = block.source_span(quote.start, quote.end)
            shown = quote.inner if len(quote.inner) <= 50 else quote.inner[:49] + "…"
            yield rule.finding(
                doc, start, end, f'Quotation "{shown}" has no speaker or source: say who said it'
            )
