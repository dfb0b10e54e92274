"""Reports are written atomically: an interrupted or killed run leaves the previous report
(or a complete new one), never half of one, and never a stray temporary file on Ctrl-C. The
report is never written over an article being checked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED, cli_env

from hostile.inputs import one_line

OLD = '{"previous": "report"}\n'


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize(
    ("failure", "code", "message"),
    [
        (KeyboardInterrupt, 130, "copydesk: interrupted"),
        (OSError(28, "No space left on device"), 2, "cannot write report: No space left on device"),
    ],
    ids=["ctrl-c", "disk-full"],
)
def test_a_failure_mid_write_keeps_the_previous_report(
    run, tmp_path, monkeypatch, failure, code, message
) -> None:
    report = tmp_path / "report.json"
    report.write_text(OLD, encoding="utf-8")
    written: list[int] = []

    def fail_after_writing(fd: int) -> None:  # the data is in the temporary file: now fail
        written.append(os.fstat(fd).st_size)
        raise failure

    monkeypatch.setattr(os, "fsync", fail_after_writing)
    result = run("check", str(SEED), "--format", "json", "--output", str(report), "--no-cache")
    assert written and written[0] > 1000  # the new report was half-way to its place…
    assert result.code == code and message in result.err
    assert "Traceback" not in result.err
    assert report.read_text(encoding="utf-8") == OLD  # …and the old one is untouched
    assert _leftovers(tmp_path) == []


def test_a_complete_report_replaces_the_old_one(run, tmp_path) -> None:
    report = tmp_path / "report.json"
    report.write_text(OLD, encoding="utf-8")
    result = run("check", str(SEED), "--format", "json", "--output", str(report), "--no-cache")
    assert result.code == 1
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["files"] == 1
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")
def test_a_killed_run_leaves_no_half_written_report_or_cache_entry(tmp_path) -> None:
    """SIGKILL cannot be caught: what is on disk must be whole, whenever it lands."""
    content = tmp_path / "content"
    content.mkdir()
    for i in range(6):
        (content / f"a-seed-{i}.txt").write_bytes(SEED.read_bytes())  # checked first
    one_line(content)  # then a file that takes seconds: the kill lands mid-run
    report = tmp_path / "report.json"
    report.write_text(OLD, encoding="utf-8")
    cache = tmp_path / "cache"
    command = ["check", "content", "-f", "json", "-o", str(report), "--cache-dir", str(cache)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", *command, "--jobs", "1"],
        cwd=tmp_path,
        env=cli_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not list(cache.rglob("*.json")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # until the first cache entries are written
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    text = report.read_text(encoding="utf-8")
    assert text == OLD or json.loads(text)["summary"]["files"] == 7
    entries = [p for p in cache.rglob("*.json") if not p.name.startswith(".")]
    assert entries, "the run was killed before it cached anything"
    for entry in entries:
        json.loads(entry.read_text(encoding="utf-8"))  # every entry whole


def test_the_report_never_replaces_an_article(run, tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(SEED.read_bytes())
    result = run("check", str(article), "--output", str(article), "--no-cache")
    assert result.code == 2 and "--output names a file being checked" in result.err
    assert article.read_bytes() == SEED.read_bytes()
    result = run("check", "-", "--stdin-filename", str(article), "-o", str(article))
    assert result.code == 2 and article.read_bytes() == SEED.read_bytes()


def test_json_on_stdout_survives_an_ascii_locale(tmp_path) -> None:
    """Machine formats are UTF-8 whatever the locale; text output degrades, never crashes."""
    env = cli_env() | {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    env.pop("PYTHONIOENCODING", None)
    for fmt in ("json", "text"):
        proc = subprocess.run(
            [sys.executable, "-m", "checker", "check", str(SEED), "-f", fmt, "--no-cache"],
            env=env,
            capture_output=True,
            timeout=120,
        )
        assert proc.returncode == 1, proc.stderr
        if fmt == "json":
            excerpts = [f["excerpt"] for f in json.loads(proc.stdout.decode("utf-8"))["findings"]]
            assert "Veröffentlicht am" in excerpts
        else:
            assert b"Ver\\xf6ffentlicht am" in proc.stdout
