"""Lists of phrases per language: the generic kind behind boilerplate and house rules.

Phrases come from ``rules/lang/<code>.yml`` under the key named by the ``data`` option, and/or
inline in the rule's ``phrases`` option (``{lang: [...]}``, ``"*"`` for every language). Each
entry is a regular expression (case-insensitive) or a mapping::

    - {pattern: "Veröffentlicht am", match: label, message: "date label without a date"}

``match`` says how the pattern must sit in a block:

* ``search`` (default): anywhere in the block;
* ``start``: at the start of a short block (``max_words``), as a "Read more: …" prompt;
* ``block``: the whole block;
* ``label``: the whole block is the label, maybe with ``:``: a label whose value is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from checker import langdata
from checker.document import Document
from checker.finding import Finding
from checker.rules import Rule, RuleError

OPTIONS = {
    "data": "",
    "phrases": {},
    "all_languages": False,
    "kinds": ["title", "heading", "lede", "paragraph", "quote", "list_item", "meta"],
    "max_words": 20,
    "message": "{phrase}",
    "once_per_block": False,
}

_MATCHES = ("search", "start", "block", "label")
_LABEL_TAIL = r"\s*[:：\-–—]?\s*"


@dataclass(frozen=True)
class Phrase:
    lang: str
    regex: re.Pattern
    match: str
    message: str


def _compile(entry: object, lang: str, where: str) -> Phrase:
    if isinstance(entry, str):
        entry = {"pattern": entry}
    if not isinstance(entry, dict) or "pattern" not in entry:
        raise RuleError(f"{where}: each phrase must be a pattern or a mapping with 'pattern'")
    match = str(entry.get("match", "search"))
    if match not in _MATCHES:
        raise RuleError(f"{where}: match must be one of {', '.join(_MATCHES)}, not {match!r}")
    pattern = str(entry["pattern"])
    if match == "label":
        pattern = rf"^(?:{pattern}){_LABEL_TAIL}$"
    elif match == "block":
        pattern = rf"^(?:{pattern})\W*$"
    elif match == "start":
        pattern = rf"^\W*(?:{pattern})"
    else:
        pattern = rf"(?<!\w)(?:{pattern})(?!\w)"
    try:
        regex = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise RuleError(f"{where}: invalid pattern {entry['pattern']!r}: {exc}") from None
    return Phrase(lang, regex, match, str(entry.get("message", "")))


@lru_cache(maxsize=256)
def _phrases_for(rule: Rule, lang: str) -> tuple[Phrase, ...]:
    out: list[Phrase] = []
    langs = langdata.available() if rule.options["all_languages"] else (lang,)
    key = rule.options["data"]
    for code in langs:
        if key:
            for entry in langdata.get(code, key) or []:
                out.append(_compile(entry, code, f"rules/lang/{code}.yml:{key}"))
    inline = rule.options["phrases"] or {}
    if not isinstance(inline, dict):
        raise RuleError(f"{rule.source}: option 'phrases' must map a language to a list")
    for code, entries in inline.items():
        if code == "*" or code == lang or rule.options["all_languages"]:
            for entry in entries or []:
                out.append(_compile(entry, str(code), f"{rule.source}:phrases"))
    return tuple(out)


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    phrases = _phrases_for(rule, doc.lang)
    if not phrases:
        return
    kinds = set(rule.options["kinds"])
    max_words = rule.options["max_words"]
    template = rule.options["message"]
    once = rule.options["once_per_block"]
    for block in doc.blocks:
        if block.kind not in kinds:
            continue
        found = False
        for phrase in phrases:
            if once and found:
                break
            if phrase.match == "start" and block.words > max_words:
                continue
            message = phrase.message or template
            if phrase.match == "search":
                for m in phrase.regex.finditer(block.text):
                    start, end = block.source_span(m.start(), m.end())
                    text = m.group(0).strip()
                    yield rule.finding(
                        doc, start, end, message.format(phrase=text, lang=phrase.lang)
                    )
                    found = True
                    if once:
                        break
                continue
            m = phrase.regex.search(block.text)
            if m:
                start, end = block.source_span()
                shown = block.text if len(block.text) <= 60 else block.text[:59] + "…"
                yield rule.finding(doc, start, end, message.format(phrase=shown, lang=phrase.lang))
                break  # the block is one leftover; one finding says it
