"""A user's rules are untrusted input too: YAML read safely and validated with messages that
name the file and key, patterns matched under a time limit, and rule folders outside the
repository used only when named on the command line."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import SEED

from checker.text import saferegex

CATASTROPHIC = "(x|x)+y"  # exponential backtracking on "xxxx…": Python's re never returns


def _repo(tmp_path: Path, config: str = 'rule-dirs = ["house"]\n') -> Path:
    """A content repository (it has .git) with a house rule folder and two articles."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "house").mkdir()
    (repo / "copydesk.toml").write_text(config, encoding="utf-8")
    shutil.copyfile(SEED, repo / "seed.txt")
    (repo / "runaway.txt").write_text("Titre\n\n" + "x" * 5000 + "\n", encoding="utf-8")
    return repo


def _rule(folder: Path, rule_id: str, options: str) -> None:
    (folder / f"{rule_id}.yml").write_text(
        f"id: {rule_id}\ncheck: phrases\nseverity: warning\nsummary: House terms.\n"
        f"options:\n{options}",
        encoding="utf-8",
    )


@pytest.fixture
def quick_timeout(monkeypatch):
    monkeypatch.setattr(saferegex, "TIMEOUT", 0.2)


def test_a_catastrophic_phrase_is_stopped_and_named(run, tmp_path, quick_timeout) -> None:
    repo = _repo(tmp_path)
    _rule(
        repo / "house", "house-terms", f'  phrases:\n    "*": ["{CATASTROPHIC}", "terres rares"]\n'
    )
    result = run("check", str(repo), "--format", "json", "--no-cache", "--jobs", "1")
    assert result.code == 2 and "Traceback" not in result.err
    assert "rule 'house-terms' stopped on" in result.err
    assert f"pattern '{CATASTROPHIC}'" in result.err and "house-terms.yml" in result.err
    rules = {
        (f["line"], f["rule"]) for f in result.json["findings"] if f["path"].endswith("seed.txt")
    }
    assert (8, "translated-duplicate") in rules  # the other rules ran on every file


def test_a_catastrophic_pattern_in_a_house_word_list(run, tmp_path, quick_timeout) -> None:
    """lang/<code>.yml in a rule folder extends the shipped lists: its patterns are user
    patterns too, and the rules that use the list are named."""
    repo = _repo(tmp_path)
    (repo / "house" / "lang").mkdir()
    (repo / "house" / "lang" / "fr.yml").write_text(
        f'vague_attribution: ["{CATASTROPHIC}"]\n', encoding="utf-8"
    )
    result = run(
        "check", str(repo), "--format", "json", "--no-cache", "--jobs", "1", "--lang", "fr"
    )
    assert result.code == 2 and "Traceback" not in result.err
    assert "rule 'vague-attribution' stopped on" in result.err
    assert f"pattern '{CATASTROPHIC}'" in result.err and "took over 0.2 s" in result.err
    assert any(f["path"].endswith("seed.txt") for f in result.json["findings"])


def test_a_shipped_list_runs_on_re_without_house_folders(tmp_path) -> None:
    """Without user folders every list is the rule pack's own: it keeps the faster ``re``."""
    import re

    from checker import langdata
    from checker.text.patterns import patterns

    langdata.set_extra_dirs([])
    assert all(isinstance(p.regex, re.Pattern) for p in patterns("fr", "vague_attribution"))
    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "fr.yml").write_text(
        'vague_attribution: ["on murmure"]\n', encoding="utf-8"
    )
    langdata.set_extra_dirs([tmp_path])
    try:
        compiled = patterns("fr", "vague_attribution")
        assert all(isinstance(p.regex, saferegex.SafePattern) for p in compiled)
        assert any(p.regex.search("on murmure que") for p in compiled)
    finally:
        langdata.set_extra_dirs([])


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("- a list\n", "a rule file must be a mapping"),
        ("id: house\ncheck: phrases\n", "missing required key 'summary'"),
        ("id: house\ncheck: phrases\nsummary: s\nseverity: fatal\n", "unknown severity 'fatal'"),
        ("id: house\ncheck: [phrases]\nsummary: s\n", "'check' must be a text"),
        ("id: house\ncheck: phrasez\nsummary: s\n", "unknown check kind 'phrasez'"),
        (
            "id: house\ncheck: phrases\nsummary: s\nlanguages: 5\n",
            "'languages' must be a text or a list",
        ),
        ("id: house\ncheck: phrases\nsummary: s\nexamples: oops\n", "'examples' must be a list"),
        (
            "id: house\ncheck: phrases\nsummary: s\nexamples: [{bad: [1]}]\n",
            "example 1: 'bad' must be a text",
        ),
        (
            "id: house\ncheck: phrases\nsummary: s\noptions: {max_words: many}\n",
            "option 'max_words' of rule 'house' must be int",
        ),
        (
            "id: house\ncheck: phrases\nsummary: s\noptions: {kinds: [[a]]}\n",
            "option 'kinds' of rule 'house' must be a list of texts",
        ),
        (
            "id: house\ncheck: phrases\nsummary: s\noptions: {phrases: {fr: '(x'}}\n",
            "phrases for 'fr' must be a list",
        ),
        (
            "id: house\ncheck: phrases\nsummary: s\noptions: {phrases: {fr: ['(x']}}\n",
            "invalid pattern '(x': missing )",
        ),
        ("id: house\ncheck: phrases\nsummary: s\nnote: x\n", "unknown key 'note'"),
        (
            "id: !!python/object/apply:os.system [echo]\ncheck: phrases\nsummary: s\n",
            "could not determine a constructor",
        ),
        ("id: house\n\tcheck: phrases\n", "house.yml:2: invalid YAML"),
        ("id: other\ncheck: phrases\nsummary: s\n", "must match the file name 'house'"),
    ],
)
def test_a_bad_rule_file_stops_the_run_with_its_name(run, tmp_path, yaml_text, message) -> None:
    repo = _repo(tmp_path)
    (repo / "house" / "house.yml").write_text(yaml_text, encoding="utf-8")
    result = run("check", str(repo / "seed.txt"), "--no-cache")
    assert result.code == 2
    assert "house.yml" in result.err and message in result.err, result.err
    assert "Traceback" not in result.err


def test_a_yaml_bomb_in_a_rule_is_refused_without_expanding(run, tmp_path) -> None:
    repo = _repo(tmp_path)
    levels = ["lol: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"  - &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 9)]
    bomb = "id: house\ncheck: phrases\nsummary: s\ntags:\n  - " + levels[0].split(": ", 1)[1] + "\n"
    bomb += "\n".join(levels[1:]) + "\n"
    (repo / "house" / "house.yml").write_text(
        bomb.replace("  - [lol", "  - &l0 [lol"), encoding="utf-8"
    )
    result = run("check", str(repo / "seed.txt"), "--no-cache")
    assert result.code == 2 and "'tags' must be a text or a list of texts" in result.err
    assert len(result.err) < 2000  # the value is shown cut short, not expanded


def test_rule_folders_outside_the_repository_need_the_command_line(run, tmp_path) -> None:
    outside = tmp_path / "shared-rules"
    outside.mkdir()
    _rule(outside, "house-terms", '  phrases:\n    fr: ["terres rares"]\n')
    repo = _repo(tmp_path, config=f'rule-dirs = ["house", "{outside}"]\n')
    refused = run("check", str(repo / "seed.txt"), "--no-cache")
    assert refused.code == 2 and "Traceback" not in refused.err
    assert "'rule-dirs'" in refused.err and "outside the repository" in refused.err
    assert "--rule-dir" in refused.err

    (repo / "copydesk.toml").write_text('rule-dirs = ["house"]\n', encoding="utf-8")
    named = run(
        "check",
        str(repo / "seed.txt"),
        "--rule-dir",
        str(outside),
        "--format",
        "json",
        "--no-cache",
    )
    assert named.code == 1, named.err
    assert "house-terms" in {f["rule"] for f in named.json["findings"]}
    explained = run("explain", "house-terms", "--rule-dir", str(outside))
    assert explained.code == 0 and "House terms." in explained.out


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX symbolic links")
def test_a_link_cannot_smuggle_a_rule_folder_in(run, tmp_path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    repo = _repo(tmp_path, config='rule-dirs = ["linked"]\n')
    os.symlink(outside, repo / "linked")
    result = run("check", str(repo / "seed.txt"), "--no-cache")
    assert result.code == 2 and "outside the repository" in result.err


def test_parent_folders_inside_the_repository_are_fine(run, tmp_path) -> None:
    repo = _repo(tmp_path, config="")
    (repo / "content").mkdir()
    (repo / "content" / "copydesk.toml").write_text('rule-dirs = ["../house"]\n', encoding="utf-8")
    _rule(repo / "house", "house-terms", '  phrases:\n    fr: ["terres rares"]\n')
    shutil.copyfile(SEED, repo / "content" / "seed.txt")
    result = run("check", str(repo / "content" / "seed.txt"), "--format", "json", "--no-cache")
    assert "house-terms" in {f["rule"] for f in result.json["findings"]}, result.err
