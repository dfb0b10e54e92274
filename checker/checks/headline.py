"""Headline style: the marks of clickbait and of headlines that feeds and search results cut.

A headline is flagged for an exclamation mark, all capitals, a yes/no question used as a teaser
(a question that opens with an interrogative word, "What is …?", promises an answer and is
fine), a bait phrase ("You won't believe", "Voici pourquoi") or a length over ``max_chars``.
Quoted words are a speaker's, not the headline's voice, so marks inside quotes do not count.
Bait phrases and interrogative words come from ``rules/lang/<code>.yml`` (``headline:``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from checker import langdata
from checker.document import Block, Document
from checker.finding import Finding
from checker.rules import Rule, RuleError
from checker.text.tokens import QUOTED, words

OPTIONS = {
    "data": "headline",
    "kinds": ["title"],
    "exclamation": True,
    "all_caps": True,
    "min_caps_letters": 12,
    "question": True,
    "bait": True,
    "max_chars": 140,
    "message": "Headline style: {reasons}",
}

_QUESTION = re.compile(r"[^?]+\?")
_LEAD = re.compile(r"^[\W\d_]+")
_SEGMENT = re.compile(r".*[:|–—]\s*")


@lru_cache(maxsize=64)
def _data(lang: str, key: str) -> tuple[tuple[re.Pattern, ...], frozenset[str]]:
    data = langdata.get(lang, key) or {}
    if not isinstance(data, dict):
        raise RuleError(f"rules/lang/{lang}.yml: {key!r} must be a mapping")
    bait = []
    for pattern in data.get("bait") or []:
        try:
            bait.append(re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE))
        except re.error as exc:
            raise RuleError(f"rules/lang/{lang}.yml: bad bait pattern {pattern!r}: {exc}") from None
    question_words = frozenset(str(w).lower() for w in data.get("question_words") or [])
    return tuple(bait), question_words


def _unquoted(text: str) -> str:
    return QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def is_all_caps(text: str, min_letters: int) -> bool:
    """Shouting: nearly every cased letter is a capital (acronyms alone do not make it)."""
    cased = [c for c in text if c.isupper() or c.islower()]
    if len(cased) < min_letters:
        return False
    return sum(c.isupper() for c in cased) >= 0.9 * len(cased)


def is_teaser_question(text: str, question_words: frozenset[str]) -> bool:
    """A headline ending in a question none of whose parts opens with an interrogative word."""
    stripped = text.rstrip(" \u00a0\u202f»“”\"'’)!")
    if not stripped.endswith("?"):
        return False
    for part in _QUESTION.findall(stripped):
        part = _SEGMENT.sub("", part)
        first = words(_LEAD.sub("", part))[:2]
        if any(w in question_words for w in first):
            return False
    return True


def reasons(block: Block, lang: str, rule: Rule) -> list[str]:
    """Why a headline is clickbait or too long, in the order an editor would fix them."""
    opts = rule.options
    bait, question_words = _data(lang, opts["data"]) if opts["data"] else ((), frozenset())
    text = block.text.strip()
    own = _unquoted(text)
    found = []
    if opts["exclamation"] and "!" in own:
        found.append('an exclamation mark (a headline states the news; drop the "!")')
    if opts["all_caps"] and is_all_caps(text, opts["min_caps_letters"]):
        found.append("all capitals (write it in sentence case)")
    if opts["question"] and is_teaser_question(own, question_words):
        found.append("a yes/no question as a teaser (state the answer instead)")
    if opts["bait"]:
        for regex in bait:
            m = regex.search(text)
            if m:
                found.append(f'the bait phrase "{m.group(0)}" (say what happened)')
                break
    if opts["max_chars"] and len(text) > opts["max_chars"]:
        found.append(
            f"{len(text)} characters, over {opts['max_chars']} (feeds and search results cut it)"
        )
    return found


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    kinds = set(rule.options["kinds"])
    for block in doc.blocks:
        if block.kind not in kinds or not block.text.strip():
            continue
        found = reasons(block, doc.lang, rule)
        if found:
            start, end = block.source_span()
            message = rule.options["message"].format(reasons="; ".join(found))
            yield rule.finding(doc, start, end, message)
