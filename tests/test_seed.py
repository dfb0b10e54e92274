"""The article that started the project: what the foundation rules must say about it."""

from __future__ import annotations

from conftest import SEED, findings_by_line

FOUNDATION = {"mixed-language", "translated-duplicate", "duplicate-block", "boilerplate"}


def test_seed_acceptance(run) -> None:
    result = run("check", str(SEED), "--format", "json")
    assert result.code == 1
    found = {(line, rule) for line, rule in findings_by_line(result) if rule in FOUNDATION}
    for expected in [
        (3, "boilerplate"),
        (4, "boilerplate"),
        (8, "translated-duplicate"),
        (9, "duplicate-block"),
        (11, "duplicate-block"),
    ]:
        assert expected in found
    quiet = {1, 6} | set(range(13, 28))
    assert not [f for f in found if f[0] in quiet], found


def test_seed_translated_duplicate_points_at_a_french_copy(run) -> None:
    result = run("check", str(SEED), "--format", "json", "--select", "translated-duplicate")
    (finding,) = result.json["findings"]
    assert finding["line"] == 8
    assert "line 6" in finding["message"] or "line 1" in finding["message"]


def test_seed_positions_are_exact(run) -> None:
    text = SEED.read_text(encoding="utf-8").splitlines()
    result = run("check", str(SEED), "--format", "json")
    for f in result.json["findings"]:
        line = text[f["line"] - 1]
        assert line[f["column"] - 1 :].startswith(f["excerpt"])
