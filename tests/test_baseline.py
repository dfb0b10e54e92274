"""Baselines: record today's findings, then see only new ones, whatever moved in the file."""

from __future__ import annotations

import json
import os

from conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")


def write(folder, name: str, text: str):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rules_lines(result) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for f in result.json["findings"]]


def test_write_then_use_a_baseline(run, tmp_path) -> None:
    write(tmp_path, "content/seed.txt", SEED_TEXT)
    before = run("check", "content", "--format", "json", cwd=tmp_path)
    assert before.code == 1 and before.json["findings"]

    wrote = run("check", "content", "--write-baseline", "baseline.json", cwd=tmp_path)
    assert wrote.code == 0
    assert f"recorded {len(before.json['findings'])} findings in baseline.json" in wrote.err
    data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert len(data["findings"]) == len(before.json["findings"])
    assert {e["path"] for e in data["findings"]} == {"content/seed.txt"}
    assert not any("line" in e for e in data["findings"])  # keyed by text, not by line
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left

    after = run("check", "content", "--format", "json", "--baseline", "baseline.json", cwd=tmp_path)
    assert after.code == 0 and after.json["findings"] == [] and after.err == ""


def test_baseline_survives_moved_lines_and_reports_new_findings(run, tmp_path) -> None:
    seed = write(tmp_path, "seed.txt", SEED_TEXT)
    assert run("check", "seed.txt", "--write-baseline", "b.json", cwd=tmp_path).code == 0
    lines = SEED_TEXT.split("\n")
    title = lines[0]
    # Lines move (a paragraph inserted near the top), and the title is pasted a third time.
    edited = [lines[0], "", "Un paragraphe ajouté plus tard par la rédaction du journal.", ""]
    edited += [*lines[1:], "", title]
    seed.write_text("\n".join(edited), encoding="utf-8")
    result = run("check", "seed.txt", "--format", "json", "--baseline", "b.json", cwd=tmp_path)
    # Only the new copy is reported (by every rule that objects to it).
    assert ("duplicate-block", len(edited)) in rules_lines(result)
    assert {line for _rule, line in rules_lines(result)} == {len(edited)}
    assert result.code == 1  # the new copy is an error
    # Still the same result when the run names the file by another path.
    absolute = run("check", str(seed), "--format", "json", "--baseline", "b.json", cwd=tmp_path)
    assert rules_lines(absolute) == rules_lines(result)


def test_fixed_findings_are_noted_and_write_refreshes(run, tmp_path) -> None:
    seed = write(tmp_path, "seed.txt", SEED_TEXT)
    run("check", "seed.txt", "--write-baseline", "b.json", cwd=tmp_path)
    seed.write_text(SEED_TEXT.replace("Veröffentlicht am\n", ""), encoding="utf-8")
    result = run("check", "seed.txt", "--baseline", "b.json", cwd=tmp_path)
    assert result.code == 0
    assert "no longer occur" in result.err and "--write-baseline b.json" in result.err
    n = len(json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["findings"])
    refresh = run(
        "check", "seed.txt", "--baseline", "b.json", "--write-baseline", "b.json", cwd=tmp_path
    )
    assert refresh.code == 0
    m = len(json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["findings"])
    assert m < n


def test_baseline_is_relative_to_its_own_folder(run, tmp_path) -> None:
    write(tmp_path, "repo/content/seed.txt", SEED_TEXT)
    repo = tmp_path / "repo"
    run("check", "content", "--write-baseline", "baseline.json", cwd=repo)
    # From another folder, naming the baseline and the article by other paths.
    result = run("check", "repo/content/seed.txt", "--baseline", "repo/baseline.json", cwd=tmp_path)
    assert result.code == 0, result.out


def test_bad_baselines_are_exit_2(run, tmp_path) -> None:
    write(tmp_path, "seed.txt", SEED_TEXT)
    missing = run("check", "seed.txt", "--baseline", "nope.json", cwd=tmp_path)
    assert missing.code == 2 and "--write-baseline" in missing.err
    write(tmp_path, "old.json", '{"version": 99, "findings": []}')
    old = run("check", "seed.txt", "--baseline", "old.json", cwd=tmp_path)
    assert old.code == 2 and "version" in old.err
    write(tmp_path, "junk.json", "not json")
    junk = run("check", "seed.txt", "--baseline", "junk.json", cwd=tmp_path)
    assert junk.code == 2 and "junk.json" in junk.err
    nowhere = run("check", "seed.txt", "--write-baseline", "no/such/dir/b.json", cwd=tmp_path)
    assert nowhere.code == 2 and "cannot write baseline" in nowhere.err
    for result in (missing, old, junk, nowhere):
        assert "Traceback" not in result.err


def test_write_replaces_the_file_atomically(run, tmp_path) -> None:
    write(tmp_path, "seed.txt", SEED_TEXT)
    target = write(tmp_path, "b.json", '{"version": 1, "findings": []}')
    os.chmod(tmp_path, 0o755)
    inode = target.stat().st_ino
    run("check", "seed.txt", "--write-baseline", "b.json", cwd=tmp_path)
    assert target.stat().st_ino != inode  # a new file renamed over the old one
    assert json.loads(target.read_text(encoding="utf-8"))["findings"]
