"""Parallel runs, the result cache and the public API give the same report as a plain run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES

from checker import check_document, check_paths, merge_results
from checker.reporters import render

ARTICLES = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".md", ".html"})


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Samples twice over (in two folders), enough files for the process pool to start."""
    root = tmp_path_factory.mktemp("corpus")
    for folder in ("a", "b"):
        (root / folder).mkdir()
        for path in ARTICLES:
            shutil.copy(path, root / folder / path.name)
    assert len(list(root.rglob("*.*"))) >= 30
    return root


def as_json(report) -> str:
    return render("json", report)


@pytest.fixture(scope="module")
def plain(corpus) -> str:
    return as_json(check_paths([str(corpus)]))


def test_jobs_give_the_same_report(corpus, plain) -> None:
    parallel = check_paths([str(corpus)], jobs=2)
    assert as_json(parallel) == plain
    assert json.loads(plain)["summary"]["files"] == 2 * len(ARTICLES)


def test_file_order_does_not_change_the_report(corpus, plain) -> None:
    files = sorted((str(p) for p in corpus.rglob("*.*")), reverse=True)
    assert as_json(check_paths(files)).replace(str(corpus) + "/", "") == plain.replace(
        str(corpus) + "/", ""
    )


def test_cache_reuses_results_and_reports_the_same(corpus, plain, tmp_path) -> None:
    cache = tmp_path / "cache"
    first = check_paths([str(corpus)], cache_dir=cache)
    assert first.cached_files == 0 and as_json(first) == plain
    second = check_paths([str(corpus)], cache_dir=cache, jobs=2)
    assert second.cached_files == second.files and as_json(second) == plain
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172")
    assert (cache / ".gitignore").read_text().strip().endswith("*")


def test_a_changed_file_is_checked_again(tmp_path) -> None:
    article = tmp_path / "a.txt"
    shutil.copy(SAMPLES / "000_c0b735639ce285e7.txt", article)
    cache = tmp_path / "cache"
    before = check_paths([str(article)], cache_dir=cache, select=["duplicate-block"])
    assert {f.line for f in before.findings} == {9, 11}
    text = article.read_text(encoding="utf-8").splitlines()
    article.write_text("\n".join(text[:8] + text[11:]) + "\n", encoding="utf-8")
    after = check_paths([str(article)], cache_dir=cache, select=["duplicate-block"])
    assert after.cached_files == 0 and after.findings == []


def test_corrupt_cache_entries_are_rebuilt(corpus, plain, tmp_path) -> None:
    cache = tmp_path / "cache"
    check_paths([str(corpus)], cache_dir=cache)
    entries = list(cache.rglob("*.json"))
    assert entries
    broken = ["", "{not json", '{"$r": [[], {"$c": "os:system", "f": []}]}', "[[], 5]", "{}"]
    for i, entry in enumerate(entries):
        entry.write_text(broken[i % len(broken)])
    again = check_paths([str(corpus)], cache_dir=cache)
    assert again.cached_files == 0 and as_json(again) == plain


def test_cache_never_rebuilds_foreign_classes() -> None:
    from checker.cache import decode, encode

    assert decode(encode((1, frozenset({"a"}), {"k": [2]}))) == (1, frozenset({"a"}), {"k": [2]})
    with pytest.raises(ValueError):
        decode({"$c": "subprocess:Popen", "f": []})
    with pytest.raises(ValueError):  # copydesk's, but not a dataclass
        decode({"$c": "checker.engine:Engine", "f": []})


def test_per_document_step_and_reduce_step(corpus, plain) -> None:
    files = [str(p) for p in sorted(corpus.rglob("*.*"))]
    results = [check_document(f) for f in files]
    assert all(r is not None and r.path == f for r, f in zip(results, files, strict=True))
    assert as_json(merge_results(results)) == plain


def test_cli_jobs_and_cache_options(run, corpus, tmp_path) -> None:
    cache = tmp_path / "c"
    one = run("check", str(corpus), "-f", "json", "--jobs", "1", "--no-cache")
    two = run("check", str(corpus), "-f", "json", "--jobs", "2", "--cache-dir", str(cache))
    assert one.out == two.out and one.code == two.code == 1
    assert (cache / "CACHEDIR.TAG").is_file()
    assert run("check", str(corpus), "--jobs", "0").code == 2
