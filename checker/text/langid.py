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
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from checker import langdata
from checker.text.memo import Memo
from checker.text.tokens import clean_for_language, letters, may_hold_url, word_tokens, words

DEFAULT_CANDIDATES = ("fr", "de", "en", "es", "it", "nl", "pt")


def language_name(code: str) -> str:
    """``de`` → ``German``: the English CLDR name of a language, for messages."""
    from checker.text.aliases import language_names

    return language_names("en").get(code, code).capitalize()


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


@lru_cache(maxsize=16)
def _function_word_table(candidates: tuple[str, ...]) -> tuple[dict[str, tuple[str, ...]], dict]:
    """Each function word of the candidates → the languages it belongs to, and the zero counts
    (languages with a word list), so one pass over the tokens counts them all."""
    table: dict[str, list[str]] = {}
    zero = {}
    for lang in candidates:
        fw = langdata.word_set(lang, "function_words")
        if fw:
            zero[lang] = 0
            for word in fw:
                table.setdefault(word, []).append(lang)
    return {w: tuple(langs) for w, langs in table.items()}, zero


def function_word_counts(text: str, candidates: tuple[str, ...]) -> dict[str, int]:
    """How many tokens of ``text`` are function words of each candidate language."""
    return _count(words(text), candidates)


def _count(tokens: list[str], candidates: tuple[str, ...]) -> dict[str, int]:
    """Function words per candidate among lower-cased ``tokens``."""
    table, zero = _function_word_table(candidates)
    counts = dict(zero)
    for langs in filter(None, map(table.get, tokens)):
        for lang in langs:
            counts[lang] += 1
    return counts


#: Memos of tokens as written, per candidate tuple (and article language), each with the
#: function-word table it was made from: a sentence's tokens are then looked up without
#: lower-casing each.
_memos: dict[tuple[tuple[str, ...], str], tuple[dict, Memo]] = {}


def _memo(candidates: tuple[str, ...], own: str, compute: Callable[[dict, str], Any]) -> Memo:
    """The memo kept for ``(candidates, own)``: token → ``compute(table, token)``, made anew
    if the candidates' function-word table is not the one it was made from."""
    table, _zero = _function_word_table(candidates)
    kept = _memos.get((candidates, own))
    if kept is None or kept[0] is not table:
        kept = _memos[(candidates, own)] = (table, Memo(partial(compute, table)))
    return kept[1]


def _langs_of(table: dict, token: str) -> tuple[str, ...]:
    """The languages whose function word ``token``'s lower case is (``()`` for none)."""
    return table.get(token.lower(), ())


def _foreign_only(own: str, table: dict, token: str) -> bool:
    """Whether ``token``'s lower case is a function word of another candidate, not of ``own``."""
    found = table.get(token.lower(), ())
    return bool(found) and own not in found


def _count_written(tokens: list[str], candidates: tuple[str, ...]) -> dict[str, int]:
    """:func:`_count` of the lower-cased ``tokens``, given as written."""
    _table, zero = _function_word_table(candidates)
    memo = _memo(candidates, "", _langs_of)
    counts = dict(zero)
    for token in tokens:
        for lang in memo[token]:
            counts[lang] += 1
    return counts


def _letter_evidence(text: str, lang: str) -> bool:
    special = langdata.get(lang, "letters") or ""
    return any(ch in special for ch in text.lower())


def detect_document_language(text: str, candidates: tuple[str, ...]) -> str:
    """The main language of a whole article (``""`` when there is too little text).

    Each paragraph (blank-line-separated part) votes for the language whose function words it
    uses most, so one long paragraph left in another language cannot outvote the article.
    """
    votes: dict[str, int] = {}
    for part in text[:20000].split("\n\n"):
        cleaned = clean_for_language(part, drop_quotes=False)
        if letters(cleaned) < 20:
            continue
        counts = sorted(function_word_counts(cleaned, candidates).items(), key=lambda kv: -kv[1])
        if counts and counts[0][1] >= 2 and (len(counts) < 2 or counts[0][1] > counts[1][1]):
            votes[counts[0][0]] = votes.get(counts[0][0], 0) + 1
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    sample = clean_for_language(text[:6000], drop_quotes=False)
    if letters(sample) < 10:
        return ""
    counts = function_word_counts(sample, candidates)
    n_tokens = max(1, len(words(sample)))
    if counts and max(counts.values()) >= 0.12 * n_tokens:
        probs = probabilities(sample, candidates)
        if probs:
            return max(probs, key=probs.get)
    # None of the languages copydesk has word lists for fits: ask langdetect over all it knows.
    probs = probabilities(sample, ())
    return max(probs, key=probs.get) if probs else ""


@lru_cache(maxsize=64)
def _with(candidates: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """The candidate languages and ``lang``, sorted."""
    return tuple(sorted(set(candidates) | {lang}))


def _only_own_words(text: str, langs: tuple[str, ...], own: str) -> bool:
    """True when ``text`` cannot be in another language by :func:`foreign_language`'s count,
    found without cleaning it (most sentences: 80-88 % of the benchmark's).

    Another language must have more function words than the article's language. Each word
    both lists share counts for both, so another language can only pull ahead with a word
    that is its function word and not the article language's; with none in the text, it
    cannot. Cleaning only removes words, or leaves them as they are, except where a URL starts
    inside a word ("voirhttp://…" leaves "voir"): such text is not judged here.
    """
    _table, zero = _function_word_table(langs)
    if own not in zero or may_hold_url(text):
        return False  # no word list for the article's language, or a URL: the full test
    memo = _memo(langs, own, partial(_foreign_only, own))
    return not any(map(memo.__getitem__, word_tokens(text)))


def only_own_words(text: str, candidates: tuple[str, ...], article_lang: str) -> bool:
    """True when :func:`foreign_language` finds ``text`` in no other language by its words
    alone; then no part of ``text`` cut at word boundaries is in another language either."""
    return bool(article_lang) and _only_own_words(
        text, _with(candidates, article_lang), article_lang
    )


def foreign_language(
    text: str,
    article_lang: str,
    candidates: tuple[str, ...],
    min_letters: int = 10,
    short_letters: int = 40,
    min_probability: float = 0.9,
    words_checked: bool = False,
) -> Verdict | None:
    """The language of ``text`` when it is confidently *not* ``article_lang``; else ``None``.

    ``words_checked``: the caller found :func:`only_own_words` false for ``text`` already."""
    if not words_checked and only_own_words(text, candidates, article_lang):
        return None
    cleaned = clean_for_language(text)
    tokens = word_tokens(cleaned)  # one pass gives both the letters and the words
    n_letters = sum(map(len, tokens))
    if n_letters < min_letters or not article_lang:
        return None
    langs = _with(candidates, article_lang)
    counts = _count_written(tokens, langs)
    own = counts.get(article_lang)
    if own is not None:
        # The article's language has a word list: another language must show in its words.
        best_foreign = max((n for lang, n in counts.items() if lang != article_lang), default=0)
        if best_foreign == 0 or best_foreign <= own:
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
    if own is not None and fw_top <= own:
        return None
    # Short text: the foreign language needs two of its words, or one and its letters.
    short = n_letters <= short_letters
    if short and fw_top < 2 and not (fw_top == 1 and _letter_evidence(cleaned, top)):
        return None
    return Verdict(top, probs[top], fw_top)
