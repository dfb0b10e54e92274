"""Suppressions: inline comments in Markdown and HTML, and per-path ignores in the config.

A suppressed finding is not reported and does not change the exit code; a comment naming an
unknown rule or directive is reported as ``unknown-suppression``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

FRONT = "---\ntitle: Le conseil vote le budget\nlang: fr\ndate: 2024-05-14\n---\n"
LEDE = "Le conseil municipal a voté mardi le budget de la ville pour l'année prochaine."
BODY = "Le maire a salué un budget équilibré qui finance les écoles et les transports."


def markdown(*parts: str) -> str:
    """An article from blocks; ``{…}`` parts are written as they are (comments)."""
    return FRONT + "\n\n".join(parts) + "\n"


ARTICLE = [
    "# Le conseil vote le budget",
    "Partager cet article",
    LEDE,
    "Lire aussi",
    BODY,
    LEDE,
]
# What copydesk says about ARTICLE without any comment, as (rule, text).
ALL_FINDINGS = {
    ("boilerplate", "Partager cet article"),
    ("boilerplate", "Lire aussi"),
    ("duplicate-block", LEDE),
}


# The rules these tests are about (others, added later, must not change what they assert).
SELECT = ("--select", "boilerplate,duplicate-block,front-matter,unknown-suppression")


def check(run, tmp_path: Path, text: str, name: str = "a.md", *args: str):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return run("check", name, "--format", "json", *SELECT, *args, cwd=tmp_path)


def found(result) -> set[tuple[str, str]]:
    return {(f["rule"], f["excerpt"]) for f in result.json["findings"]}


def test_article_without_comments(run, tmp_path) -> None:
    result = check(run, tmp_path, markdown(*ARTICLE))
    assert found(result) == ALL_FINDINGS and result.code == 1


def test_disable_next_line_skips_blank_lines(run, tmp_path) -> None:
    parts = list(ARTICLE)
    parts.insert(3, "<!-- copydesk-disable-next-line boilerplate -- a real section title -->")
    result = check(run, tmp_path, markdown(*parts))
    assert found(result) == ALL_FINDINGS - {("boilerplate", "Lire aussi")}


def test_disable_enable_region(run, tmp_path) -> None:
    parts = list(ARTICLE)
    parts.insert(1, "<!-- copydesk-disable boilerplate, duplicate-block -->")
    parts.insert(5, "<!-- copydesk-enable duplicate-block -->")
    text = markdown(*parts, "Partager cet article")
    result = check(run, tmp_path, text)
    assert found(result) == {("duplicate-block", LEDE), ("duplicate-block", "Partager cet article")}


def test_disable_all_then_enable_one(run, tmp_path) -> None:
    parts = list(ARTICLE)
    parts.insert(3, "<!-- copydesk-disable -->")
    parts.insert(5, "<!-- copydesk-enable duplicate-block -->")
    result = check(run, tmp_path, markdown(*parts))
    assert found(result) == {("boilerplate", "Partager cet article"), ("duplicate-block", LEDE)}


def test_disable_file_anywhere_and_exit_code(run, tmp_path) -> None:
    text = markdown(*ARTICLE, "<!-- copydesk-disable-file duplicate-block -->")
    result = check(run, tmp_path, text)
    assert found(result) == ALL_FINDINGS - {("duplicate-block", LEDE)}
    assert result.code == 0  # the only error was suppressed
    everything = check(run, tmp_path, markdown("<!-- copydesk-disable-file -->", *ARTICLE))
    assert everything.json["findings"] == [] and everything.code == 0


def test_inline_comment_in_a_paragraph(run, tmp_path) -> None:
    parts = list(ARTICLE)
    parts[2] = "Partager cet article <!-- copydesk-disable-file boilerplate -->"
    result = check(run, tmp_path, markdown(*parts))
    assert {r for r, _ in found(result)} == {"duplicate-block"}


@pytest.mark.parametrize(
    "code",
    [
        "```html\n<!-- copydesk-disable-file -->\n```",
        "    <!-- copydesk-disable-file -->",
        "Écrire `<!-- copydesk-disable-file -->` en tête du fichier.",
        "~~~\n<!-- copydesk-disable-file no-such-rule -->\n~~~",
    ],
    ids=["fence", "indented", "code-span", "tilde-fence"],
)
def test_comments_in_code_are_text(run, tmp_path, code) -> None:
    result = check(run, tmp_path, markdown(*ARTICLE, code))
    assert found(result) == ALL_FINDINGS


def test_html_comments(run, tmp_path) -> None:
    html = f"""<!doctype html>
<html lang="fr"><head><title>Le conseil vote le budget</title>
<!-- copydesk-disable-file duplicate-block -->
</head><body><article>
<h1>Le conseil vote le budget</h1>
<p>Partager cet article</p>
<p>{LEDE}</p>
<!-- copydesk-disable-next-line boilerplate -->
<p>Lire aussi</p>
<p>{BODY}</p>
<p>{LEDE}</p>
<pre><code>&lt;!-- copydesk-disable-file --&gt;</code></pre>
</article></body></html>
"""
    result = check(run, tmp_path, html, "a.html")
    assert found(result) == {("boilerplate", "Partager cet article")}
    assert result.json["findings"][0]["line"] == 6


def test_unknown_rule_id_is_reported_with_a_suggestion(run, tmp_path) -> None:
    parts = list(ARTICLE)
    parts.insert(3, "<!-- copydesk-disable-next-line boilerplat -->")
    text = markdown(*parts)
    result = check(run, tmp_path, text)
    unknown = [f for f in result.json["findings"] if f["rule"] == "unknown-suppression"]
    (finding,) = unknown
    assert (
        "'boilerplat'" in finding["message"] and "did you mean 'boilerplate'" in finding["message"]
    )
    line = text.split("\n")[finding["line"] - 1]
    assert line[finding["column"] - 1 : finding["end_column"] - 1] == "boilerplat"
    assert finding["severity"] == "warning"
    assert ("boilerplate", "Lire aussi") in found(result)  # the typo suppressed nothing


def test_unknown_directive_is_reported(run, tmp_path) -> None:
    result = check(run, tmp_path, markdown(*ARTICLE, "<!-- copydesk-disable-lines -->"))
    unknown = [f for f in result.json["findings"] if f["rule"] == "unknown-suppression"]
    assert len(unknown) == 1 and "copydesk-disable-lines" in unknown[0]["message"]
    assert unknown[0]["excerpt"] == "copydesk-disable-lines"
    ignored = check(
        run,
        tmp_path,
        markdown(*ARTICLE, "<!-- copydesk-disable-lines -->"),
        "a.md",
        "--ignore",
        "unknown-suppression",
    )
    assert found(ignored) == ALL_FINDINGS


def test_mixed_known_and_unknown_ids(run, tmp_path) -> None:
    text = markdown("<!-- copydesk-disable-file boilerplate nope -->", *ARTICLE)
    result = check(run, tmp_path, text)
    assert {r for r, _ in found(result)} == {"duplicate-block", "unknown-suppression"}


# -- configuration ------------------------------------------------------------------------------
def test_per_file_ignores_hide_findings_and_keep_exit_code_zero(run, tmp_path) -> None:
    (tmp_path / "copydesk.toml").write_text(
        '[per-file-ignores]\n"archive/**" = ["duplicate-block", "front-matter"]\n',
        encoding="utf-8",
    )
    article = markdown(*ARTICLE)
    broken_front = "---\ntitle: 'unclosed\n---\n" + "\n\n".join(ARTICLE) + "\n"
    for folder in ("archive", "news"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.md").write_text(article, encoding="utf-8")
        (tmp_path / folder / "b.md").write_text(broken_front, encoding="utf-8")
    result = run("check", ".", "--format", "json", *SELECT, cwd=tmp_path)
    by_folder: dict[str, set[str]] = {}
    for f in result.json["findings"]:
        by_folder.setdefault(f["path"].split("/")[0], set()).add(f["rule"])
    assert by_folder["news"] == {"boilerplate", "duplicate-block", "front-matter"}
    assert by_folder["archive"] == {"boilerplate"}
    archive_only = run("check", "archive", "--format", "json", *SELECT, cwd=tmp_path)
    assert archive_only.code == 0  # only warnings are left there


def test_per_file_ignores_apply_to_stdin_by_its_name(run, tmp_path, monkeypatch) -> None:
    import io
    import sys

    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "copydesk.toml").write_text(
        '[per-file-ignores]\n"fr/**" = ["boilerplate"]\n', encoding="utf-8"
    )
    data = markdown(*ARTICLE).encode("utf-8")
    rules = {}
    for name in ("content/fr/a.md", "content/de/a.md"):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
        result = run(
            "check", "-", "--stdin-filename", name, "--format", "json", *SELECT, cwd=tmp_path
        )
        rules[name] = {f["rule"] for f in result.json["findings"]}
    assert rules["content/fr/a.md"] == {"duplicate-block"}
    assert rules["content/de/a.md"] == {"boilerplate", "duplicate-block"}


def test_corpus_findings_obey_the_comments_of_their_file(run, tmp_path) -> None:
    """Rules across articles report after every file was read; suppressions still apply."""
    bodies = [
        "# Séoul et Tokyo relancent leur dialogue\n\nLe dirigeant, Kim Jong-un, était présent.",
        "# Pyongyang répond\n\nSelon l'agence officielle, Kim Jong-un a supervisé l'exercice.",
        "# Nouveau tir de missile\n\nLe régime de Kim Jong Un chercherait à tester Tokyo.",
    ]
    for i, body in enumerate(bodies):
        text = f"---\nlang: fr\ndate: 2024-05-0{i + 1}\n---\n{body}\n"
        (tmp_path / f"{i}.md").write_text(text, encoding="utf-8")
    args = ("check", ".", "--format", "json", "--select", "corpus-name-variant")
    before = run(*args, cwd=tmp_path)
    assert [(f["path"], f["excerpt"]) for f in before.json["findings"]] == [("2.md", "Kim Jong Un")]
    with (tmp_path / "2.md").open("a", encoding="utf-8") as fh:
        fh.write("\n<!-- copydesk-disable-file corpus-name-variant -- the agency's spelling -->\n")
    assert run(*args, cwd=tmp_path).json["findings"] == []
