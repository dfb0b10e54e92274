"""Shortcuts taken for speed must not change what copydesk reports.

Each fast path is compared with the plain computation it replaces, on the shipped samples and on
generated text, so an optimisation that drops a finding fails here rather than in a user's CI.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from checker import langdata
from checker.checks import phrases
from checker.readers import read_document
from checker.readers.blocks import _fold_slow, fold
from checker.resources import shipped_rules_dir
from checker.rules import load_rules
from checker.text import tokens

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _sample_blocks() -> list[str]:
    texts = []
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix in (".txt", ".md", ".html"):
            doc = read_document(str(path), path.read_text(encoding="utf-8"))
            texts.extend(b.text for b in doc.blocks)
    return texts


def test_phrase_gate_never_hides_a_match() -> None:
    """For every shipped phrase rule and language: when the combined gate says a block cannot
    match, no single phrase matches it either, and the gates are really built."""
    rules = load_rules([shipped_rules_dir()])
    texts = [
        *_sample_blocks(),
        "Veröffentlicht am",
        "Lesen Sie auch: Der Hafen",
        "Read more: the budget",
        "Il convient de noter que le port a rouvert.",
        "It is worth noting that the port reopened.",
    ]
    built = 0
    for rule in rules.values():
        if rule.check != "phrases":
            continue
        for lang in ("fr", "de", "en", "es", "it"):
            compiled = phrases._phrase_set(rule, lang)
            built += sum(g is not None for g in compiled.gates.values())
            for text in texts:
                for phrase in compiled.phrases:
                    if phrase.regex.search(text):
                        assert compiled.may_match(phrase.match, text), (rule.id, lang, text)
    assert built >= 10


def test_phrase_gate_is_skipped_for_patterns_an_alternation_would_change() -> None:
    backref = phrases.Phrase("en", re.compile(r"(\w+) \1", re.I), "search", "")
    plain = phrases.Phrase("en", re.compile(r"moreover", re.I), "search", "")
    assert phrases._gate([plain]) is not None
    assert phrases._gate([plain, backref]) is None


_CHARS = st.lists(
    st.tuples(st.sampled_from(list("ab é.\t\n\u00a0\u2009«»x")), st.integers(0, 500)),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_CHARS)
def test_fold_equals_the_character_by_character_fold(chars: list[tuple[str, int]]) -> None:
    assert fold(chars) == _fold_slow(chars)


def _clean_reference(text: str, drop_quotes: bool = True) -> str:
    """clean_for_language without the cheap pre-scans."""
    text = tokens.URL.sub(" ", text)
    text = tokens.BRACKET_TAG.sub(" ", text)
    text = tokens.DOMAIN.sub(" ", text)
    if drop_quotes:
        text = tokens.QUOTED.sub(tokens._drop_short_or_title, text)
    text = re.sub(r"\d+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def test_language_cleaning_equals_the_unscanned_version_on_the_samples() -> None:
    texts = [
        *_sample_blocks(),
        "See https://example.org/a?b=1 or write to desk@example.com [afp.com] « Le Monde »",
        "Die Zahl stieg auf 12,5 Prozent (www.destatis.de), hieß es.",
    ]
    for text in texts:
        for drop in (True, False):
            assert tokens.clean_for_language(text, drop) == _clean_reference(text, drop)


def test_function_word_counts_match_a_count_per_language() -> None:
    from checker.text.langid import function_word_counts

    candidates = ("de", "en", "es", "fr", "it")
    for text in _sample_blocks():
        words = tokens.words(text)
        expected = {
            lang: sum(1 for w in words if w in langdata.word_set(lang, "function_words"))
            for lang in candidates
        }
        assert function_word_counts(text, candidates) == expected
