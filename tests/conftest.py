"""Shared fixtures: run the CLI in-process and check articles given as text."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "000_c0b735639ce285e7.txt"


@pytest.fixture(autouse=True, scope="session")
def _cache_outside_the_checkout(tmp_path_factory):
    """The CLI caches results by default; keep the tests' cache out of the repository."""
    os.environ["COPYDESK_CACHE_DIR"] = str(tmp_path_factory.mktemp("copydesk-cache"))
    yield
    os.environ.pop("COPYDESK_CACHE_DIR", None)


def cli_env() -> dict[str, str]:
    """Environment for running ``python -m checker`` in a subprocess from any folder."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("NO_COLOR", None)
    return env


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self) -> dict:
        return json.loads(self.out)


@pytest.fixture
def run(capsys, monkeypatch):
    """Run ``copydesk ARGS…`` in-process; returns exit code, stdout and stderr."""

    def _run(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


def findings_by_line(result: Result) -> set[tuple[int, str]]:
    return {(f["line"], f["rule"]) for f in result.json["findings"]}
