"""The Dask path: a real local cluster with two worker processes gives the CLI's report."""

from __future__ import annotations

import os

import pytest
from conftest import SAMPLES

from checker import check_paths
from checker.reporters import render

if not os.environ.get("CI"):
    pytest.importorskip("dask.distributed")


def test_dask_cluster_matches_the_cli() -> None:
    from dask.distributed import Client, LocalCluster

    from checker.distributed import check_with_dask

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        report = check_with_dask([str(SAMPLES)], client)
    assert render("json", report) == render("json", check_paths([str(SAMPLES)]))
    assert report.files >= 15 and report.findings


def test_per_document_step_and_reduce_honour_rule_folders(tmp_path) -> None:
    """What the Dask workers run (check_document) and the reduce step see a --rule-dir house
    rule exactly as a normal run does."""
    from checker.engine import check_document, merge_results

    house = tmp_path / "house"
    house.mkdir()
    (house / "house-style.yml").write_text(
        "id: house-style\ncheck: phrases\nseverity: warning\nsummary: Words the house avoids.\n"
        "options:\n  phrases:\n    fr: [{pattern: 'terres rares', message: 'métaux rares'}]\n"
        'examples:\n  - {lang: fr, bad: "T\\n\\nLes terres rares.", good: "T\\n\\nLes métaux."}\n',
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text("Titre\n\nLes terres rares manquent au port de Brest.\n", encoding="utf-8")
    options = {"select": ["house-style"], "rule_dirs": [str(house)]}
    result = check_document(str(article), **options)
    report = merge_results([result], **options)
    expected = check_paths([str(article)], **options)
    assert [f.rule for f in report.findings] == ["house-style"]
    assert render("json", report) == render("json", expected)
