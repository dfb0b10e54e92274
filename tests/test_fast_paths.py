"""Shortcuts taken for speed must not change what copydesk reports.

Each fast path is compared with the plain computation it replaces, on the shipped samples and on
generated text, so an optimisation that drops a finding fails here rather than in a user's CI.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import langdata
from checker.checks import phrases
from checker.readers import read_document
from checker.readers.blocks import _fold_slow, fold
from checker.resources import shipped_rules_dir
from checker.rules import load_rules
from checker.text import tokens
from checker.text.factors import literal_factors

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _sample_blocks() -> list[str]:
    texts = []
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix in (".txt", ".md", ".html"):
            doc = read_document(str(path), path.read_text(encoding="utf-8"))
            texts.extend(b.text for b in doc.blocks)
    return texts


def _shipped_patterns() -> list[re.Pattern]:
    """Every pattern copydesk ships for the phrases kind, compiled as the kind compiles them."""
    rules = load_rules([shipped_rules_dir()])
    out = []
    for rule in rules.values():
        if rule.check == "phrases":
            for lang in ("fr", "de", "en", "es", "it"):
                out.extend(p.regex for p in phrases._phrases_for(rule, lang))
    return out


def test_literal_factors_never_hide_a_match_of_a_shipped_phrase() -> None:
    """A block is skipped when it lacks all of a pattern's literal factors: check on the
    samples and on each pattern's own example matches that no match is ever skipped, and that
    most shipped patterns do get factors."""
    texts = [
        *_sample_blocks(),
        "Veröffentlicht am",
        "Lesen Sie auch: Der Hafen",
        "READ MORE: the budget",
        "Il convient de noter que le port a rouvert.",
        "It is worth noting that the port reopened.",
        "ES BLEIBT ABZUWARTEN, ob der Hafen öffnet.",
    ]
    with_factors = 0
    patterns = _shipped_patterns()
    for pattern in patterns:
        factors = literal_factors(pattern.pattern, pattern.flags)
        with_factors += factors is not None
        for text in texts:
            if pattern.search(text) and factors is not None:
                assert any(f in text.casefold() for f in factors), (pattern.pattern, text)
    assert with_factors >= 0.6 * len(patterns)


@pytest.mark.parametrize(
    ("pattern", "factors"),
    [
        (r"(?<!\w)(?:(?:il )?reste à (?:savoir|voir))(?!\w)", {"reste à "}),
        (r"\d+\s*min(?:\.|uten)?\s+Lesezeit", {"lesezeit"}),
        (r"(?:artikel|text) wurde (?:übersetzt|erstellt)", {"übersetzt", "erstellt"}),
        (r"(?:abc)+x", {"abc"}),
        (r"(?:abc)*x", None),  # optional: no factor
        (r"ab|cd", None),  # too short to be worth it
        (r"(\w+) \1", None),
    ],
)
def test_literal_factors(pattern: str, factors: set[str] | None) -> None:
    assert literal_factors(pattern, re.IGNORECASE) == (
        frozenset(factors) if factors is not None else None
    )


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcXYZ -", max_size=30))
def test_literal_factors_hold_for_generated_text(text: str) -> None:
    for source in (r"abc(?:a|Xyz)Z+", r"(?:ab c|zzz)a?bc", r"\bcab\b|ba-c"):
        pattern = re.compile(source, re.IGNORECASE)
        factors = literal_factors(source, re.IGNORECASE)
        assert factors is not None
        if pattern.search(text):
            assert any(f in text.casefold() for f in factors)


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


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["Les", "les", "LES", "Der", "DIE", "the", "İl", "Il", "Über", "x"]))
)
def test_counting_tokens_as_written_equals_counting_them_lower_cased(written: list[str]) -> None:
    from checker.text.langid import _count, _count_written

    candidates = ("de", "en", "es", "fr", "it")
    assert _count_written(written, candidates) == _count([w.lower() for w in written], candidates)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1_ -.\u00a0\t[]/:éß«»", max_size=40))
def test_word_count_equals_counting_tokens_with_a_letter_or_digit(text: str) -> None:
    from checker.checks.sentence_length import word_count

    plain = tokens.BRACKET_TAG.sub(" ", tokens.URL.sub(" ", text))
    assert word_count(text) == sum(1 for token in plain.split() if any(c.isalnum() for c in token))


def test_typography_masking_equals_masking_every_pattern() -> None:
    from checker.checks.typography import _MASK, masked

    def reference(text: str) -> str:
        for regex in (tokens.URL, tokens.BRACKET_TAG, tokens.DOMAIN):
            text = regex.sub(lambda m: _MASK * len(m.group(0)), text)
        return text

    for text in [*_sample_blocks(), "Voir www.example.fr ou [afp.com] : « oui »"]:
        assert masked(text) == reference(text)


def test_factor_finder_equals_looking_for_each_factor() -> None:
    """The finder reports exactly the factors a plain substring test finds, overlapping and
    nested ones ("rest", "reste", "reste à") included, in any letter case."""
    from checker.text.factors import FactorFinder

    factors = {"reste à", "rest", "reste", "time will tell", "lesezeit", "ß-straße", "über"}
    finder = FactorFinder(factors)
    texts = [*_sample_blocks(), "Il reste à voir. Time will TELL. 5 Min. Lesezeit, Über-Straße"]
    for text in texts:
        folded = text.casefold()
        assert finder.present(text) == {f for f in factors if f in folded}, text
    assert FactorFinder(set()).present("reste") == frozenset()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="reståà ISİıßss", max_size=40))
def test_factor_finder_equals_substring_tests_on_generated_text(text: str) -> None:
    from checker.text.factors import FactorFinder

    factors = {"rest", "reste", "ste à", "iss", "ssi", "ßs".casefold(), "İs".casefold()}
    folded = text.casefold()
    assert FactorFinder(factors).present(text) == {f for f in factors if f in folded}


def test_phrase_sets_offer_every_phrase_that_matches() -> None:
    rules = load_rules([shipped_rules_dir()])
    texts = [*_sample_blocks(), "Lesen Sie auch: Der Hafen", "It remains to be seen whether."]
    for rule in rules.values():
        if rule.check != "phrases":
            continue
        for lang in ("fr", "de", "en", "es", "it"):
            compiled = phrases._phrase_set(rule, lang)
            for text in texts:
                offered = compiled.candidates(text)
                for phrase in compiled.phrases:
                    if phrase.regex.search(text):
                        assert phrase in offered, (rule.id, lang, phrase.pattern, text)


_HYPHENATION_LANGS = ("en-US", "de", "fr", "es", "it")


def _hyphenation_dictionaries() -> list:
    """pyphen's dictionaries for the five languages, parsed by pyphen itself, then quickened
    and made to use their automaton from the first word on."""
    pyphen = pytest.importorskip("pyphen")
    from checker.text.hyphenation import quicken

    out = []
    for lang in _HYPHENATION_LANGS:
        plain = pyphen.HyphDict(pyphen.LANGUAGES[pyphen.language_fallback(lang)])
        quick = pyphen.HyphDict(pyphen.LANGUAGES[pyphen.language_fallback(lang)])
        quicken(quick, pyphen.DataInt).misses = len(quick.patterns)
        out.append((pyphen.HyphDict.positions, plain, quick))
    return out


def test_hyphenation_builds_its_automaton_only_once_it_pays() -> None:
    """A one-article run uses pyphen's own loop; the automaton comes after many new words."""
    pyphen = pytest.importorskip("pyphen")
    from checker.text.hyphenation import quicken

    hd = quicken(pyphen.HyphDict(pyphen.LANGUAGES["de"]), pyphen.DataInt)
    words = [f"wort{n}" for n in range(len(hd.patterns) // 10 + 5)]
    for word in words[:300]:
        hd.positions(word)
    assert hd.automaton is None
    for word in words[300:]:
        hd.positions(word)
    assert hd.automaton is not None
    plain = pyphen.HyphDict(pyphen.LANGUAGES["de"])
    assert [hd.positions(w) for w in words] == [plain.positions(w) for w in words]


def test_quick_hyphenation_equals_pyphen_on_every_sample_word() -> None:
    """Syllable counts (and so readability scores) must not move: every word of the samples,
    in every language's dictionary, gets pyphen's own positions."""
    words = sorted({w for text in _sample_blocks() for w in re.findall(r"\w+", text)})
    words += ["Donaudampfschifffahrtsgesellschaft", "anticonstitutionnellement", "a", ""]
    assert len(words) > 500
    for positions, plain, quick in _hyphenation_dictionaries():
        for word in words:
            got, want = quick.positions(word), positions(plain, word)
            assert got == want, word
            assert [(type(p), p.data) for p in got] == [(type(p), p.data) for p in want], word


@pytest.fixture(scope="module")
def hyphenation_dictionaries() -> list:
    return _hyphenation_dictionaries()


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüßéèàçñíóúœ-'", max_size=30)))
def test_quick_hyphenation_equals_pyphen_on_generated_words(
    hyphenation_dictionaries: list, words: list[str]
) -> None:
    for positions, plain, quick in hyphenation_dictionaries:
        for word in words:
            assert quick.positions(word) == positions(plain, word), word


def test_resolving_by_folder_equals_resolving_each_path(tmp_path, monkeypatch) -> None:
    """Files are resolved through their folder's cached resolution: links to files, links to
    folders, broken and looping links, missing files and ``..`` must all come out as
    ``Path.resolve`` gives them."""
    from checker.sources import forget_folders, resolved

    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "a.md").write_text("x")
    (real / "sub" / "b.md").write_text("x")
    (tmp_path / "folder-link").symlink_to(real, target_is_directory=True)
    (real / "file-link.md").symlink_to(real / "sub" / "b.md")
    (real / "broken.md").symlink_to(tmp_path / "nowhere.md")
    (real / "loop.md").symlink_to(real / "loop.md")
    monkeypatch.chdir(tmp_path)
    paths = [
        real / "a.md",
        real / "sub" / "b.md",
        tmp_path / "folder-link" / "a.md",
        tmp_path / "folder-link" / "sub" / "b.md",
        real / "file-link.md",
        real / "broken.md",
        real / "missing.md",
        real / "sub" / ".." / "a.md",
        real / "sub" / "..",
        Path("folder-link/a.md"),
        Path("real/sub/b.md"),
    ]
    forget_folders()
    for _round in range(2):  # the second round from the folder cache
        for path in paths:
            if path.name == "loop.md":
                continue
            assert resolved(path) == path.resolve(), path
    assert resolved(real / "loop.md").name == "loop.md"
    monkeypatch.chdir(real / "sub")  # a relative path means another file once the cwd moves
    assert resolved(Path("b.md")) == real / "sub" / "b.md"
    monkeypatch.chdir(real)
    assert resolved(Path("a.md")) == real / "a.md"
    forget_folders()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="wW.:/@ab-_1 éſ\u212aKhtps", max_size=30))
def test_link_scans_never_miss_a_link(text: str) -> None:
    """The cheap scans may say "maybe" too often, never "no" when the pattern matches."""
    if tokens.URL.search(text):
        assert tokens.may_hold_url(text), text
    if tokens.DOMAIN.search(text):
        assert tokens.may_hold_domain(text), text


def test_link_scans_say_no_to_plain_prose() -> None:
    assert not tokens.may_hold_url("Le port a rouvert. Il était fermé depuis mai.")
    assert not tokens.may_hold_domain("Le port a rouvert. Il était fermé depuis mai.")
    assert tokens.may_hold_url("voir WWW.example.org") and tokens.may_hold_domain("x.Org")


def test_number_words_as_a_trie_match_as_the_plain_alternation() -> None:
    """Figures in words ("deux millions") are found by a trie of the number words: the same
    matches as the longest-first alternation it replaced."""
    from checker.text.claims import _number_words
    from checker.text.patterns import alternation

    for lang in ("fr", "de", "en", "es", "it"):
        words = langdata.get(lang, "number_words")
        units = langdata.get(lang, "claim_units")
        plain = re.compile(
            rf"(?<!\w)(?:{alternation(words)})[\s\u00a0]+(?:{alternation(units)})(?!\w)",
            re.IGNORECASE,
        )
        unit_examples = ["millions", "Millionen", "%", "euros", "km", "milioni", "millones", "m"]
        texts = [*_sample_blocks()]
        texts += [f"Il y a {w} {u}." for w in words for u in unit_examples]
        texts += [f"{w.upper()} {u}, x{w} {u}, {w}s {u}" for w in words for u in unit_examples]
        for text in texts:
            got = [m.span() for m in _number_words(lang).finditer(text)]
            assert got == [m.span() for m in plain.finditer(text)], (lang, text)


def _apostrophes_reference(text: str, lang: str) -> list[tuple[int, str]]:
    """The apostrophe scan as first written: the word before found by a regex search."""
    from checker.checks.typography import _APOSTROPHE, _ENGLISH_ENDINGS, _WORD_AFTER

    marks = []
    for m in _APOSTROPHE.finditer(text):
        i = m.start()
        if lang != "en":
            before = re.compile(r"[^\W\d_]+$").search(text, max(0, i - 64), i)
            after = _WORD_AFTER.match(text, i + 1)
            if (after and after.group(0).lower() in _ENGLISH_ENDINGS) or (
                before and before.group(0) == "O"
            ):
                continue
        marks.append((i, m.group(0)))
    return marks


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="O'’sa1_ éD²", max_size=30), st.sampled_from(["fr", "en", "it"]))
def test_apostrophe_scan_equals_the_regex_search(text: str, lang: str) -> None:
    from checker.checks.typography import apostrophes

    assert apostrophes(text, lang) == _apostrophes_reference(text, lang)


def _split_reference(text: str, lang: str) -> list[tuple[int, int]]:
    """split_sentences as first written: the word before a point found by an anchored search."""
    from checker.text import sentences as mod

    before_re = re.compile(r"([\w.\-°ºª]+)$")
    abbreviations = mod._abbreviations(lang)
    spans, start = [], 0
    for m in mod._BOUNDARY.finditer(text):
        if m.group("punct").startswith(".") and len(m.group("punct")) == 1 and not m.group("close"):
            before = before_re.search(text, max(0, m.start() - mod._LOOKBACK), m.start())
            token = before.group(1).lower().strip(".-") if before else ""
            if token in abbreviations or (len(token) == 1 and token.isalpha()):
                continue
            if (token.isdigit() and len(token) <= 2) or ("." in token and len(token) <= 8):
                continue
        if m.start("space") > start:
            spans.append((start, m.start("space")))
        start = m.end()
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab. A3°z-M\u00a0!", max_size=80), st.sampled_from(["fr", "de", "en"]))
def test_sentence_split_equals_the_anchored_search(text: str, lang: str) -> None:
    from checker.text.sentences import split_sentences

    assert split_sentences(text, lang) == _split_reference(text, lang)


def test_sentence_split_equals_the_anchored_search_on_the_samples() -> None:
    from checker.text.sentences import split_sentences

    for text in _sample_blocks():
        for lang in ("fr", "de", "en", "es", "it"):
            assert split_sentences(text, lang) == _split_reference(text, lang)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "path": st.text(max_size=12),
                "rule": st.sampled_from(["name-variant", "x"]),
                "line": st.integers(0, 10**6),
                "column": st.one_of(st.booleans(), st.floats(allow_nan=True), st.none()),
                "message": st.text(alphabet='ab"\\\n\t«é\u2028\x00', max_size=20),
                "excerpt": st.one_of(st.none(), st.text(max_size=8)),
            }
        ),
        max_size=4,
    )
)
def test_json_report_equals_the_json_module_with_indent(findings: list[dict]) -> None:
    """The JSON reporter writes findings itself: byte for byte what json.dumps(indent=2)
    writes."""
    import json

    from checker.engine import Report
    from checker.reporters import json as reporter

    report = Report()
    original = reporter.as_dict

    def as_dict(_report: Report) -> dict:
        data = original(report)
        data["findings"] = [dict(f) for f in findings]
        return data

    reporter.as_dict = as_dict
    try:
        expected = json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
        assert reporter.render(report) == expected
    finally:
        reporter.as_dict = original


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="ab \t\n«»é", max_size=30),
    st.lists(st.tuples(st.integers(-5, 35), st.integers(-5, 35)), max_size=5),
)
def test_mask_equals_blanking_character_by_character(text: str, spans: list) -> None:
    from checker.text.patterns import mask

    chars = list(text)
    for start, end in spans:
        for i in range(max(0, start), min(end, len(chars))):
            if not chars[i].isspace():
                chars[i] = " "
    assert mask(text, spans) == "".join(chars)


def _foreign_reference(text: str, own: str, candidates: tuple[str, ...]) -> object:
    """foreign_language without its look at the uncleaned words."""
    from checker.text import langid

    saved = langid._only_own_words
    langid._only_own_words = lambda *_args: False
    try:
        return langid.foreign_language(text, own, candidates, 20)
    finally:
        langid._only_own_words = saved


_FOREIGN_WORDS = ["the", "of", "der", "und", "el", "los", "que", "il", "che", "de", "la", "les"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *_FOREIGN_WORDS,
                "The",
                "DER",
                "voirhttp://x.org",
                "www.el.es",
                "«el los»",
                "3",
                "[la]",
                "ab",
                " ",
                ".",
                "Straße",
                "x.com/los",
            ]
        ),
        max_size=25,
    ),
    st.sampled_from(["fr", "de", "en", "es", "it"]),
)
def test_foreign_language_without_cleaning_equals_the_full_test(words: list, own: str) -> None:
    """A text judged in the article's language from its uncleaned words gets the same verdict
    as the full test (cleaning, counting, langdetect)."""
    from checker.text.langid import foreign_language

    text = " ".join(words)
    candidates = ("de", "en", "es", "fr", "it")
    assert foreign_language(text, own, candidates, 20) == _foreign_reference(text, own, candidates)


def test_foreign_language_without_cleaning_equals_the_full_test_on_the_samples() -> None:
    from checker.text.langid import foreign_language

    candidates = ("de", "en", "es", "fr", "it")
    for text in _sample_blocks():
        for own in candidates:
            got = foreign_language(text, own, candidates, 20)
            assert got == _foreign_reference(text, own, candidates), (own, text)


def _textstat_counts() -> tuple:
    from checker.checks import metric

    metric._textstat()
    from textstat.backend.counts import count_syllables

    return count_syllables, count_syllables.textstat


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüßéèàçñíóúœ-'’ ,.", max_size=25)),
    st.sampled_from(["en-US", "fr", "de", "it", "es"]),
)
def test_remembered_syllable_counts_equal_textstats_count(words: list[str], lang: str) -> None:
    """Readability scores must not move: the remembered count is textstat's, text by text."""
    quick, textstat = _textstat_counts()
    text = " ".join(words)
    assert quick(text, lang) == textstat(text, lang)


def test_remembered_syllable_counts_equal_textstats_count_on_the_samples() -> None:
    quick, textstat = _textstat_counts()
    for text in _sample_blocks():
        for lang in ("en-US", "fr", "de", "it", "es"):
            assert quick(text, lang) == textstat(text, lang), (lang, text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab Éé1_.'-\u00b2", max_size=30), st.lists(st.integers(0, 30), max_size=4))
def test_pieces_cut_outside_words_hold_exactly_their_words(text: str, cuts: list[int]) -> None:
    """What lets the language check skip the sentences of a block in the article's language."""
    bounds = sorted({0, len(text), *(c for c in cuts if c <= len(text))})
    if tokens.splits_words(text, bounds):
        return
    whole = [(m.start(), m.group()) for m in tokens._SIMPLE_WORD.finditer(text)]
    pieces = []
    for a, b in itertools.pairwise(bounds):
        pieces += [(a + m.start(), m.group()) for m in tokens._SIMPLE_WORD.finditer(text[a:b])]
    assert pieces == whole


def test_splits_words_sees_a_cut_inside_a_word() -> None:
    assert tokens.splits_words("Le chat dort.", [4])
    assert not tokens.splits_words("Le chat dort.", [3, 8, 13])


_MIXED_ARTICLE = """Le conseil municipal vote le budget

Le conseil municipal a adopté mardi soir le budget de la ville pour l'année prochaine. Les élus \
de l'opposition ont voté contre le texte.

La maire a défendu un budget prudent devant les élus. The council will publish the full budget \
documents on its website next week. Les débats reprendront en janvier.

Les travaux de la piscine commenceront au printemps. Le chantier doit durer deux ans, selon la \
mairie.
"""


def test_language_check_skips_sentences_only_when_none_can_be_foreign(monkeypatch) -> None:
    """The rule reports the same sentences whether or not it looks at a block's words first."""
    import checker
    from checker import analysis
    from checker.checks import language

    def run() -> list[dict]:
        found = checker.check_paths([str(SAMPLES)], select=["mixed-language"]).findings
        found += checker.check_text(
            _MIXED_ARTICLE, "budget.txt", select=["mixed-language"]
        ).findings
        return [f.to_dict() for f in found]

    quick = run()
    monkeypatch.setattr(language, "own_words", lambda doc, block: False)
    monkeypatch.setattr(analysis, "own_words", lambda doc, block: False)
    assert run() == quick
    assert [f["message"] for f in quick].count(
        "Sentence is in English, not French like the article"
    ) == 1


#: Whitespace that folding changes: a run, a tab or line break, or space at either end.
_NEEDS_FOLDING = re.compile(r"\s\s|[^\S ]|^\s|\s$")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="a \t\n\u00a0\u2009\u200b\x1c\x85é", max_size=20))
def test_needs_folding_equals_the_whitespace_pattern(text: str) -> None:
    from checker.readers.blocks import needs_folding

    assert needs_folding(text) == bool(_NEEDS_FOLDING.search(text))


def test_split_and_the_whitespace_pattern_agree_on_every_character() -> None:
    """``str.split()`` and ``\\s`` must know the same whitespace for the fold's fast test."""
    from checker.readers.blocks import needs_folding

    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        text = f"a{chr(code)}b"
        assert needs_folding(text) == bool(_NEEDS_FOLDING.search(text)), hex(code)
