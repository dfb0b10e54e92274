"""Inline suppressions: HTML comments in Markdown and HTML articles.

    <!-- copydesk-disable rule-a rule-b -->        off from here (no ids: every rule)…
    <!-- copydesk-enable rule-a -->                …on again from here
    <!-- copydesk-disable-next-line rule-a -->     the next non-blank line only
    <!-- copydesk-disable-file rule-a -->          the whole file, wherever the comment is

Ids are separated by spaces or commas; ``-- text`` after them is a free explanation. Comments in
Markdown code blocks and code spans are text, not directives. An unknown rule id or directive is
itself reported (rule ``unknown-suppression``): a typo must not silently suppress nothing.
Plain-text articles have no comments; use ``per-file-ignores`` or a baseline there.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from checker.document import Document, Problem
from checker.finding import Finding

RULE = "unknown-suppression"
ALL = "*"
KINDS = ("disable", "enable", "disable-next-line", "disable-file")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_DIRECTIVE = re.compile(r"\s*copydesk-([A-Za-z-]*)")
_ID = re.compile(r"[^\s,]+")

Position = tuple[int, int]  # (line, column), 1-based like findings


@dataclass(frozen=True)
class _State:
    """Which rules a ``disable`` / ``enable`` sequence has turned off at some point."""

    all: bool = False
    ids: frozenset[str] = frozenset()  # off (when not ``all``)
    on: frozenset[str] = frozenset()  # turned on again (when ``all``)

    def hides(self, rule: str) -> bool:
        return rule not in self.on if self.all else rule in self.ids

    def disable(self, ids: frozenset[str]) -> _State:
        if ALL in ids:
            return _State(all=True)
        if self.all:
            return _State(True, self.ids, self.on - ids)
        return _State(False, self.ids | ids)

    def enable(self, ids: frozenset[str]) -> _State:
        if ALL in ids:
            return _State()
        if self.all:
            return _State(True, self.ids, self.on | ids)
        return _State(False, self.ids - ids)


@dataclass
class Suppressions:
    """The suppressions of one file, by position; small enough to keep for corpus findings."""

    file: frozenset[str] = frozenset()
    lines: dict[int, frozenset[str]] = field(default_factory=dict)
    starts: list[Position] = field(default_factory=list)
    states: list[_State] = field(default_factory=list)

    def hides(self, finding: Finding) -> bool:
        rule = finding.rule
        if ALL in self.file or rule in self.file:
            return True
        ids = self.lines.get(finding.line)
        if ids is not None and (ALL in ids or rule in ids):
            return True
        at = bisect_right(self.starts, (finding.line, finding.column)) - 1
        return at >= 0 and self.states[at].hides(rule)


@dataclass(frozen=True)
class Directive:
    """One ``copydesk-…`` comment: its kind, the rule ids (``*`` for all) and source span."""

    kind: str
    ids: frozenset[str]
    start: int
    end: int


def scan(doc: Document, known: Collection[str]) -> tuple[Suppressions | None, list[Problem]]:
    """The suppressions written in ``doc``, and a problem for each unknown rule or directive."""
    directives, problems = parse_directives(doc, known)
    if not directives:
        return None, problems
    sup = Suppressions()
    state = _State()
    for d in directives:
        if d.kind == "disable-file":
            sup.file |= d.ids
        elif d.kind == "disable-next-line":
            line = _next_line(doc, d.end)
            sup.lines[line] = sup.lines.get(line, frozenset()) | d.ids
        else:
            state = state.disable(d.ids) if d.kind == "disable" else state.enable(d.ids)
            # A disable starts after its comment; an enable ends where its comment starts.
            sup.starts.append(doc.position(d.end if d.kind == "disable" else d.start))
            sup.states.append(state)
    return sup, problems


def parse_directives(
    doc: Document, known: Collection[str]
) -> tuple[list[Directive], list[Problem]]:
    """Every ``copydesk-…`` comment of the document, in source order."""
    directives: list[Directive] = []
    problems: list[Problem] = []
    for start, end, text in comments(doc):
        m = _DIRECTIVE.match(text)
        if not m:
            continue
        body = start + 4  # where ``text`` starts in the source
        kind = m.group(1)
        if kind not in KINDS:
            problems.append(
                Problem(
                    RULE,
                    f"Unknown directive 'copydesk-{kind}': use "
                    + ", ".join(f"copydesk-{k}" for k in KINDS),
                    body + m.start(1) - len("copydesk-"),
                    body + m.end(1),
                )
            )
            continue
        rest = text[m.end() :]
        cut = rest.find("--")  # ``-- why`` explains the suppression
        if cut != -1:
            rest = rest[:cut]
        ids: set[str] = set()
        for idm in _ID.finditer(rest):
            rule_id = idm.group()
            if rule_id.lower() == "all":
                ids.add(ALL)
            elif rule_id in known:
                ids.add(rule_id)
            else:
                a = body + m.end() + idm.start()
                problems.append(Problem(RULE, _unknown(rule_id, kind, known), a, a + len(rule_id)))
        if ids or not _ID.search(rest):  # no ids at all: every rule
            directives.append(Directive(kind, frozenset(ids or {ALL}), start, end))
    return directives, problems


def _unknown(rule_id: str, kind: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(rule_id, list(known), n=1, cutoff=0.75)
    hint = f"; did you mean '{close[0]}'?" if close else " (run `copydesk rules` to list them)"
    return f"Unknown rule id '{rule_id}' in a copydesk-{kind} comment{hint}"


def _next_line(doc: Document, offset: int) -> int:
    """The first non-blank line after the one where ``offset`` is."""
    line, _col = doc.position(offset)
    starts = doc.line_starts
    while line < len(starts):
        line += 1
        a = starts[line - 1]
        b = starts[line] if line < len(starts) else len(doc.source)
        if doc.source[a:b].strip():
            return line
    return line + 1


def apply(findings: list[Finding], by_path: dict[str, Suppressions]) -> list[Finding]:
    """The findings that no inline suppression hides."""
    if not by_path:
        return findings
    return [f for f in findings if f.path not in by_path or not by_path[f.path].hides(f)]


# -- finding the comments ----------------------------------------------------------------------
def comments(doc: Document) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` of the HTML comments that are markup (not text) in ``doc``."""
    if "copydesk-" not in doc.source:
        return []
    if doc.format == "html":
        out = []
        for start, text in doc.directives:
            close = doc.source.find("-->", start + 4)
            out.append((start, close + 3 if close != -1 else len(doc.source), text))
        return out
    if doc.format == "markdown":
        return _markdown_comments(doc.source)
    return []


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def _markdown_comments(source: str) -> list[tuple[int, int, str]]:
    """Comments markdown-it reads as HTML (blocks or inline), never those in code."""
    from checker.readers.frontmatter import split_front_matter

    end_fm = split_front_matter(source)[3]
    # Blank the front matter, keeping line breaks, so token line maps stay true.
    body = "".join(c if c == "\n" else " " for c in source[:end_fm]) + source[end_fm:]
    starts = [0] + [i + 1 for i, c in enumerate(body) if c == "\n"]

    def span(lines: list[int]) -> tuple[int, int]:
        a = starts[lines[0]] if lines[0] < len(starts) else len(body)
        b = starts[lines[1]] if lines[1] < len(starts) else len(body)
        return a, b

    out: list[tuple[int, int, str]] = []
    for tok in _parser().parse(body):
        if tok.map is None:
            continue
        if tok.type == "html_block":
            a, b = span(tok.map)
            out.extend((m.start(), m.end(), m.group(1)) for m in _COMMENT.finditer(body, a, b))
        elif tok.type == "inline" and any(
            c.type == "html_inline" and c.content.startswith("<!--") for c in tok.children or []
        ):
            out.extend(_inline_comments(body, *span(tok.map), tok.children))
    return out


def _inline_comments(body: str, a: int, b: int, children) -> Iterable[tuple[int, int, str]]:
    """Locate inline comments in order, stepping over text and code spans before them."""
    cursor = a
    for child in children:
        if child.type == "code_inline":
            at = body.find(child.markup, cursor, b)
            close = body.find(child.markup, at + len(child.markup), b) if at != -1 else -1
            if close != -1:
                cursor = close + len(child.markup)
        elif child.type == "text" and child.content:
            at = body.find(child.content, cursor, b)
            if at != -1:
                cursor = at + len(child.content)
        elif child.type == "html_inline" and child.content.startswith("<!--"):
            at = body.find(child.content, cursor, b)
            m = _COMMENT.match(body, at) if at != -1 else None
            if m:
                yield m.start(), m.end(), m.group(1)
                cursor = m.end()
