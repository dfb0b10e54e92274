"""Locale typography: spaces around ; : ! ? and « », quotation marks, apostrophes, ¿ and ¡.

What each language expects comes from ``rules/lang/<code>.yml`` under ``typography:``:

* ``space_before``: ``required`` (French: a no-break space before ; : ! ?) or ``none``;
* ``quotes``: the quotation-mark styles the language uses for a quotation (``guillemets`` « »,
  ``german`` „ “, ``reversed`` » «, ``curly`` “ ”, ``straight`` " "); nested quotations are
  free, and an article keeps to one style;
* ``quote_space``: ``required`` (French « texte »), ``none`` (Spanish «texto») or ``any``;
* ``inverted``: Spanish ¿…? and ¡…! pairs.

Each kind of problem is reported once per block, at its first occurrence, with the fix. URLs,
source tags, times and scores (10:30, 2:1), emoticons and text removed by a reader (inline
code) are never flagged, nor marks inside a quotation that is in another language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checker import langdata
from checker.analysis import block_language, sentences, text_language
from checker.document import Block, Document
from checker.finding import Finding
from checker.rules import Rule, RuleError
from checker.text.tokens import (
    BRACKET_TAG,
    DOMAIN,
    URL,
    letters,
    may_hold_domain,
    may_hold_url,
    words,
)

OPTIONS = {
    "data": "typography",
    "no_break_space": True,
    "spacing": True,
    "quotes": True,
    "apostrophes": True,
    "inverted_marks": True,
    "kinds": ["title", "heading", "lede", "paragraph", "quote", "list_item"],
}

FAMILIES = {
    "guillemets": ("«", "»", "« … »"),
    "german": ("„", "“”", "„ … “"),
    "reversed": ("»", "«", "» … «"),
    "curly": ("“", "”", "“ … ”"),
    "straight": ('"', '"', '" … "'),
}
_QUOTE_CHARS = frozenset('«»„“”"')
_MASK = "\x00"
_QUOTE_CHAR = re.compile("[" + "".join(sorted(_QUOTE_CHARS)) + "]")
_NBSP_CHARS = "\u00a0\u202f\u2007\u2060"
_NBSP_ENTITY = re.compile(r"&(?:nbsp|#160|#x0*a0|#8239|#x202f|#8199|NonBreakingSpace);", re.I)
_PUNCT = re.compile(r"[;:!?]")
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’](?=[^\W\d_])")
_OPENERS = "([{«„“‚‘\"'/—–-"
_LETTER = re.compile(r"[^\W\d_]")
_WORD_AFTER = re.compile(r"[^\W\d_]+")
_ENGLISH_ENDINGS = frozenset({"s", "t", "m", "d", "re", "ve", "ll"})
_INVERTED = {"¿": "question", "¡": "exclamation"}
_EMOTICON = re.compile(r"[:;]-?[()DPp](?![^\W\d_])")


@dataclass(frozen=True)
class Quote:
    """A quotation in a block: its style, where it opens and closes, and how deep it sits."""

    family: str
    start: int
    end: int | None
    depth: int


@dataclass
class Problem:
    kind: str
    index: int
    message: str
    count: int = 1
    detail: str = ""


# -- helpers ---------------------------------------------------------------------------------
def _settings(rule: Rule, lang: str) -> dict[str, Any]:
    key = rule.options["data"]
    data = langdata.get(lang, key) if key else None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RuleError(f"rules/lang/{lang}.yml: {key!r} must be a mapping")
    unknown = [f for f in data.get("quotes") or [] if f not in FAMILIES]
    if unknown:
        raise RuleError(
            f"rules/lang/{lang}.yml: unknown quote style {unknown[0]!r} "
            f"(known: {', '.join(FAMILIES)})"
        )
    return data


def masked(text: str) -> str:
    """The block text with URLs, domains and source tags blanked out (same length)."""
    if may_hold_url(text):
        text = URL.sub(_mask, text)
    if "[" in text:
        text = BRACKET_TAG.sub(_mask, text)
    if may_hold_domain(text):
        text = DOMAIN.sub(_mask, text)
    return text


def _mask(m: re.Match) -> str:
    return _MASK * len(m.group(0))


def _looks_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in _OPENERS) and not after.isspace()


def quotations(text: str, lang_families: set[str]) -> list[Quote]:
    """Quotations of a block, paired with a stack so that nested quotations are told apart."""
    stack: list[tuple[str, int]] = []
    found: list[Quote] = []
    for m in _QUOTE_CHAR.finditer(text):
        i, ch = m.start(), m.group(0)
        if stack and ch in FAMILIES[stack[-1][0]][1]:
            family, start = stack.pop()
            found.append(Quote(family, start, i, len(stack)))
            continue
        family = None
        if ch == "«":
            family = "guillemets"
        elif ch == "„":
            family = "german"
        elif ch == "»" and "reversed" in lang_families and _looks_opening(text, i):
            family = "reversed"
        elif ch == "“" and _looks_opening(text, i):
            family = "curly"
        elif ch == '"' and _looks_opening(text, i):
            family = "straight"
        if family:
            stack.append((family, i))
    found.extend(Quote(family, start, None, depth) for depth, (family, start) in enumerate(stack))
    return sorted(found, key=lambda q: q.start)


def _no_break(doc: Document, block: Block, first: int, last: int) -> bool:
    """Whether the spaces ``block.text[first:last]`` are (or come from) a no-break space."""
    if any(c in _NBSP_CHARS for c in block.text[first:last]):
        return True
    a = block.offsets[first]
    b = block.offsets[last] if last < len(block.offsets) else a + 1
    gap = doc.source[a:b]
    return any(c in _NBSP_CHARS for c in gap) or bool(_NBSP_ENTITY.search(gap))


def _removed_between(doc: Document, block: Block, before: int, at: int) -> bool:
    """Whether the reader dropped something (inline code, markup) between two characters."""
    gap = doc.source[block.offsets[before] + 1 : block.offsets[at]]
    return "`" in gap or "<" in gap


def _space_run(text: str, i: int) -> int:
    j = i
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return j


def _foreign(doc: Document, text: str) -> bool:
    """Whether a quotation is in another language (a short one needs our function words)."""
    if text_language(doc, text) is not None:
        return True
    if letters(text) >= 40:
        return False
    own = langdata.word_set(doc.lang, "function_words")
    return not any(w in own for w in words(text))


def _in_foreign_quote(doc: Document, block: Block, quotes: list[Quote], index: int) -> bool:
    for q in quotes:
        if q.depth == 0 and q.start < index and (q.end is None or index < q.end):
            inner = block.text[q.start + 1 : q.end if q.end is not None else len(block.text)]
            return _foreign(doc, inner)
    return False


# -- the checks ------------------------------------------------------------------------------
def _spacing(doc, block, text, conf, rule, quotes, lang_name) -> list[Problem]:
    required = conf.get("space_before") == "required"
    strict = rule.options["no_break_space"]
    out: list[Problem] = []
    for m in _PUNCT.finditer(text):
        i, mark = m.start(), m.group(0)
        before = text[i - 1] if i > 0 else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if i == 0 or before in "!?;:…" + _MASK:
            continue  # the second mark of "?!", or the end of a URL
        if mark == ":" and before.isdigit() and after.isdigit():
            continue  # 10:30, 2:1
        if mark in ":;" and _EMOTICON.match(text, i):
            continue
        if before in "([{«„“\"'":
            continue  # "(?)", "(!)", a mark quoted on its own
        if before.isspace():
            j = _space_run(text, i)
            if j == 0:
                continue
            word = (text[max(0, j - 12) : j].split() or [""])[-1]
            if required:
                if strict and not _no_break(doc, block, j, i):
                    message = (
                        f'{lang_name} typography: the space before "{mark}" must be a '
                        f'no-break space (U+00A0, or narrow U+202F) so that "{mark}" never '
                        "starts a line"
                    )
                    out.append(Problem("space-plain", j, message, detail=f'"{mark}"'))
            elif not _removed_between(doc, block, j - 1, i):
                message = (
                    f'No space before "{mark}" in {lang_name}: write "{word}{mark}", '
                    f'not "{word} {mark}"'
                )
                out.append(Problem("space-extra", j, message, detail=f'"{mark}"'))
        elif required:
            word = (text[max(0, i - 12) : i].split() or [""])[-1]
            message = (
                f'{lang_name} typography: put a no-break space before "{mark}": '
                f'"{word}{mark}" → "{word}\u00a0{mark}"'
            )
            out.append(Problem("space-missing", i, message, detail=f'"{mark}"'))
    return [p for p in out if not _in_foreign_quote(doc, block, quotes, p.index)]


def _quote_spacing(doc, block, text, conf, rule, quotes, lang_name) -> list[Problem]:
    rule_space = conf.get("quote_space", "any")
    if rule_space not in ("required", "none"):
        return []
    strict = rule.options["no_break_space"]
    out = []
    for q in quotes:
        if q.family != "guillemets":
            continue
        inner = [q.start + 1] + ([q.end - 1] if q.end is not None else [])
        for near in inner:
            if near >= len(text) or near <= q.start:
                continue
            spaced = text[near].isspace()
            if rule_space == "required" and not spaced:
                message = (
                    f"{lang_name} typography: put no-break spaces inside « … » "
                    "(U+00A0, or narrow U+202F): «texte» → «\u00a0texte\u00a0»"
                )
                out.append(Problem("quote-space-missing", near, message))
            elif rule_space == "required" and strict and not _no_break(doc, block, near, near + 1):
                message = (
                    f"{lang_name} typography: the spaces inside « … » must be no-break spaces "
                    "(U+00A0, or narrow U+202F) so that a quotation mark never ends up alone "
                    "at the start or end of a line"
                )
                out.append(Problem("quote-space-plain", near, message))
            elif rule_space == "none" and spaced:
                message = f"No space inside «…» in {lang_name}: write «…», not « … »"
                out.append(Problem("quote-space-extra", near, message))
    return out


def _quote_style(block, quotes, allowed, preferred, lang_name) -> list[Problem]:
    out = []
    for q in quotes:
        if q.depth:
            continue
        shown = FAMILIES[q.family][2]
        if q.family not in allowed:
            want = " or ".join(FAMILIES[f][2] for f in allowed)
            out.append(
                Problem(
                    "quote-style",
                    q.start,
                    f"{shown} quotation marks in {lang_name}: use {want}",
                )
            )
        elif preferred and q.family != preferred:
            out.append(
                Problem(
                    "quote-style",
                    q.start,
                    f"Quotation marks {shown} here but {FAMILIES[preferred][2]} elsewhere in "
                    f"the article: use one style ({FAMILIES[preferred][2]})",
                )
            )
    return out


def apostrophes(text: str, lang: str) -> list[tuple[int, str]]:
    """Apostrophes between letters, without English names and possessives in other languages.

    "Children's Hospital", "Sainsbury's" or "O'Hagan" inside an Italian article are copied from
    English; their apostrophe says nothing about the article's own style.
    """
    marks = []
    for m in _APOSTROPHE.finditer(text):
        i = m.start()
        if lang != "en":
            after = _WORD_AFTER.match(text, i + 1)
            if after and after.group(0).lower() in _ENGLISH_ENDINGS:
                continue
            # The word before is "O" (O'Hagan): an O with no letter before it.
            if text[i - 1] == "O" and (i < 2 or not _LETTER.match(text, i - 2)):
                continue
        marks.append((i, m.group(0)))
    return marks


def _apostrophes(marks: list[tuple[int, str]], preferred: str) -> list[Problem]:
    if len({mark for _, mark in marks}) < 2:
        return []
    other = "'" if preferred == "’" else "’"
    first = next(i for i, mark in marks if mark == other)
    n = sum(1 for _, mark in marks if mark == other)
    return [
        Problem(
            "apostrophe",
            first,
            f"Apostrophes {other} and {preferred} mixed in this paragraph: "
            f"use {preferred} throughout, as in the rest of the article",
            n,
        )
    ]


def _inverted(doc, block, text, quotes, lang_name) -> list[Problem]:
    """Spanish ¿…? and ¡…!: every closing mark needs its opener earlier in the same phrase."""
    out = []
    for sentence in sentences(doc, block):
        phrase_start = sentence.start
        i = sentence.start
        while i < sentence.end:
            if text[i] not in "?!":
                i += 1
                continue
            j = i
            while j + 1 < sentence.end and text[j + 1] in "?!":
                j += 1  # "?!" closes one phrase
            run, phrase = text[i : j + 1], text[phrase_start:i]
            openers = ("¿" if "?" in run else "") + ("¡" if "!" in run else "")
            doubt = text[i - 1 : i] == "(" and text[j + 1 : j + 2] == ")"  # "(?)"
            if not doubt and not any(o in phrase for o in openers):
                opener, kind = openers[0], _INVERTED[openers[0]]
                message = (
                    f'{lang_name} opens {kind}s with "{opener}": add it where the {kind} '
                    f'starts ("{opener}…{text[i]}")'
                )
                out.append(Problem(f"inverted{opener}", i, message))
            phrase_start = i = j + 1
        tail = text[phrase_start : sentence.end]
        for opener, closer in (("¿", "?"), ("¡", "!")):
            k = tail.find(opener)
            if k != -1:
                message = f'"{opener}" is never closed: end the {_INVERTED[opener]} with "{closer}"'
                out.append(Problem(f"unclosed{opener}", phrase_start + k, message))
    return [p for p in out if not _in_foreign_quote(doc, block, quotes, p.index)]


# -- the kind --------------------------------------------------------------------------------
def check(doc: Document, rule: Rule) -> Iterator[Finding]:
    conf = _settings(rule, doc.lang)
    if not conf:
        return
    opts = rule.options
    lang_name = str(langdata.get(doc.lang, "name") or doc.lang)
    allowed = [f for f in conf.get("quotes") or [] if f in FAMILIES]
    kinds = set(opts["kinds"])
    # A block in another language (a leftover the language rules report) has its own typography.
    blocks = [
        b for b in doc.blocks if b.kind in kinds and b.text.strip() and not block_language(doc, b)
    ]
    texts = {b.index: masked(b.text) for b in blocks}
    quotes = {b.index: quotations(texts[b.index], set(allowed)) for b in blocks}

    usage: Counter[str] = Counter()
    apostrophe_use: Counter[str] = Counter()
    apostrophe_marks: dict[int, list[tuple[int, str]]] = {}
    for b in blocks:
        usage.update(q.family for q in quotes[b.index] if q.depth == 0 and q.family in allowed)
        apostrophe_marks[b.index] = apostrophes(texts[b.index], doc.lang)
        apostrophe_use.update(mark for _, mark in apostrophe_marks[b.index])
    preferred = None
    if len(usage) > 1:
        ranked = sorted(usage, key=lambda f: (-usage[f], allowed.index(f)))
        preferred = ranked[0]
    apostrophe = "'" if apostrophe_use["'"] > apostrophe_use["’"] else "’"

    for block in blocks:
        text, qs = texts[block.index], quotes[block.index]
        problems: list[Problem] = []
        if opts["spacing"]:
            problems += _spacing(doc, block, text, conf, rule, qs, lang_name)
            problems += _quote_spacing(doc, block, text, conf, rule, qs, lang_name)
        if opts["quotes"] and allowed:
            problems += _quote_style(block, qs, allowed, preferred, lang_name)
        if opts["apostrophes"] and conf.get("apostrophes", True):
            problems += _apostrophes(apostrophe_marks[block.index], apostrophe)
        if opts["inverted_marks"] and conf.get("inverted"):
            problems += _inverted(doc, block, text, qs, lang_name)
        yield from _report(doc, rule, block, problems)


def _report(doc: Document, rule: Rule, block: Block, problems: list[Problem]) -> Iterator[Finding]:
    by_kind: dict[str, list[Problem]] = {}
    for p in sorted(problems, key=lambda p: p.index):
        by_kind.setdefault(p.kind, []).append(p)
    for group in by_kind.values():
        first = group[0]
        n = sum(p.count for p in group)
        details = list(dict.fromkeys(p.detail for p in group if p.detail))
        where = f": {' '.join(details)}" if len(details) > 1 else ""
        more = f" ({n} places in this block{where})" if n > 1 else ""
        start, end = block.source_span(first.index, first.index + 1)
        yield rule.finding(doc, start, end, first.message + more)
