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

from checker import langdata
from checker.resources import shipped_rules_dir
from checker.text.aliases import fold
from checker.text.tokens import words
from checker.yamlio import safe_load

STEM = 6


def stem(word: str) -> str:
    """A crude, language-blind stem: the accent-folded first letters of a word."""
    return fold(word).replace(" ", "")[:STEM]


@lru_cache(maxsize=1)
def _concept_data() -> dict:
    path = shipped_rules_dir() / "lang" / "lexicon" / "concepts.yml"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        return safe_load(fh) or {}


@lru_cache(maxsize=16)
def concept_table(lang: str) -> dict[str, str]:
    """Stem of a form → concept id, from ``concepts.yml``."""
    out: dict[str, str] = {}
    for forms in _concept_data().values():
        if not isinstance(forms, dict) or not forms.get("en"):
            continue
        cid = stem(str(forms["en"][0]))
        for form in forms.get(lang) or []:
            out.setdefault(stem(str(form)), cid)
    return out


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


@lru_cache(maxsize=1)
def _known_concepts() -> frozenset[str]:
    """Every concept id some language maps to."""
    known = set(concept_table("en").values())
    for lang in _lexicon_languages():
        known.update(concept_table(lang).values())
        known.update(concept_table("en").get(e, e) for e in lexicon_table(lang).values())
    return frozenset(known)


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
