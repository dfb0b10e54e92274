"""Language data files: what editors extend must load as they wrote it."""

from __future__ import annotations

import pytest

from checker import langdata
from checker.resources import shipped_rules_dir
from checker.yamlio import safe_load

LANG_FILES = sorted((shipped_rules_dir() / "lang").glob("*.yml"))


@pytest.mark.parametrize("path", LANG_FILES, ids=lambda p: p.name)
def test_word_lists_hold_only_text(path) -> None:
    """YAML reads a bare `on`, `no` or `yes` as a boolean: such a word would silently vanish."""
    data = safe_load(path.read_text(encoding="utf-8"))

    def walk(value, where: str) -> None:
        if isinstance(value, list):
            for item in value:
                assert not isinstance(item, bool), f"{path.name}:{where}: quote {item!r}"
                walk(item, where)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}")

    walk(data, "")


def test_available_languages_are_language_codes() -> None:
    assert set(langdata.available()) >= {"fr", "de", "en", "es", "it"}
    assert all(len(code) in (2, 3) for code in langdata.available())


def test_function_words_keep_short_words() -> None:
    assert {"on", "no"} <= langdata.word_set("en", "function_words")
    assert "on" in langdata.word_set("fr", "function_words")


def test_rule_pack_loads_without_libyaml() -> None:
    """PyYAML without its C extension must read the same files (yamlio falls back to it)."""
    import yaml

    for path in sorted(shipped_rules_dir().rglob("*.yml")):
        with path.open(encoding="utf-8") as fh:
            assert yaml.load(fh, Loader=yaml.SafeLoader) is not None, path
