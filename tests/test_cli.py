"""The command line as users meet it: output formats, exit codes, bad input, stdin."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED, cli_env

from checker import __version__

CLEAN = """Council approves new cycling lanes

Brussels, 4 March 2025. The city council voted on Tuesday to build twelve kilometres of new cycling lanes, the mayor's office said.

Work will start in spring and should end before the winter, according to the council's plan.
"""


def write(tmp: Path, name: str, text: str | bytes) -> Path:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_version(run) -> None:
    result = run("--version")
    assert result.code == 0 and result.out.strip() == f"copydesk {__version__}"


def test_text_output_is_lint_style_with_summary(run) -> None:
    result = run("check", str(SEED))
    assert result.code == 1
    first = result.out.splitlines()[0]
    assert re.match(
        r"^.+000_c0b735639ce285e7\.txt:\d+:\d+: (error|warning|info) \[[a-z-]+\] .+", first
    )
    assert "\x1b[" not in result.out  # not a terminal: no colour
    assert re.search(
        r"^Found \d+ problems \(\d+ errors?, \d+ warnings?, \d+ infos?\) in 1 file\.$",
        result.out,
        re.M,
    )


def test_json_output_shape(run) -> None:
    result = run("check", str(SEED), "--format", "json")
    data = result.json
    assert data["tool"] == {"name": "copydesk", "version": __version__}
    assert set(data["summary"]) == {"files", "errors", "warnings", "infos"}
    assert data["summary"]["files"] == 1
    for f in data["findings"]:
        assert set(f) == {
            "path",
            "rule",
            "severity",
            "line",
            "column",
            "end_line",
            "end_column",
            "message",
            "excerpt",
        }
        assert f["path"] == str(SEED)
        assert f["line"] >= 1 and f["column"] >= 1
        assert (f["end_line"], f["end_column"]) >= (f["line"], f["column"])
    assert data["summary"]["errors"] == sum(f["severity"] == "error" for f in data["findings"])


def test_relative_paths_stay_relative(run, tmp_path) -> None:
    write(tmp_path, "content/a.txt", SEED.read_text(encoding="utf-8"))
    result = run("check", "content", "--format", "json", cwd=tmp_path)
    assert {f["path"] for f in result.json["findings"]} == {"content/a.txt"}


def test_clean_article_exits_zero(run, tmp_path) -> None:
    path = write(tmp_path, "clean.txt", CLEAN)
    result = run("check", str(path))
    assert result.code == 0, result.out
    assert "No problems found in 1 file." in result.out


def test_fail_on_and_exit_zero(run, tmp_path) -> None:
    path = write(tmp_path, "a.txt", CLEAN + "\nLesezeit: 3 Minuten\n")
    assert run("check", str(path)).code == 0  # a warning does not fail by default
    assert run("check", str(path), "--fail-on", "warning").code == 1
    assert run("check", str(path), "--fail-on", "warning", "--exit-zero").code == 0


def test_select_and_ignore(run) -> None:
    only = run("check", str(SEED), "--format", "json", "--select", "boilerplate")
    assert {f["rule"] for f in only.json["findings"]} == {"boilerplate"}
    without = run("check", str(SEED), "--format", "json", "--ignore", "boilerplate,mixed-language")
    assert not {f["rule"] for f in without.json["findings"]} & {"boilerplate", "mixed-language"}


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_id_is_a_usage_error(run, option) -> None:
    result = run("check", str(SEED), option, "no-such-rule")
    assert result.code == 2
    assert "no-such-rule" in result.err and "Traceback" not in result.err


def test_unknown_option_and_missing_argument_are_usage_errors(run) -> None:
    assert run("check", str(SEED), "--no-such-option").code == 2
    assert run("check").code == 2
    assert run("check", str(SEED), "--format", "yaml").code == 2


def test_bad_files_are_reported_and_the_rest_still_checked(run, tmp_path) -> None:
    write(tmp_path, "a-seed.txt", SEED.read_text(encoding="utf-8"))
    write(tmp_path, "b-binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path, "c-latin1.txt", "Élection à Genève : résultats définitifs\n".encode("latin-1"))
    write(tmp_path, "d-front.md", "---\ntitle: [unclosed\n---\nLe conseil a voté mardi soir.\n")
    write(tmp_path, "e-broken.html", "<html><body><p>Un paragraphe <b>jamais fermé")
    before = digest(tmp_path)
    result = run("check", str(tmp_path), str(tmp_path / "missing.txt"), "--format", "json")
    assert result.code == 2  # a missing path is a usage error…
    assert "missing.txt" in result.err and "Traceback" not in result.err
    by_file: dict[str, set[str]] = {}
    for f in result.json["findings"]:  # …but every other file was still checked
        by_file.setdefault(Path(f["path"]).name, set()).add(f["rule"])
    assert "translated-duplicate" in by_file["a-seed.txt"]
    assert by_file["b-binary.md"] == {"file-error"}
    assert "file-encoding" in by_file["c-latin1.txt"]  # read as Windows-1252 and checked
    assert "front-matter" in by_file["d-front.md"]
    assert result.json["summary"]["files"] == 5
    messages = {
        f["path"]: f["message"]
        for f in result.json["findings"]
        if f["rule"] in ("file-error", "file-encoding", "front-matter")
    }
    assert any("UTF-8" in m and "0xC9" in m for m in messages.values())
    assert any("binary" in m for m in messages.values())
    assert digest(tmp_path) == before  # nothing was modified


def test_file_over_size_limit_is_a_finding(run, tmp_path) -> None:
    write(tmp_path, "pyproject.toml", "[tool.copydesk]\nmax-file-size = 1000\n")
    path = write(tmp_path, "big.txt", "Titre\n\n" + "Un mot de plus. " * 200)
    result = run("check", str(path), "--format", "json")
    (finding,) = result.json["findings"]
    assert finding["rule"] == "file-error" and "limit" in finding["message"]


def test_stdin_uses_the_given_filename(tmp_path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "checker",
            "check",
            "-",
            "--stdin-filename",
            "content/fr/a.txt",
            "--format",
            "json",
        ],
        input=SEED.read_bytes(),
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
        env=cli_env(),
    )
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert {f["path"] for f in data["findings"]} == {"content/fr/a.txt"}
    assert (8, "translated-duplicate") in {(f["line"], f["rule"]) for f in data["findings"]}


def test_output_file_is_written(run, tmp_path) -> None:
    out = tmp_path / "report.json"
    result = run("check", str(SEED), "--format", "json", "--output", str(out))
    assert result.code == 1 and result.out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["files"] == 1
    assert not list(tmp_path.glob(".*tmp"))


def test_rules_and_explain(run) -> None:
    listing = run("rules")
    assert listing.code == 0
    for rule_id in ("mixed-language", "translated-duplicate", "duplicate-block", "boilerplate"):
        assert re.search(rf"^{rule_id}\s+(error|warning|info)\s+\S", listing.out, re.M)
    page = run("explain", "boilerplate")
    assert page.code == 0 and "Why:" in page.out and "Bad (fr):" in page.out
    assert run("explain", "no-such-rule").code == 2


def test_console_script_runs_outside_the_checkout(tmp_path) -> None:
    """`python -m checker` works from any folder: the rule pack is found wherever it lives."""
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "rules"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0 and "mixed-language" in proc.stdout


def test_internal_errors_never_show_a_traceback(run, monkeypatch) -> None:
    import checker.engine

    def boom(*_a, **_k):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(checker.engine, "read_document", boom)
    result = run("check", str(SEED), "--no-cache")
    assert result.code == 2
    assert "internal error" in result.err and "Traceback" not in result.err
