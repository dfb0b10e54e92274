"""Start-up: the data cache gives the same data as parsing, and a fresh process imports only
what it uses. No timings here (they live in benchmarks/); these are the guarantees behind them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, SEED, cli_env

from checker import datacache, langdata
from checker.checks import KINDS, kind_module, kind_options
from checker.resources import shipped_rules_dir
from checker.rules import load_rules
from checker.text import aliases
from checker.yamlio import load_file, safe_load


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data-cache"
    monkeypatch.setenv(datacache.ENV, str(folder))
    datacache._unwritable.clear()
    return folder


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value() if callable(value) else value

    return build, calls


def test_derived_data_is_built_once_until_a_source_changes(cache_dir, tmp_path) -> None:
    source = tmp_path / "words.yml"
    source.write_text("fr: [selon, d'après]\n", encoding="utf-8")
    build, calls = _counting(lambda: safe_load(source.read_text(encoding="utf-8")))
    first = datacache.derived("words", [source], build)
    again = datacache.derived("words", [source], build)
    assert first == again == {"fr": ["selon", "d'après"]} and len(calls) == 1
    source.write_text("fr: [selon, d'après, affirme]\n", encoding="utf-8")
    assert datacache.derived("words", [source], build) == {"fr": ["selon", "d'après", "affirme"]}
    assert len(calls) == 2
    # Entries are JSON (a cache folder must never run code), and the old one was replaced.
    entries = list((cache_dir / "data-v1").glob("words-*.json"))
    assert len(entries) == 1 and json.loads(entries[0].read_text(encoding="utf-8"))["data"]


def test_a_corrupt_entry_is_rebuilt(cache_dir, tmp_path) -> None:
    source = tmp_path / "a.yml"
    source.write_text("x: 1\n", encoding="utf-8")
    build, calls = _counting({"x": 1})
    datacache.derived("a", [source], build)
    for entry in (cache_dir / "data-v1").glob("a-*.json"):
        entry.write_text('{"stamp": "[', encoding="utf-8")
    assert datacache.derived("a", [source], build) == {"x": 1} and len(calls) == 2
    assert datacache.derived("a", [source], build) == {"x": 1} and len(calls) == 2


def test_an_unwritable_or_disabled_cache_only_costs_time(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(datacache.ENV, str(blocker / "cache"))
    datacache._unwritable.clear()
    build, calls = _counting([1, 2])
    assert datacache.derived("b", [], build) == [1, 2]
    assert datacache.derived("b", [], build) == [1, 2] and len(calls) == 2
    monkeypatch.setenv(datacache.ENV, "off")
    assert datacache.folder() is None
    assert datacache.derived("b", [], build) == [1, 2] and len(calls) == 3
    datacache._unwritable.clear()


def test_values_json_would_change_are_not_kept(cache_dir, tmp_path) -> None:
    """A YAML date, a tuple or a shared anchor would come back as something else."""
    source = tmp_path / "odd.yml"
    source.write_text("day: 2024-05-03\nshared: &a [x]\nagain: *a\n", encoding="utf-8")
    for value in (
        lambda: safe_load(source.read_text(encoding="utf-8")),
        lambda: {"t": (1, 2)},
        lambda: {1: "int key"},
    ):
        build, calls = _counting(value)
        assert datacache.derived("odd", [source], build) == value()
        assert datacache.derived("odd", [source], build) == value() and len(calls) == 2
    assert not list((cache_dir / "data-v1").glob("odd-*.json"))


def test_cached_rule_pack_and_language_data_equal_the_yaml(cache_dir, monkeypatch) -> None:
    folder = shipped_rules_dir()
    for lang_file in sorted((folder / "lang").glob("*.yml")):
        parsed = safe_load(lang_file.read_text(encoding="utf-8"))
        assert load_file(lang_file) == parsed  # built and stored
        assert load_file(lang_file) == parsed  # read back
    cached = load_rules([folder])
    monkeypatch.setenv(datacache.ENV, "off")
    fresh = load_rules([folder])
    assert list(cached) == list(fresh)
    for rule_id, rule in fresh.items():
        assert cached[rule_id].options == rule.options, rule_id
        assert cached[rule_id].examples == rule.examples, rule_id


def test_kind_options_come_from_the_cache_unchanged(cache_dir) -> None:
    from checker.checks import _metadata

    _metadata.cache_clear()
    try:
        for name in KINDS:
            assert kind_options(name) == dict(getattr(kind_module(name), "OPTIONS", {})), name
    finally:
        _metadata.cache_clear()


def _reference_aliases(text: str, langs: tuple[str, ...]) -> list[tuple[int, int, str, str]]:
    """The regular expression copydesk used before the dictionary look-up."""
    table = aliases.alias_table(langs)
    names = sorted(table, key=len, reverse=True)
    regex = re.compile(rf"(?<![\w.])(?:{'|'.join(re.escape(n) for n in names)})(?![\w])")
    return [(m.start(), m.end(), m.group(0), table[m.group(0)]) for m in regex.finditer(text)]


ALIAS_TEXTS = [
    "Les USA et les États-Unis, la Guinée-Bissau et la Guinée ; les USAF ; .USA ; xUSA ; USA_",
    "Die Vereinigten Staaten, die USA und die Vereinigte Staaten. EE. UU. und EE.UU.",
    "U.S. troops left the U.S. and the US; the United States of America; Côte d’Ivoire.",
    "Los EE. UU., Estados Unidos y EEUU; Timor-Leste; Timor Oriental; Bosnia y Herzegovina.",
    "Gli Stati Uniti d’America, gli USA, la Corea del Sud e la Corea. Stati Uniti",
    "États-Unis\u0301 Allemagne\u00a0France Royaume-Uni Royaume Uni 2USA USA2 (USA) «USA»",
]


@pytest.mark.parametrize("text", ALIAS_TEXTS)
@pytest.mark.parametrize("langs", [("fr",), ("de",), ("en",), ("es",), ("it",), ("fr", "de")])
def test_alias_lookup_finds_what_the_regular_expression_found(text, langs) -> None:
    assert aliases.find_aliases(text, langs) == _reference_aliases(text, langs)


def test_aliases_that_start_with_punctuation_or_end_with_a_dot(tmp_path) -> None:
    """A user's aliases may start with a bracket or end with a dot: still the same matches."""
    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "fr.yml").write_text(
        'aliases:\n  "(UE)": EU\n  "É.-U.": US\n  "R.-U.": GB\n  "-X-": XX\n', encoding="utf-8"
    )
    before = langdata.extra_dirs()
    langdata.set_extra_dirs([tmp_path])
    try:
        text = "L’(UE) et les É.-U., le R.-U. ; a(UE) ; (UE)x ; É.-U.x ; -X- et a-X-"
        found = aliases.find_aliases(text, ("fr",))
        assert found == _reference_aliases(text, ("fr",))
        assert {w for _a, _b, w, _c in found} >= {"(UE)", "É.-U.", "R.-U."}
    finally:
        langdata.set_extra_dirs(before)


def test_hyphenation_dictionaries_kept_between_runs_count_the_same(cache_dir) -> None:
    pyphen = pytest.importorskip("pyphen")
    from checker.text.hyphenation import Dictionaries

    path = pyphen.LANGUAGES[pyphen.language_fallback("en-US")]
    words = ["readability", "hyphenation", "government", "extraordinary", "a", "Bundestag"]
    saved = pyphen.hdcache
    try:
        pyphen.hdcache = Dictionaries(pyphen)  # a fresh process: parses, then stores
        parsed = [pyphen.Pyphen(lang="en-US").positions(w) for w in words]
        pyphen.hdcache = Dictionaries(pyphen)  # the next process: reads the stored patterns
        assert path in pyphen.hdcache
        assert [pyphen.Pyphen(lang="en-US").positions(w) for w in words] == parsed
    finally:
        pyphen.hdcache = saved
    assert list((cache_dir / "data-v1").glob("pyphen-*.json"))


def _fresh_python(code: str, cache: Path) -> str:
    env = cli_env() | {datacache.ENV: str(cache)}
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


RUN_AND_LIST_MODULES = """
    import sys
    from checker.cli import main
    try:
        main({args!r})
    except SystemExit:
        pass
    heavy = ["pydantic", "typer", "click", "yaml", "regex", "babel", "textstat", "rapidfuzz",
             "langdetect"]
    print("MODULES", " ".join(m for m in heavy if m in sys.modules))
"""


def _imported(args: list[str], cache: Path) -> set[str]:
    out = _fresh_python(RUN_AND_LIST_MODULES.format(args=args), cache)
    line = next(x for x in out.splitlines() if x.startswith("MODULES"))
    return set(line.split()[1:])


def test_version_imports_nothing_of_the_checks(tmp_path) -> None:
    # The command line itself (typer, by the product brief) is all --version pays for.
    imported = _imported(["--version"], tmp_path / "cache")
    assert not imported & {"yaml", "regex", "babel", "textstat", "rapidfuzz", "langdetect"}


def test_a_warm_one_file_check_reads_no_yaml_and_no_user_pattern_engine(tmp_path) -> None:
    cache = tmp_path / "cache"
    args = ["check", "--no-cache", "--format", "json", str(SEED)]
    _imported(args, cache)  # fills the data cache
    imported = _imported(args, cache)
    assert not imported & {"yaml", "regex"}, imported


def test_listing_rules_imports_no_check_dependencies(tmp_path) -> None:
    cache = tmp_path / "cache"
    _imported(["rules"], cache)
    assert not _imported(["rules"], cache) & {"rapidfuzz", "textstat", "babel", "yaml"}


def test_usage_errors_are_reported_as_such(run) -> None:
    bad = run("check", str(SEED), "--format", "yaml")
    assert bad.code == 2 and "'yaml'" in bad.err and "--format" in bad.err
    assert "internal error" not in bad.err
    jobs = run("check", str(SEED), "--jobs", "0")
    assert jobs.code == 2 and "--jobs" in jobs.err and "internal error" not in jobs.err
    bare = run()
    assert bare.code == 2 and "Usage: copydesk" in bare.err and "check" in bare.err
    assert "internal error" not in bare.err
    assert run("check", "--help").code == 0


def test_data_cache_folder_follows_the_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(datacache.ENV, str(tmp_path / "x"))
    assert datacache.folder() == tmp_path / "x"
    monkeypatch.delenv(datacache.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert datacache.folder() == tmp_path / "xdg" / "copydesk"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # ignored, as the spec says
    assert datacache.folder() == Path.home() / ".cache" / "copydesk"
    assert os.path.isabs(datacache.folder())
