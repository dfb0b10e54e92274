"""Language identification that is safe on short lines.

Plain langdetect misfires on short strings ("Perspectives mondiales" → en 1.00). copydesk uses a
hybrid, measured on lingua's test sentences (see DESIGN.md):

* text is cleaned first (URLs, domains, bracket tags, digits and quoted passages dropped);
* fewer than ``min_letters`` letters: no verdict;
* function words (``rules/lang/<code>.yml``) are counted first: a cheap gate, so langdetect only
  runs where another language actually shows;
* langdetect, restricted to the candidate languages and seeded, must agree with high confidence.

One restricted :class:`DetectorFactory` per candidate set is kept at module level; results are
cached by cleaned text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from checker import langdata
from checker.text.tokens import clean_for_language, letters, words

DEFAULT_CANDIDATES = ("fr", "de", "en", "es", "it", "nl", "pt")


@dataclass(frozen=True)
class Verdict:
    """A language decision with the evidence behind it."""

    lang: str
    probability: float
    function_words: int


@lru_cache(maxsize=16)
def _factory(candidates: tuple[str, ...]):
    """A langdetect factory that knows only ``candidates`` (or every language if ``()``)."""
    import langdetect
    from langdetect.detector_factory import DetectorFactory

    profiles_dir = os.path.join(os.path.dirname(langdetect.__file__), "profiles")
    available = set(os.listdir(profiles_dir))
    factory = DetectorFactory()
    chosen = [c for c in candidates if c in available] if candidates else sorted(available)
    if len(chosen) < 2:
        chosen = sorted(set(chosen) | {"en", "fr"})
    profiles = []
    for code in chosen:
        with open(os.path.join(profiles_dir, code), encoding="utf-8") as fh:
            profiles.append(fh.read())
    factory.load_json_profile(profiles)
    factory.seed = 0
    return factory


@lru_cache(maxsize=65536)
def probabilities(text: str, candidates: tuple[str, ...]) -> dict[str, float]:
    """langdetect's probabilities over ``candidates`` for (already cleaned) text."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory(candidates).create()
    detector.append(text)
    try:
        return {p.lang.split("-")[0]: p.prob for p in detector.get_probabilities()}
    except LangDetectException:
        return {}


def function_word_counts(text: str, candidates: tuple[str, ...]) -> dict[str, int]:
    """How many tokens of ``text`` are function words of each candidate language."""
    tokens = words(text)
    counts = {}
    for lang in candidates:
        fw = langdata.word_set(lang, "function_words")
        if fw:
            counts[lang] = sum(1 for t in tokens if t in fw)
    return counts


def _letter_evidence(text: str, lang: str) -> bool:
    special = langdata.get(lang, "letters") or ""
    return any(ch in special for ch in text.lower())


def detect_document_language(text: str, candidates: tuple[str, ...]) -> str:
    """The main language of a whole article (``""`` when there is too little text)."""
    sample = clean_for_language(text[:6000], drop_quotes=False)
    if letters(sample) < 10:
        return ""
    counts = function_word_counts(sample, candidates)
    n_tokens = max(1, len(words(sample)))
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 0.12 * n_tokens:
        best, best_n = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else 0
        if best_n >= 1.5 * runner:
            return best
        probs = probabilities(sample, candidates)
        return max(probs, key=probs.get) if probs else best
    # None of the languages copydesk has word lists for fits: ask langdetect over all it knows.
    probs = probabilities(sample, ())
    return max(probs, key=probs.get) if probs else ""


def foreign_language(
    text: str,
    article_lang: str,
    candidates: tuple[str, ...],
    min_letters: int = 10,
    short_letters: int = 40,
    min_probability: float = 0.9,
) -> Verdict | None:
    """The language of ``text`` when it is confidently *not* ``article_lang``; else ``None``."""
    cleaned = clean_for_language(text)
    n_letters = letters(cleaned)
    if n_letters < min_letters or not article_lang:
        return None
    langs = tuple(sorted(set(candidates) | {article_lang}))
    counts = function_word_counts(cleaned, langs)
    own = counts.get(article_lang)
    foreign = {k: v for k, v in counts.items() if k != article_lang}
    best_foreign = max(foreign, key=foreign.get) if foreign else None
    if own is not None:
        # The article's language has a word list: another language must show in its words.
        if best_foreign is None or foreign[best_foreign] == 0 or foreign[best_foreign] <= own:
            return None
    elif n_letters <= short_letters:
        return None  # no word list to lean on: short text is too risky
    probs = probabilities(cleaned, langs)
    if not probs:
        return None
    top = max(probs, key=probs.get)
    if top == article_lang or probs[top] < min_probability:
        return None
    if probs.get(article_lang, 0.0) > 0.1:
        return None
    fw_top = counts.get(top, 0)
    if n_letters <= short_letters:
        # Short text: the foreign language needs its own evidence, words or letters.
        if fw_top == 0 and not _letter_evidence(cleaned, top):
            return None
        if own is not None and fw_top <= own:
            return None
    elif own is not None and fw_top <= own:
        return None
    return Verdict(top, probs[top], fw_top)
