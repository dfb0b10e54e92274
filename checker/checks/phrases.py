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
from pathlib import Path

from checker import datacache, langdata
from checker.document import Document
from checker.finding import Finding
from checker.resources import shipped_rules_dir
from checker.rules import Rule, RuleError
from checker.text import factors as factors_module
from checker.text import saferegex
from checker.text.factors import FactorFinder, literal_factors

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


@dataclass(eq=False)
class Phrase:
    lang: str
    #: The pattern as matched (with the anchors its ``match`` adds).
    pattern: str
    match: str
    message: str
    #: Strings, one of which is in every match (case-folded): a block without any of them is
    #: skipped without running the pattern. ``None``: no shortcut (the pattern always runs).
    factors: frozenset[str] | None = None
    where: str = ""
    compiled: saferegex.SafePattern | re.Pattern | None = None

    @property
    def regex(self) -> saferegex.SafePattern | re.Pattern:
        """The compiled pattern. copydesk's own are compiled when a block first holds one of
        their factors (most never are in a run); a user's are compiled when the rule loads."""
        if self.compiled is None:
            try:
                self.compiled = re.compile(self.pattern, re.IGNORECASE)
            except re.error as exc:
                raise RuleError(f"{self.where}: invalid pattern {self.pattern!r}: {exc}") from None
        return self.compiled


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
    message = str(entry.get("message", ""))
    if trusted:
        # copydesk's own patterns (plain ``re``, tested) get the literal-factor shortcut; a
        # user's may use syntax of the ``regex`` module that ``re`` would read differently.
        # Their factors are filled in by _phrases_for (from the data cache when it can).
        return Phrase(lang, pattern, match, message, None, where)
    try:
        # A user's patterns are matched with a time limit (see checker.text.saferegex).
        regex = saferegex.compile(pattern, re.IGNORECASE, where, shown=str(entry["pattern"]))
    except re.error as exc:
        raise RuleError(f"{where}: invalid pattern {entry['pattern']!r}: {exc}") from None
    return Phrase(lang, pattern, match, message, None, where, regex)


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
    """A rule's phrases for one language with a finder of their literal factors: only phrases
    whose factor a block holds are run."""

    phrases: tuple[Phrase, ...]
    finder: FactorFinder

    def candidates(self, text: str) -> list[Phrase]:
        """The phrases that may match ``text``, in their order."""
        present = self.finder.present(text)
        return [p for p in self.phrases if p.factors is None or not p.factors.isdisjoint(present)]


@lru_cache(maxsize=256)
def _phrase_set(rule: Rule, lang: str) -> PhraseSet:
    phrases = _phrases_for(rule, lang)
    return PhraseSet(phrases, FactorFinder({f for p in phrases if p.factors for f in p.factors}))


def _phrases_for(rule: Rule, lang: str) -> tuple[Phrase, ...]:
    out: list[Phrase] = []
    langs = langdata.available() if rule.options["all_languages"] else (lang,)
    key = rule.options["data"]
    # Data is the rule pack's own unless a user folder may have added to it; inline phrases
    # are always a user's (a rule file or a config override).
    shipped_data = not langdata.extra_dirs()
    for code in langs:
        if key:
            where = f"rules/lang/{code}.yml:{key}"
            found = [_compile(e, code, where, shipped_data) for e in langdata.get(code, key) or []]
            if shipped_data:
                _add_factors(found, code, key)
            out.extend(found)
    inline = rule.options["phrases"] or {}
    if not isinstance(inline, dict):
        raise RuleError(f"{rule.source}: option 'phrases' must map a language to a list")
    for code, entries in inline.items():
        if code == "*" or code == lang or rule.options["all_languages"]:
            for entry in entries or []:
                out.append(_compile(entry, str(code), f"{rule.source}:phrases"))
    return tuple(out)


def _add_factors(phrases: list[Phrase], lang: str, key: str) -> None:
    """Give copydesk's own phrases their literal factors: worked out once, then read from the
    data cache (parsing a hundred patterns costs a fresh process 0.07 s)."""

    def build() -> list[list[str] | None]:
        found = (literal_factors(p.pattern, re.IGNORECASE) for p in phrases)
        return [sorted(f) if f is not None else None for f in found]

    data = shipped_rules_dir() / "lang" / f"{lang}.yml"
    files = [data, Path(__file__), Path(factors_module.__file__)]
    stored = datacache.derived(f"phrase-factors-{lang}-{key}", files, build)
    if not isinstance(stored, list) or len(stored) != len(phrases):
        stored = build()
    for phrase, factors in zip(phrases, stored, strict=True):
        phrase.factors = frozenset(factors) if factors is not None else None


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
        for phrase in compiled.candidates(block.text):
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
