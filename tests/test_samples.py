"""copydesk over samples/ matches the hand-labelled ``<file>.expected`` of every sample.

Each expectations file lists ``LINE RULE`` for the defects an editor would mark. Only rules in
the shipped rule pack are compared, so a rule added later must meet the labels already there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES

from checker.resources import shipped_rules_dir
from checker.rules import load_rules

SHIPPED = set(load_rules([shipped_rules_dir()]))
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".md", ".html"})


def expected(path: Path) -> set[tuple[int, str]]:
    out = set()
    for line in Path(f"{path}.expected").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            number, rule = line.split()
            out.add((int(number), rule))
    return out


@pytest.fixture(scope="module")
def report(request):
    from checker import check_paths

    return check_paths([str(SAMPLES)])


def test_every_sample_has_expectations() -> None:
    assert len(SAMPLE_FILES) >= 11
    for path in SAMPLE_FILES:
        assert Path(f"{path}.expected").is_file(), path


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_matches_expectations(report, path: Path) -> None:
    want = {(line, rule) for line, rule in expected(path) if rule in SHIPPED}
    got = {(f.line, f.rule) for f in report.findings if Path(f.path).name == path.name}
    assert got == want, f"missing {sorted(want - got)}, unexpected {sorted(got - want)}"


def test_samples_cover_five_languages_and_three_formats() -> None:
    langs = {p.name.split("-")[0] for p in SAMPLE_FILES if "-" in p.name}
    assert {"fr", "de", "en", "es", "it"} <= langs
    assert {p.suffix for p in SAMPLE_FILES} == {".txt", ".md", ".html"}
