"""Same inputs, byte-identical JSON and SARIF: whatever the order files are given in, the
machine's locale, time zone and hash seed, and (as soon as ``copydesk check --help`` offers
them) the number of ``--jobs`` and the state of the result cache.

Each variant runs copydesk in its own process (hash seed and locale are per process) and
writes both reports with ``--output``; the JSON one also goes through standard output.
"""

from __future__ import annotations

import difflib
import json
import random
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click
import pytest
import typer
from conftest import SAMPLES, cli_env

from checker.cli import app

ARTICLES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html"))
#: Three samples again under other names in a subfolder: corpus rules see more than one file.
ARCHIVE = ("de-broken-amt.txt", "fr-broken-missile.txt", "en-broken-storm.md")

# Runs copydesk's CLI several times in one process: [[args…], …] in argv[1].
DRIVER = """
import json, sys
from checker.cli import main
for args in json.loads(sys.argv[1]):
    try:
        main(args)
    except SystemExit as exc:
        if exc.code not in (0, 1):
            raise
"""


def _help() -> str:
    command = typer.main.get_command(app)
    check = command.commands["check"]  # type: ignore[attr-defined]
    return check.get_help(click.Context(check, info_name="check"))


HELP = _help()
HAS_JOBS = "--jobs" in HELP
HAS_CACHE = "--no-cache" in HELP and "--cache-dir" in HELP


@dataclass(frozen=True)
class Variant:
    name: str
    order: str = "walked"  # walked | sorted | reversed | shuffled
    env: dict[str, str] = field(default_factory=dict)
    jobs: int | None = 1
    cache: str = "off"  # off | cold | warm
    #: Also compare the JSON printed on standard output (the locale's encoding matters there).
    stdout: bool = False


#: The reference: a folder walked, one job, no cache, a UTF-8 locale, hash seed 0.
REFERENCE = Variant("reference", stdout=True)
VARIANTS = [
    Variant("files-given-reversed", order="reversed"),
    Variant(
        "files-shuffled-locale-fr-hash-seed-2",
        order="shuffled",
        env={"LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8", "LANGUAGE": "fr"}
        | {"PYTHONHASHSEED": "2", "TZ": "America/Los_Angeles"},
    ),
    Variant(
        "locale-ascii-hash-seed-1",
        env={"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
        | {"PYTHONHASHSEED": "1", "TZ": "Pacific/Kiritimati"},
        stdout=True,
    ),
]
if HAS_JOBS:
    VARIANTS.append(Variant("jobs-3", jobs=3))
if HAS_CACHE:
    VARIANTS += [Variant("cache-cold", cache="cold"), Variant("cache-warm", cache="warm")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The samples as a content folder (and a few again in a subfolder), outside any repo."""
    base = tmp_path_factory.mktemp("determinism")
    content = base / "content"
    content.mkdir()
    for path in ARTICLES:
        shutil.copyfile(path, content / path.name)
    (content / "archive").mkdir()
    for name in ARCHIVE:
        shutil.copyfile(SAMPLES / name, content / "archive" / f"old-{name}")
    return base


def _files(base: Path, order: str) -> list[str]:
    files = sorted(str(p.relative_to(base)) for p in (base / "content").rglob("*") if p.is_file())
    if order == "reversed":
        files.reverse()
    elif order == "shuffled":
        random.Random(3).shuffle(files)
    return files


def _run(base: Path, variant: Variant) -> dict[str, bytes]:
    """JSON and SARIF of one variant (and the JSON printed on standard output)."""
    out = base / "out" / variant.name
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    if variant.cache == "cold":
        shutil.rmtree(base / "cache", ignore_errors=True)
    targets = ["content"] if variant.order == "walked" else _files(base, variant.order)
    common = list(targets)
    if HAS_JOBS and variant.jobs is not None:
        common += ["--jobs", str(variant.jobs)]
    runs = []
    for fmt in ("json", "sarif"):
        args = [*common]
        if HAS_CACHE:
            if variant.cache == "off":
                args.append("--no-cache")
            else:  # warm reuses the folders a cold run filled, one per format
                args += ["--cache-dir", str(base / "cache" / fmt)]
        elif variant.cache != "off":
            pytest.skip("copydesk has no result cache options")
        runs.append(["check", *args, "--format", fmt, "--output", str(out / f"report.{fmt}")])
    env = cli_env()
    env.update({"LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0"})
    env.update(variant.env)
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(runs)],
        cwd=base,
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    reports = {
        "json": (out / "report.json").read_bytes(),
        "sarif": (out / "report.sarif").read_bytes(),
    }
    if variant.stdout:
        printed = subprocess.run(
            [sys.executable, "-m", "checker", *runs[0][:-2]],
            cwd=base,
            env=env,
            capture_output=True,
            timeout=300,
        )
        assert printed.returncode in (0, 1), printed.stderr.decode("utf-8", "replace")
        reports["json on stdout"] = printed.stdout
    return reports


@pytest.fixture(scope="module")
def reference(corpus: Path) -> dict[str, bytes]:
    return _run(corpus, REFERENCE)


def _diff(a: bytes, b: bytes) -> str:
    lines = difflib.unified_diff(
        a.decode("utf-8", "replace").splitlines(),
        b.decode("utf-8", "replace").splitlines(),
        "reference",
        "variant",
        lineterm="",
    )
    return "\n".join(list(lines)[:40])


def test_the_reference_run_reports_every_file(reference: dict[str, bytes]) -> None:
    data = json.loads(reference["json"])
    assert data["summary"]["files"] == len(ARTICLES) + len(ARCHIVE)
    assert {f["rule"] for f in data["findings"]} >= {"translated-duplicate", "boilerplate"}
    assert reference["json on stdout"] == reference["json"]
    assert json.loads(reference["sarif"])["runs"][0]["results"]


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_reports_are_byte_identical(corpus, reference, variant: Variant) -> None:
    if variant.cache == "warm":
        if not (corpus / "cache").is_dir():  # the cold variant did not run before this one
            _run(corpus, Variant("fill-the-cache", cache="cold"))
        entries = list((corpus / "cache").rglob("*.json"))
        assert len(entries) >= len(ARTICLES), "the cold run left no cache entries to reuse"
    got = _run(corpus, variant)
    for kind, data in got.items():
        want = reference[kind.replace(" on stdout", "")]
        assert data == want, f"{variant.name}: {kind} differs\n" + _diff(want, data)
