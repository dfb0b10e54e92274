"""Each hostile input beside a good article: the documented finding and exit code, no
traceback, the good article still reported, and not a byte of either changed."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from checker.sources import printable
from hostile.inputs import (
    HOSTILE,
    LATIN1,
    NEIGHBOUR,
    NEIGHBOUR_FINDING,
    Hostile,
    dangling_symlink,
    latin1,
    snapshot,
    symlink_loop,
)

FAST = [h for h in HOSTILE if not h.slow]


def _skip_if_unsupported(hostile: Hostile) -> None:
    if hostile.posix_only and os.name != "posix":
        pytest.skip("needs POSIX links, pipes and devices")


def _by_path(result) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for finding in result.json["findings"]:
        out.setdefault(finding["path"], []).append(finding)
    return out


@pytest.mark.parametrize("hostile", FAST, ids=lambda h: h.name)
def test_hostile_file_beside_a_good_one(run, tmp_path: Path, hostile: Hostile) -> None:
    _skip_if_unsupported(hostile)
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "neighbour.md").write_text(NEIGHBOUR, encoding="utf-8")
    path = hostile.make(folder)
    before = snapshot(tmp_path)

    result = run("check", str(folder), "--format", "json", "--no-cache")

    assert "Traceback" not in result.err and "internal error" not in result.err, result.err
    assert result.code == hostile.code, result.err
    found = _by_path(result)
    neighbour = {(f["line"], f["rule"]) for f in found[str(folder / "neighbour.md")]}
    assert NEIGHBOUR_FINDING in neighbour  # the good article is still checked and reported
    assert result.json["summary"]["files"] == 2  # the bad one counted, never skipped
    mine = found.get(printable(str(path)), [])  # reports carry names as valid UTF-8
    if hostile.rule is None:
        assert not [f for f in mine if f["rule"] == "file-error"]
    else:
        assert any(
            f["rule"] == hostile.rule
            and hostile.message in f["message"]
            and f["line"] == hostile.line
            for f in mine
        ), mine
    assert snapshot(tmp_path) == before  # nothing written, nothing changed


def test_an_unreadable_file_is_a_finding(run, tmp_path: Path, monkeypatch) -> None:
    """Permission denied, simulated: as root, chmod 000 does not stop a read."""
    (tmp_path / "neighbour.md").write_text(NEIGHBOUR, encoding="utf-8")
    secret = tmp_path / "secret.md"
    secret.write_text("Titre\n\nUn texte que personne ne peut lire.\n", encoding="utf-8")
    real_open = os.open

    def deny(path, flags, *args, **kwargs):
        if Path(path) == secret:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    result = run("check", str(tmp_path), "--format", "json", "--no-cache")
    assert result.code == 1 and "Traceback" not in result.err
    found = _by_path(result)
    (finding,) = found[str(secret)]
    assert finding["rule"] == "file-error"
    assert finding["message"] == "cannot read file: Permission denied"
    assert NEIGHBOUR_FINDING in {
        (f["line"], f["rule"]) for f in found[str(tmp_path / "neighbour.md")]
    }


def test_a_read_error_mid_file_is_a_finding(run, tmp_path: Path, monkeypatch) -> None:
    """An I/O error after the file was opened (a failing disk, a network share that went)."""
    article = tmp_path / "a.md"
    article.write_text(NEIGHBOUR, encoding="utf-8")
    monkeypatch.setattr(
        os, "read", lambda fd, n: (_ for _ in ()).throw(OSError(errno.EIO, "Input/output error"))
    )
    result = run("check", str(article), "--format", "json", "--no-cache")
    assert result.code == 1 and "Traceback" not in result.err
    (finding,) = result.json["findings"]
    assert finding["rule"] == "file-error" and "Input/output error" in finding["message"]


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX symbolic links")
@pytest.mark.parametrize(
    ("make", "message"),
    [(symlink_loop, "symbolic link loop"), (dangling_symlink, "broken symbolic link")],
)
def test_a_bad_link_named_on_the_command_line_is_a_usage_error(
    run, tmp_path, make, message
) -> None:
    """Named explicitly, it is like a path that does not exist: exit 2, and the other paths
    are still checked."""
    link = make(tmp_path)
    good = tmp_path / "good.md"
    good.write_text(NEIGHBOUR, encoding="utf-8")
    result = run("check", str(link), str(good), "--format", "json", "--no-cache")
    assert result.code == 2
    assert f"{link}: {message}" in result.err and "Traceback" not in result.err
    assert {f["path"] for f in result.json["findings"]} == {str(good)}


@pytest.mark.skipif(os.name != "posix", reason="needs named pipes")
def test_a_named_pipe_named_on_the_command_line_is_not_read(run, tmp_path) -> None:
    """Opening a pipe to read blocks until someone writes: copydesk never waits."""
    from hostile.inputs import named_pipe

    pipe = named_pipe(tmp_path)
    result = run("check", str(pipe), "--format", "json", "--no-cache")
    assert result.code == 1
    (finding,) = result.json["findings"]
    assert finding["message"] == "not a regular file (a named pipe); not read"


def test_stdin_gets_the_same_treatment(run, monkeypatch) -> None:
    import io
    import sys

    for data, rule in (
        (LATIN1.encode("latin-1"), "file-encoding"),
        (b"\x00\x01\x02bin", "file-error"),
    ):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        result = run("check", "-", "--stdin-filename", "a.txt", "--format", "json", "--no-cache")
        assert rule in {f["rule"] for f in result.json["findings"]}
        assert "Traceback" not in result.err


def test_latin1_text_is_checked_at_the_right_positions(run, tmp_path: Path) -> None:
    """Read as Windows-1252, the article keeps its characters: positions count them."""
    path = latin1(tmp_path)
    result = run("check", str(path), "--format", "json", "--no-cache")
    findings = {f["rule"]: f for f in result.json["findings"]}
    encoding = findings["file-encoding"]
    assert (encoding["line"], encoding["column"], encoding["excerpt"]) == (1, 1, "É")
    colon = findings["typography"]  # "Genève :" — column counts characters, not bytes
    assert (colon["line"], colon["column"]) == (1, LATIN1.index(" :") + 1)


def test_a_file_over_the_size_cap_is_never_read(run, tmp_path: Path, monkeypatch) -> None:
    """The cap is checked on the size before reading: a 20 MB file costs nothing."""
    (tmp_path / "pyproject.toml").write_text("[tool.copydesk]\nmax-file-size = 1000\n")
    big = tmp_path / "big.txt"
    big.write_bytes(b"Le conseil a vote.\n" * 100)
    read = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: read.append(n) or real_read(fd, n))
    result = run("check", str(big), "--format", "json", "--no-cache")
    (finding,) = result.json["findings"]
    assert finding["rule"] == "file-error"
    assert "file is 1.9 KiB, over the 1000 bytes limit" in finding["message"]
    assert read == []


def test_json_output_of_a_hostile_folder_is_valid(run, tmp_path: Path) -> None:
    """Every excerpt of every hostile file is valid JSON text (no lone surrogates, no NUL)."""
    from hostile.inputs import make_all

    made = make_all(tmp_path / "content")
    for name in [h.name for h in HOSTILE if h.slow]:  # the end-to-end run has those
        Path(made[name]).unlink()
    result = run("check", str(tmp_path / "content"), "--format", "json", "--no-cache")
    json.loads(result.out)
    result.out.encode("utf-8")
