"""Build labelled evaluation cases for copydesk from the NTREX-128 corpus.

NTREX-128 (Federmann et al., 2022, CC BY-SA 4.0) holds 123 English news documents with
professional, sentence-aligned German, French, Spanish and Italian translations; sentence 0 of
every document is the headline. Because the five versions are aligned sentence by sentence we can
build articles with *known* defects: the English lede pasted beside its translation, one sentence
left untranslated, a paragraph repeated, a CMS label left behind, and so on. Each generated file
comes with the list of findings it must produce (``expected``) and the findings it may produce
without penalty (``allowed``).

Everything in this module is a pure function of the corpus and a seed: no file is written unless
:func:`write_cases` is called, and the same seed always gives byte-identical cases.

Vocabulary
----------
* An :class:`Article` is a title plus body :class:`Block` objects (the first body block is the
  lede). Builders copy an article, insert or alter blocks, and :func:`render` turns it into a
  ``.txt``, ``.md`` or ``.html`` file while recording the exact line span of every block.
* A :class:`Case` is one file plus its labels. A :class:`Label` is ``(start_line, end_line, rule)``
  with 1-based inclusive lines; a finding of ``rule`` whose line falls in the range matches it.
* ``Case.scope`` names the rules for which the labels are exhaustive. A finding of a rule outside
  the scope is ignored by the scorer (NTREX articles contain real figures and quotes, so they are
  not "clean" for rules such as ``unsourced-claim``).
* Case builders are registered with :func:`register` under a *kind* name; :func:`build_cases` runs
  them. Add a builder to evaluate a new rule.
"""

from __future__ import annotations

import html
import json
import random
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

LANGS: tuple[str, ...] = ("fr", "de", "en", "es", "it")
"""Languages of NTREX-128 available in the corpus, in the order cases are generated."""

FORMATS: tuple[str, ...] = ("txt", "md", "html")
"""Article formats copydesk reads; cases rotate through them."""

ARTICLE_DATE = "2019-05-01"
"""Publication date written into ``.md`` front matter and the HTML ``<meta name="date">``."""

NTREX_FILE = Path("ntrex128") / "docs_en_de_fr_es_it.jsonl"
"""Location of the aligned documents inside the shared corpus folder."""

MIXED_LANGUAGE = "mixed-language"
TRANSLATED_DUPLICATE = "translated-duplicate"
DUPLICATE_BLOCK = "duplicate-block"
BOILERPLATE = "boilerplate"

CORE_RULES: frozenset[str] = frozenset(
    {MIXED_LANGUAGE, TRANSLATED_DUPLICATE, DUPLICATE_BLOCK, BOILERPLATE}
)
"""Rules for which the NTREX-based cases below are exhaustively labelled."""

MANIFEST_MARKER = ".copydesk-eval-cases"
"""Marker file written into a case folder so it can be safely recreated on the next run."""

# Thresholds that keep injected defects unambiguous (a three-word "sentence" made of names is not
# a fair test of language identification).
MIN_FOREIGN_PARAGRAPH_CHARS = 80
MIN_UNTRANSLATED_CHARS = 40
MIN_UNTRANSLATED_WORDS = 6
MIN_REPEATED_PARAGRAPH_CHARS = 60

# CMS / pipeline leftovers per language. ``{title}`` is filled with the headline of another
# document in the same language ("Lire aussi : <headline>").
BOILERPLATE_LINES: dict[str, tuple[str, ...]] = {
    "fr": (
        "Mis à jour le",
        "Publié le",
        "Temps de lecture : 4 min",
        "Partager cet article",
        "Lire aussi : {title}",
        "Cet article a été traduit automatiquement.",
    ),
    "de": (
        "Veröffentlicht am",
        "Aktualisiert am",
        "Lesezeit: 3 Minuten",
        "Transparenz: Redaktionell erstellt und geprüft.",
        "Mehr zum Thema",
        "Artikel teilen",
        "Lesen Sie auch: {title}",
    ),
    "en": (
        "Read more",
        "Read more: {title}",
        "Share this article",
        "5 min read",
        "Updated on",
        "Published on",
        "This article was machine translated.",
    ),
    "es": (
        "Publicado el",
        "Actualizado el",
        "Tiempo de lectura: 3 minutos",
        "Compartir este artículo",
        "Lea también: {title}",
        "Este artículo ha sido traducido automáticamente.",
    ),
    "it": (
        "Pubblicato il",
        "Aggiornato il",
        "Tempo di lettura: 4 minuti",
        "Condividi questo articolo",
        "Leggi anche: {title}",
        "Questo articolo è stato tradotto automaticamente.",
    ),
}

# Negative controls: a dateline that carries its date is not a leftover label.
DATELINES: dict[str, tuple[str, ...]] = {
    "fr": ("Publié le 3 mai 2019", "Mis à jour le 3 mai 2019 à 14h05"),
    "de": ("Veröffentlicht am 3. Mai 2019", "Aktualisiert am 03.05.2019, 14:05 Uhr"),
    "en": ("Updated on May 3, 2019", "Published May 3, 2019 at 2:05 p.m."),
    "es": ("Publicado el 3 de mayo de 2019", "Actualizado el 03/05/2019 a las 14:05"),
    "it": ("Pubblicato il 3 maggio 2019", "Aggiornato il 03/05/2019 alle 14:05"),
}

# Share of non-German articles that receive a German label (the seed article's defect).
GERMAN_LABEL_SHARE = 1 / 3


# ---------------------------------------------------------------------------------------------
# Corpus


@dataclass(frozen=True)
class NtrexDoc:
    """One NTREX-128 document: aligned sentences per language, sentence 0 is the headline."""

    doc_id: str
    sentences: dict[str, tuple[str, ...]]

    def title(self, lang: str) -> str:
        """The headline in ``lang``."""
        return self.sentences[lang][0]


def ntrex_path(corpus: Path) -> Path:
    """Return the NTREX JSONL file for ``corpus`` (the shared corpus folder or the file itself)."""
    corpus = Path(corpus)
    return corpus if corpus.is_file() else corpus / NTREX_FILE


def load_ntrex(corpus: Path) -> list[NtrexDoc]:
    """Load the aligned NTREX-128 documents, keeping only the five languages in :data:`LANGS`.

    Raises ``FileNotFoundError`` if the file is missing and ``ValueError`` if a document is not
    aligned (different sentence counts per language).
    """
    docs = []
    with ntrex_path(corpus).open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            record = json.loads(raw)
            sentences = {
                lang: tuple(s.strip() for s in record["sentences"][lang]) for lang in LANGS
            }
            if len({len(v) for v in sentences.values()}) != 1:
                raise ValueError(f"line {number}: document {record['doc_id']} is not aligned")
            docs.append(NtrexDoc(record["doc_id"], sentences))
    return docs


def group_sentences(n_sentences: int, rng: random.Random) -> list[tuple[int, ...]]:
    """Group body sentences ``1 .. n_sentences-1`` into consecutive paragraphs of 2-4 sentences.

    Sentence 0 (the headline) is not grouped. Every paragraph has 2-4 sentences whenever the body
    has at least two; a one-sentence body gives one one-sentence paragraph.
    """
    groups: list[tuple[int, ...]] = []
    start, remaining = 1, n_sentences - 1
    while remaining > 0:
        sizes = [k for k in (2, 3, 4) if k == remaining or remaining - k >= 2]
        size = rng.choice(sizes) if sizes else remaining
        groups.append(tuple(range(start, start + size)))
        start += size
        remaining -= size
    return groups


# ---------------------------------------------------------------------------------------------
# Articles and rendering


@dataclass(eq=False)
class Block:
    """One rendered block of an article (identity matters: builders locate blocks with ``is``).

    ``sentences`` holds the NTREX sentence indices the block was built from, so an aligned
    version in another language can be produced; it is empty for injected lines.
    """

    text: str
    sentences: tuple[int, ...] = ()


@dataclass
class Article:
    """A title and body blocks in one language; ``blocks[0]`` is the lede."""

    doc_id: str
    lang: str
    title: Block
    blocks: list[Block]

    def copy(self) -> Article:
        """A copy whose block list and blocks can be changed without touching the original."""
        return Article(
            self.doc_id, self.lang, replace(self.title), [replace(b) for b in self.blocks]
        )

    def index(self, block: Block) -> int:
        """Position of ``block`` (by identity) in :attr:`blocks`."""
        for i, candidate in enumerate(self.blocks):
            if candidate is block:
                return i
        raise ValueError("block is not part of this article")


def article_from_doc(doc: NtrexDoc, lang: str, groups: Sequence[tuple[int, ...]]) -> Article:
    """Build the article of ``doc`` in ``lang`` with the given paragraph grouping."""
    sentences = doc.sentences[lang]
    blocks = [Block(" ".join(sentences[i] for i in group), tuple(group)) for group in groups]
    return Article(doc.doc_id, lang, Block(sentences[0], (0,)), blocks)


def aligned_text(doc: NtrexDoc, block: Block, lang: str) -> str:
    """The text of ``block`` rebuilt from the aligned sentences in ``lang``."""
    return " ".join(doc.sentences[lang][i] for i in block.sentences)


class Span(NamedTuple):
    """1-based inclusive line range of a rendered block."""

    start_line: int
    end_line: int


@dataclass
class Rendered:
    """A rendered article: the file text and the line span of every block (title included)."""

    text: str
    spans: dict[int, Span]

    def span(self, block: Block) -> Span:
        """Line span of ``block`` (which must be the object that was rendered)."""
        return self.spans[id(block)]


_MD_BLOCK_START = re.compile(
    r"^(?:#{1,6}(?:\s|$)|[-+*]\s|>|\d{1,9}[.)](?:\s|$)|<|\||`{3}|~{3}|={2,}\s*$|[-*_](?:\s*[-*_]){2,}\s*$)"
)


def md_escape(text: str) -> str:
    """Escape ``text`` so Markdown reads it as a plain paragraph (only block markers matter)."""
    return "\\" + text if _MD_BLOCK_START.match(text) else text


class _Lines:
    """Line accumulator that reports the 1-based number of each appended line."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, line: str = "") -> int:
        self.lines.append(line)
        return len(self.lines)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def render(article: Article, fmt: str, date: str = ARTICLE_DATE) -> Rendered:
    """Render ``article`` as ``txt``, ``md`` or ``html``; every block occupies exactly one line.

    * txt: title on line 1, then one paragraph per line with blank lines in between (no date).
    * md: YAML front matter (title, lang, date), ``# Title``, paragraphs separated by blank lines.
    * html: ``<html lang>``, ``<title>``, ``<meta name="date">``, ``<article>`` with ``<h1>`` and
      one ``<p>`` per line; all text escaped with :func:`html.escape`.
    """
    out = _Lines()
    spans: dict[int, Span] = {}

    def put(block: Block, line: str) -> None:
        number = out.add(line)
        spans[id(block)] = Span(number, number)

    if fmt == "txt":
        put(article.title, article.title.text)
        for block in article.blocks:
            out.add()
            put(block, block.text)
    elif fmt == "md":
        out.add("---")
        out.add("title: " + json.dumps(article.title.text, ensure_ascii=False))
        out.add(f"lang: {article.lang}")
        out.add(f"date: {date}")
        out.add("---")
        out.add()
        put(article.title, "# " + article.title.text)
        for block in article.blocks:
            out.add()
            put(block, md_escape(block.text))
    elif fmt == "html":
        title = html.escape(article.title.text)
        out.add("<!doctype html>")
        out.add(f'<html lang="{article.lang}">')
        out.add(
            f'<head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="date" content="{date}"></head>'
        )
        out.add("<body>")
        out.add("<article>")
        put(article.title, f"<h1>{title}</h1>")
        for block in article.blocks:
            put(block, f"<p>{html.escape(block.text)}</p>")
        out.add("</article>")
        out.add("</body>")
        out.add("</html>")
    else:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    return Rendered(out.text(), spans)


# ---------------------------------------------------------------------------------------------
# Cases


class Label(NamedTuple):
    """An expected or allowed finding: ``rule`` on some line in ``start_line .. end_line``."""

    start_line: int
    end_line: int
    rule: str

    def covers(self, line: int) -> bool:
        """True if a finding reported on ``line`` falls inside this label's range."""
        return self.start_line <= line <= self.end_line


@dataclass
class Case:
    """One generated article file and what copydesk must (and may) report on it.

    ``path`` is a POSIX path relative to the case folder (``<kind>/<nnn>_<doc>_<lang>.<ext>``).
    ``expected`` labels must each be matched by at least one finding; findings matching neither
    ``expected`` nor ``allowed`` are false positives, for the rules in ``scope`` only. ``clean``
    marks unmodified documents (used for the false-alarm rate). ``variant`` and ``note`` describe
    the injection for debugging (e.g. ``variant="de-label"``, ``note="dropped word 'the'"``).
    """

    path: str
    text: str
    lang: str
    format: str
    kind: str
    doc_id: str
    expected: list[Label] = field(default_factory=list)
    allowed: list[Label] = field(default_factory=list)
    scope: frozenset[str] = CORE_RULES
    clean: bool = False
    variant: str = ""
    note: str = ""

    def line(self, number: int) -> str:
        """The text of 1-based line ``number`` ('' when out of range)."""
        lines = self.text.split("\n")
        return lines[number - 1] if 1 <= number <= len(lines) else ""

    def to_dict(self) -> dict:
        """JSON-serialisable description of the case (without its text)."""
        return {
            "path": self.path,
            "kind": self.kind,
            "variant": self.variant,
            "lang": self.lang,
            "format": self.format,
            "doc_id": self.doc_id,
            "clean": self.clean,
            "scope": sorted(self.scope),
            "expected": [list(label) for label in self.expected],
            "allowed": [list(label) for label in self.allowed],
            "note": self.note,
        }


@dataclass(frozen=True)
class Unit:
    """One (document, language) slot a builder may turn into a case."""

    index: int
    doc_index: int
    doc: NtrexDoc
    lang: str
    fmt: str


@dataclass
class BuildContext:
    """Corpus, seed and options shared by the builders, with deterministic helpers."""

    docs: Sequence[NtrexDoc]
    seed: int = 1
    formats: Sequence[str] = FORMATS
    langs: Sequence[str] = LANGS
    _groups: dict[str, list[tuple[int, ...]]] = field(default_factory=dict, repr=False)

    def rng(self, *parts: object) -> random.Random:
        """A random generator determined only by the seed and ``parts`` (not by call order)."""
        return random.Random(":".join(str(p) for p in (self.seed, *parts)))

    def groups(self, doc: NtrexDoc) -> list[tuple[int, ...]]:
        """Paragraph grouping of ``doc``: the same in every language and every case kind."""
        if doc.doc_id not in self._groups:
            n_sentences = len(doc.sentences["en"])
            self._groups[doc.doc_id] = group_sentences(
                n_sentences, self.rng("paragraphs", doc.doc_id)
            )
        return self._groups[doc.doc_id]

    def article(self, doc: NtrexDoc, lang: str) -> Article:
        """A fresh (mutable) article of ``doc`` in ``lang``."""
        return article_from_doc(doc, lang, self.groups(doc))

    def units(self) -> Iterator[Unit]:
        """Every (document, language) pair; the format rotates with the pair's position.

        The format depends only on the document and language, so a case of any kind has the same
        format as the clean case of the same document (their findings can be compared).
        """
        for doc_index, doc in enumerate(self.docs):
            for lang_index, lang in enumerate(LANGS):
                if lang not in self.langs:
                    continue
                position = doc_index * len(LANGS) + lang_index
                fmt = self.formats[position % len(self.formats)]
                yield Unit(position, doc_index, doc, lang, fmt)

    def make_case(
        self,
        kind: str,
        unit: Unit,
        article: Article,
        *,
        expected: Iterable[tuple[Block, str]] = (),
        allowed: Iterable[tuple[Block, str]] = (),
        clean: bool = False,
        variant: str = "",
        note: str = "",
        scope: Iterable[str] = CORE_RULES,
    ) -> Case:
        """Render ``article`` in the unit's format and turn (block, rule) pairs into labels.

        ``scope`` names the rules for which the labels are exhaustive (see :class:`Case`).
        """
        rendered = render(article, unit.fmt)
        safe_id = re.sub(r"[^A-Za-z0-9._-]+", "_", unit.doc.doc_id)
        path = f"{kind}/{unit.doc_index:03d}_{safe_id}_{unit.lang}.{unit.fmt}"
        return Case(
            path=path,
            text=rendered.text,
            lang=unit.lang,
            format=unit.fmt,
            kind=kind,
            doc_id=unit.doc.doc_id,
            expected=[Label(*rendered.span(block), rule) for block, rule in expected],
            allowed=[Label(*rendered.span(block), rule) for block, rule in allowed],
            scope=frozenset(scope),
            clean=clean,
            variant=variant,
            note=note,
        )


BuilderFn = Callable[[BuildContext], Iterable[Case]]


@dataclass(frozen=True)
class Builder:
    """A registered case builder: ``fn(ctx)`` yields the cases of one kind."""

    kind: str
    fn: BuilderFn
    rules: frozenset[str]
    description: str


BUILDERS: dict[str, Builder] = {}
"""Registry of case builders by kind, in registration order."""


def register(kind: str, *, rules: Iterable[str], description: str) -> Callable:
    """Decorator registering ``fn(ctx) -> Iterable[Case]`` as the builder of ``kind``.

    ``rules`` lists the rules the kind is designed to exercise (documentation and ``--list-kinds``).
    """

    def decorate(fn: BuilderFn) -> BuilderFn:
        if kind in BUILDERS:
            raise ValueError(f"case kind {kind!r} registered twice")
        BUILDERS[kind] = Builder(kind, fn, frozenset(rules), description)
        return fn

    return decorate


def build_cases(
    docs: Sequence[NtrexDoc],
    *,
    seed: int = 1,
    kinds: Iterable[str] | None = None,
    formats: Sequence[str] = FORMATS,
    langs: Sequence[str] = LANGS,
    limit: int | None = None,
) -> list[Case]:
    """Run the builders of ``kinds`` (default: all registered) and return their cases.

    ``limit`` keeps at most that many cases per kind, chosen by the seed, in corpus order.
    """
    ctx = BuildContext(docs, seed=seed, formats=tuple(formats), langs=tuple(langs))
    selected = list(BUILDERS) if kinds is None else list(kinds)
    unknown = [k for k in selected if k not in BUILDERS]
    if unknown:
        raise KeyError(f"unknown case kind(s): {', '.join(unknown)}")
    cases: list[Case] = []
    for kind in selected:
        built = list(BUILDERS[kind].fn(ctx))
        if limit is not None and len(built) > limit:
            keep = sorted(ctx.rng("limit", kind).sample(range(len(built)), limit))
            built = [built[i] for i in keep]
        cases.extend(built)
    return cases


def write_cases(cases: Iterable[Case], folder: Path) -> Path:
    """Write every case below ``folder`` (UTF-8, ``\\n`` line endings).

    ``folder`` must not exist or must be a case folder written earlier (it holds the marker file
    :data:`MANIFEST_MARKER`); it is then emptied first. Returns ``folder``.
    """
    folder = Path(folder)
    if folder.exists():
        if not (folder / MANIFEST_MARKER).exists():
            raise FileExistsError(
                f"{folder} exists and is not a copydesk evaluation case folder; refusing to "
                "overwrite it"
            )
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MANIFEST_MARKER).write_text("generated by evaluation/cases.py\n", encoding="utf-8")
    for case in cases:
        target = folder / case.path
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8", newline="") as handle:
            handle.write(case.text)
    return folder


def write_manifest(cases: Iterable[Case], path: Path) -> Path:
    """Write the labels of ``cases`` (see :meth:`Case.to_dict`) as JSON to ``path``.

    Keep it outside the case folder so copydesk never reads it.
    """
    manifest = [case.to_dict() for case in cases]
    Path(path).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return Path(path)


# ---------------------------------------------------------------------------------------------
# Helpers for builders


def other_doc(ctx: BuildContext, doc: NtrexDoc, rng: random.Random) -> NtrexDoc:
    """A document other than ``doc``, chosen with ``rng``."""
    others = [d for d in ctx.docs if d.doc_id != doc.doc_id]
    if not others:
        raise ValueError("at least two documents are needed")
    return rng.choice(others)


def _fold(text: str) -> str:
    """Lower-case letters and digits only: for 'is this really different text?' tests."""
    return re.sub(r"[\W_]+", "", text.casefold())


def drop_word(text: str, rng: random.Random) -> tuple[str, str] | None:
    """Remove one inner word of three or more letters; returns (new text, note) or None."""
    words = text.split(" ")
    candidates = [i for i in range(1, len(words) - 1) if sum(ch.isalpha() for ch in words[i]) >= 3]
    if not candidates:
        return None
    i = rng.choice(candidates)
    return " ".join(words[:i] + words[i + 1 :]), f"dropped word {words[i]!r}"


def change_punctuation(text: str, rng: random.Random) -> tuple[str, str] | None:
    """Make one punctuation edit (drop a comma, '.' to '!' at the end, '. ' to '; ')."""
    options: list[tuple[str, str]] = []
    for match in re.finditer(r", ", text):
        i = match.start()
        options.append((text[:i] + text[i + 1 :], f"dropped comma at column {i + 1}"))
    stripped = text.rstrip()
    if stripped.endswith("."):
        options.append((stripped[:-1] + "!", "final '.' changed to '!'"))
    elif stripped and stripped[-1].isalnum():
        options.append((stripped + ".", "added final '.'"))
    for match in re.finditer(r"(?<=[a-zà-ÿ])\. (?=\w)", text):
        i = match.start()
        options.append((text[:i] + ";" + text[i + 1 :], f"'.' changed to ';' at column {i + 1}"))
    return rng.choice(options) if options else None


# ---------------------------------------------------------------------------------------------
# Builders (registration order = report order)


@register("clean", rules=CORE_RULES, description="unmodified document: no finding expected")
def build_clean(ctx: BuildContext) -> Iterator[Case]:
    """Every document in every language as-is."""
    for unit in ctx.units():
        yield ctx.make_case("clean", unit, ctx.article(unit.doc, unit.lang), clean=True)


@register(
    "translated-lede",
    rules=(TRANSLATED_DUPLICATE, MIXED_LANGUAGE),
    description="the lede in the source language (en; de for en articles) beside its translation",
)
def build_translated_lede(ctx: BuildContext) -> Iterator[Case]:
    """Insert the aligned English lede (German for English articles) after or before the lede.

    Expected: ``translated-duplicate`` and ``mixed-language`` on the inserted block.
    """
    for unit in ctx.units():
        rng = ctx.rng("translated-lede", unit.doc.doc_id, unit.lang)
        article = ctx.article(unit.doc, unit.lang)
        source = "de" if unit.lang == "en" else "en"
        lede = article.blocks[0]
        inserted = Block(aligned_text(unit.doc, lede, source), lede.sentences)
        where = "after" if rng.random() < 0.5 else "before"
        article.blocks.insert(1 if where == "after" else 0, inserted)
        yield ctx.make_case(
            "translated-lede",
            unit,
            article,
            expected=[(inserted, TRANSLATED_DUPLICATE), (inserted, MIXED_LANGUAGE)],
            variant=f"{source}-{where}",
            note=f"{source} lede inserted {where} the {unit.lang} lede",
        )


@register(
    "foreign-paragraph",
    rules=(MIXED_LANGUAGE,),
    description="a paragraph of another document in another language, mid-article",
)
def build_foreign_paragraph(ctx: BuildContext) -> Iterator[Case]:
    """Insert, in the middle, a paragraph of a different document in another language.

    Expected: ``mixed-language`` on it; ``translated-duplicate`` there is a false positive.
    """
    for unit in ctx.units():
        rng = ctx.rng("foreign-paragraph", unit.doc.doc_id, unit.lang)
        foreign_lang = rng.choice([lang for lang in LANGS if lang != unit.lang])
        paragraph = None
        for _ in range(20):
            donor = other_doc(ctx, unit.doc, rng)
            candidates = [
                b
                for b in ctx.article(donor, foreign_lang).blocks
                if len(b.text) >= MIN_FOREIGN_PARAGRAPH_CHARS
            ]
            if candidates:
                paragraph = rng.choice(candidates)
                break
        if paragraph is None:
            continue
        article = ctx.article(unit.doc, unit.lang)
        inserted = Block(paragraph.text)
        article.blocks.insert(max(1, len(article.blocks) // 2), inserted)
        yield ctx.make_case(
            "foreign-paragraph",
            unit,
            article,
            expected=[(inserted, MIXED_LANGUAGE)],
            variant=foreign_lang,
            note=f"{foreign_lang} paragraph of {donor.doc_id} sentences {paragraph.sentences}",
        )


@register(
    "untranslated-sentence",
    rules=(MIXED_LANGUAGE,),
    description="one sentence of a paragraph left in the source language (fr for en articles)",
)
def build_untranslated_sentence(ctx: BuildContext) -> Iterator[Case]:
    """Replace one sentence of a multi-sentence paragraph by its aligned English sentence
    (French in English articles).

    Only sentences whose replacement has at least :data:`MIN_UNTRANSLATED_WORDS` words and
    :data:`MIN_UNTRANSLATED_CHARS` characters and really differs from the original are used.
    Expected: ``mixed-language`` on the paragraph's line.
    """
    for unit in ctx.units():
        rng = ctx.rng("untranslated-sentence", unit.doc.doc_id, unit.lang)
        source = "fr" if unit.lang == "en" else "en"
        article = ctx.article(unit.doc, unit.lang)
        own, foreign = unit.doc.sentences[unit.lang], unit.doc.sentences[source]
        candidates = [
            (block, index)
            for block in article.blocks
            if len(block.sentences) >= 2
            for index in block.sentences
            if len(foreign[index]) >= MIN_UNTRANSLATED_CHARS
            and len(foreign[index].split()) >= MIN_UNTRANSLATED_WORDS
            and _fold(foreign[index]) != _fold(own[index])
        ]
        if not candidates:
            continue
        block, index = rng.choice(candidates)
        block.text = " ".join(foreign[i] if i == index else own[i] for i in block.sentences)
        position = block.sentences.index(index) + 1
        yield ctx.make_case(
            "untranslated-sentence",
            unit,
            article,
            expected=[(block, MIXED_LANGUAGE)],
            variant=source,
            note=f"sentence {position} of {len(block.sentences)} left in {source}",
        )


def _repeated_paragraph(ctx: BuildContext, kind: str, near: bool) -> Iterator[Case]:
    """Copy a paragraph of at least :data:`MIN_REPEATED_PARAGRAPH_CHARS` characters further down,
    verbatim or (``near``) with one small edit. Expected: ``duplicate-block`` on the copy."""
    for unit in ctx.units():
        rng = ctx.rng(kind, unit.doc.doc_id, unit.lang)
        article = ctx.article(unit.doc, unit.lang)
        candidates = [b for b in article.blocks if len(b.text) >= MIN_REPEATED_PARAGRAPH_CHARS]
        if not candidates:
            continue
        original = rng.choice(candidates)
        text, variant, note = original.text, "verbatim", "verbatim copy"
        if near:
            edit = rng.choice((drop_word, change_punctuation))
            changed = edit(text, rng) or drop_word(text, rng) or change_punctuation(text, rng)
            if changed is None:
                continue
            text, note = changed
            variant = "drop-word" if note.startswith("dropped word") else "punctuation"
        source_index = article.index(original)
        copy = Block(text, original.sentences)
        position = rng.randint(source_index + 1, len(article.blocks))
        article.blocks.insert(position, copy)
        which = "lede" if source_index == 0 else f"paragraph {source_index + 1}"
        yield ctx.make_case(
            kind,
            unit,
            article,
            expected=[(copy, DUPLICATE_BLOCK)],
            variant=variant,
            note=f"{which} repeated as block {position + 1}: {note}",
        )


@register(
    "repeated-paragraph",
    rules=(DUPLICATE_BLOCK,),
    description="a paragraph repeated verbatim further down",
)
def build_repeated_paragraph(ctx: BuildContext) -> Iterator[Case]:
    """A paragraph copied verbatim further down the article."""
    return _repeated_paragraph(ctx, "repeated-paragraph", near=False)


@register(
    "near-repeated-paragraph",
    rules=(DUPLICATE_BLOCK,),
    description="a paragraph repeated further down with one word dropped or punctuation changed",
)
def build_near_repeated_paragraph(ctx: BuildContext) -> Iterator[Case]:
    """A paragraph copied further down with one small edit."""
    return _repeated_paragraph(ctx, "near-repeated-paragraph", near=True)


@register(
    "repeated-title",
    rules=(DUPLICATE_BLOCK,),
    description="the title repeated as a paragraph in the second half",
)
def build_repeated_title(ctx: BuildContext) -> Iterator[Case]:
    """Repeat the headline as a body paragraph in the second half of the article.

    Expected: ``duplicate-block`` on that paragraph (never on the title itself, nor for the
    front-matter / ``<title>`` copy of the title).
    """
    for unit in ctx.units():
        rng = ctx.rng("repeated-title", unit.doc.doc_id, unit.lang)
        article = ctx.article(unit.doc, unit.lang)
        copy = Block(article.title.text, (0,))
        n = len(article.blocks)
        position = rng.randint(max(1, (n + 1) // 2), n)
        article.blocks.insert(position, copy)
        yield ctx.make_case(
            "repeated-title",
            unit,
            article,
            expected=[(copy, DUPLICATE_BLOCK)],
            variant="end" if position == n else "middle",
            note=f"title repeated as block {position + 1} of {n + 1}",
        )


def _label_position(rng: random.Random, article: Article) -> tuple[int, str]:
    """Where CMS leftovers end up: under the title, after the lede, or at the end."""
    where = rng.choice(("top", "after-lede", "end"))
    return {"top": 0, "after-lede": 1, "end": len(article.blocks)}[where], where


@register(
    "boilerplate",
    rules=(BOILERPLATE,),
    description="one CMS leftover line (own language, or a German label like the seed)",
)
def build_boilerplate(ctx: BuildContext) -> Iterator[Case]:
    """Insert one leftover line from :data:`BOILERPLATE_LINES`.

    In about a third of the non-German articles the line is German (the seed's defect).
    Expected: ``boilerplate`` on the line; ``mixed-language`` there is allowed, not required.
    """
    for unit in ctx.units():
        rng = ctx.rng("boilerplate", unit.doc.doc_id, unit.lang)
        label_lang = unit.lang
        if unit.lang != "de" and rng.random() < GERMAN_LABEL_SHARE:
            label_lang = "de"
        template = rng.choice(BOILERPLATE_LINES[label_lang])
        text = template.format(title=other_doc(ctx, unit.doc, rng).title(label_lang))
        article = ctx.article(unit.doc, unit.lang)
        position, where = _label_position(rng, article)
        inserted = Block(text)
        article.blocks.insert(position, inserted)
        yield ctx.make_case(
            "boilerplate",
            unit,
            article,
            expected=[(inserted, BOILERPLATE)],
            allowed=[(inserted, MIXED_LANGUAGE)],
            variant="de-label" if label_lang != unit.lang else "own-language",
            note=f"{template!r} ({label_lang}) at {where}",
        )


@register(
    "dated-dateline",
    rules=(BOILERPLATE,),
    description="negative control: a dateline that carries its date (no boilerplate finding)",
)
def build_dated_dateline(ctx: BuildContext) -> Iterator[Case]:
    """Insert a dateline *with* a date ("Publié le 3 mai 2019"): must not be ``boilerplate``.

    A German dateline in a non-German article (a third of them) may get ``mixed-language``.
    """
    for unit in ctx.units():
        rng = ctx.rng("dated-dateline", unit.doc.doc_id, unit.lang)
        line_lang = unit.lang
        if unit.lang != "de" and rng.random() < GERMAN_LABEL_SHARE:
            line_lang = "de"
        text = rng.choice(DATELINES[line_lang])
        article = ctx.article(unit.doc, unit.lang)
        position = 0 if rng.random() < 0.75 else len(article.blocks)
        inserted = Block(text)
        article.blocks.insert(position, inserted)
        allowed = [(inserted, MIXED_LANGUAGE)] if line_lang != unit.lang else []
        yield ctx.make_case(
            "dated-dateline",
            unit,
            article,
            allowed=allowed,
            variant="de-dateline" if line_lang != unit.lang else "own-language",
            note=f"{text!r} at {'top' if position == 0 else 'end'}",
        )
