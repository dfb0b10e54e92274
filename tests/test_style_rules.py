"""The info-level style rules: headline-style, filler-phrase, readability, long-sentence, typography."""

from __future__ import annotations

import sys

import pytest
from conftest import SEED

from checker import check_paths, check_text
from checker.checks import metric
from checker.readers import read_document
from checker.rules import RuleError, parse_rule

NBSP = "\u00a0"
STYLE = ["headline-style", "filler-phrase", "readability", "long-sentence", "typography"]


def lines(text: str, rule: str, lang: str, name: str = "a.txt", **options) -> list[int]:
    report = check_text(text, name, select=[rule], lang=lang, **options)
    return [f.line for f in report.findings if f.rule == rule]


def messages(text: str, rule: str, lang: str, name: str = "a.txt") -> list[str]:
    report = check_text(text, name, select=[rule], lang=lang)
    return [f.message for f in report.findings if f.rule == rule]


# -- the seed and the acceptance ---------------------------------------------------------
def test_seed_gets_headline_filler_and_typography() -> None:
    report = check_paths([str(SEED)], select=STYLE)
    found = {(f.line, f.rule) for f in report.findings}
    assert (1, "headline-style") in found
    assert {(13, "filler-phrase"), (15, "filler-phrase"), (27, "filler-phrase")} <= found
    assert (1, "typography") in found
    # The German transparency notice (line 3) is another language: no French typography there.
    assert (3, "typography") not in found
    assert not [f for f in found if f[1] in {"readability", "long-sentence"}]


def test_french_english_quotes_and_glued_marks_are_flagged_correct_french_is_not() -> None:
    bad = (
        "Le Japon en alerte\n\n"
        '"Nous ne tolérerons aucune provocation", a déclaré le porte-parole. Quelle journée!\n'
    )
    found = messages(bad, "typography", "fr")
    assert any("quotation marks in French: use « … »" in m for m in found)
    assert any('"journée!" → "journée\u00a0!"' in m for m in found)
    good = (
        f"Le Japon en alerte{NBSP}: Tokyo convoque son conseil de sécurité\n\n"
        f"«{NBSP}Nous ne tolérerons aucune provocation{NBSP}», a déclaré le porte-parole "
        f"à 10:30. Le score était de 2:1{NBSP}; quelle journée{NBSP}! Voir "
        f"https://example.org/page?id=3:4 et «{NBSP}une “citation” imbriquée{NBSP}».\n"
    )
    assert messages(good, "typography", "fr") == []


def test_french_plain_spaces_are_flagged_unless_the_option_is_off(tmp_path) -> None:
    text = "Titre : un accord\n\nIl a parlé d'un « âge d'or » pour l'alliance ?\n"
    assert sorted(set(lines(text, "typography", "fr"))) == [1, 3]
    (tmp_path / "copydesk.toml").write_text(
        "[rules.typography]\nno_break_space = false\n", encoding="utf-8"
    )
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    report = check_paths([str(article)], select=["typography"], lang="fr")
    assert report.findings == []
    article.write_text("Titre: un accord\n\nIl a parlé d'un «âge d'or».\n", encoding="utf-8")
    report = check_paths([str(article)], select=["typography"], lang="fr")
    assert sorted({f.line for f in report.findings}) == [1, 3]


def test_no_break_space_entities_in_html_count() -> None:
    html = (
        '<html lang="fr"><body><h1>Accord&nbsp;: Tokyo et Washington</h1>'
        "<p>«&#8239;Nous signerons&#8239;», a-t-il dit. Pourquoi&nbsp;? Personne ne sait.</p>"
        "</body></html>"
    )
    assert lines(html, "typography", "fr", name="a.html") == []


def test_spaces_before_marks_in_english_german_italian() -> None:
    assert lines("Vote\n\nThe council voted ; the plan passed.\n", "typography", "en") == [3]
    assert lines("Vote\n\nThe council voted; the plan passed at 10:30.\n", "typography", "en") == []
    assert lines("Streik\n\nWarum ? Niemand weiß es.\n", "typography", "de") == [3]
    assert lines("Sciopero\n\nPerché? Nessuno lo sa.\n", "typography", "it") == []


def test_german_quotes() -> None:
    bad = 'Streik\n\n"Wir fordern mehr Lohn", sagte Brehmer.\n'
    assert any("„ … “ or » … «" in m for m in messages(bad, "typography", "de"))
    good = "Streik\n\n„Wir fordern mehr Lohn“, sagte Brehmer. Das sei »fair«, hieß es.\n"
    # „…“ and »…« are both German; one article should still keep to one of them.
    assert len(messages(good, "typography", "de")) == 1
    assert messages(good.replace("»fair«", "„fair“"), "typography", "de") == []


def test_spanish_inverted_marks() -> None:
    bad = "Aranceles\n\nQué significa esto? «Por fin hay diálogo!», dijo Cabello.\n"
    found = messages(bad, "typography", "es")
    assert len(found) == 2 and '"¿"' in found[0] and '"¡"' in found[1]
    good = (
        "Aranceles\n\nSi no hay acuerdo, ¿qué pasará con el olivar? «¡Por fin hay diálogo!», "
        "dijo Cabello. Los manifestantes gritaban «November is coming!» ante el Senado.\n"
    )
    assert messages(good, "typography", "es") == []
    assert lines("Aranceles\n\n¿Qué significa esto.\n", "typography", "es") == [3]


def test_one_quote_style_per_article() -> None:
    text = (
        "Porto\n\n«Il terminal è bello», ha detto il sindaco.\n\n"
        "«Il traffico resta un problema», ha aggiunto.\n\n"
        '"Vedremo in estate", ha concluso l\'assessora.\n'
    )
    found = check_text(text, "a.txt", select=["typography"], lang="it").findings
    assert [f.line for f in found] == [7]
    assert "« … »" in found[0].message


def test_apostrophes_mixed_in_a_paragraph_but_not_english_names() -> None:
    mixed = "Accord\n\nL’accord prévoit d'autres livraisons jusqu’en mars.\n"
    assert lines(mixed, "typography", "fr") == [3]
    names = (
        "Ospedale\n\nL’ospedale Rady Children's Hospital e l’ispettore Brian O'Hagan "
        "hanno confermato l’arrivo.\n"
    )
    assert lines(names, "typography", "it") == []


# -- headline-style ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "title", "flagged"),
    [
        ("en", "Storm Corran slams Wexmoor: you won't believe what happened next", True),
        ("en", "Will the council finally pay for sea defences?", True),
        ("en", "What is the Global Citizen Festival and has it reduced poverty?", False),
        ("en", "NATO and EU leaders meet in Brussels", False),
        ("it", "OSPEDALE DI VALLEROSA, CHIUDE IL PRONTO SOCCORSO", True),
        ("fr", "« C'est une victoire ! » : les riverains saluent la décision", False),
        ("fr", "Le Japon en alerte !", True),
        ("es", "¿Qué cambia con las restricciones de agua?", False),
        ("de", "Das wird Sie schockieren: Bahn erhöht die Preise", True),
        ("fr", "Les défilés parisiens " + "dévoilent des chapeaux géants " * 5, True),
    ],
)
def test_headline_style(lang: str, title: str, flagged: bool) -> None:
    text = f"{title}\n\nUne phrase de corps pour que l'article ait un paragraphe.\n"
    assert bool(lines(text, "headline-style", lang)) is flagged


def test_headline_message_lists_every_reason() -> None:
    (message,) = messages("ENFIN LA PLUIE SUR ALICANTE !\n\nTexte.\n", "headline-style", "fr")
    assert "exclamation mark" in message and "all capitals" in message


# -- filler-phrase -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("fr", "Il n'est guère étonnant que les deux pays coopèrent."),
        ("fr", "Rien d’étonnant à ce que Tokyo s'inquiète."),
        ("fr", "Seul l'avenir nous le dira."),
        ("fr", "Que se passe-t-il du côté de Séoul ?"),
        ("en", "It comes as no surprise that the vote passed."),
        ("en", "It will be interesting to see how the council reacts."),
        ("en", "What's happening on the energy front?"),
        ("de", "Es bleibt spannend, ob der Kreis die Frist hält."),
        ("de", "Was tut sich an der Zinsfront?"),
        ("es", "Queda por ver si Washington acepta."),
        ("es", "Se puede imaginar que el sector protestará."),
        ("it", "Non sorprende che i sindaci protestino."),
        ("it", "Sarà interessante vedere come reagirà la Regione."),
    ],
)
def test_filler_families(lang: str, sentence: str) -> None:
    assert lines(f"Titre\n\n{sentence}\n", "filler-phrase", lang) == [3]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("fr", "Il reste trois jours avant le vote."),
        ("en", "Time will be short for the council."),
        ("de", "Die Zeit drängt, sagte die Landrätin."),
        ("es", "El tiempo fue seco durante todo el mes."),
    ],
)
def test_filler_leaves_plain_sentences_alone(lang: str, sentence: str) -> None:
    assert lines(f"Titre\n\n{sentence}\n", "filler-phrase", lang) == []


# -- long-sentence -----------------------------------------------------------------------------
def test_long_sentence_limits_per_language_and_what_counts_as_a_word() -> None:
    words = " ".join(f"mot{i}" for i in range(43))
    text = f"Titre\n\nUne {words} fin.\n"
    assert lines(text, "long-sentence", "en") == [3]
    assert lines(text, "long-sentence", "fr") == []  # French allows 45 words
    short = " ".join(f"w{i}" for i in range(30))
    tagged = f"Title\n\nA {short} https://example.org/a/b/c [example.org] end.\n"
    assert lines(tagged, "long-sentence", "en") == []
    (message,) = messages(text, "long-sentence", "en")
    assert "45 words" in message and "40" in message


# -- readability and the generic metric kind ---------------------------------------------------
def test_readability_reports_once_at_the_title_with_score_and_meaning() -> None:
    report = check_paths([str(SEED.parent / "de-broken-amt.txt")], select=["readability"])
    (finding,) = report.findings
    assert finding.line == 1
    assert "LIX" in finding.message and "very difficult" in finding.message
    assert "at most 70" in finding.message


def test_readability_never_loads_nltk_and_skips_short_texts() -> None:
    had_nltk = "nltk" in sys.modules
    dense = (
        "Results\n\n"
        + "Operating profitability benefited substantially from accelerated implementation "
        "of the organisation's comprehensive warehouse automation programme, notwithstanding "
        "considerable macroeconomic uncertainty regarding discretionary consumer expenditure. " * 6
    )
    assert lines(dense, "readability", "en") == [1]
    if not had_nltk:
        assert "nltk" not in sys.modules  # textstat must not reach NLTK's downloader
    assert lines("Results\n\n" + dense.split("\n\n")[1][:300] + "\n", "readability", "en") == []


def test_readability_threshold_per_language_from_the_configuration(tmp_path) -> None:
    source = SEED.parent / "fr-clean-energy.md"
    assert check_paths([str(source)], select=["readability"]).findings == []
    article = tmp_path / "energy.md"
    article.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "copydesk.toml").write_text(
        "[rules.readability]\nthresholds = {fr = 80, de = 10}\n", encoding="utf-8"
    )
    (finding,) = check_paths([str(article)], select=["readability"]).findings
    assert "Kandel-Moles" in finding.message and "at least 80" in finding.message


def _house_rule(options: dict) -> object:
    return parse_rule(
        {"id": "house-score", "check": "metric", "summary": "House score.", "options": options},
        "house-score.yml",
    )


def test_metric_kind_runs_any_textstat_score_for_a_house_rule() -> None:
    text = "Title\n\n" + "The council met on Monday and voted for the plan. " * 20
    doc = read_document("a.txt", text)
    doc.lang = "en"
    above = _house_rule({"score": "words_per_sentence", "threshold": 5, "direction": "above"})
    (finding,) = metric.check(doc, above)
    assert "words per sentence is 10.0" in finding.message and "at most 5" in finding.message
    below = _house_rule({"score": "words_per_sentence", "threshold": 5, "direction": "below"})
    assert list(metric.check(doc, below)) == []
    wrong = _house_rule({"score": "no_such_score", "threshold": 5})
    with pytest.raises(RuleError, match="no_such_score"):
        list(metric.check(doc, wrong))


def test_style_rules_stay_quiet_on_the_clean_samples() -> None:
    clean = sorted(p for p in SEED.parent.glob("*-clean-*") if not p.name.endswith(".expected"))
    report = check_paths([str(p) for p in clean], select=STYLE)
    assert report.findings == []
