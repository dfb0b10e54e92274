"""Sourcing rules: unsourced-claim, unattributed-quote, vague-attribution, single-source and
relative-date, on the seed, on short articles that pin each decision, and on the hand-written
evaluation articles (precision and recall must stay at the levels reported in CHANGELOG)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SEED

from checker import check_paths, check_text

SOURCING = (
    "unsourced-claim",
    "unattributed-quote",
    "vague-attribution",
    "single-source",
    "relative-date",
)
HANDWRITTEN = ROOT / "evaluation" / "handwritten" / "sourcing"


def found(text: str, rule: str, lang: str, name: str = "a.txt") -> list:
    report = check_text(text, name, select=[rule], lang=lang)
    return [f for f in report.findings if f.rule == rule]


def lines(text: str, rule: str, lang: str, name: str = "a.txt") -> list[int]:
    return [f.line for f in found(text, rule, lang, name)]


# ------------------------------------------------------------------------------------- seed


def test_seed_sourcing_findings_are_the_ones_an_editor_marks() -> None:
    report = check_paths([str(SEED)], select=list(SOURCING))
    got = {(f.line, f.rule): f for f in report.findings}
    assert (13, "vague-attribution") in got
    assert "Comme indiqué" in got[(13, "vague-attribution")].message
    relative = got[(19, "relative-date")]
    assert "jeudi" in relative.message and "mars" in relative.message
    single = got[(1, "single-source")]
    assert "radioenneperuhr.de" in single.message and "3 citations" in single.message
    assert not [key for key in got if key[1] == "unsourced-claim"]
    assert [line for line, rule in got if rule == "relative-date"] == [19]


# ------------------------------------------------------------------------- unsourced-claim

TITLE = "Titre\n\n"


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("fr", "Les ventes ont reculé de 8 % en un an."),
        ("de", "Die Mieten stiegen zuletzt um 7 Prozent."),
        ("en", "The closures will save the bank £38 million a year."),
        ("es", "Unas 45.000 familias destinan más del 40 % de sus ingresos al alquiler."),
        ("it", "Il club conta 24.000 abbonati, il numero più alto della sua storia."),
        ("en", "The fire is the largest blaze in Andalusia ever recorded."),
        ("fr", "Douze morts ont été recensés ; 12 blessés sont hospitalisés."),
        # figures in words, multipliers, ranked superlatives without a copula
        ("de", "Bund und Land fördern das Vorhaben mit einer Milliarde Euro."),
        ("en", "Damage is expected to run into hundreds of millions of euros."),
        ("fr", "Le nombre de vols de nuit a doublé en cinq ans."),
        ("en", "Sales fell by a fifth, the steepest fall of any food sector."),
        ("it", "L'opera è il più grande investimento privato in un impianto d'Italia."),
        ("de", "Die Stadt zahlt im Vergleich der Großstädte die niedrigsten Löhne."),
        # a grouped count that ends its clause
        ("it", "Il centro storico ha perso metà dei suoi abitanti e ne conta 49.000."),
        # superlatives with no figure, records over a span of years, fractions in words
        ("fr", "La rive droite deviendrait la zone la mieux desservie de toute l'agglomération."),
        ("de", "Im Landtag ist die SPD die am schlechtesten finanzierte Fraktion."),
        ("en", "Lambeth is now the worst-funded inner London borough per resident."),
        ("en", "Cruise calls reached their highest level in two decades."),
        ("es", "Es la peor campaña que se recuerda en la provincia."),
        ("en", "Sales at the smallest venues fell by a third."),
        ("it", "Le vendite sono calate di un terzo rispetto all'anno scorso."),
    ],
)
def test_a_figure_or_record_without_source_is_reported(lang: str, body: str) -> None:
    assert lines(TITLE + body, "unsourced-claim", lang) == [3]


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        # attributed in the sentence, by a marker or a reporting verb
        ("fr", "Selon les douanes, les ventes ont reculé de 8 % en un an."),
        ("de", "Die Mieten stiegen um 7 Prozent, teilte der Mieterverein mit."),
        ("en", "The closures will save £38 million a year, the bank said."),
        # a continuation of an attributed sentence, and a sentence its source follows
        ("es", "Según el INE, el paro bajó. La tasa quedó en el 11,2 %."),
        ("de", "Der Hafen schlug 7,8 Millionen TEU um. Das teilte der Verband mit."),
        ("it", "La frana ha travolto 80 metri di binario. Secondo la Provincia, è stabile."),
        # a citation in the paragraph: tag, agency, footnote
        ("fr", "Les ventes ont reculé de 8 % en un an.[lemonde.fr]"),
        ("en", "The closures will save £38 million a year. (Reuters)"),
        ("it", "Il club conta 24.000 abbonati.[1]"),
        # dates, years, ages, times, law numbers, dimensions, known sets: not claims
        ("fr", "Le 14 avril 2025, un homme de 82 ans a été blessé à 22 heures."),
        ("de", "Nach § 218 und Artikel 49 gilt das Gesetz seit 1994."),
        ("en", "The 27 member states met at 10am on 4 March."),
        ("fr", "L'ouvrage, long de 230 mètres, remplace le pont de 1975."),
        # figures in a quotation belong to the speaker (unattributed-quote's business)
        ("es", "«Es imposible pagar 1.200 euros por un estudio», dijo una vecina."),
        # the source a few words into the next sentence, or in a data back-reference
        (
            "de",
            "Rund 4000 Eingriffe sind geplant. Das sind nach Angaben der Klinik 30 Prozent mehr.",
        ),
        (
            "es",
            "El aeropuerto cerró 2024 con 24,7 millones de pasajeros. Los datos proceden de Aena.",
        ),
        # attribution forms: "stando ai dati", "fa sapere", plural and imperfect verbs
        ("it", "Stando ai dati dell'azienda, hanno lasciato l'ospedale 412 infermieri."),
        ("it", "Il bonus sarà di 3.000 euro, fa sapere la Regione."),
        ("es", "Los sindicatos recordaron que los salarios están un 12 % por debajo."),
        # the population of a place is background, not a claim
        ("fr", "La ville, qui compte aujourd'hui près de 300 000 habitants, a voté."),
        ("en", "Carhaix, a town of 7,000 people, hosts the festival."),
        # a superlative of time and the name of a court are not records
        ("de", "Die Warnung kam nach der jüngsten Studie Europas."),
    ],
)
def test_sourced_or_non_claims_are_not_reported(lang: str, body: str) -> None:
    assert lines(TITLE + body, "unsourced-claim", lang) == []


def test_vague_attribution_is_left_to_its_own_rule() -> None:
    body = TITLE + "Experts say unemployment will reach 12 per cent next year."
    assert lines(body, "unsourced-claim", "en") == []
    assert lines(body, "vague-attribution", "en") == [3]


def test_an_agentless_passive_forecast_is_not_a_source() -> None:
    # "wird … erwartet" names nobody; "erwartet der Verband" does
    body = TITLE + "Hier wird ein Minus von 40 Prozent gegenüber dem Vorjahr erwartet."
    assert lines(body, "unsourced-claim", "de") == [3]
    body = TITLE + "Hier erwartet der Bauernverband ein Minus von 40 Prozent."
    assert lines(body, "unsourced-claim", "de") == []


def test_a_paragraph_opening_on_the_figure_before_continues_its_source() -> None:
    body = (
        TITLE + "The airport handled 15.8 million passengers, the airport said.\n\n"
        "The figure is 7% higher than in 2023.\n\nRents rose by 9% in a year.\n"
    )
    assert lines(body, "unsourced-claim", "en") == [7]
    body = TITLE + "Rents rose by 9% in a year.\n\nThe figure is 7% higher than in 2023.\n"
    assert lines(body, "unsourced-claim", "en") == [3, 5]


def test_words_inside_a_quotation_carried_over_from_the_paragraph_before_are_not_claims() -> None:
    body = TITLE + "« Nous attendions mieux.\n\nC'est le pire résultat jamais vu », a-t-il dit."
    assert lines(body, "unsourced-claim", "fr") == []
    body = (
        TITLE + "Er sagte: „Wir hoffen.\n\nEs ist der schlechteste Wert seit 1990.“ Dann ging er."
    )
    assert lines(body, "unsourced-claim", "de") == []


def test_a_link_in_the_paragraph_sources_it_in_markdown_and_html() -> None:
    md = "# T\n\nSales rose 12 per cent, see the [report](https://example.org/r).\n"
    assert lines(md, "unsourced-claim", "en", "a.md") == []
    html = (
        '<html lang="en"><body><article><h1>T</h1><p>Sales rose 12 per cent '
        '(<a href="https://example.org/r">report</a>).</p></article></body></html>'
    )
    assert lines(html, "unsourced-claim", "en", "a.html") == []
    internal = '<html lang="en"><body><article><h1>T</h1><p>Sales rose 12 per cent.</p>'
    internal += '<p><a href="/more">Read more</a></p></article></body></html>'
    assert lines(internal, "unsourced-claim", "en", "a.html") == [1]


def test_a_list_under_a_sourced_introduction_is_sourced() -> None:
    md = "# T\n\nSelon le rapport de la Cour des comptes :\n\n- 30 % des lignes sont en retard ;\n"
    assert lines(md, "unsourced-claim", "fr", "a.md") == []
    md = "# T\n\nLes chiffres :\n\n- 30 % des lignes sont en retard ;\n"
    assert lines(md, "unsourced-claim", "fr", "a.md") == [5]


def test_the_finding_shows_the_figure_with_its_unit() -> None:
    (finding,) = found(TITLE + "Rund 80 Prozent aller Züge fallen aus.", "unsourced-claim", "de")
    assert '"80 Prozent"' in finding.message
    assert finding.excerpt == "80 Prozent"


# ---------------------------------------------------------------------- unattributed-quote


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("de", "„Wer jetzt nicht verhandelt, riskiert den Stillstand.“"),
        ("en", '"The flames were jumping from roof to roof."'),
        ("fr", "Pour les salariés, la décision est « une trahison après vingt ans »."),
        ("es", "La situación es «sencillamente insostenible desde hace años»."),
        ("it", "È stata «la stagione più importante degli ultimi cinquant'anni»."),
    ],
)
def test_a_quotation_without_speaker_is_reported(lang: str, body: str) -> None:
    assert lines(TITLE + body, "unattributed-quote", lang) == [3]


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("de", "„Wir fordern mehr Lohn“, sagte Brehmer am Montag."),
        ("fr", "« C’est une très bonne chose », dit Jaynes."),
        ("fr", "« Je crois qu’ils négocient », aurait-il déclaré."),
        ("en", "Marc Hervé put it simply: “We invest today so we do not pay twice.”"),
        ("en", '"Sunday is the only day we can come," said Ellie Morgan. "It matters."'),
        ("it", "«Chiediamo il rinnovo del contratto», ha spiegato Ferri. «Guadagniamo poco.»"),
        ("es", "Miles de personas marcharon bajo el lema «Canarias tiene un límite»."),
        ("en", "The concerts open with “The Young Person’s Guide to the Orchestra”."),
        ("fr", "Les vignerons parient sur le « vin nature » et le collectif « Vélo Rennes »."),
        ("en", "The town was hit by what locals call a “perfect storm”."),
        ("fr", "« Le loyer atteint 38 000 euros par an. » — Yannick Corre, maire"),
        # whose view it is, said at the start
        ("es", "Para la directora de la película, el premio supone «un empujón enorme»."),
        ("it", "Per il sindaco, la decisione è «un segnale forte per tutta la città»."),
        # inverted speaker clauses
        ("fr", "« Nous avons refusé du monde tous les jours », s'est-il félicité."),
        # a speaker after the quotation, whatever the verb
        ("fr", "« Certaines parcelles n'ont rien donné », a soupiré Jean-Luc Hébert."),
        (
            "de",
            "„Wenn die Bahn pünktlich fertig wird, gebe ich einen aus“, frotzelte Sven Schoeller.",
        ),
        ("en", '"We are not going bust," quipped the council leader, Claire Holland.'),
        ("es", "«Yo solo me presento a las fiestas», bromeó el alcalde, Óscar Puente."),
        ("it", "«Non possiamo continuare così», ha sbottato il primario, Roberto Cosentini."),
    ],
)
def test_attributed_quotes_names_and_scare_quotes_are_not_reported(lang: str, body: str) -> None:
    assert lines(TITLE + body, "unattributed-quote", lang) == []


def test_a_quotation_paragraph_after_a_colon_has_its_speaker() -> None:
    md = '# T\n\nHarbour master Siobhán Kerrigan described the night:\n\n> "It was like the sea."\n'
    assert lines(md, "unattributed-quote", "en", "a.md") == []
    md = '# T\n\nHarbour master Siobhán Kerrigan described the night.\n\n> "It was like the sea."\n'
    assert lines(md, "unattributed-quote", "en", "a.md") == [5]


def test_a_quote_closed_at_the_start_of_a_paragraph_does_not_swallow_the_next_one() -> None:
    body = TITLE + 'The markets are looted." Jan Gelfand told CNN: "We do not know what they find."'
    assert lines(body, "unattributed-quote", "en") == []


# ---------------------------------------------------------------------- vague-attribution


@pytest.mark.parametrize(
    ("lang", "body", "phrase"),
    [
        ("fr", "Comme indiqué, le président a signé l'accord.", "Comme indiqué"),
        ("fr", "Selon plusieurs analystes, l'accord est fragile.", "Selon plusieurs analystes"),
        ("de", "Es heißt, die Geschäftsführung wolle nachbessern.", "Es heißt"),
        (
            "de",
            "Nach Informationen aus Branchenkreisen verhandelt die Lufthansa.",
            "Branchenkreisen",
        ),
        ("en", "It is believed that the fire was started deliberately.", "It is believed"),
        ("en", "People familiar with the plans said more closures could follow.", "familiar"),
        ("es", "Fuentes del sector hotelero aseguran que la ocupación subió.", "Fuentes"),
        ("it", "Secondo alcuni commercianti, il Comune ha già un accordo.", "Secondo alcuni"),
        ("it", "Come riportato, le piogge non sono bastate.", "Come riportato"),
        # an indefinite speaker, before or after its verb
        ("fr", "D'autres assurent que la préfecture va agir.", "D'autres assurent"),
        ("fr", "Certains y voient la revanche des opposants.", "Certains y voient"),
        ("fr", "« C'est fini », estiment certains observateurs.", "certains observateurs"),
        ("es", "Algunos bodegueros temen que la escasez empuje los precios.", "Algunos"),
        ("es", "Hay quien sostiene que los contratos son temporales.", "Hay quien"),
        ("it", "Qualcuno sostiene che i club puntino agli spazi commerciali.", "Qualcuno"),
        ("en", "Those in the know say a buyer has looked at the stores.", "Those in the know"),
        ("de", "Inzwischen warnen viele Experten vor einer Blase.", "viele Experten"),
        # an anonymous group: compounds, genitives, a group after adjectives
        ("de", "Branchenkenner rechnen damit, dass andere folgen.", "Branchenkenner"),
        ("de", "Kenner der Szene gehen davon aus, dass der Trend anhält.", "Kenner der Szene"),
        ("en", "The tariffs hit Iowa, Chinese and U.S. experts have said.", "experts have said"),
        # impersonal and passive forms, open secrets, rumours
        ("en", "Many landlords are said to be selling up.", "are said to"),
        ("en", "It is no secret that the family wants to sell.", "no secret"),
        ("de", "In der Branche wird gemunkelt, dass ein Investor kauft.", "wird gemunkelt"),
        ("es", "Se da por hecho que el Gobierno aprobará ayudas.", "Se da por hecho"),
        ("it", "Circola voce che gli argini non fossero stati riparati.", "Circola voce"),
        ("it", "Secondo ambienti vicini al sindaco, si valuta un tetto.", "ambienti"),
        ("de", "Angeblich will die Landesregierung die Regelung prüfen.", "Angeblich"),
        # a group with a complement, an indefinite plural subject, a subject after its verb
        ("fr", "Des négociants de la région redoutent une pénurie.", "Des négociants"),
        ("en", "Observers of local politics argue that the state will step in.", "Observers"),
        ("it", "Operatori del settore turistico temono disagi.", "Operatori del settore"),
        ("es", "Expertos del sector portuario advierten de retrasos.", "Expertos del sector"),
        ("de", "Naturschützer aus der Region befürchten mehr Brände.", "aus der Region"),
        ("es", "Cuentan los militantes de base que nadie les consultó.", "los militantes"),
        # impersonal subjects and passives
        ("fr", "On considère généralement qu'une maternité doit rester ouverte.", "On considère"),
        ("fr", "Il est généralement admis que la floraison a souffert.", "admis"),
        ("it", "Si ritiene che la struttura potrà accogliere due navi.", "Si ritiene"),
        ("it", "Sembra che la Regione voglia contribuire.", "Sembra che"),
        ("it", "È opinione diffusa che le rese saranno basse.", "opinione diffusa"),
        # rumours, singular or not
        ("de", "Zudem kursiert ein Gerücht über einen Wechsel an der Spitze.", "Gerücht"),
        ("de", "In der Fraktion heißt es, die Geschäftsstelle werde verkleinert.", "heißt es"),
        ("fr", "Une rumeur insistante veut que l'État réduise sa subvention.", "rumeur"),
        ("en", "A rumour is circulating that the market will move.", "rumour is circulating"),
        ("en", "The word in the town hall is that the chief will resign.", "word in the town"),
    ],
)
def test_vague_attribution_families_are_reported(lang: str, body: str, phrase: str) -> None:
    (finding,) = found(TITLE + body, "vague-attribution", lang)
    assert phrase in finding.message


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("fr", "Comme l'a indiqué la Maison-Blanche, le président a signé l'accord."),
        ("fr", "Comme indiqué par le ministère, le texte sera voté."),
        ("de", "In der Mitteilung heißt es, die Geschäftsführung wolle nachbessern."),
        ("de", "Nach Informationen des Spiegels verhandelt die Lufthansa."),
        ("en", "Coastal engineers at Plymouth University say the defences were too low."),
        ("it", "Come riportato dal Corriere della Sera, le piogge non sono bastate."),
        ("es", "«Se dice que hay dinero para todos», ironizó el alcalde."),
        # a named group, a passive, a relative clause, an adverbial, a purpose
        ("de", "Experten des Umweltbundesamts warnen vor der Hitze."),
        ("en", "Many people were reported trapped in the rubble."),
        ("it", "Alcuni amici che dichiarano di conoscerla sono arrivati sul posto."),
        ("de", "Mehrere Stunden lang skandierten Gruppen Parolen."),
        ("es", "Las cifras no estuvieron disponibles para otros canales."),
        ("en", "Several members of Parliament said the vote was close."),
        ("fr", "Les riverains dénoncent le bruit des avions."),
        # "if one considers", a crowd counted, a named group's view, an adverb that opens
        ("fr", "Si l’on considère les défis, d’autres pays suivront."),
        ("fr", "Des milliers de manifestants dénoncent la réforme des retraites."),
        ("fr", "Chez Renault, on estime que la demande repartira."),
        ("it", "Quindi il governo ritiene che la misura basti."),
        ("es", "Además advierten de que el plazo es corto."),
        ("en", "Observers from the United Nations said the vote was fair."),
    ],
)
def test_named_sources_and_quoted_words_are_not_vague(lang: str, body: str) -> None:
    assert lines(TITLE + body, "vague-attribution", lang) == []


# -------------------------------------------------------------------------- single-source


def test_pages_and_subdomains_of_one_site_are_one_source() -> None:
    md = (
        "---\ntitle: Storm\nsources:\n  - https://www.gazette.co.uk/a\n"
        "  - https://live.gazette.co.uk/b\n---\n\nThe council opened a centre.\n"
    )
    (finding,) = found(md, "single-source", "en", "a.md")
    assert finding.line == 2 and "gazette.co.uk" in finding.message


def test_different_sites_under_a_shared_suffix_are_different_sources() -> None:
    md = (
        "---\ntitle: Waiting lists\nsources:\n  - https://www.leedsth.nhs.uk/papers\n"
        "  - https://www.england.nhs.uk/statistics\n---\n\nThe trust cut its list.\n"
    )
    assert found(md, "single-source", "en", "a.md") == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("A.[ndr.de]\n\nB.[ndr.de]\n", [1]),
        ("A. (dpa)\n\nB. (dpa/AFP)\n", []),
        ("A. (AFP)\n\nB. (AFP)\n", [1]),
        ("A.[ndr.de]\n", []),
        ("A.[1]\n\nB.[2]\n", []),
        ("A. (dpa)\n\nQuelle: dpa\n", [1]),
        ("A.[ndr.de]\n\nQuellen: ndr.de, Reuters\n", []),
    ],
)
def test_single_source_counts_tags_and_agencies(body: str, expected: list[int]) -> None:
    assert lines("Titel\n\n" + body, "single-source", "de") == expected


# -------------------------------------------------------------------------- relative-date


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("fr", "Le ministre est venu hier et reviendra d'ici mars."),
        ("de", "Der Kreistag stimmte am Dienstagabend ab, morgen folgt der Rat."),
        ("en", "The minister visited the site yesterday."),
        ("es", "El ministro se reunió anteayer con los alcaldes."),
        ("it", "I risultati saranno pubblicati la settimana prossima."),
        ("en", "Evacuees should return by the end of the month."),
        ("fr", "La préfecture imposera un plafond dès le printemps."),
        ("it", "La decisione arriverà tra due settimane."),
        ("de", "Das Ergebnis liegt in zwei Wochen vor."),
    ],
)
def test_relative_words_without_a_publication_date_are_reported(lang: str, line: str) -> None:
    assert lines("Title\n\nVeröffentlicht am\n\n" + line, "relative-date", lang) == [5]


@pytest.mark.parametrize(
    ("lang", "head"),
    [
        ("de", "Hamburg, 14. Februar 2025 – Der Hafen meldet Zahlen."),
        ("en", "HARWICK, 9 October 2025 — The council voted."),
        ("fr", "PARIS, 5 juin (AFP) – Le gouvernement a annoncé un plan."),
        ("es", "Publicado el 3 de mayo de 2019"),
        ("it", "Aggiornato il 03/05/2019 alle 14:05"),
    ],
)
def test_a_dateline_or_publication_line_dates_the_article(lang: str, head: str) -> None:
    words = {"de": "gestern", "en": "yesterday", "fr": "hier", "es": "ayer", "it": "ieri"}
    text = f"Title\n\n{head}\n\nSomething happened {words[lang]}."
    assert lines(text, "relative-date", lang) == []


def test_dated_front_matter_and_html_meta_date_the_article() -> None:
    md = "---\ntitle: T\ndate: 2025-11-03\n---\n\nStorm Corran hit Wexmoor yesterday.\n"
    assert lines(md, "relative-date", "en", "a.md") == []
    html = (
        '<html lang="en"><head><meta name="date" content=""></head><body><article>'
        "<h1>T</h1><p>Storm Corran hit Wexmoor yesterday.</p></article></body></html>"
    )
    assert lines(html, "relative-date", "en", "a.html") == [1]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("fr", "Le texte a été voté en mars 2024 et promulgué le mardi 3 mai 2024."),
        ("en", "Theresa May met the mayor of Bath in May 2019."),
        ("de", "Am Morgen des Unglücks war es kalt."),
        ("es", "Atendemos a cincuenta personas en una mañana."),
        ("de", "Der erste Teil soll im Sommer 2026 fertig sein."),
        ("de", "Im Jahr 2018 stiegen die Zahlen."),
    ],
)
def test_dates_with_a_year_names_and_homonyms_are_not_relative(lang: str, line: str) -> None:
    assert lines("Title\n\n" + line, "relative-date", lang) == []


def test_each_line_is_reported_once_with_its_words() -> None:
    (finding,) = found("Title\n\nIl est venu hier et repart jeudi.", "relative-date", "fr")
    assert '"hier"' in finding.message and '"jeudi"' in finding.message


# ----------------------------------------------------------------------- hand-written set


def _labels(path: Path) -> set[tuple[int, str]]:
    out = set()
    for row in Path(f"{path}.expected").read_text(encoding="utf-8").splitlines():
        if row.strip() and not row.startswith("#"):
            number, rule = row.split()
            out.add((int(number), rule))
    return out


def test_handwritten_articles_meet_the_precision_and_recall_targets() -> None:
    # dev and heldout only: the blind set is measured by evaluation/evaluate.py, never tuned on
    folders = [HANDWRITTEN / "dev", HANDWRITTEN / "heldout"]
    paths = sorted(
        p for f in folders for p in f.glob("*.*") if p.suffix in {".txt", ".md", ".html"}
    )
    assert {p.name.split("-")[0] for p in paths} == {"fr", "de", "en", "es", "it"}
    assert {p.suffix for p in paths} == {".txt", ".md", ".html"}
    report = check_paths([str(f) for f in folders], select=list(SOURCING))
    by_file: dict[str, set[tuple[int, str]]] = {}
    for f in report.findings:
        by_file.setdefault(Path(f.path).name, set()).add((f.line, f.rule))
    clean_warnings = 0
    for rule in SOURCING:
        tp = fp = fn = 0
        for path in paths:
            want = {x for x in _labels(path) if x[1] == rule}
            got = {x for x in by_file.get(path.name, set()) if x[1] == rule}
            tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
            if "-clean-" in path.name:
                clean_warnings += len(got)
        floor = 0.85 if rule == "unsourced-claim" else 0.9
        assert tp / (tp + fp) >= floor, (rule, tp, fp)
        assert tp / (tp + fn) >= 0.85, (rule, tp, fn)
    clean = [p for p in paths if "-clean-" in p.name]
    assert clean_warnings / len(clean) <= 1.0


# ------------------------------------------------------------------------- pattern gating


def test_lists_gated_by_their_literal_factors_match_as_the_whole_list() -> None:
    """Leaving out the entries whose factors a text lacks must not change a single match."""
    import re

    from checker import langdata
    from checker.text import patterns

    texts = [
        "D'autres assurent, selon plusieurs analystes, que le record sera battu dès lundi.",
        "Es heißt, viele Experten rechnen damit; laut Angaben des Amts stieg der Wert.",
        "It is believed that critics say prices hit their highest level in two decades.",
        "Se cree que, según fuentes del sector, la cifra se duplicó el año pasado.",
        "Si ritiene che alcuni esperti abbiano detto che il porto è il più trafficato.",
    ]
    langdata.set_extra_dirs([])
    for text, lang in zip(texts, ["fr", "de", "en", "es", "it"], strict=True):
        for key in ("vague_attribution", "attribution_verbs", "claim_records", "relative_dates"):
            whole = sorted(
                (m.start(), m.end()) for p in patterns.patterns(lang, key) for m in p.finditer(text)
            )
            gated = sorted(
                (m.start(), m.end())
                for p in patterns.patterns_for(lang, key, text)
                for m in p.finditer(text)
            )
            assert gated == whole, (lang, key)
    # a text with none of a list's factors runs none of its entries
    assert patterns.patterns_for("fr", "vague_attribution", "Le pont est fermé.") == ()
    assert all(isinstance(p.regex, re.Pattern) for p in patterns.patterns("fr", "vague_groups"))
