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
from checker.text import saferegex

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
    regex: saferegex.SafePattern | re.Pattern
    match: str
    message: str


def _compile(entry: object, lang: str, where: str, trusted: bool = False) -> Phrase:
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
        # A user's patterns are matched with a time limit (see checker.text.saferegex).
        regex = saferegex.compile(
            pattern, re.IGNORECASE, where, shown=str(entry["pattern"]), trusted=trusted
        )
    except re.error as exc:
        raise RuleError(f"{where}: invalid pattern {entry['pattern']!r}: {exc}") from None
    return Phrase(lang, regex, match, str(entry.get("message", "")))


def validate(options: dict, where: str) -> None:
    """Inline phrases must map languages to lists of patterns that compile (at load time, so a
    typo stops the run before any file is read, naming the rule file)."""
    inline = options.get("phrases") or {}
    if not isinstance(inline, dict):
        raise RuleError(f"{where}: option 'phrases' must map a language to a list of patterns")
    for code, entries in inline.items():
        if not isinstance(entries, list):
            raise RuleError(
                f"{where}: phrases for {code!r} must be a list of patterns, not "
                f"{type(entries).__name__}"
            )
        for entry in entries:
            _compile(entry, str(code), f"{where}:phrases")


@dataclass(frozen=True)
class PhraseSet:
    """A rule's phrases for one language, with one combined pattern per kind of match that
    tells at a glance whether any of them can match a block (most blocks match none)."""

    phrases: tuple[Phrase, ...]
    #: ``match`` → combined pattern, or ``None`` when one could not be built (then every
    #: phrase is tried, as without a gate).
    gates: dict[str, re.Pattern | None]

    def may_match(self, match: str, text: str) -> bool:
        gate = self.gates.get(match)
        return gate is None or gate.search(text) is not None


def _gate(phrases: list[Phrase]) -> re.Pattern | None:
    """One alternation of the phrases' patterns: it matches a text iff one of them does.

    Only for copydesk's own patterns (user patterns run under a time limit, one by one) and
    only when no pattern refers to its own groups (their numbers change in an alternation) or
    sets inline flags (a global one would spread to the other patterns on older Pythons).
    """
    if not phrases or not all(isinstance(p.regex, re.Pattern) for p in phrases):
        return None
    sources = [p.regex.pattern for p in phrases]
    if any(_UNSAFE_IN_ALTERNATION.search(s) for s in sources):
        return None
    try:
        return re.compile("|".join(f"(?:{s})" for s in sources), re.IGNORECASE)
    except re.error:
        return None


_UNSAFE_IN_ALTERNATION = re.compile(r"\\[1-9]|\(\?P=|\(\?[aiLmsux-]")


@lru_cache(maxsize=256)
def _phrase_set(rule: Rule, lang: str) -> PhraseSet:
    phrases = _phrases_for(rule, lang)
    gates = {m: _gate([p for p in phrases if p.match == m]) for m in _MATCHES}
    return PhraseSet(phrases, gates)


def _phrases_for(rule: Rule, lang: str) -> tuple[Phrase, ...]:
    out: list[Phrase] = []
    langs = langdata.available() if rule.options["all_languages"] else (lang,)
    key = rule.options["data"]
    # Data is the rule pack's own unless a user folder may have added to it; inline phrases
    # are always a user's (a rule file or a config override).
    shipped_data = not langdata.extra_dirs()
    for code in langs:
        if key:
            for entry in langdata.get(code, key) or []:
                out.append(_compile(entry, code, f"rules/lang/{code}.yml:{key}", shipped_data))
    inline = rule.options["phrases"] or {}
    if not isinstance(inline, dict):
        raise RuleError(f"{rule.source}: option 'phrases' must map a language to a list")
    for code, entries in inline.items():
        if code == "*" or code == lang or rule.options["all_languages"]:
            for entry in entries or []:
                out.append(_compile(entry, str(code), f"{rule.source}:phrases"))
    return tuple(out)


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    compiled = _phrase_set(rule, doc.lang)
    if not compiled.phrases:
        return
    kinds = set(rule.options["kinds"])
    max_words = rule.options["max_words"]
    template = rule.options["message"]
    once = rule.options["once_per_block"]
    for block in doc.blocks:
        if block.kind not in kinds:
            continue
        found = False
        possible = {m for m in _MATCHES if compiled.may_match(m, block.text)}
        if not possible:
            continue
        for phrase in compiled.phrases:
            if once and found:
                break
            if phrase.match not in possible:
                continue
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
