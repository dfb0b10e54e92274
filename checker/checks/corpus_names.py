"""One name spelled two ways across the repository (rule ``corpus-name-variant``).

Each article leaves a compact index entry: its path, language, and each multi-word name it
writes (spelling → count and first position); never the document. After the run, names of the
articles of one language are grouped by their transliteration key, so ``Kim Jong-un`` (three
times in one article) and ``Kim Jong Un`` (once in another) meet. Only the certain and probable
tiers are used: one letter apart across articles is too often two people. Exonyms across
languages (Gorbatschow in German, Gorbachev in English) are never compared.

The majority spelling is the one most articles use (then most occurrences); the house list of
canonical names in the configuration (``canonical-names``) overrides it. An article that also
uses the majority spelling is left to ``name-variant``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from checker.document import Document
from checker.finding import Finding, Location
from checker.rules import Rule
from checker.text.mentions import collect
from checker.text.names import CERTAIN, PROBABLE, Comparer, Form, comparer_for

OPTIONS = {
    "kinds": ["title", "heading", "lede", "paragraph", "quote", "list_item"],
    "transliteration": [],
    "min_words": 2,
    #: Written form → canonical form (the engine fills it from ``canonical-names`` in config).
    "canonical_names": {},
}

_PARTS = re.compile(r"([ -])")


@dataclass
class Entry:
    """What one article contributes: its names, each with count and first position, and the
    keys the reduce step groups them by (worked out here, in the worker that read the article,
    so the reduce step after the run only sorts)."""

    path: str
    lang: str
    #: spelling → (count, line, column, end_line, end_column, excerpt)
    names: dict[str, tuple[int, int, int, int, int, str]] = field(default_factory=dict)
    #: spelling → its windows (:func:`_windows`), each [text, probable key, certain key]
    #: (lists: the result cache stores them as they are, with nothing to rebuild)
    windows: dict[str, list[list[str]]] = field(default_factory=dict)


def parse_form(text: str) -> Form:
    """The inverse of ``str(Form)``: ``Kim Jong-un`` → words and joiners."""
    parts = _PARTS.split(text)
    return Form(tuple(parts[0::2]), tuple(parts[1::2]))


def _comparer(lang: str, rule: Rule) -> Comparer:
    """The shared comparer of the language and the rule's transliteration table."""
    return comparer_for(lang, tuple((str(a), str(b)) for a, b in rule.options["transliteration"]))


def index(doc: Document, rule: Rule) -> Entry | None:
    if not doc.lang:
        return None
    entry = Entry(doc.path, doc.lang)
    for f in collect(doc, frozenset(rule.options["kinds"])):
        m = f.mention
        if len(m.words) < rule.options["min_words"]:
            continue
        key = str(m.form)
        if key in entry.names:
            count, *rest = entry.names[key]
            entry.names[key] = (count + 1, *rest)
            continue
        a, b = f.block.source_span(m.start, m.end)
        line, column = doc.position(a)
        end_line, end_column = doc.position(b)
        entry.names[key] = (1, line, column, end_line, end_column, doc.excerpt(a, b))
    if not entry.names:
        return None
    comparer = _comparer(doc.lang, rule)
    min_words = max(2, rule.options["min_words"])
    for written in entry.names:
        entry.windows[written] = [
            [str(form), comparer.key(form, PROBABLE), comparer.key(form)]
            for form in _windows(parse_form(written), min_words)
        ]
    return entry


@dataclass
class _Use:
    """A spelling (a name, or the tail of a longer name) in one article."""

    entry: Entry
    written: str  # the full name as the article writes it
    text: str  # the part compared (the whole name or its tail)

    @property
    def form(self) -> Form:
        return parse_form(self.text)


def _windows(form: Form, min_words: int) -> Iterator[Form]:
    """The name and its tails of at least ``min_words`` words, longest first.

    A German role noun before a name (``Diktator Kim Jong Un``) is then still compared.
    """
    for k in range(len(form), min_words - 1, -1):
        if k == len(form):
            yield form
        else:
            yield Form(form.words[-k:], form.joins[len(form.joins) - (k - 1) :])


def reduce(entries: Iterable[Entry], rule: Rule) -> Iterator[Finding]:
    by_lang: dict[str, list[Entry]] = {}
    for entry in entries:
        by_lang.setdefault(entry.lang, []).append(entry)
    for lang, group in sorted(by_lang.items()):
        yield from _reduce_lang(lang, sorted(group, key=lambda e: e.path), rule)


def _reduce_lang(lang: str, entries: list[Entry], rule: Rule) -> Iterator[Finding]:
    comparer = _comparer(lang, rule)
    canonical = {str(k): str(v) for k, v in (rule.options["canonical_names"] or {}).items()}
    canon_keys: dict[str, str] = {}
    for value in {*canonical.values()}:
        canon_keys.setdefault(comparer.key(parse_form(value), PROBABLE), value)
    buckets: dict[str, list[tuple[Entry, str, str]]] = {}  # key → (entry, written, text)
    certain: dict[str, str] = {}  # window text → its certain key
    first: dict[str, str] = {}  # key → the first spelling seen
    mixed: set[str] = set()  # keys spelled more than one way
    for entry in entries:
        for written, windows in entry.windows.items():
            for text, key, same in windows:
                buckets.setdefault(key, []).append((entry, written, text))
                certain[text] = same
                if first.setdefault(key, text) != text:
                    mixed.add(key)
    # Only a key spelled two ways, or one the house list speaks of, can give a finding; the
    # others (nearly all) are not looked at again.
    if canonical:
        mixed.update(
            key
            for key, uses in buckets.items()
            if key in canon_keys or any(text in canonical for _entry, _written, text in uses)
        )
    open_keys = [key for key in buckets if key in mixed]
    # One finding per article and name: the earliest of its spellings that differ.
    best: dict[tuple[str, str], tuple[tuple[int, int, int], Finding]] = {}
    # A name settled in a longer window (Kim Jong-un) is not reopened by its tail (Jong-un).
    settled: set[tuple[str, str]] = set()
    for key in sorted(open_keys, key=len, reverse=True):
        spellings: dict[str, list[_Use]] = {}
        for entry, written, text in buckets[key]:
            if (entry.path, written) not in settled:
                spellings.setdefault(text, []).append(_Use(entry, written, text))
        house = canon_keys.get(key)
        for spelled in spellings:
            if canonical.get(spelled) and canonical[spelled] != spelled:
                house = canonical[spelled]
        if len(spellings) < 2 and (house is None or house in spellings):
            continue
        major = house or _majority(spellings)
        major_docs = {u.entry.path for u in spellings.get(major, [])}
        settled.update((u.entry.path, u.written) for us in spellings.values() for u in us)
        for spelled, group in spellings.items():
            if spelled == major:
                continue
            same = certain[spelled] == _certain(certain, major, comparer)
            tier = CERTAIN if same else PROBABLE
            for use in group:
                if use.entry.path in major_docs:
                    continue  # the article mixes both spellings: name-variant reports it
                found = _finding(
                    rule, use, major, spellings.get(major, []), house is not None, tier
                )
                rank = (found.line, found.column, -len(use.form))
                slot = (use.entry.path, _difference(use.form, parse_form(major)))
                if slot not in best or rank < best[slot][0]:
                    best[slot] = (rank, found)
    for _rank, found in best.values():
        yield found


def _certain(known: dict[str, str], text: str, comparer: Comparer) -> str:
    """The certain key of a window (known from the entries) or of a house spelling."""
    found = known.get(text)
    return found if found is not None else comparer.key(parse_form(text))


def _difference(minor: Form, major: Form) -> tuple[str, ...]:
    """What sets a spelling apart: ``Brett-Kavanaugh`` whether seen alone or in a longer name.

    Two findings on one article with the same difference are one problem.
    """
    if len(minor) != len(major):
        return (str(minor),)
    out = []
    for i in range(len(minor.words)):
        join_differs = i > 0 and minor.joins[i - 1] != major.joins[i - 1]
        if minor.words[i] != major.words[i] or join_differs:
            if join_differs:
                out.append(minor.words[i - 1] + minor.joins[i - 1])
            out.append(minor.words[i])
    return tuple(out)


def _majority(spellings: dict[str, list[_Use]]) -> str:
    """Most articles, then most occurrences; on a tie the earlier article's spelling wins."""

    def rank(item: tuple[str, list[_Use]]) -> tuple:
        _spelled, uses = item
        docs = {u.entry.path for u in uses}
        count = sum(u.entry.names[u.written][0] for u in uses)
        return (-len(docs), -count, min(docs))

    return min(spellings.items(), key=rank)[0]


def _finding(
    rule: Rule, use: _Use, major: str, major_uses: list[_Use], house: bool, tier: int
) -> Finding:
    count, line, column, end_line, end_column, excerpt = use.entry.names[use.written]
    k = len(use.form)
    if k < len(parse_form(use.written)):
        # Point at the compared tail only.
        offset = len(use.written) - len(str(use.form))
        column += offset
        excerpt = excerpt[offset:]
    related = []
    docs = sorted({u.entry.path for u in major_uses})
    for u in major_uses[:1]:
        _c, ml, mc, mel, mec, mex = u.entry.names[u.written]
        related.append(Location(u.entry.path, ml, mc, mel, mec, mex))
    how = "accents, hyphens or case" if tier == CERTAIN else "transliteration"
    if house:
        why = "the house list of names (canonical-names) writes it"
        where = f'"{major}"'
    else:
        n = len(docs)
        why = f"{n} other article{'s' if n != 1 else ''} write{'s' if n == 1 else ''} it"
        where = f'"{major}" (e.g. {docs[0]})' if docs else f'"{major}"'
    return Finding(
        use.entry.path,
        rule.id,
        rule.severity,
        line,
        column,
        end_line,
        end_column,
        f'Name written "{use.form}" here ({count}×); {why} {where}: differs in {how}',
        excerpt,
        use.entry.lang,
        tuple(related),
    )
