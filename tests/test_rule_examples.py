"""Every rule's good and bad examples (in its YAML) run here: bad must trigger, good must not."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from checker import check_paths, check_text
from checker.resources import shipped_rules_dir
from checker.rules import Rule, load_rules

RULES = load_rules([shipped_rules_dir()])
EXT = {"txt": ".txt", "md": ".md", "markdown": ".md", "html": ".html"}


def _cases():
    for rule in RULES.values():
        for i, ex in enumerate(rule.examples):
            for kind in ("bad", "good"):
                if getattr(ex, kind):
                    yield pytest.param(rule, ex, kind, id=f"{rule.id}-{i + 1}-{ex.lang}-{kind}")


#: In an example of a corpus rule, this line separates the articles of the repository.
ARTICLE_BREAK = "----- next article -----"


def run_rule(rule: Rule, text: str, lang: str, fmt: str) -> list:
    if ARTICLE_BREAK in text:
        with tempfile.TemporaryDirectory() as tmp:
            for i, article in enumerate(text.split(ARTICLE_BREAK + "\n")):
                (Path(tmp) / f"example{i}{EXT[fmt]}").write_text(article, encoding="utf-8")
            report = check_paths([tmp], select=[rule.id], lang=lang)
    else:
        report = check_text(text, f"example{EXT[fmt]}", select=[rule.id], lang=lang)
    return [f for f in report.findings if f.rule == rule.id]


@pytest.mark.parametrize(("rule", "example", "kind"), list(_cases()))
def test_rule_example(rule: Rule, example, kind: str) -> None:
    findings = run_rule(rule, getattr(example, kind), example.lang, example.format)
    if kind == "bad":
        assert findings, f"{rule.id}: bad example ({example.lang}) raised nothing"
    else:
        assert not findings, f"{rule.id}: good example ({example.lang}) raised {findings}"


def test_every_checking_rule_has_bad_and_good_examples() -> None:
    for rule in RULES.values():
        # About bytes (unreadable, not UTF-8), which a YAML example (text) cannot hold:
        # tests/hostile covers them.
        if rule.check == "builtin" and rule.id in ("file-error", "file-encoding"):
            continue
        assert any(e.bad for e in rule.examples), f"{rule.id} has no bad example"
        assert any(e.good for e in rule.examples), f"{rule.id} has no good example"


def test_rule_ids_match_file_names_and_are_unique() -> None:
    assert len(RULES) == len({r.id for r in RULES.values()})
    for rule in RULES.values():
        assert rule.source.endswith(f"{rule.id}.yml")
