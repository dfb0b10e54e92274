"""Language-neutral concepts for words, so blocks in different languages can be compared.

Two sources, both data in ``rules/lang/``:

* ``lexicon/concepts.yml``: hand-curated news vocabulary, one concept with its forms in
  each language;
* ``lexicon/<lang>.tsv``: word stems paired with English stems, built from UD PUD's parallel
  sentences by ``tools/build_lexicon.py``.

A concept id is an English stem. Names and numbers are compared elsewhere; this covers the
ordinary words in between.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from checker import datacache, langdata
from checker.resources import shipped_rules_dir
from checker.text import aliases
from checker.text.aliases import fold
from checker.text.tokens import words
from checker.yamlio import load_file

STEM = 6


def stem(word: str) -> str:
    """A crude, language-blind stem: the accent-folded first letters of a word."""
    return fold(word).replace(" ", "")[:STEM]


def _concepts_path() -> Path:
    return shipped_rules_dir() / "lang" / "lexicon" / "concepts.yml"


#: The code that turns the data into tables: a change to it must not reuse cached tables.
_CODE = (Path(__file__), Path(aliases.__file__))


@lru_cache(maxsize=1)
def _concept_data() -> dict:
    path = _concepts_path()
    if not path.is_file():
        return {}
    return load_file(path) or {}


def _build_concept_tables() -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {"en": {}}
    for forms in _concept_data().values():
        if not isinstance(forms, dict) or not forms.get("en"):
            continue
        cid = stem(str(forms["en"][0]))
        for lang, written in forms.items():
            table = tables.setdefault(str(lang), {})
            for form in written or []:
                table.setdefault(stem(str(form)), cid)
    return tables


@lru_cache(maxsize=1)
def _concept_tables() -> dict[str, dict[str, str]]:
    """Stem of a form → concept id, for every language of ``concepts.yml`` (stemming the
    thousands of forms is done once and kept in the data cache)."""
    return datacache.derived("concept-tables", [_concepts_path(), *_CODE], _build_concept_tables)


def concept_table(lang: str) -> dict[str, str]:
    """Stem of a form → concept id, from ``concepts.yml``."""
    return _concept_tables().get(lang, {})


@lru_cache(maxsize=16)
def lexicon_table(lang: str) -> dict[str, str]:
    """Stem → English stem, from ``lexicon/<lang>.tsv``."""
    path = shipped_rules_dir() / "lang" / "lexicon" / f"{lang}.tsv"
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or "\t" not in line:
                continue
            x, e = line.rstrip("\n").split("\t", 1)
            out[x] = e
    return out


def _lexicon_languages() -> set[str]:
    """Languages with a stem lexicon or forms in the concept list (English is the pivot)."""
    folder = shipped_rules_dir() / "lang" / "lexicon"
    langs = {p.stem for p in folder.glob("*.tsv")}
    for forms in _concept_data().values():
        if isinstance(forms, dict):
            langs.update(forms)
    return langs - {"en"}


def _build_known_concepts() -> list[str]:
    known = set(concept_table("en").values())
    for lang in _lexicon_languages():
        known.update(concept_table(lang).values())
        known.update(concept_table("en").get(e, e) for e in lexicon_table(lang).values())
    return sorted(known)


@lru_cache(maxsize=1)
def _known_concepts() -> frozenset[str]:
    """Every concept id some language maps to."""
    folder = shipped_rules_dir() / "lang" / "lexicon"
    files = [_concepts_path(), *sorted(folder.glob("*.tsv")), *_CODE]
    return frozenset(datacache.derived("known-concepts", files, _build_known_concepts))


def concepts(text: str, lang: str) -> set[str]:
    """Concept ids of the content words of ``text``."""
    fw = langdata.word_set(lang, "function_words")
    stems = {stem(w) for w in words(text) if len(w) >= 3 and w not in fw}
    english = concept_table("en")
    if lang == "en":
        # Only concepts the other languages can map to: a name or a rare word on the English
        # side must not count against a translation that cannot contain it.
        known = _known_concepts()
        return {c for c in (english.get(s, s) for s in stems) if c in known}
    own = concept_table(lang)
    lex = lexicon_table(lang)
    out = set()
    for s in stems:
        if s in own:
            out.add(own[s])
        elif s in lex:
            out.add(english.get(lex[s], lex[s]))
    return out
