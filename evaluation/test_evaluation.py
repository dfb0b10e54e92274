"""Self-tests of the evaluation harness (case builders and scorer); copydesk is not needed.

Not part of the main suite (``testpaths = ["tests"]``); run with::

    python -m pytest evaluation -q
"""

from __future__ import annotations

import difflib
import html
import json
import os
import random
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cases as casebook
import evaluate

CORPUS = Path(os.environ.get("COPYDESK_CORPUS") or evaluate.DEFAULT_CORPUS)
needs_corpus = pytest.mark.skipif(
    not casebook.ntrex_path(CORPUS).exists(), reason="NTREX-128 corpus not available"
)


@pytest.fixture(scope="module")
def docs():
    return casebook.load_ntrex(CORPUS)


@pytest.fixture(scope="module")
def some_cases(docs):
    return casebook.build_cases(docs[:12], seed=1)


def _toy_doc(n: int = 9) -> casebook.NtrexDoc:
    sentences = {
        lang: tuple(f"{lang} sentence number {i} with <b> & words." for i in range(n))
        for lang in casebook.LANGS
    }
    return casebook.NtrexDoc("toy.1", sentences)


# ------------------------------------------------------------------ grouping and rendering


@pytest.mark.parametrize("n", range(2, 40))
def test_group_sentences_covers_body_in_paragraphs_of_two_to_four(n):
    groups = casebook.group_sentences(n, random.Random(n))
    assert [i for g in groups for i in g] == list(range(1, n))
    if n - 1 >= 2:
        assert all(2 <= len(g) <= 4 for g in groups)


@pytest.mark.parametrize("fmt", casebook.FORMATS)
def test_render_spans_point_at_the_block_lines(fmt):
    doc = _toy_doc()
    article = casebook.article_from_doc(doc, "fr", [(1, 2), (3, 4, 5), (6, 7, 8)])
    rendered = casebook.render(article, fmt)
    lines = rendered.text.split("\n")
    for block in [article.title, *article.blocks]:
        start, end = rendered.span(block)
        assert start == end
        expected = html.escape(block.text) if fmt == "html" else block.text
        assert expected in lines[start - 1]
    assert rendered.text.endswith("\n")


def test_render_markdown_front_matter_and_escape():
    yaml = pytest.importorskip("yaml")
    doc = _toy_doc()
    article = casebook.article_from_doc(doc, "de", [(1, 2)])
    article.title.text = 'A "quoted": title # here'
    article.blocks.append(casebook.Block("1. Mai: Feiertag"))
    text = casebook.render(article, "md").text
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == article.title.text and front["lang"] == "de"
    assert str(front["date"]) == casebook.ARTICLE_DATE
    assert "\n\\1. Mai: Feiertag\n" in text


def test_render_html_escapes_and_has_metadata():
    article = casebook.article_from_doc(_toy_doc(), "it", [(1, 2)])
    text = casebook.render(article, "html").text
    assert '<html lang="it">' in text
    assert '<meta name="date" content="2019-05-01">' in text
    assert "&lt;b&gt; &amp; words" in text and "<b>" not in text


def test_near_duplicate_edits_are_small():
    rng = random.Random(3)
    text = "The council met on Monday, and it voted to close the bridge. Work starts in May."
    for _ in range(50):
        for edit in (casebook.drop_word, casebook.change_punctuation):
            changed, note = edit(text, rng)
            assert changed != text and note
            assert difflib.SequenceMatcher(None, text, changed).ratio() > 0.9


# ------------------------------------------------------------------ builders on the corpus


@needs_corpus
def test_corpus_loads_aligned(docs):
    assert len(docs) == 123
    assert all(len(set(map(len, d.sentences.values()))) == 1 for d in docs)


@needs_corpus
def test_builders_are_deterministic(docs):
    first = casebook.build_cases(docs[:5], seed=7)
    again = casebook.build_cases(docs[:5], seed=7)
    other = casebook.build_cases(docs[:5], seed=8)
    assert [(c.path, c.text, c.expected) for c in first] == [
        (c.path, c.text, c.expected) for c in again
    ]
    assert [c.text for c in first] != [c.text for c in other]


@needs_corpus
def test_every_kind_builds_one_case_per_document_and_language(some_cases):
    kinds = {c.kind for c in some_cases}
    assert kinds == set(casebook.BUILDERS)
    for kind in kinds:
        if casebook.BUILDERS[kind].rules <= casebook.CORE_RULES:
            # Kinds for later rules pick the documents they can alter (names, figures…).
            assert sum(c.kind == kind for c in some_cases) == 12 * len(casebook.LANGS)
    assert len({c.path for c in some_cases}) == len(some_cases)


@needs_corpus
def test_formats_rotate_and_match_the_clean_case(some_cases):
    clean = {(c.doc_id, c.lang): c.format for c in some_cases if c.kind == "clean"}
    assert set(clean.values()) == set(casebook.FORMATS)
    # Hand-written articles have no NTREX twin; the source file of a translation pair takes the
    # format of its translation.
    assert all(
        c.format == clean[c.doc_id, c.lang]
        for c in some_cases
        if (c.doc_id, c.lang) in clean and c.variant != "source"
    )


@needs_corpus
def test_labels_point_at_the_injected_block(some_cases, docs):
    by_id = {d.doc_id: d for d in docs}
    for case in some_cases:
        if not case.kind.startswith("handwritten-"):
            assert case.clean == (case.kind in ("clean", "pair-clean") and case.variant != "source")
        if case.kind in ("clean", "dated-dateline", "pair-clean") or case.kind.endswith("-control"):
            assert case.expected == []
            continue
        # unchanged twins, clean hand-written articles, the source file of a translation pair
        if case.variant in ("reference", "clean", "source"):
            continue
        assert case.expected, case.path
        for label in [*case.expected, *case.allowed]:
            assert label.rule in case.scope
            assert 1 <= label.start_line <= label.end_line <= case.text.count("\n")
        if case.doc_id not in by_id:  # a hand-written article
            continue
        line = _plain(case, case.expected[0].start_line)
        doc = by_id[case.doc_id]
        if case.kind == "translated-lede":
            source = "de" if case.lang == "en" else "en"
            assert line.startswith(doc.sentences[source][1])
        elif case.kind == "repeated-title":
            assert line == doc.title(case.lang)
        elif case.kind == "boilerplate":
            assert any(
                line.startswith(t.split("{")[0]) for t in casebook.BOILERPLATE_LINES[case.lang]
            ) or any(line.startswith(t.split("{")[0]) for t in casebook.BOILERPLATE_LINES["de"])
        elif case.kind == "untranslated-sentence":
            source = "fr" if case.lang == "en" else "en"
            assert any(s in line for s in doc.sentences[source][1:])


def _plain(case, number):
    """The text of a rendered block line without markup."""
    line = case.line(number)
    if case.format == "html":
        return html.unescape(re.sub(r"<[^>]+>", "", line))
    return line[1:] if case.format == "md" and line.startswith("\\") else line


@needs_corpus
def test_clean_case_line_count_and_injected_case_grows_by_one_block(some_cases):
    clean = {(c.doc_id, c.lang): c for c in some_cases if c.kind == "clean"}
    per_block = {"txt": 2, "md": 2, "html": 1}
    # Kinds that change a block in place (or hand-written articles) do not grow.
    in_place = (
        "untranslated-sentence",
        "untranslated-paragraph",
        "name-variant",
        "alias-variant",
        "corpus-name-variant",
    )
    for case in some_cases:
        # Translation pairs (pair-*) are two files with their own layout (see pairs.py).
        if case.kind in ("clean", *in_place) or case.kind.startswith("pair-"):
            continue
        if (case.doc_id, case.lang) not in clean:
            continue
        base = clean[case.doc_id, case.lang]
        grown = case.text.count("\n") - base.text.count("\n")
        assert grown == per_block[case.format], case.path


@needs_corpus
def test_write_cases_refuses_foreign_folder(tmp_path, some_cases):
    target = tmp_path / "cases"
    casebook.write_cases(some_cases[:3], target)
    casebook.write_cases(some_cases[:3], target)  # its own folder: recreated
    assert (target / some_cases[0].path).read_text(encoding="utf-8") == some_cases[0].text
    foreign = tmp_path / "mine"
    foreign.mkdir()
    with pytest.raises(FileExistsError):
        casebook.write_cases(some_cases[:3], foreign)


# ------------------------------------------------------------------ scoring


def _case(path, kind="x", expected=(), allowed=(), clean=False):
    text = "\n".join(f"line {i}" for i in range(1, 21)) + "\n"
    return casebook.Case(
        path=path,
        text=text,
        lang="fr",
        format="txt",
        kind=kind,
        doc_id="d",
        expected=[casebook.Label(*e) for e in expected],
        allowed=[casebook.Label(*a) for a in allowed],
        clean=clean,
    )


def _finding(path, rule, line):
    return evaluate.Finding(path=path, rule=rule, line=line, message="m")


def test_score_counts_tp_fp_fn_and_allowed():
    ml, bp, td = "mixed-language", "boilerplate", "translated-duplicate"
    cases = [
        _case("clean/a.txt", "clean", clean=True),
        _case("inj/b.txt", "inj", expected=[(5, 5, ml), (5, 5, td), (9, 10, bp)]),
        _case("inj/c.txt", "inj", expected=[(3, 3, bp)], allowed=[(3, 3, ml)]),
    ]
    findings = [
        _finding("cases/clean/a.txt", ml, 7),  # false alarm on a clean document
        _finding("/abs/cases/inj/b.txt", ml, 5),  # TP
        _finding("/abs/cases/inj/b.txt", ml, 5),  # second finding on same label: still one TP
        _finding("cases\\inj\\b.txt", bp, 10),  # TP (inside the 9-10 range)
        _finding("cases/inj/b.txt", bp, 2),  # FP
        _finding("cases/inj/c.txt", ml, 3),  # allowed: neither TP nor FP
        _finding("cases/inj/c.txt", "unsourced-claim", 4),  # rule not evaluated
        _finding("elsewhere/z.txt", bp, 1),  # not a case
    ]
    rules = [ml, td, bp]
    metrics = evaluate.score(cases, findings, rules, show=5)
    assert metrics["per_rule"][ml] == {
        "tp": 1,
        "fp": 1,
        "fn": 0,
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
    }
    assert (metrics["per_rule"][td]["tp"], metrics["per_rule"][td]["fn"]) == (0, 1)
    assert metrics["per_rule"][td]["precision"] is None
    bpm = metrics["per_rule"][bp]
    assert (bpm["tp"], bpm["fp"], bpm["fn"]) == (1, 1, 1)
    assert metrics["clean"] == {
        "documents": 1,
        "false_alarms": 1,
        "documents_with_false_alarm": 1,
        "per_100": 100.0,
        "per_rule_per_100": {ml: 100.0, td: 0.0, bp: 0.0},
    }
    assert metrics["unmatched_findings"] == 1
    assert metrics["other_rules"] == {"unsourced-claim": 1}
    assert [f["path"] for f in metrics["false_negatives"][bp]] == ["inj/c.txt"]
    assert metrics["per_kind"]["inj"]["expected"] == 4


def test_score_ignores_rules_outside_case_scope():
    case = _case("k/a.txt", clean=True)
    case.scope = frozenset({"boilerplate"})
    metrics = evaluate.score([case], [_finding("k/a.txt", "mixed-language", 2)], ["mixed-language"])
    assert metrics["per_rule"]["mixed-language"]["fp"] == 0
    assert metrics["clean"]["false_alarms"] == 0


def test_parse_findings_rejects_wrong_shape():
    with pytest.raises(evaluate.EvaluationError):
        evaluate.parse_findings({"results": []})
    with pytest.raises(evaluate.EvaluationError):
        evaluate.parse_findings({"findings": [{"rule": "x"}]})
    assert evaluate.parse_findings({"findings": [{"path": "a", "rule": "r", "line": 3}]}) == [
        evaluate.Finding("a", "r", 3)
    ]


@needs_corpus
def test_cli_scores_a_findings_file(tmp_path, capsys, docs):
    built = casebook.build_cases(docs, seed=1, kinds=["clean", "boilerplate"], limit=4)
    findings = [
        {"path": f"cases/{c.path}", "rule": "boilerplate", "line": label.start_line}
        for c in built
        for label in c.expected
    ]
    report = tmp_path / "findings.json"
    report.write_text(json.dumps({"tool": {"version": "t"}, "findings": findings}), "utf-8")
    argv = ["--corpus", str(CORPUS), "--findings", str(report), "--json"]
    code = evaluate.main([*argv, "--kinds", "clean,boilerplate", "--limit", "4"])
    assert code == 0
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["per_rule"]["boilerplate"] == {
        "tp": 4,
        "fp": 0,
        "fn": 0,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    assert metrics["clean"]["documents"] == 4


def test_cli_refuses_work_folder_inside_repository(capsys):
    code = evaluate.main(["--work", str(evaluate.REPO_ROOT / "tmp-eval"), "--generate-only"])
    assert code == 2
    assert "inside the repository" in capsys.readouterr().err
    assert not (evaluate.REPO_ROOT / "tmp-eval").exists()


# ------------------------------------------------------------------ name rules


@needs_corpus
def test_name_cases_alter_one_mention_and_keep_the_rest(docs):
    built = casebook.build_cases(
        docs[:12], seed=1, kinds=["name-variant", "alias-variant", "corpus-name-variant"]
    )
    clean = {
        (c.doc_id, c.lang): c.text for c in casebook.build_cases(docs[:12], seed=1, kinds=["clean"])
    }
    for case in built:
        base = clean[case.doc_id, case.lang]
        if case.variant == "reference":
            assert case.text == base  # the unchanged twins of corpus-name-variant
            continue
        old = re.search(r"(['\"])(.+?)\1 -> (['\"])(.+)\3$", case.note)
        assert old and old.group(2) != old.group(4), case.note
        lines = zip(base.split("\n"), case.text.split("\n"), strict=True)
        changed = [n + 1 for n, (a, b) in enumerate(lines) if a != b]
        label = case.expected[0]
        assert any(label.start_line <= n <= label.end_line for n in changed), case.path
        if case.kind != "corpus-name-variant":
            assert len(changed) == 1, case.path  # only the last mention is altered


@needs_corpus
def test_name_controls_add_a_sentence_with_a_name_of_the_article(docs):
    for case in casebook.build_cases(docs[:12], seed=1, kinds=["name-variant-control"]):
        added = re.search(r"^(['\"])(.+)\1 after the last (.+)$", case.note)
        assert added and added.group(3).split()[-1] in added.group(2), case.note
        assert case.expected == [] and case.scope == {"name-variant"}
