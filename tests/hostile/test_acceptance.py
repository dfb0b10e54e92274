"""End to end: `copydesk check` on a folder with every hostile input, the seed article and a
subfolder with a broken configuration, in a subprocess with the default options (worker
processes, result cache), exactly as CI would run it.

Acceptance (issue 7): it finishes (well within 120 s), exits 0/1/2 without a traceback,
reports the seed's findings, reports each hostile file as documented, and changes no file.
The time and peak memory are printed (``pytest -s``); the only time limit is the subprocess
timeout, far above the acceptance bound.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from conftest import SEED, cli_env

from checker.sources import printable
from hostile.inputs import HOSTILE, make_all, snapshot

# Runs the CLI and prints its peak memory (its own and its worker processes') on exit.
LAUNCHER = """
import atexit, sys
try:
    import resource
except ImportError:  # not on Windows: no memory figure
    resource = None
def _peak():
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    sys.stderr.write(f"\\npeak-rss-kib {own} {workers}\\n")
if resource is not None:
    atexit.register(_peak)
from checker.cli import main
main(sys.argv[1:])
"""


def _expected_seed() -> set[tuple[int, str]]:
    lines = Path(f"{SEED}.expected").read_text(encoding="utf-8").splitlines()
    return {(int(line.split()[0]), line.split()[1]) for line in lines if line and line[0].isdigit()}


def test_everything_hostile_at_once(tmp_path: Path) -> None:
    content = tmp_path / "content"
    made = make_all(content)
    shutil.copyfile(SEED, content / "seed.txt")
    broken = content / "broken-config"
    broken.mkdir()
    (broken / "copydesk.toml").write_text('selct = ["boilerplate"]\n', encoding="utf-8")
    (broken / "article.md").write_text("Un article sous une configuration fausse.\n")
    before = snapshot(content)
    report = tmp_path / "report.json"

    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", LAUNCHER, "check", "content", "-f", "json", "-o", str(report)],
        cwd=tmp_path,
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    elapsed = time.monotonic() - started

    err = proc.stderr
    assert "Traceback" not in err and "internal error" not in err, err
    assert proc.returncode == 2, err  # the broken configuration; everything else is reported
    assert "broken-config/copydesk.toml: unknown key 'selct'" in err
    data = json.loads(report.read_text(encoding="utf-8"))
    found: dict[str, list[dict]] = {}
    for finding in data["findings"]:
        found.setdefault(finding["path"], []).append(finding)
    assert {(f["line"], f["rule"]) for f in found["content/seed.txt"]} == _expected_seed()
    assert "content/broken-config/article.md" not in found
    assert data["summary"]["files"] == len(made) + 1  # every hostile file, and the seed

    for hostile in HOSTILE:
        if hostile.name not in made:
            continue
        mine = found.get(printable(os.path.normpath(made[hostile.name].relative_to(tmp_path))), [])
        if hostile.rule is None:
            assert not [f for f in mine if f["rule"] == "file-error"], hostile.name
        else:
            assert any(
                f["rule"] == hostile.rule
                and hostile.message in f["message"]
                and f["line"] == hostile.line
                for f in mine
            ), (hostile.name, mine)
        # The exit code of this file alone: 1 exactly when it has an error-level finding.
        assert any(f["severity"] == "error" for f in mine) == (hostile.code == 1), hostile.name
    one_line = found["content/one-line.txt"]
    assert one_line and all(f["line"] == 1 for f in one_line)  # 1 MB checked, in place

    assert snapshot(content) == before  # not a byte changed, nothing added
    print(f"\nhostile folder: {len(made) + 2} inputs, {elapsed:.1f} s, exit {proc.returncode}")
    peak = [line.split()[1:] for line in err.splitlines() if line.startswith("peak-rss-kib")]
    if peak:  # ru_maxrss is in KiB on Linux
        own_kib, workers_kib = (int(x) for x in peak[-1])
        print(f"peak RSS {own_kib // 1024} MiB (main), {workers_kib // 1024} MiB (largest worker)")
        assert max(own_kib, workers_kib) < 1024 * 1024  # far under 1 GiB: nothing was slurped
