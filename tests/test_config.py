"""Configuration files: discovery, overrides, validation, and user rule folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rules_of(result) -> set[str]:
    return {f["rule"] for f in result.json["findings"]}


def test_nearest_config_wins(run, tmp_path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.copydesk]\nignore = ["boilerplate"]\n')
    write(tmp_path / "a" / "seed.txt", SEED_TEXT)
    write(tmp_path / "b" / "copydesk.toml", 'select = ["boilerplate"]\n')
    write(tmp_path / "b" / "seed.txt", SEED_TEXT)
    result = run("check", ".", "--format", "json", cwd=tmp_path)
    by_dir: dict[str, set[str]] = {}
    for f in result.json["findings"]:
        by_dir.setdefault(f["path"].split("/")[0], set()).add(f["rule"])
    assert "boilerplate" not in by_dir["a"] and "duplicate-block" in by_dir["a"]
    assert by_dir["b"] == {"boilerplate"}


def test_severity_and_option_overrides(run, tmp_path) -> None:
    write(
        tmp_path / "copydesk.toml",
        """
[severity]
duplicate-block = "info"
[rules.duplicate-block]
min_similarity = 99.5
""",
    )
    write(tmp_path / "seed.txt", SEED_TEXT)
    result = run(
        "check", "seed.txt", "--format", "json", "--select", "duplicate-block", cwd=tmp_path
    )
    assert {f["severity"] for f in result.json["findings"]} == {"info"}
    assert result.code == 0  # info does not fail the run


def test_per_file_ignores_and_exclude(run, tmp_path) -> None:
    write(
        tmp_path / "copydesk.toml",
        """
exclude = ["drafts/**"]
[per-file-ignores]
"archive/**" = ["boilerplate", "mixed-language"]
""",
    )
    write(tmp_path / "archive" / "old.txt", SEED_TEXT)
    write(tmp_path / "drafts" / "wip.txt", SEED_TEXT)
    result = run("check", ".", "--format", "json", cwd=tmp_path)
    paths = {f["path"] for f in result.json["findings"]}
    assert paths == {"archive/old.txt"}
    assert not rules_of(result) & {"boilerplate", "mixed-language"}


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ("selct = ['boilerplate']\n", "selct"),
        ("ignore = 'boilerplate'\n", "ignore"),
        ("[severity]\nboilerplate = 'fatal'\n", "fatal"),
        ("[rules.duplicate-block]\nmin_similarity = 'high'\n", "min_similarity"),
        ("[rules.duplicate-block]\nno_such_option = 1\n", "no_such_option"),
        ("select = ['no-such-rule']\n", "no-such-rule"),
        ("this is not toml\n", "invalid TOML"),
    ],
)
def test_bad_config_is_exit_2_naming_the_key(run, tmp_path, config, named) -> None:
    write(tmp_path / "copydesk.toml", config)
    write(tmp_path / "seed.txt", SEED_TEXT)
    result = run("check", "seed.txt", cwd=tmp_path)
    assert result.code == 2
    assert named in result.err and "copydesk.toml" in result.err
    assert "Traceback" not in result.err


def test_user_rule_folder_adds_a_house_rule(run, tmp_path) -> None:
    write(tmp_path / "copydesk.toml", 'rule-dirs = ["house"]\n')
    write(
        tmp_path / "house" / "house-style.yml",
        """
id: house-style
check: phrases
severity: warning
summary: Words the house style avoids.
options:
  phrases:
    fr: [{pattern: "terres rares", message: "Écrire « métaux rares » (charte maison)"}]
examples:
  - {lang: fr, bad: "Titre\\n\\nLes terres rares sont partout.", good: "Titre\\n\\nLes métaux rares."}
""",
    )
    write(tmp_path / "seed.txt", SEED_TEXT)
    result = run("check", "seed.txt", "--format", "json", "--select", "house-style", cwd=tmp_path)
    lines = sorted(f["line"] for f in result.json["findings"])
    assert lines and set(lines) <= {6, 9, 13, 15}
    assert "charte maison" in result.json["findings"][0]["message"]


def test_broken_user_rule_is_a_clear_error(run, tmp_path) -> None:
    write(tmp_path / "copydesk.toml", 'rule-dirs = ["house"]\n')
    write(tmp_path / "house" / "bad-rule.yml", "id: bad-rule\ncheck: nonsense\nsummary: x\n")
    write(tmp_path / "seed.txt", SEED_TEXT)
    result = run("check", "seed.txt", cwd=tmp_path)
    assert result.code == 2 and "nonsense" in result.err and "bad-rule.yml" in result.err


def test_lang_from_config_for_undeclared_articles(run, tmp_path) -> None:
    write(tmp_path / "copydesk.toml", 'lang = "de"\n')
    write(
        tmp_path / "a.txt",
        "Titel\n\nDas ist ein deutscher Satz über die Bahn und den Streik.\n"
        "Dies est une phrase française sur la grève des trains et les voyageurs.\n",
    )
    result = run("check", "a.txt", "--format", "json", "--select", "mixed-language", cwd=tmp_path)
    assert {(f["line"], f["rule"]) for f in result.json["findings"]} == {(4, "mixed-language")}
