"""Translation-pair cases: the English NTREX source and its German, French, Spanish or Italian
translation, as two files, for the ``pair-*`` rules.

Every case is a pair of files in the unit's format. Markdown translations declare their source in
front matter (``translation_of: <file>``); plain-text and HTML pairs are Hugo-style siblings
(``<name>.en.txt`` beside ``<name>.fr.txt``), so all three discovery paths are exercised. The
paragraph grouping is the same in both languages (see ``cases.BuildContext.groups``), so a
clean pair is a professional translation block for block.

Injected defects (one per case, in the translation only):

* ``pair-number``: one number of a paragraph changed by one digit, to a value the aligned source
  paragraph does not contain;
* ``pair-name``: one name the source paragraph shares with its translation misspelled inside the
  word (two letters swapped, one dropped or one vowel changed; never the first letter nor the
  last two, where languages legitimately adapt names: Moscow/Moscou);
* ``pair-deleted``: one paragraph dropped; expected at the block after the gap (the block before
  is allowed too: either is "the nearest target line");
* ``pair-english``: one paragraph left in English (the aligned source text);
* ``pair-link``: links added to two aligned paragraphs of both files (md and html only), the
  translation's second link changed to another year's page.

Clean pairs (``pair-clean``) carry the same two links unchanged. Source files are cases too
(labelled with nothing): a pair finding on a source is a false positive.
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Iterator

import cases as casebook

PAIR_NUMBER = "pair-number-mismatch"
PAIR_NAME = "pair-name-mismatch"
PAIR_MISSING = "pair-missing-block"
PAIR_UNTRANSLATED = "pair-untranslated"
PAIR_LINK = "pair-link-mismatch"
PAIR_RULES = frozenset({PAIR_NUMBER, PAIR_NAME, PAIR_MISSING, PAIR_UNTRANSLATED, PAIR_LINK})
SOURCE_LANG = "en"
MIN_PARAGRAPH_CHARS = 60
_DIGITS = re.compile(r"(?<![\w.,:/-])\d+(?![\w.,:/-]?\d)")
_LINK_WORD = re.compile(r"(?<![\w'’-])[^\W\d_]{5,}(?![\w'’-])")
_VOWELS = "aeiou"


def _link_url(doc_id: str, year: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", doc_id.lower()).strip("-")
    return f"https://www.example-news.com/{year}/{slug}/report"


def _linked(text: str, fmt: str, url: str, rng: random.Random) -> str | None:
    """``text`` (as rendered on its line) with one word made a link, or ``None``."""
    words = [m for m in _LINK_WORD.finditer(text) if m.group(0)[0].islower()]
    if not words:
        return None
    m = rng.choice(words)
    word = m.group(0)
    markup = f"[{word}]({url})" if fmt == "md" else f'<a href="{html.escape(url)}">{word}</a>'
    return text[: m.start()] + markup + text[m.end() :]


class _Pair:
    """Two articles of one unit, rendered as two files with related paths."""

    def __init__(self, ctx: casebook.BuildContext, kind: str, unit: casebook.Unit) -> None:
        self.ctx, self.kind, self.unit = ctx, kind, unit
        self.source = ctx.article(unit.doc, SOURCE_LANG)
        self.target = ctx.article(unit.doc, unit.lang)
        safe_id = re.sub(r"[^A-Za-z0-9._-]+", "_", unit.doc.doc_id)
        self.stem = f"{unit.doc_index:03d}_{safe_id}_{unit.lang}"
        #: Line edits applied after rendering: block → new line text (links).
        self.source_lines: dict[int, str] = {}
        self.target_lines: dict[int, str] = {}

    def path(self, lang: str) -> str:
        return f"{self.kind}/{self.stem}.{lang}.{self.unit.fmt}"

    def add_link(self, index: int, url_source: str, url_target: str, rng: random.Random) -> bool:
        """Link a word of block ``index`` in both files (md and html only)."""
        if self.unit.fmt == "txt":
            return False
        edits = []
        for article, lines, url in (
            (self.source, self.source_lines, url_source),
            (self.target, self.target_lines, url_target),
        ):
            block = article.blocks[index]
            line = casebook.md_escape(block.text) if self.unit.fmt == "md" else block.text
            if self.unit.fmt == "html":
                line = html.escape(line)
            linked = _linked(line, self.unit.fmt, url, rng)
            if linked is None:
                return False
            edits.append(
                (lines, id(block), f"<p>{linked}</p>" if self.unit.fmt == "html" else linked)
            )
        for lines, key, line in edits:  # both files or neither
            lines[key] = line
        return True

    def _render(self, article: casebook.Article, lines: dict[int, str], declare: str | None):
        rendered = casebook.render(article, self.unit.fmt)
        text_lines = rendered.text.split("\n")
        for block_id, line in lines.items():
            span = rendered.spans[block_id]
            text_lines[span.start_line - 1] = line
        spans = dict(rendered.spans)
        if declare and self.unit.fmt == "md":  # front matter: translation_of after lang
            at = next(i for i, ln in enumerate(text_lines) if ln.startswith("lang:")) + 1
            text_lines.insert(at, f"translation_of: {declare}")
            spans = {
                k: casebook.Span(s.start_line + 1, s.end_line + 1) if s.start_line > at else s
                for k, s in spans.items()
            }
        return "\n".join(text_lines), spans

    def cases(
        self,
        expected: list[tuple[casebook.Block, str]] = (),
        allowed: list[tuple[casebook.Block, str]] = (),
        clean: bool = False,
        variant: str = "",
        note: str = "",
    ) -> Iterator[casebook.Case]:
        unit = self.unit
        source_name = self.path(SOURCE_LANG).rsplit("/", 1)[1]
        src_text, _ = self._render(self.source, self.source_lines, None)
        tgt_text, spans = self._render(self.target, self.target_lines, source_name)

        def labels(pairs):
            return [casebook.Label(*spans[id(block)], rule) for block, rule in pairs]

        common = dict(format=unit.fmt, kind=self.kind, doc_id=unit.doc.doc_id, scope=PAIR_RULES)
        yield casebook.Case(
            path=self.path(SOURCE_LANG),
            text=src_text,
            lang=SOURCE_LANG,
            variant="source",
            note=f"source of {self.path(unit.lang)}",
            **common,
        )
        yield casebook.Case(
            path=self.path(unit.lang),
            text=tgt_text,
            lang=unit.lang,
            expected=labels(expected),
            allowed=labels(allowed),
            clean=clean,
            variant=variant or unit.fmt,
            note=note,
            **common,
        )


def _translations(ctx: casebook.BuildContext) -> Iterator[casebook.Unit]:
    return (u for u in ctx.units() if u.lang != SOURCE_LANG)


def _body(article: casebook.Article) -> list[int]:
    return [i for i, b in enumerate(article.blocks) if len(b.text) >= MIN_PARAGRAPH_CHARS]


def _with_links(pair: _Pair, rng: random.Random, change: bool) -> int | None:
    """Two links in both files; with ``change`` the translation's second one points to another
    year's page. Returns the index of the changed (or second) block."""
    body = _body(pair.source)
    if len(body) < 2:
        return None
    first, second = sorted(rng.sample(body, 2))
    url = _link_url(pair.unit.doc.doc_id, 2019)
    if not pair.add_link(first, url, url, rng):
        return None
    data = url.replace("/report", "/data")
    other = _link_url(pair.unit.doc.doc_id, 2018).replace("/report", "/data") if change else data
    if not pair.add_link(second, data, other, rng):
        return None
    return second


@casebook.register("pair-clean", rules=PAIR_RULES, description="source + professional translation")
def build_pair_clean(ctx: casebook.BuildContext) -> Iterator[casebook.Case]:
    for unit in _translations(ctx):
        pair = _Pair(ctx, "pair-clean", unit)
        _with_links(pair, ctx.rng("pair-clean", unit.doc.doc_id, unit.lang), change=False)
        yield from pair.cases(clean=True)


def _changed_number(written: str, avoid: set[str], rng: random.Random) -> str | None:
    spots = list(range(len(written)))
    rng.shuffle(spots)
    for i in spots:
        digits = [d for d in "0123456789" if d != written[i] and not (i == 0 and d == "0")]
        rng.shuffle(digits)
        for d in digits:
            new = written[:i] + d + written[i + 1 :]
            if new not in avoid:
                return new
    return None


@casebook.register("pair-number", rules={PAIR_NUMBER}, description="one number changed")
def build_pair_number(ctx: casebook.BuildContext) -> Iterator[casebook.Case]:
    for unit in _translations(ctx):
        rng = ctx.rng("pair-number", unit.doc.doc_id, unit.lang)
        pair = _Pair(ctx, "pair-number", unit)
        spots = []
        for i, (src, tgt) in enumerate(zip(pair.source.blocks, pair.target.blocks, strict=True)):
            src_numbers = set(_DIGITS.findall(src.text))
            for m in _DIGITS.finditer(tgt.text):
                if m.group(0) in src_numbers:
                    spots.append((i, m, src_numbers))
        if not spots:
            continue
        i, m, src_numbers = rng.choice(spots)
        new = _changed_number(m.group(0), src_numbers, rng)
        if new is None:
            continue
        block = pair.target.blocks[i]
        block.text = block.text[: m.start()] + new + block.text[m.end() :]
        _with_links(pair, rng, change=False)
        yield from pair.cases(
            expected=[(block, PAIR_NUMBER)], note=f"{m.group(0)!r} -> {new!r} in paragraph {i}"
        )


def _misspelled(word: str, rng: random.Random) -> str | None:
    """A typo inside the word: never the first letter nor the last two."""
    inner = list(range(1, len(word) - 2))
    if len(word) < 5 or not inner:
        return None
    options = []
    for i in inner:
        if i + 1 < len(word) - 2 and word[i] != word[i + 1]:
            options.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])  # swap
        if word[i - 1] != word[i] and word[i + 1] != word[i]:
            options.append(word[:i] + word[i + 1 :])  # drop
        if word[i] in _VOWELS:
            options.extend(word[:i] + v + word[i + 1 :] for v in _VOWELS if v != word[i])
    return rng.choice(options) if options else None


@casebook.register("pair-name", rules={PAIR_NAME}, description="one name misspelled")
def build_pair_name(ctx: casebook.BuildContext) -> Iterator[casebook.Case]:
    for unit in _translations(ctx):
        rng = ctx.rng("pair-name", unit.doc.doc_id, unit.lang)
        pair = _Pair(ctx, "pair-name", unit)
        # Proper names: kept verbatim by all four translators (ordinary words get translated).
        words = [
            w
            for w in casebook.english_names(unit.doc)[0]
            if all(
                casebook._word_regex(w).search(" ".join(unit.doc.sentences[lang]))
                for lang in ("de", "fr", "es", "it")
            )
        ]
        spots = []
        for i, (src, tgt) in enumerate(zip(pair.source.blocks, pair.target.blocks, strict=True)):
            for word in words:
                if len(word) >= 5 and casebook._word_regex(word).search(src.text):
                    spots.extend(
                        (i, word, m) for m in casebook._word_regex(word).finditer(tgt.text)
                    )
        if not spots:
            continue
        i, word, m = rng.choice(spots)
        new = _misspelled(word, rng)
        if new is None:
            continue
        block = pair.target.blocks[i]
        block.text = block.text[: m.start()] + new + block.text[m.end() :]
        _with_links(pair, rng, change=False)
        yield from pair.cases(
            expected=[(block, PAIR_NAME)], note=f"{word!r} -> {new!r} in paragraph {i}"
        )


@casebook.register("pair-deleted", rules={PAIR_MISSING}, description="one paragraph dropped")
def build_pair_deleted(ctx: casebook.BuildContext) -> Iterator[casebook.Case]:
    for unit in _translations(ctx):
        rng = ctx.rng("pair-deleted", unit.doc.doc_id, unit.lang)
        pair = _Pair(ctx, "pair-deleted", unit)
        body = _body(pair.target)
        if len(pair.target.blocks) < 3 or not body:
            continue
        i = rng.choice(body)
        dropped = pair.target.blocks.pop(i)
        after = pair.target.blocks[i] if i < len(pair.target.blocks) else None
        before = pair.target.blocks[i - 1] if i > 0 else pair.target.title
        expected = [(after or before, PAIR_MISSING)]
        allowed = [(before, PAIR_MISSING)] if after else []
        yield from pair.cases(
            expected=expected, allowed=allowed, note=f"dropped paragraph {i}: {dropped.text[:60]}"
        )


@casebook.register("pair-english", rules={PAIR_UNTRANSLATED}, description="a paragraph in English")
def build_pair_english(ctx: casebook.BuildContext) -> Iterator[casebook.Case]:
    for unit in _translations(ctx):
        rng = ctx.rng("pair-english", unit.doc.doc_id, unit.lang)
        pair = _Pair(ctx, "pair-english", unit)
        body = _body(pair.target)
        if not body:
            continue
        i = rng.choice(body)
        block = pair.target.blocks[i]
        block.text = pair.source.blocks[i].text
        _with_links(pair, rng, change=False)
        yield from pair.cases(expected=[(block, PAIR_UNTRANSLATED)], note=f"paragraph {i} in en")


@casebook.register("pair-link", rules={PAIR_LINK}, description="one link changed (md, html)")
def build_pair_link(ctx: casebook.BuildContext) -> Iterator[casebook.Case]:
    for unit in _translations(ctx):
        rng = ctx.rng("pair-link", unit.doc.doc_id, unit.lang)
        pair = _Pair(ctx, "pair-link", unit)
        index = _with_links(pair, rng, change=True)
        if index is None:
            continue
        block = pair.target.blocks[index]
        yield from pair.cases(
            expected=[(block, PAIR_LINK)], note=f"link of paragraph {index} points to 2018"
        )
