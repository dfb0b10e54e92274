"""The HTML review report, read as a browser would parse it (no browser needed here).

The page must stand alone (no external asset, a strict Content-Security-Policy), escape every
piece of article text, file name and message, carry each article's language, highlight each
finding in place and keep everything visible when scripts are off.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SAMPLES, SEED

from checker.engine import Report, SourceText
from checker.finding import Finding, Severity
from checker.reporters import render
from checker.reporters.html import Item, line_segments

VOID = {"meta", "link", "input", "br", "img", "hr", "wbr", "source", "area", "base", "col"}
PAYLOAD_IMG = "<img src=x onerror=alert(1)>"
PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and all(
                (v in (n.attrs.get(k.rstrip("_")) or "").split())
                if k.rstrip("_") == "class"
                else n.attrs.get(k) == v
                for k, v in attrs.items()
            )
        ]

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class TreeBuilder(HTMLParser):
    """A small DOM from the standard library parser: enough to check structure and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, "unclosed elements"
    return builder.root


def html_report(run, *args: str, tmp: Path) -> tuple[int, str]:
    out = tmp / "report.html"
    result = run("check", *args, "--format", "html", "--output", str(out))
    assert result.out == "", result.out
    return result.code, out.read_text(encoding="utf-8")


def json_findings(run, *args: str) -> list[dict]:
    return run("check", *args, "--format", "json").json["findings"]


def source_span(f: dict) -> str:
    """The text a finding points at, cut from its file with its 1-based line and columns."""
    lines = Path(f["path"]).read_text(encoding="utf-8").split("\n")
    if f["line"] == f["end_line"]:
        return lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1]
    middle = lines[f["line"] : f["end_line"] - 1]
    last = lines[f["end_line"] - 1][: f["end_column"] - 1]
    return "".join([lines[f["line"] - 1][f["column"] - 1 :], *middle, last])


def csp_of(dom: Node) -> dict[str, list[str]]:
    (meta,) = dom.find_all("meta", **{"http-equiv": "Content-Security-Policy"})
    return {
        part.split()[0]: part.split()[1:]
        for part in meta.attrs["content"].split(";")
        if part.strip()
    }


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def samples_report(tmp_path_factory) -> tuple[str, list[dict]]:
    """The report of samples/ and the same run's findings as JSON (rendered once)."""
    from checker.engine import check_paths

    report = check_paths([str(SAMPLES)], keep_documents=True)
    findings = json.loads(render("json", report))["findings"]
    return render("html", report), findings


def test_report_is_self_contained_under_a_strict_csp(samples_report) -> None:
    html, _ = samples_report
    dom = parse(html)
    (head,) = dom.find_all("head")
    tags = [n.tag for n in head.iter()]
    assert tags[:2] == ["meta", "meta"] and head.find_all("meta")[0].attrs == {"charset": "utf-8"}
    assert head.find_all("meta")[1].attrs["http-equiv"] == "Content-Security-Policy"
    csp = csp_of(dom)
    assert csp["default-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"] and csp["form-action"] == ["'none'"]
    (script,) = dom.find_all("script")
    (style,) = dom.find_all("style")
    assert csp["script-src"] == [sha256_source(script.text)]
    assert csp["style-src"] == [sha256_source(style.text)]
    assert not [s for sources in csp.values() for s in sources if "unsafe" in s]
    # Nothing to fetch: no src attribute, no stylesheet link, no CSS url() or @import.
    for node in dom.iter():
        assert "src" not in node.attrs, node
        assert "style" not in node.attrs, node  # inline style attributes would need unsafe-inline
        assert not any(k.startswith("on") for k in node.attrs), node
        if node.tag == "link":
            assert node.attrs["href"].startswith("data:"), node
        if node.tag != "a" and "href" in node.attrs:
            assert node.attrs["href"].startswith(("#", "data:")), node
    assert "url(" not in style.text and "@import" not in style.text


def test_every_internal_link_has_a_target(samples_report) -> None:
    dom = parse(samples_report[0])
    ids = Counter(n.attrs["id"] for n in dom.iter() if "id" in n.attrs)
    assert not [i for i, n in ids.items() if n > 1]
    links = [n.attrs["href"][1:] for n in dom.find_all("a") if n.attrs["href"].startswith("#")]
    assert links and not [link for link in links if link not in ids]


def test_each_finding_is_highlighted_in_place_and_explained(samples_report) -> None:
    html, findings = samples_report
    dom = parse(html)
    notes = dom.find_all("li", class_="finding")
    assert len(notes) == len(findings) > 0
    for note, f in zip(notes, findings, strict=True):
        assert (note.attrs["data-sev"], note.attrs["data-rule"]) == (f["severity"], f["rule"])
        assert f["message"] in note.text and f["severity"] in note.text  # not colour alone
        article = next(a for a in note.ancestors() if a.tag == "article")
        assert article.find_all("h3")[0].text == f["path"]
        marked = "".join(
            m.text
            for m in article.find_all("mark")
            if note.attrs["id"] in m.attrs["data-f"].split()
        )
        assert marked == source_span(f)
        # The note sits under the line where the finding starts.
        line = next(a for a in note.ancestors() if "line" in (a.attrs.get("class") or "").split())
        assert line.attrs["id"].endswith(f"-L{f['line']}")
        (ref,) = [
            r for r in article.find_all("a", class_="fref") if r.attrs["data-f"] == note.attrs["id"]
        ]
        assert ref.attrs["href"] == "#" + note.attrs["id"]


def test_findings_on_the_same_text_share_one_highlight(samples_report) -> None:
    dom = parse(samples_report[0])
    (seed,) = [
        a for a in dom.find_all("article") if Path(a.find_all("h3")[0].text).name == SEED.name
    ]
    (line4,) = [n for n in seed.find_all("div", class_="line") if n.attrs["id"].endswith("-L4")]
    (mark,) = line4.find_all("mark")
    assert mark.text == "Veröffentlicht am"
    assert len(mark.attrs["data-f"].split()) == 2 and "multi" in mark.attrs["class"]
    assert mark.attrs["data-sev"] == "error"  # the worst of boilerplate (warning) and an error


def test_summary_counts_by_severity_rule_and_file(samples_report) -> None:
    html, findings = samples_report
    dom = parse(html)
    (summary,) = dom.find_all("section", id="summary")
    rows = {
        " ".join(r.find_all("td")[0].text.split()): [c.text for c in r.find_all("td")[1:]]
        for r in summary.find_all("tr")
        if r.find_all("td")
    }
    by_sev = Counter(f["severity"] for f in findings)
    for sev, icon in (("error", "✖"), ("warning", "▲"), ("info", "ℹ")):
        assert rows[f"{icon} {sev}"] == [str(by_sev[sev])]
    for rule, n in Counter(f["rule"] for f in findings).items():
        assert rows[rule] == [str(n)]
    for path, group in Counter(f["path"] for f in findings).items():
        assert sum(int(c) for c in rows[path]) == group
    articles = [p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".md", ".html"}]
    assert rows["files checked"] == [str(len(articles))]


def test_each_article_excerpt_carries_its_language(samples_report) -> None:
    html, findings = samples_report
    dom = parse(html)
    assert dom.find_all("html")[0].attrs["lang"] == "en"
    articles = dom.find_all("article")
    assert len(articles) == len({f["path"] for f in findings}) > 5
    for article in articles:
        path = Path(article.find_all("h3")[0].text)
        expected = "fr" if path.name == SEED.name else path.name[:2]
        (src,) = article.find_all("div", class_="src")
        assert src.attrs["lang"] == expected, path
        # Notes are copydesk's own English messages, not article text.
        assert {n.attrs["lang"] for n in src.find_all("ul", class_="notes")} == {"en"}


def test_everything_is_visible_without_scripts(samples_report) -> None:
    dom = parse(samples_report[0])
    hidden = [n for n in dom.iter() if "hidden" in n.attrs]
    assert [n.attrs.get("id") for n in hidden] == ["filters"]  # filters need the script
    for node in dom.find_all("li", class_="finding") + dom.find_all("mark"):
        assert not [a for a in node.ancestors() if a.tag == "details"], node


def test_rules_section_explains_each_rule_offline(samples_report) -> None:
    from checker.resources import shipped_rules_dir
    from checker.rules import load_rules

    html, findings = samples_report
    dom = parse(html)
    known = load_rules([shipped_rules_dir()])
    for rule_id in {f["rule"] for f in findings}:
        (section,) = dom.find_all("section", id=f"rule-{rule_id}")
        text = " ".join(section.text.split())
        assert " ".join(known[rule_id].summary.split()) in text
        assert " ".join(known[rule_id].rationale.split()) in text
    assert "copydesk explain" in dom.find_all("section", id="rules")[0].text


def test_article_text_file_names_and_messages_are_escaped(run, tmp_path) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    name = f"a{PAYLOAD_IMG}.md"
    (folder / name).write_text(
        f'---\ntitle: "T {PAYLOAD_SCRIPT}"\nlang: "fr\\" onmouseover=\\"alert(1)"\n---\n\n'
        f"# Titre {PAYLOAD_IMG}\n\n## Intertitre {PAYLOAD_SCRIPT}\n\n"
        f"Veröffentlicht am\n\nLe texte {PAYLOAD_IMG} continue ici avec une phrase.\n",
        encoding="utf-8",
    )
    code, html = html_report(run, str(folder), tmp=tmp_path)
    assert code == 0  # a warning only
    assert PAYLOAD_IMG not in html and PAYLOAD_SCRIPT not in html
    dom = parse(html)
    assert len(dom.find_all("script")) == 1 and not dom.find_all("img")
    assert not [n for n in dom.iter() if any(k.startswith("on") for k in n.attrs)]
    (article,) = dom.find_all("article")
    assert article.find_all("h3")[0].text == str(folder / name)
    source = article.find_all("div", class_="src")[0]
    assert source.attrs["lang"] == ""  # not a language tag: unknown, not injected
    lines = [
        " ".join(n.find_all("span", class_="code")[0].text.split())
        for n in source.find_all("div", class_="line")
    ]
    assert f"# Titre {PAYLOAD_IMG}" in lines and f"## Intertitre {PAYLOAD_SCRIPT}" in lines


def test_messages_are_escaped_too() -> None:
    finding = Finding(
        "x.txt", "boilerplate", Severity.WARNING, 1, 1, 1, 6, f"Leftover {PAYLOAD_SCRIPT}", "Hello"
    )
    report = Report([finding], files=1, documents={"x.txt": SourceText("Hello\n", "en", "text")})
    html = render("html", report)
    assert PAYLOAD_SCRIPT not in html and "Leftover &lt;script&gt;" in html


def test_overlapping_findings_split_the_line_into_covered_pieces() -> None:
    def item(ident: str, col: int, end: int, sev: Severity, line: int = 1, end_line: int = 1):
        f = Finding("x.txt", "r", sev, line, col, end_line, end, "m", "")
        return Item(ident, 1, f, 0)

    a = item("a", 1, 6, Severity.INFO)  # "abcde"
    b = item("b", 4, 9, Severity.ERROR)  # "defgh"
    c = item("c", 11, 11, Severity.WARNING)  # a point at the end of the line
    d = item("d", 3, 2, Severity.WARNING, line=1, end_line=2)  # over a line end
    pieces = [
        (s.text, s.ids, s.sev, [r.id for r in s.refs])
        for s in line_segments("abcdefghij", 1, [a, b, c])
    ]
    assert pieces == [
        ("abc", ("a",), "info", ["a"]),
        ("de", ("a", "b"), "error", ["b"]),
        ("fgh", ("b",), "error", []),
        ("ij", (), "", []),
        ("", (), "", ["c"]),
    ]
    pieces = [(s.text, s.ids, [r.id for r in s.refs]) for s in line_segments("xyz", 1, [d])]
    assert pieces == [("xy", (), []), ("z", ("d",), ["d"])]
    pieces = [(s.text, s.ids, [r.id for r in s.refs]) for s in line_segments("abcdef", 2, [d])]
    assert pieces == [("a", ("d",), []), ("bcdef", (), [])]


def test_stdin_article_is_shown_under_its_filename(run, monkeypatch, tmp_path) -> None:
    data = SEED.read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, html = html_report(run, "-", "--stdin-filename", "content/fr/a.txt", tmp=tmp_path)
    assert code == 1
    (article,) = parse(html).find_all("article")
    assert article.find_all("h3")[0].text == "content/fr/a.txt"
    (src,) = article.find_all("div", class_="src")
    assert src.attrs["lang"] == "fr"
    assert "Veröffentlicht am" in src.text


def test_unreadable_file_is_listed_without_source(run, tmp_path) -> None:
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    (tmp_path / "clean.txt").write_text(
        "Council approves new cycling lanes\n\nThe city council voted on Tuesday to build "
        "twelve kilometres of new cycling lanes, the mayor's office said.\n",
        encoding="utf-8",
    )
    files = [str(tmp_path / "broken.txt"), str(tmp_path / "clean.txt")]
    code, html = html_report(run, *files, "--select", "file-error,boilerplate", tmp=tmp_path)
    assert code == 1
    dom = parse(html)
    (article,) = dom.find_all("article")
    assert not article.find_all("div", class_="src")
    assert article.find_all("li", class_="finding")[0].attrs["data-rule"] == "file-error"
    (clean,) = dom.find_all("section", id="clean")
    assert str(tmp_path / "clean.txt") in clean.text


def test_long_untouched_stretches_are_folded_but_findings_never_are(run, tmp_path) -> None:
    clean = (SAMPLES / "fr-clean-energy.md").read_text(encoding="utf-8")
    path = tmp_path / "long.md"
    path.write_text(clean.rstrip("\n") + "\n\nVeröffentlicht am\n", encoding="utf-8")
    _, html = html_report(run, str(path), tmp=tmp_path)
    dom = parse(html)
    (fold,) = dom.find_all("details", class_="fold")
    numbers = [int(n.attrs["id"].rsplit("-L", 1)[1]) for n in dom.find_all("div", class_="line")]
    assert numbers == list(range(1, len(numbers) + 1))  # every line is in the page
    assert len(numbers) == len(path.read_text(encoding="utf-8").splitlines())
    assert re.search(r"Lines 1–\d+: no findings", fold.text)
    (mark,) = dom.find_all("mark")
    assert mark.text == "Veröffentlicht am"
    assert not [a for a in mark.ancestors() if a.tag == "details"]


def test_rule_reference_links_follow_copydesk_docs_url(monkeypatch) -> None:
    finding = Finding("x.txt", "boilerplate", Severity.WARNING, 1, 1, 1, 6, "Leftover", "Hello")
    from checker.resources import shipped_rules_dir
    from checker.rules import load_rules

    rules = {"boilerplate": load_rules([shipped_rules_dir()])["boilerplate"]}
    text = {"x.txt": SourceText("Hello\n", "en", "text")}
    report = Report([finding], files=1, rules=rules, documents=text)
    monkeypatch.delenv("COPYDESK_DOCS_URL", raising=False)
    links = [a.attrs["href"] for a in parse(render("html", report)).find_all("a")]
    assert all(href.startswith("#") for href in links)  # offline: the page explains its rules
    monkeypatch.setenv("COPYDESK_DOCS_URL", "https://example.org/copydesk/docs/rules.md")
    links = [a.attrs["href"] for a in parse(render("html", report)).find_all("a")]
    assert "https://example.org/copydesk/docs/rules.md#boilerplate" in links
