"""One country or body named by different aliases in one article (rule ``alias-variant``).

Names come from :mod:`checker.text.aliases`: CLDR territory names of the article's language
(babel) plus the ``aliases`` of ``rules/lang/<code>.yml`` (USA, EE. UU., Vereinigten Staaten…).
What is not a second name: an adjective (américain, US-amerikanisch, English "US troops"), a
form the data calls ambiguous (America), text inside quotation marks, a headline (headlines
abbreviate by convention), a paragraph left in another language, a spelling of the same form
(``EE. UU.``/``EEUU``, ``Vereinigte``/``Vereinigten Staaten``). England is not the United
Kingdom: the data gives them different codes.

The minority form is reported at its first occurrence; a preferred form set in the
configuration (``preferred-aliases``) wins over the majority; on a tie the later form is
reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from checker import langdata
from checker.analysis import block_language
from checker.document import Block, Document
from checker.finding import Finding
from checker.rules import Rule
from checker.text.aliases import alias_table, find_aliases, fold
from checker.text.tokens import QUOTED

OPTIONS = {
    "kinds": ["lede", "paragraph", "list_item"],
    "skip_quotes": True,
    #: Code → preferred form(s) (the engine fills it from ``preferred-aliases`` in config).
    "preferred_aliases": {},
}

_NEXT_WORD = re.compile(r"[ \u00a0]([^\W\d_][\w'’]*)")


@dataclass(frozen=True)
class Use:
    block: Block
    start: int
    end: int
    written: str
    code: str

    @property
    def order(self) -> tuple[int, int]:
        return self.block.index, self.start


def form_key(written: str) -> str:
    """Spellings of one form share a key: ``U.S.``/``US``, ``Vereinigte``/``Vereinigten``."""
    folded = fold(written)
    if not any(c.islower() for c in written) or "." in written:
        return folded.replace(" ", "")
    return " ".join(w[:5] for w in folded.split())


def _is_adjective(text: str, start: int, end: int, written: str, lang: str) -> bool:
    """``US-amerikanisch``, ``pro-EU``, ``US$``; in English ``US troops`` (attributive)."""
    before = text[start - 1 : start]
    after = text[end : end + 2]
    if before in "-‐‑" and before:
        return True
    if after[:1] == "$" or (after[:1] in "-‐‑" and after[1:2].isalpha()):
        return True
    if langdata.get(lang, "alias_attributive") and not any(c.islower() for c in written):
        nxt = _NEXT_WORD.match(text, end)
        if nxt is None:
            return False
        word = nxt.group(1).lower()
        return word not in langdata.word_set(lang, "function_words") and not _noun_follower(
            lang
        ).fullmatch(word)
    return False


@lru_cache(maxsize=16)
def _noun_follower(lang: str) -> re.Pattern:
    words = [str(w) for w in langdata.get(lang, "alias_noun_followers") or []]
    return re.compile("|".join(f"(?:{w})" for w in words) or r"(?!)", re.IGNORECASE)


_PREV_WORD = re.compile(r"([^\W\d_][\w'’-]*)[ \u00a0]$")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;«»\"“”„]\s*)$")


def _inside_name(text: str, start: int, end: int, lang: str) -> bool:
    """``Team USA``, ``Bundesrepublik Deutschland``: part of a longer name.

    A capitalised word after the alias is no evidence: "degli Stati Uniti Donald Trump".
    """
    # Searches end at the alias and look back a little, not from 0: linear on long text.
    prev = _PREV_WORD.search(text, max(0, start - 100), start)
    if prev and prev.group(1)[0].isupper():
        opens = _SENTENCE_END.search(text, max(0, prev.start() - 20), prev.start())
        if not opens and prev.group(1).lower() not in langdata.word_set(lang, "function_words"):
            return True
    return False


def _declared(text: str, end: int, forms: list[tuple[int, int, str, str]], code: str) -> bool:
    """``Europäische Union (EU)``: an abbreviation introduced in brackets after the full name."""
    return any(
        c == code and text[end:a].strip() == "(" and text[b : b + 1] == ")" for a, b, _w, c in forms
    )


def uses(doc: Document, rule: Rule) -> list[Use]:
    """Every alias the article's body uses as a name, in reading order."""
    langs = (doc.lang,)
    ambiguous = {str(a) for a in langdata.get(doc.lang, "alias_ambiguous") or []}
    kinds = set(rule.options["kinds"])
    out: list[Use] = []
    declared: set[str] = set()
    for block in doc.blocks:
        if block.kind not in kinds:
            continue
        text = block.text
        quoted = (
            [(m.start(), m.end()) for m in QUOTED.finditer(text)]
            if rule.options["skip_quotes"]
            else []
        )
        found = find_aliases(text, langs)
        for start, end, written, code in found:
            if written in ambiguous or _is_adjective(text, start, end, written, doc.lang):
                continue
            if any(a <= start < b for a, b in quoted) or _inside_name(text, start, end, doc.lang):
                continue
            if _declared(text, end, found, code):
                declared.add(code)
            out.append(Use(block, start, end, written, code))
    return [u for u in out if u.code not in declared]


def _groups(found: list[Use]) -> dict[str, dict[str, list[Use]]]:
    """Code → form key → uses, for codes named in two or more ways."""
    by_code: dict[str, dict[str, list[Use]]] = {}
    for use in found:
        by_code.setdefault(use.code, {}).setdefault(form_key(use.written), []).append(use)
    return {code: forms for code, forms in by_code.items() if len(forms) > 1}


def _preferred(rule: Rule, lang: str, code: str, forms: dict[str, list[Use]]) -> str | None:
    value = (rule.options["preferred_aliases"] or {}).get(code)
    if not value:
        return None
    table = alias_table((lang,))
    for written in [value] if isinstance(value, str) else value:
        key = form_key(str(written))
        if key in forms or table.get(str(written)) == code:
            return key
    return None


def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    if not doc.lang:
        return
    found = uses(doc, rule)
    groups = _groups(found)
    if not groups:
        return
    # A paragraph left in another language names places its own way ("die USA"): skip it.
    involved = {u.block.index for forms in groups.values() for us in forms.values() for u in us}
    foreign = {i for i in involved if block_language(doc, doc.blocks[i]) is not None}
    if foreign:
        groups = _groups([u for u in found if u.block.index not in foreign])
    for code, forms in sorted(groups.items()):
        preferred = _preferred(rule, doc.lang, code, forms)
        ranked = sorted(forms, key=lambda k: (k != preferred, -len(forms[k]), forms[k][0].order))
        major = forms[ranked[0]]
        a, b = major[0].block.source_span(major[0].start, major[0].end)
        line = doc.position(a)[0]
        why = "the preferred name" if preferred == ranked[0] else f"{len(major)}×"
        for key in ranked[1:]:
            first = forms[key][0]
            start, end = first.block.source_span(first.start, first.end)
            yield rule.finding(
                doc,
                start,
                end,
                f'"{first.written}" names the same place or body as "{major[0].written}" '
                f"({why}, first on line {line}); use one name throughout",
                related=[(a, b)],
            )
