"""Packaging and docs: the wheel carries the rule pack; generated docs are up to date."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


def test_rule_docs_are_generated_from_the_rule_files() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_docs.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_wheel_ships_the_rule_pack(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    proc = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("copydesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    rules = sorted((ROOT / "rules").rglob("*.y*ml"))
    assert rules
    for path in rules:
        assert f"checker/_rules/{path.relative_to(ROOT / 'rules').as_posix()}" in names
    assert "checker/_rules/lang/lexicon/fr.tsv" in names
    assert any(n.endswith("entry_points.txt") for n in names)
