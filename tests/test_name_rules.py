"""Names and aliases: name candidates, spelling tiers, and the rules name-variant,
corpus-name-variant and alias-variant (including their configuration keys)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED

from checker import check_paths, check_text
from checker.resources import shipped_rules_dir
from checker.rules import load_rules
from checker.text.names import CERTAIN, POSSIBLE, PROBABLE, Comparer, find_names, strip_genitives

TRANSLIT = load_rules([shipped_rules_dir()])["name-variant"].options["transliteration"]


def names(text: str, lang: str) -> list[str]:
    return [str(m.form) for m in strip_genitives(find_names(text, lang), lang)]


def findings(report, rule: str) -> list:
    return [f for f in report.findings if f.rule == rule]


def article(*paragraphs: str, title: str = "Une semaine chargée") -> str:
    return "\n\n".join((title, *paragraphs)) + "\n"


# -- name candidates ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "M. Tanabe a parlé. Selon Kim Jong Un, rien ne change.", ["Tanabe", "Kim Jong Un"]),
        (
            "fr",
            "Le soutien d'Emmanuel Macron et de Charles de Gaulle.",
            ["Emmanuel Macron", "Charles de Gaulle"],
        ),
        (
            "de",
            "Bundeskanzlerin Angela Merkel reiste ab. Angela Merkels Regierung blieb.",
            ["Angela Merkel", "Angela Merkel"],
        ),
        (
            "de",
            "GZL-Chef Torsten Brehmer und Ursula von der Leyen.",
            ["Torsten Brehmer", "Ursula von der Leyen"],
        ),
        (
            "en",
            "U.S. President Donald Trump's aides met Bashar al-Assad. I'm sure, Will Wade said.",
            ["Donald Trump", "Bashar al-Assad", "Will Wade"],
        ),
        (
            "es",
            "¿Qué significa esto? Ramon Ibañez habló con el Sr. Pérez.",
            ["Qué", "Ramon Ibañez", "Pérez"],
        ),
    ],
)
def test_name_candidates(lang: str, text: str, expected: list[str]) -> None:
    assert names(text, lang) == expected


def test_name_spans_are_exact() -> None:
    text = "Interrogé par les élus, d’Olivier Lefèvre, puis M. Lefèvre."
    spans = [text[m.start : m.end] for m in find_names(text, "fr")]
    assert spans == ["Interrogé", "Olivier Lefèvre", "Lefèvre"]


# -- tiers ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "a", "b", "tier"),
    [
        ("en", "Siobhán Kerrigan", "Siobhan Kerrigan", CERTAIN),
        ("fr", "Kim Jong-un", "Kim Jong Un", CERTAIN),
        ("fr", "Mikhaïl Gorbatchev", "Mikhaïl Gorbachev", PROBABLE),
        ("en", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy", PROBABLE),
        ("de", "Torsten Brehmer", "Torsten Bremer", POSSIBLE),
        ("en", "Joe Biden", "Hunter Biden", None),
        ("en", "Donald Trump", "Donald Trump Jr.", None),
        ("en", "Donald Trump Jr.", "Donald Trump Sr.", None),
        ("it", "Paolo Rossi", "Paola Rossi", None),
        ("en", "Olaf Scholz", "Martin Schulz", None),
        ("en", "Thomas Bjørn", "Thomas Bjorn", CERTAIN),  # a letter NFKD keeps: ø
        ("es", "Padre Johnson", "Padre Johnsn", POSSIBLE),  # a letter dropped before the last
        ("en", "Sandra Koreans", "Sandra Koreas", None),  # the n of a plural demonym
        ("it", "Marco Russia", "Marco Russa", None),  # a country beside its adjective
        ("en", "Michael Vann", "Michel Vann", None),  # a given name a letter apart
        ("de", "Walid al-Moualem", "Moalem", POSSIBLE),  # al- glues no compound
        ("de", "Anna Hüte", "Anna Haute", None),  # ü/au: one letter only once folded
    ],
)
def test_spelling_tiers(lang: str, a: str, b: str, tier: int | None) -> None:
    comparer = Comparer(lang, TRANSLIT)
    (ma,), (mb,) = find_names(a, lang), find_names(b, lang)
    variant = comparer.variant(ma, mb)
    assert (variant.tier if variant else None) == tier


# -- name-variant ---------------------------------------------------------------------------------
def test_minority_spelling_is_reported_with_the_majority_named() -> None:
    text = article(
        "Le ministre Olivier Lefèvre a présenté le plan lundi.",
        "Olivier Lefèvre a rappelé le calendrier.",
        "Interrogé par les élus, Olivier Lefevre a promis une concertation.",
    )
    (f,) = findings(check_text(text, "a.txt", select=["name-variant"], lang="fr"), "name-variant")
    assert (f.line, f.column, f.end_column) == (7, 25, 40)
    assert '"Olivier Lefevre"' in f.message and '"Olivier Lefèvre"' in f.message
    assert "2×" in f.message and str(f.severity) == "warning"


def test_tie_reports_the_later_spelling_and_one_letter_is_info() -> None:
    text = article(
        "Le primario Vittorio Santangelo ha inaugurato il reparto.",
        "Secondo Vittorio Santagelo, i letti saranno venti.",
        title="Nuovo reparto",
    )
    (f,) = findings(check_text(text, "a.txt", select=["name-variant"], lang="it"), "name-variant")
    assert f.line == 5 and str(f.severity) == "info"


@pytest.mark.parametrize(
    ("lang", "paragraphs"),
    [
        ("en", ["Joe Biden spoke on Monday.", "His son Hunter Biden stayed away.", "Biden left."]),
        ("en", ["Donald Trump met donors.", "Donald Trump Jr. met them too; Trump's aides said."]),
        (
            "de",
            [
                "Bundeskanzlerin Angela Merkel hat die Reform vorgestellt.",
                "Merkels Sprecher bestätigte den Zeitplan, sagte Merkel.",
            ],
        ),
        (
            "fr",
            [
                "Hélène Marchetti-Dubois a présenté le projet.",
                "Son frère, Luc Marchetti, dirige un chantier. Marchetti-Dubois reste confiante.",
            ],
        ),
    ],
)
def test_not_variants(lang: str, paragraphs: list[str]) -> None:
    report = check_text(article(*paragraphs), "a.txt", select=["name-variant"], lang=lang)
    assert findings(report, "name-variant") == []


def test_paragraph_left_in_another_language_is_not_compared() -> None:
    text = article(
        "Mikhail Gorbachev, the last Soviet leader, died on Tuesday in Moscow aged 91.",
        "Mikhail Gorbachev received the Nobel Peace Prize in 1990 for ending the Cold War.",
        "Michail Gorbatschow ist am Dienstag im Alter von 91 Jahren in Moskau gestorben, "
        "teilte das Krankenhaus mit.",
        title="Gorbachev dies at 91",
    )
    report = check_text(text, "a.txt", select=["name-variant"], lang="en")
    assert findings(report, "name-variant") == []


def test_a_word_after_other_words_of_the_name_is_no_given_name() -> None:
    comparer = Comparer("en", TRANSLIT)
    (a,), (b,) = find_names("John de Grayson Mews", "en"), find_names("Gryson Mews", "en")
    variant = comparer.variant(a, b)
    assert variant and variant.tier == POSSIBLE and str(variant.b) == "Gryson Mews"


@pytest.mark.parametrize(
    ("paragraphs", "spelled"),
    [
        (["Scherzer warf am Sonntag.", "Danach sagte Scherzzer, er sei müde."], "Scherzzer"),
        (
            [
                "Toyota baut ein Werk in Derby.",
                "Toyota will 2000 Stellen schaffen.",
                "Tojota konnte nicht sagen, wie lange es dauert.",
            ],
            "Tojota",
        ),
        (["Der Plan heißt Chequers.", "Bitte geben Sie Cheuers auf, rief sie."], "Cheuers"),
    ],
)
def test_german_lone_names_are_compared(paragraphs: list[str], spelled: str) -> None:
    text = article(*paragraphs, title="Bericht vom Wochenende")
    (f,) = findings(check_text(text, "a.txt", select=["name-variant"], lang="de"), "name-variant")
    assert f'"{spelled}"' in f.message


@pytest.mark.parametrize(
    "paragraphs",
    [
        # Nouns: in the lexicon or written after a determiner ("die Lage"), whatever their case.
        ["Die Lage ist ernst, sagte sie.", "Länge und Breite des Hafens sind bekannt."],
        ["Die Mutter wartete.", "Mütter und Väter demonstrierten vor dem Rathaus."],
        ["Man sagt, der Mann sei gegangen.", "Mann und Frau blieben."],
    ],
)
def test_german_nouns_are_no_lone_names(paragraphs: list[str]) -> None:
    text = article(*paragraphs, title="Bericht vom Wochenende")
    assert (
        findings(check_text(text, "a.txt", select=["name-variant"], lang="de"), "name-variant")
        == []
    )


def test_german_genitive_of_a_name_ending_in_s() -> None:
    assert names("Lord Adonis sprach. Adoniss Büro schwieg.", "de") == [
        "Lord Adonis",
        "Adonis",
    ]


# -- corpus-name-variant --------------------------------------------------------------------------
def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


KOREA = "Le dirigeant nord-coréen, {name}, a assisté au tir."


def test_corpus_minority_reported_once_per_article(tmp_path) -> None:
    for i in range(2):
        write(tmp_path / f"a{i}.txt", article(KOREA.format(name="Kim Jong-un")))
    write(tmp_path / "b.txt", article(KOREA.format(name="Kim Jong Un"), "Kim Jong Un a souri."))
    write(tmp_path / "de.md", "---\nlang: de\n---\n\nDiktator Kim Jong Un sah zu.\n")
    report = check_paths([str(tmp_path)], select=["corpus-name-variant"], lang="fr")
    (f,) = findings(report, "corpus-name-variant")
    assert Path(f.path).name == "b.txt" and (f.line, f.column) == (3, 27)
    assert '"Kim Jong-un"' in f.message and f.related


def test_corpus_compares_articles_of_one_language_only(tmp_path) -> None:
    write(tmp_path / "en.md", "---\nlang: en\n---\n\nMikhail Gorbachev died on Tuesday.\n")
    write(tmp_path / "de.md", "---\nlang: de\n---\n\nMichail Gorbatschow starb am Dienstag.\n")
    write(tmp_path / "en2.md", "---\nlang: en\n---\n\nMikhail Gorbachev won the Nobel prize.\n")
    report = check_paths([str(tmp_path)], select=["corpus-name-variant"])
    assert findings(report, "corpus-name-variant") == []


def test_house_list_overrides_the_majority(tmp_path) -> None:
    write(tmp_path / "copydesk.toml", '[canonical-names]\n"Kim Jong Un" = "Kim Jong-un"\n')
    for i in range(2):
        write(tmp_path / f"a{i}.txt", article(KOREA.format(name="Kim Jong Un")))
    write(tmp_path / "b.txt", article(KOREA.format(name="Kim Jong-un")))
    report = check_paths([str(tmp_path)], select=["corpus-name-variant"], lang="fr")
    assert sorted(Path(f.path).name for f in findings(report, "corpus-name-variant")) == [
        "a0.txt",
        "a1.txt",
    ]
    assert all("house list" in f.message for f in report.findings)


# -- alias-variant --------------------------------------------------------------------------------
def test_seed_alias_on_the_labelled_line() -> None:
    report = check_paths([str(SEED)], select=["alias-variant"])
    assert [(f.line, f.excerpt) for f in findings(report, "alias-variant")] == [(11, "USA")]


@pytest.mark.parametrize(
    ("lang", "paragraphs"),
    [
        ("fr", ["Les États-Unis ont signé.", "Le président américain a salué « les USA forts »."]),
        ("fr", ["Le Royaume-Uni a voté.", "En Angleterre, la presse s'inquiète."]),
        ("en", ["The United States signed the deal.", "US officials and Team USA welcomed it."]),
        ("de", ["Die Vereinigte Staaten-Frage.", "Die Vereinigten Staaten und die US-Regierung."]),
        ("de", ["Die Europäische Union (EU) hat entschieden.", "Die EU zahlt."]),
        (
            "es",
            ["Estados Unidos y la Unión Europea negocian.", "Los exportadores estadounidenses."],
        ),
    ],
)
def test_aliases_that_are_not_variants(lang: str, paragraphs: list[str]) -> None:
    report = check_text(article(*paragraphs), "a.txt", select=["alias-variant"], lang=lang)
    assert findings(report, "alias-variant") == []


def test_preferred_alias_from_config_wins(tmp_path) -> None:
    text = article("Les USA et le Japon.", "Les USA ont signé.", "Les États-Unis ont salué.")
    write(tmp_path / "plain" / "a.txt", text)
    report = check_paths([str(tmp_path / "plain")], select=["alias-variant"], lang="fr")
    assert [f.line for f in report.findings] == [7]  # the minority form
    write(tmp_path / "house" / "a.txt", text)
    write(
        tmp_path / "house" / "copydesk.toml",
        '[preferred-aliases]\nUS = ["United States", "États-Unis"]\n',
    )
    report = check_paths([str(tmp_path / "house")], select=["alias-variant"], lang="fr")
    assert [f.line for f in report.findings] == [3]  # the first form that is not preferred
    assert "preferred" in report.findings[0].message


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("[preferred-aliases]\nUS = 3\n", "preferred-aliases"),
        ('canonical-names = ["Kim Jong-un"]\n', "canonical-names"),
        ('[canonical-names]\n"Kim Jong Un" = 1\n', "canonical-names"),
    ],
)
def test_config_keys_are_validated(run, tmp_path, toml: str, key: str) -> None:
    write(tmp_path / "copydesk.toml", toml)
    write(tmp_path / "a.txt", article("Texte."))
    result = run("check", "a.txt", cwd=tmp_path)
    assert result.code == 2 and key in result.err
