"""Property-based tests (hypothesis) over random articles in the three formats.

The articles mix article-like structure (headings, lists, quotes, front matter, tags,
entities, comments) with random Unicode: combining marks, right-to-left text and direction
marks, characters outside the Basic Multilingual Plane, odd spaces and line separators, CRLF
line ends and a byte order mark. (A Python ``str`` cannot hold a lone surrogate once encoded
as UTF-8, so those are out; binary bytes are the hostile suite's.)

Properties: the readers never raise and keep every block's offsets inside the source; and
through the whole engine, every finding's line and column lie inside the file and its
excerpt is the source text at that position (its first line, at most 200 characters, as the
README's "JSON output" says).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.engine import check_paths
from checker.readers import read_document

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

COMBINING = "\u0300\u0301\u0302\u0308\u0327\u0331\u20dd"
RTL = "שלום עולם مرحبا بالعالم \u200f\u200e\u202e\u202c\u2067\u2069"
ODD = "\u00a0\u202f\u2028\u2029\u0085\u200b\u200d\ufeff\t\x0b\x0c\r"
WORDS = (
    "Le conseil a voté le budget mardi soir.",
    "Veröffentlicht am",
    "Lire aussi",
    "« Il a dit : oui »",
    "„Das ist gut“, sagte er.",
    "Experts say the figure rose by 12.5 % in 2024.",
    "Según fuentes cercanas, el 40 % de los votos.",
    "Kim Jong-un",
    "USA",
    "États-Unis",
    "M. Dupont",
    "z. B.",
    "hier",
)
#: Any character but surrogates and the C0 controls that make a file binary.
CHARS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c"),
)


def _fragment() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(WORDS),
        st.text(CHARS, max_size=30),
        st.text(st.sampled_from("aéZ " + COMBINING), min_size=1, max_size=12),
        st.text(st.sampled_from(RTL), min_size=1, max_size=20),
        st.text(st.sampled_from(ODD + "ab"), min_size=1, max_size=6),
        st.sampled_from(["😀", "𝔘𝔫𝔦", "\U0001f1eb\U0001f1f7", "ﬁ", "İ", "ß", "ǅ"]),
    )


def _line(prefixes: list[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda prefix, parts: prefix + " ".join(parts),
        st.sampled_from(prefixes),
        st.lists(_fragment(), max_size=6),
    )


MARKDOWN_PREFIXES = ["", "", "# ", "## ", "- ", "1. ", "> ", ">> ", "    ", "| a | ", "```", "---"]
MARKDOWN_INLINE = ["*x*", "**y**", "`code`", "[lien](http://x.y)", "\\*", "&amp;", "<br>", "_z_"]
HTML_TAGS = ["p", "div", "h1", "h2", "li", "blockquote", "article", "main", "script", "span"]


@st.composite
def markdown(draw) -> str:
    lines = []
    if draw(st.booleans()):
        key = draw(st.sampled_from(["title", "lang", "date", "sources", "translation_of"]))
        value = draw(st.one_of(st.text(CHARS, max_size=20), st.sampled_from(["fr", "[a, b", '"x'])))
        lines += ["---", f"{key}: {value}", "---"]
    for _ in range(draw(st.integers(0, 8))):
        line = draw(_line(MARKDOWN_PREFIXES))
        if draw(st.booleans()):
            line += " " + draw(st.sampled_from(MARKDOWN_INLINE))
        if draw(st.integers(0, 5)) == 0:
            line += " <!-- copydesk-disable boilerplate -->"
        lines.append(line)
        if draw(st.booleans()):
            lines.append("")
    return "\n".join(lines)


@st.composite
def html(draw) -> str:
    parts = ['<html lang="' + draw(st.sampled_from(["fr", "de", "en", "", "x-y"])) + '"><body>']
    for _ in range(draw(st.integers(0, 10))):
        choice = draw(st.integers(0, 5))
        if choice == 0:
            parts.append(
                "<"
                + draw(st.sampled_from(HTML_TAGS))
                + draw(st.sampled_from(["", ' lang="de"', " hidden"]))
                + ">"
            )
        elif choice == 1:
            parts.append("</" + draw(st.sampled_from(HTML_TAGS)) + ">")
        elif choice == 2:
            parts.append(
                draw(
                    st.sampled_from(
                        [
                            "&amp;",
                            "&eacute;",
                            "&#233;",
                            "&#x1F600;",
                            "&bogus;",
                            "<br>",
                            "<!-- x -->",
                            "<",
                            "</",
                            "<!",
                            "\n",
                        ]
                    )
                )
            )
        else:
            parts.append(draw(_line([""])))
    return "".join(parts)


@st.composite
def plain(draw) -> str:
    return "\n".join(draw(st.lists(_line(["", "", "  "]), max_size=10)))


@st.composite
def article(draw) -> tuple[str, str]:
    """(file name, text) with random line ends and maybe a byte order mark."""
    name, body = draw(
        st.one_of(
            st.tuples(st.just("a.md"), markdown()),
            st.tuples(st.just("a.html"), html()),
            st.tuples(st.just("a.txt"), plain()),
        )
    )
    if draw(st.booleans()):
        body = body.replace("\n", "\r\n")
    if draw(st.booleans()):
        body = "\ufeff" + body
    return name, body


@SETTINGS
@given(article())
def test_readers_never_raise_and_keep_offsets_inside(named: tuple[str, str]) -> None:
    name, text = named
    doc = read_document(name, text)
    for block in doc.blocks:
        assert len(block.offsets) == len(block.text) + 1
        assert all(0 <= off <= len(text) for off in block.offsets)
        start, end = block.source_span()
        assert 0 <= start <= end <= len(text)


def _expected_excerpt(source: str, line: int, column: int, end_line: int, end_column: int) -> str:
    """The README's excerpt, computed from the reported position alone."""
    lines = source.split("\n")
    text = lines[line - 1]
    span = text[column - 1 : end_column - 1] if end_line == line else text[column - 1 :]
    return span[:200].rstrip("\r")


def _inside(lines: list[str], line: int, column: int) -> bool:
    return 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1


@settings(parent=SETTINGS, max_examples=120)
@given(article())
def test_findings_point_inside_the_file_at_their_excerpt(named: tuple[str, str]) -> None:
    name, text = named
    report = check_paths(["-"], stdin_text=text.encode("utf-8"), stdin_filename=name)
    # What copydesk reads: the text without its byte order mark.
    source = text[1:] if text.startswith("\ufeff") else text
    lines = source.split("\n")
    for f in report.findings:
        assert f.rule != "file-error", f.message
        assert _inside(lines, f.line, f.column), (f.rule, f.line, f.column)
        assert _inside(lines, f.end_line, f.end_column), (f.rule, f.end_line, f.end_column)
        assert (f.line, f.column) <= (f.end_line, f.end_column)
        assert f.excerpt == _expected_excerpt(source, f.line, f.column, f.end_line, f.end_column), (
            f.rule
        )
        for rel in f.related:
            assert _inside(lines, rel.line, rel.column) and _inside(
                lines, rel.end_line, rel.end_column
            )
            assert rel.excerpt == _expected_excerpt(
                source, rel.line, rel.column, rel.end_line, rel.end_column
            )
