"""The pre-commit hook, run by the real ``pre-commit try-repo`` on a temporary content repository.

pre-commit installs the hook from a Git repository into its own virtualenv (``pip install .``),
so the test commits a snapshot of this working tree (uncommitted changes included) to a
temporary repository and points ``try-repo`` at it. Installing takes a while; both runs go in
parallel. Without pre-commit or git the test is skipped, except in CI (``CI`` set): there a
missing tool is a failure.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, SEED

GIT_ID = ["-c", "user.name=copydesk tests", "-c", "user.email=tests@example.invalid"]
SKIP_DIRS = {"__pycache__", "build", "dist", "node_modules", "venv"}


def _require(ok: bool, what: str) -> None:
    if ok:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI (install the test extra: pip install '.[test]')")
    pytest.skip(f"{what} is not installed")


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *GIT_ID, *args], cwd=cwd, check=True, capture_output=True)


def _snapshot(dest: Path) -> Path:
    """This working tree as a one-commit Git repository (what try-repo clones)."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {
            n
            for n in names
            if (n.startswith(".") and Path(folder, n).is_dir())
            or n in SKIP_DIRS
            or n.endswith(".egg-info")
        }

    shutil.copytree(ROOT, dest, ignore=ignore)
    _git("init", "-q", cwd=dest)
    _git("add", "-A", cwd=dest)
    _git("commit", "-q", "-m", "snapshot", cwd=dest)
    return dest


def test_pre_commit_hook_fails_on_the_seed_and_passes_on_a_clean_article(tmp_path) -> None:
    _require(shutil.which("git") is not None, "git")
    _require(importlib.util.find_spec("pre_commit") is not None, "pre-commit")
    hook_repo = _snapshot(tmp_path / "copydesk")
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(SEED, content / "seed.txt")
    shutil.copy(SAMPLES / "fr-clean-energy.md", content / "clean.md")
    # Not an article: the hook's file filter must keep it away from copydesk.
    (content / "notes.py").write_text(f'NOTES = """{SEED.read_text(encoding="utf-8")}"""\n')
    _git("init", "-q", cwd=content)
    _git("add", "-A", cwd=content)

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PRE_COMMIT_HOME")}
    env["PRE_COMMIT_COLOR"] = "never"

    def try_repo(*files: str) -> subprocess.Popen:
        cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "copydesk"]
        return subprocess.Popen(
            [*cmd, "--verbose", "--files", *files],
            cwd=content,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    runs = {"seed": try_repo("seed.txt"), "clean": try_repo("clean.md", "notes.py")}
    out = {}
    for name, proc in runs.items():
        out[name] = proc.communicate(timeout=900)[0]
    seed, clean = runs["seed"], runs["clean"]

    assert seed.returncode == 1, out["seed"]
    assert "seed.txt:11:1: error [duplicate-block]" in out["seed"], out["seed"]
    assert clean.returncode == 0, out["clean"]
    assert "Passed" in out["clean"] and "in 1 file." in out["clean"], out["clean"]
