"""Readers: blocks, kinds, metadata, and exact source positions in all three formats."""

from __future__ import annotations

import pytest
from conftest import SEED

from checker.document import HEADING, LEDE, LIST_ITEM, PARAGRAPH, QUOTE, TITLE
from checker.readers import read_document


def spans(doc):
    return [(b.kind, b.text, doc.source[slice(*b.source_span())]) for b in doc.blocks]


def test_text_each_line_is_a_block_and_positions_are_exact() -> None:
    doc = read_document("seed.txt", SEED.read_text(encoding="utf-8"))
    lines = [doc.position(b.source_span()[0])[0] for b in doc.blocks]
    assert lines == [1, 3, 4, 6, 8, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27]
    assert doc.blocks[0].kind == TITLE
    assert doc.blocks[3].kind == LEDE
    assert {doc.blocks[9].text, doc.blocks[12].text} == {
        "Force militaire et coopération économique",
        "Perspectives mondiales",
    }
    assert doc.blocks[9].kind == HEADING == doc.blocks[12].kind
    for _kind, text, source in spans(doc):
        assert text == source


def test_text_hard_wrapped_paragraphs_are_joined() -> None:
    para = (
        "The council met on Tuesday to discuss the\nbudget for next year and agreed on\n"
        "most of the points raised by\nthe opposition members.\n"
    )
    text = "Budget talks\n\n" + "\n".join([para] * 4)
    doc = read_document("a.txt", text)
    assert [b.kind for b in doc.blocks][:2] == [TITLE, LEDE]
    assert len(doc.blocks) == 5
    assert doc.blocks[1].text.startswith("The council met on Tuesday to discuss the budget")
    start, _ = doc.blocks[2].source_span(doc.blocks[2].text.index("budget"))
    assert doc.position(start) == (9, 1)


MD = """---
title: "Le titre"
lang: fr-FR
date: 2024-03-01
author: [A. Martin, B. Roy]
---
# Le titre

Un *premier* paragraphe avec un [lien](https://exemple.fr/a) et du `code ignoré` ici &amp; là.

> Une citation
> sur deux lignes.

- premier point
- **second** point

```python
print("jamais vérifié")
```

<!-- un commentaire jamais vérifié -->
"""


def test_markdown_blocks_meta_and_positions() -> None:
    doc = read_document("a.md", MD)
    assert doc.meta.title == "Le titre"
    assert doc.meta.lang == "fr"
    assert doc.meta.date == "2024-03-01"
    assert doc.meta.author == "A. Martin, B. Roy"
    kinds = [b.kind for b in doc.blocks]
    assert kinds == [TITLE, LEDE, QUOTE, LIST_ITEM, LIST_ITEM]
    lede = doc.blocks[1]
    assert lede.text == "Un premier paragraphe avec un lien et du ici & là."
    assert "jamais" not in doc.text and "ignoré" not in doc.text
    at = lede.text.index("lien")
    start, end = lede.source_span(at, at + 4)
    assert doc.source[start:end] == "lien" and doc.position(start) == (9, 34)
    quote = doc.blocks[2]
    start, end = quote.source_span(quote.text.index("deux"), quote.text.index("deux") + 4)
    assert doc.position(start) == (12, 7)


def test_markdown_toml_front_matter() -> None:
    doc = read_document("a.md", '+++\ntitle = "T"\nlang = "de"\n+++\nHallo Welt, wie geht es?\n')
    assert (doc.meta.title, doc.meta.lang) == ("T", "de")
    assert doc.blocks[0].kind == TITLE and doc.position(doc.blocks[0].source_span()[0]) == (2, 10)


@pytest.mark.parametrize(
    "front",
    [
        '---\ntitle: "unclosed\ndate: 2024-01-01\n---\nBody text here.\n',
        "---\n- just\n- a list\n---\nBody text here.\n",
        "---\ntitle: never closed\n\nBody text here.\n",
    ],
)
def test_markdown_malformed_front_matter_is_a_problem_not_a_crash(front: str) -> None:
    doc = read_document("a.md", front)
    assert [p.rule for p in doc.problems] == ["front-matter"]
    assert "front matter" in doc.problems[0].message


HTML = """<!doctype html>
<html lang="de-DE"><head><meta charset="utf-8"><title>Seitentitel</title>
<meta name="date" content="2024-03-01"><script>var s = "<p>nie</p>";</script></head>
<body><nav><a href="/">Startseite teilen</a></nav>
<main><article>
<h1>Die Überschrift &amp; mehr</h1>
<p>Erster Absatz mit <b>fettem</b> Text &#8222;zitiert&#8220; hier.</p>
<blockquote><p lang="en">An English quotation.</p></blockquote>
<ul><li>eins</li><li>zwei<br>drei</li></ul>
</article></main>
<footer><p>Impressum</p></footer></body></html>"""


def test_html_article_blocks_meta_and_entities() -> None:
    doc = read_document("a.html", HTML)
    assert (doc.meta.lang, doc.meta.date, doc.meta.title) == ("de", "2024-03-01", "Seitentitel")
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert kinds == [
        (TITLE, "Die Überschrift & mehr"),
        (PARAGRAPH, "Erster Absatz mit fettem Text „zitiert“ hier."),
        (QUOTE, "An English quotation."),
        (LIST_ITEM, "eins"),
        (LIST_ITEM, "zwei drei"),
    ]
    assert doc.blocks[2].lang == "en"
    title = doc.blocks[0]
    amp = title.text.index("&")
    assert doc.source[title.source_span(amp, amp + 1)[0] :].startswith("&amp;")
    lede = doc.blocks[1]
    start, _ = lede.source_span(lede.text.index("fettem"))
    assert doc.position(start) == (7, 25)


def test_html_without_article_uses_body_and_title_tag() -> None:
    doc = read_document(
        "a.html",
        "<html><head><title>Nur Titel</title></head><body>"
        "<p>Ein Absatz im Körper der Seite mit einigen Worten.</p></body></html>",
    )
    assert doc.blocks[0].kind == TITLE and doc.blocks[0].text == "Nur Titel"
    assert doc.blocks[1].text.startswith("Ein Absatz")


@pytest.mark.parametrize(
    "markup",
    [
        "<p>unclosed <b>bold <i>italic</p><p>next",
        "</div></div><p>stray end tags</p>",
        "<p>" + "<div>" * 5000 + "deep" + "</div>" * 5000,
        "<![CDATA[ x ]]><p>after cdata</p><!-- unterminated",
        "<p attr='unterminated>text</p>",
    ],
)
def test_malformed_html_never_raises(markup: str) -> None:
    doc = read_document("a.html", markup)
    for block in doc.blocks:
        a, b = block.source_span()
        assert 0 <= a <= b <= len(markup)
