"""Translation pairs: finding the source, reading numbers across languages, aligning blocks and
the five pair-* rules, on small articles written here and on the fr-pair-budget sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLES

from checker import check_paths
from checker.config import ConfigError, parse_config
from checker.text.align import align, features
from checker.text.numbers import numbers

PAIR_RULES = [
    "pair-number-mismatch",
    "pair-name-mismatch",
    "pair-missing-block",
    "pair-untranslated",
    "pair-link-mismatch",
    "pair-source-missing",
]


def same(a: str, a_lang: str, b: str, b_lang: str) -> bool:
    """Whether every digit number of ``a`` has an equal in ``b`` and the reverse."""
    na = [n for n in numbers(a, a_lang) if not n.spelled]
    nb = [n for n in numbers(b, b_lang) if not n.spelled]
    assert na and nb, (na, nb)
    return all(any(x.matches(y) for y in nb) for x in na) and all(
        any(y.matches(x) for x in na) for y in nb
    )


# -- numbers -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "a_lang", "b", "b_lang"),
    [
        ("2.5 billion euros", "en", "2,5 milliards d'euros", "fr"),
        ("2.5 billion euros", "en", "2,5 Mrd. Euro", "de"),
        ("1,000 people", "en", "1 000 personnes", "fr"),
        ("1,000 people", "en", "1\u00a0000 personnes", "fr"),
        ("1,000 people", "en", "1\u202f000 personnes", "fr"),
        ("1,000 people", "en", "1.000 Menschen", "de"),
        ("45 % of voters", "en", "45 Prozent der Wähler", "de"),
        ("45 percent", "en", "el 45 por ciento", "es"),
        ("2 million homes", "en", "2 Millionen Haushalte", "de"),
        ("2 million homes", "en", "2 millions de foyers", "fr"),
        ("2,000,000 homes", "en", "2 millions de foyers", "fr"),
        ("at 10pm", "en", "à 22 h", "fr"),
        ("at 7.30pm", "en", "um 19.30 Uhr", "de"),
        ("in the 1980s", "en", "negli anni '80", "it"),
        ("100 miles away", "en", "à 161 km", "fr"),
        ("the 2018-19 season", "en", "la temporada 2018-2019", "es"),
    ],
)
def test_numbers_equal_across_languages(a: str, a_lang: str, b: str, b_lang: str) -> None:
    assert same(a, a_lang, b, b_lang)


@pytest.mark.parametrize(
    ("a", "a_lang", "b", "b_lang"),
    [
        ("45 % of voters", "en", "54 % des électeurs", "fr"),
        ("2.5 billion euros", "en", "2,5 millions d'euros", "fr"),
        ("2.5 billion euros", "en", "2,5 billions d'euros", "fr"),  # French billion = 10^12
        ("1,000 people", "en", "10 000 personnes", "fr"),
        ("in 2019", "en", "im Jahr 2018", "de"),
    ],
)
def test_changed_numbers_differ(a: str, a_lang: str, b: str, b_lang: str) -> None:
    assert not same(a, a_lang, b, b_lang)


def test_spelled_numbers_confirm_but_are_marked() -> None:
    spelled = numbers("deux conseillers élus au XIXe, en mars", "fr")
    assert [n.text for n in spelled] == ["deux", "XIXe", "mars"]
    assert all(n.spelled for n in spelled)
    two = numbers("2 councillors", "en")[0]
    assert two.matches(spelled[0]) and not two.spelled
    assert numbers("the 19th century", "en")[0].matches(spelled[1])


def test_codes_and_urls_are_not_figures() -> None:
    text = "COVID-19 and the F-35, see https://example.com/2019/report-45 and par-3"
    assert [n.text for n in numbers(text, "en") if not n.spelled] == ["3"]


# -- alignment ----------------------------------------------------------------------------------
SOURCE = [
    "Council approves new tram line",
    "The city council approved a new tram line on Tuesday, linking the station to the "
    "university campus in the north of the city.",
    "Construction will start next spring and cost 120 million euros, the mayor said at a "
    "press conference.",
    "Opponents of the project say the money should have gone to buses in the northern districts.",
]
TARGET = [
    "Le conseil approuve une nouvelle ligne de tram",
    "Le conseil municipal a approuvé mardi une nouvelle ligne de tram reliant la gare au campus "
    "universitaire, dans le nord de la ville.",
    "Les travaux commenceront au printemps prochain et coûteront 120 millions d'euros, a "
    "déclaré le maire lors d'une conférence de presse.",
    "Les opposants au projet estiment que cet argent aurait dû aller aux bus des quartiers nord.",
]
LANGS = ("de", "en", "es", "fr", "it")


def _align(source: list[str], target: list[str]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    src = [features(t, "en", LANGS) for t in source]
    tgt = [features(t, "fr", LANGS) for t in target]
    kinds_s = ["head"] + ["body"] * (len(source) - 1)
    kinds_t = ["head"] + ["body"] * (len(target) - 1)
    return [(x.source, x.target) for x in align(src, tgt, None, kinds_s, kinds_t)]


def test_alignment_block_for_block() -> None:
    assert _align(SOURCE, TARGET) == [((i,), (i,)) for i in range(4)]


def test_alignment_leaves_a_dropped_paragraph_alone() -> None:
    target = TARGET[:2] + TARGET[3:]
    assert ((2,), ()) in _align(SOURCE, target)


def test_alignment_joins_paragraphs_a_translator_joined() -> None:
    target = [TARGET[0], TARGET[1] + " " + TARGET[2], TARGET[3]]
    assert _align(SOURCE, target) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]


# -- discovery and the engine -------------------------------------------------------------------
EN = """---
title: Council approves new tram line
lang: en
---
The city council approved a new tram line on Tuesday, linking the station to the university.

Construction will start next spring and cost 120 million euros, the mayor Anne Vasseur said.

Opponents of the project say the money should have gone to buses in the northern districts.
"""
FR = """---
title: Le conseil approuve une nouvelle ligne de tram
lang: fr
{declare}---
Le conseil municipal a approuvé mardi une nouvelle ligne de tram reliant la gare à l'université.

Les travaux commenceront au printemps prochain et coûteront 210 millions d'euros, selon la maire Anne Vasseur.

Les opposants au projet estiment que cet argent aurait dû aller aux bus des quartiers nord.
"""


def _findings(*paths: Path, **options) -> list[tuple[str, int, str]]:
    report = check_paths([str(p) for p in paths], select=PAIR_RULES, **options)
    return sorted((Path(f.path).name, f.line, f.rule) for f in report.findings)


def test_front_matter_pair_checked_from_the_translation_alone(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "tram.md").write_text(EN, encoding="utf-8")
    fr = tmp_path / "tram-fr.md"
    fr.write_text(FR.format(declare="translation_of: en/tram.md\n"), encoding="utf-8")
    # pre-commit passes the translation only: its source is still read
    report = check_paths([str(fr)], select=PAIR_RULES)
    assert [(f.line, f.rule) for f in report.findings] == [(8, "pair-number-mismatch")]
    finding = report.findings[0]
    assert "'210 millions'" in finding.message and "'120 million'" in finding.message
    assert f"{Path(str(tmp_path)) / 'en' / 'tram.md'}:7" in finding.message
    (related,) = finding.related
    assert related.path.endswith("tram.md") and related.line == 7


def test_missing_source_is_one_warning_not_a_crash(tmp_path: Path) -> None:
    fr = tmp_path / "tram.fr.md"
    fr.write_text(FR.format(declare="translation_of: ../en/tram.md\n"), encoding="utf-8")
    report = check_paths([str(fr)], select=PAIR_RULES)
    assert [(f.line, f.rule, str(f.severity)) for f in report.findings] == [
        (4, "pair-source-missing", "warning")
    ]
    assert f"{Path('en') / 'tram.md'}, does not exist" in report.findings[0].message
    assert report.exit_code() == 0


def test_hugo_siblings_default_to_the_one_without_translation_of(tmp_path: Path) -> None:
    (tmp_path / "tram.en.md").write_text(EN, encoding="utf-8")
    (tmp_path / "tram.fr.md").write_text(FR.format(declare=""), encoding="utf-8")
    assert _findings(tmp_path) == [("tram.fr.md", 7, "pair-number-mismatch")]


def test_siblings_follow_the_configured_source_language(tmp_path: Path) -> None:
    # The French article is the original here: the English one is checked against it.
    (tmp_path / "copydesk.toml").write_text('source-language = "fr"\n', encoding="utf-8")
    (tmp_path / "tram.en.md").write_text(EN, encoding="utf-8")
    (tmp_path / "tram.fr.md").write_text(FR.format(declare=""), encoding="utf-8")
    assert _findings(tmp_path) == [("tram.en.md", 7, "pair-number-mismatch")]


def test_parallel_folders_with_a_custom_pattern(tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text('pair-pattern = "site/{lang}/{path}"\n')
    for lang, text in (("en", EN), ("fr", FR.format(declare=""))):
        (tmp_path / "site" / lang / "city").mkdir(parents=True)
        (tmp_path / "site" / lang / "city" / "tram.md").write_text(text, encoding="utf-8")
    assert _findings(tmp_path / "site") == [("tram.md", 7, "pair-number-mismatch")]
    # A French article with no English twin is no translation, and no finding.
    (tmp_path / "site" / "fr" / "city" / "only-fr.md").write_text(FR.format(declare=""))
    assert len(_findings(tmp_path / "site")) == 1


def test_html_declares_its_source_in_a_meta_tag(tmp_path: Path) -> None:
    (tmp_path / "original.md").write_text(EN, encoding="utf-8")
    (tmp_path / "traduction.html").write_text(
        '<html lang="fr"><head><meta name="translation_of" content="original.md"></head>'
        "<body><article><h1>Le conseil approuve une nouvelle ligne de tram</h1>\n"
        "<p>Le conseil municipal a approuvé mardi une nouvelle ligne de tram reliant la gare à "
        "l'université.</p>\n<p>Les travaux coûteront 210 millions d'euros, selon la maire Anne "
        "Vasseur.</p>\n</article></body></html>\n",
        encoding="utf-8",
    )
    # The opponents' paragraph is dropped: reported after the last translated block.
    assert _findings(tmp_path / "traduction.html") == [
        ("traduction.html", 3, "pair-missing-block"),
        ("traduction.html", 3, "pair-number-mismatch"),
    ]


def test_pair_pattern_must_name_the_language() -> None:
    with pytest.raises(ConfigError, match="pair-pattern"):
        parse_config({"pair-pattern": "content/{path}"}, Path("."), "copydesk.toml")


def test_unrelated_articles_are_not_pairs(tmp_path: Path) -> None:
    (tmp_path / "tram.md").write_text(EN, encoding="utf-8")
    (tmp_path / "tram-fr.md").write_text(FR.format(declare=""), encoding="utf-8")
    assert _findings(tmp_path) == []


# -- the rules ----------------------------------------------------------------------------------
def _pair(tmp_path: Path, source: str, translation: str, fmt: str = "md") -> list:
    (tmp_path / f"a.en.{fmt}").write_text(source, encoding="utf-8")
    (tmp_path / f"a.de.{fmt}").write_text(translation, encoding="utf-8")
    return check_paths([str(tmp_path)], select=PAIR_RULES).findings


def test_name_rule_accepts_exonyms_and_transliterations(tmp_path: Path) -> None:
    findings = _pair(
        tmp_path,
        "Gorbachev visits Moscow\n\nMikhail Gorbachev met Brett Kavanaugh in Moscow and Vienna "
        "on Monday.\n",
        "Gorbatschow besucht Moskau\n\nMichail Gorbatschow traf Brett Kavanaughs Anwalt am Montag "
        "in Moskau und Wien.\n",
        "txt",
    )
    assert findings == []


def test_name_rule_reports_a_typo_inside_a_name(tmp_path: Path) -> None:
    findings = _pair(
        tmp_path,
        "Senate hears the nominee\n\nBrett Kavanaugh told the committee the claim was false.\n",
        "Senat hört den Kandidaten\n\nBrett Kavanuagh sagte dem Ausschuss, der Vorwurf sei "
        "falsch.\n",
        "txt",
    )
    assert [(f.rule, f.line, f.excerpt) for f in findings] == [
        ("pair-name-mismatch", 3, "Kavanuagh")
    ]


def test_html_links_and_untranslated_block(tmp_path: Path) -> None:
    source = (
        '<html lang="en"><body><article><h1>Storm warning</h1>\n'
        '<p>The weather service issued <a href="https://weather.example/warn/north">a storm '
        "warning</a> for the whole northern coast on Sunday.</p>\n"
        "<p>Ferries between the islands were cancelled until further notice.</p>\n"
        "</article></body></html>\n"
    )
    translation = (
        '<html lang="de"><body><article><h1>Sturmwarnung</h1>\n'
        '<p>Der Wetterdienst gab am Sonntag <a href="https://weather.example/warn/south">eine '
        "Sturmwarnung</a> für die gesamte Nordküste heraus.</p>\n"
        "<p>Ferries between the islands were cancelled until further notice.</p>\n"
        "</article></body></html>\n"
    )
    findings = _pair(tmp_path, source, translation, "html")
    assert sorted((f.rule, f.line) for f in findings) == [
        ("pair-link-mismatch", 2),
        ("pair-untranslated", 3),
    ]
    link = next(f for f in findings if f.rule == "pair-link-mismatch")
    assert link.excerpt == "eine Sturmwarnung" and "warn/north" in link.message


def test_a_reworded_paragraph_left_in_the_source_language(tmp_path: Path) -> None:
    findings = _pair(
        tmp_path,
        EN.replace("lang: en\n", ""),
        FR.format(declare="").replace(
            "Les opposants au projet estiment que cet argent aurait dû aller aux bus des "
            "quartiers nord.",
            "Opponents of the project said that the money should rather have gone to the buses "
            "of the northern districts.",
        ),
    )
    (finding,) = [f for f in findings if f.rule != "pair-number-mismatch"]  # 210 ≠ 120 too
    assert (finding.rule, finding.line) == ("pair-untranslated", 9)
    assert "still in English" in finding.message


def test_localised_links_are_the_same_link(tmp_path: Path) -> None:
    findings = _pair(
        tmp_path,
        "# Tram\n\nSee [the study](https://city.example/en/tram/study) and "
        "[Lyon](https://en.wikipedia.org/wiki/Lyon) before the vote on Tuesday.\n",
        "# Tram\n\nSiehe [die Studie](https://www.city.example/de/tram/study/) und "
        "[Lyon](https://de.wikipedia.org/wiki/Lyon) vor der Abstimmung am Dienstag.\n",
    )
    assert findings == []


def test_sarif_carries_the_source_as_related_location(run, tmp_path: Path) -> None:
    (tmp_path / "tram.en.md").write_text(EN, encoding="utf-8")
    (tmp_path / "tram.fr.md").write_text(FR.format(declare=""), encoding="utf-8")
    result = run("check", str(tmp_path), "--select", ",".join(PAIR_RULES), "--format", "sarif")
    (res,) = json.loads(result.out)["runs"][0]["results"]
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("tram.fr.md")
    related = res["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"].endswith("tram.en.md")
    assert related["region"]["startLine"] == 7


def test_acceptance_sample_each_pair_rule_fires_once() -> None:
    """The French translation alone (as pre-commit passes it): one finding per pair rule."""
    report = check_paths([str(SAMPLES / "fr-pair-budget.md")], select=PAIR_RULES)
    assert sorted(f.rule for f in report.findings) == sorted(PAIR_RULES[:5])
    # 2.5 billion / 2,5 milliards (title and lede) and 1.2 billion / 1,2 milliard agree.
    number = next(f for f in report.findings if f.rule == "pair-number-mismatch")
    assert number.excerpt == "54" and "'45'" in number.message
    missing = next(f for f in report.findings if f.rule == "pair-missing-block")
    assert "en-pair-budget.md:24" in missing.message
