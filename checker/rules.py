"""Rules: YAML files that name a check kind, its options, severity and examples.

A rule is data (``rules/<id>.yml``); the code that runs it is a check kind in
``checker/checks/``. Users write their own rules the same way in a folder named in their
config. Files are read with a safe loader and validated here so a typo gives a clear message,
not a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from checker.finding import Finding, Location, Severity
from checker.yamlio import safe_load

if TYPE_CHECKING:  # pragma: no cover
    from checker.document import Document

RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_KEYS = {
    "id",
    "check",
    "severity",
    "summary",
    "rationale",
    "options",
    "examples",
    "languages",
    "tags",
    "scope",
}
_REQUIRED = ("id", "check", "summary")


class RuleError(ValueError):
    """A rule file or a rule option is wrong; the message names the file and the key."""


@dataclass(frozen=True)
class Example:
    """A bad or good article text for a rule; both run as tests."""

    lang: str
    bad: str | None = None
    good: str | None = None
    format: str = "txt"


@dataclass(frozen=True, eq=False)
class Rule:
    """One rule instance: a check kind with options and a severity."""

    id: str
    check: str
    severity: Severity
    summary: str
    rationale: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    languages: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source: str = ""

    def option(self, name: str) -> Any:
        return self.options[name]

    def with_overrides(
        self, severity: Severity | None = None, options: dict[str, Any] | None = None
    ) -> Rule:
        """This rule with a user's severity and options applied (options are validated)."""
        new_options = dict(self.options)
        if options:
            from checker.checks import kind_options

            known = kind_options(self.check)
            for key, value in options.items():
                if key not in known:
                    raise RuleError(
                        f"rule {self.id!r} has no option {key!r} "
                        f"(options: {', '.join(sorted(known)) or 'none'})"
                    )
                new_options[key] = _coerce(self.id, key, value, known[key])
        return replace(self, severity=severity or self.severity, options=new_options)

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        message: str,
        severity: Severity | None = None,
        related: Sequence[tuple[int, int]] = (),
    ) -> Finding:
        """A finding of this rule on source offsets ``[start, end)`` of ``doc``."""
        line, column = doc.position(start)
        end_line, end_column = doc.position(max(start, end))
        rel = tuple(
            Location(doc.path, *doc.position(a), *doc.position(max(a, b)), doc.excerpt(a, b))
            for a, b in related
        )
        return Finding(
            doc.path,
            self.id,
            severity or self.severity,
            line,
            column,
            end_line,
            end_column,
            message,
            doc.excerpt(start, end),
            doc.lang,
            rel,
        )


def _coerce(rule_id: str, key: str, value: Any, default: Any) -> Any:
    """Check that an option override has the type of its default."""
    if default is None or isinstance(value, type(default)):
        return value
    if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(default, (list, tuple)) and isinstance(value, (list, tuple)):
        return list(value)
    raise RuleError(
        f"option {key!r} of rule {rule_id!r} must be {type(default).__name__}, "
        f"not {type(value).__name__} ({value!r})"
    )


def parse_rule(data: Any, source: str) -> Rule:
    """Validate one rule mapping read from ``source``."""
    from checker.checks import KINDS, kind_options

    if not isinstance(data, dict):
        raise RuleError(f"{source}: a rule file must be a mapping (id, check, severity, …)")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise RuleError(f"{source}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    for key in _REQUIRED:
        if not data.get(key):
            raise RuleError(f"{source}: missing required key {key!r}")
    rule_id = str(data["id"])
    if not RULE_ID.match(rule_id):
        raise RuleError(f"{source}: rule id {rule_id!r} must be lower-case words joined by '-'")
    check = str(data["check"])
    if check not in KINDS:
        raise RuleError(
            f"{source}: unknown check kind {check!r} (known: {', '.join(sorted(KINDS))})"
        )
    try:
        severity = Severity.parse(data.get("severity", "warning"))
    except ValueError as exc:
        raise RuleError(f"{source}: {exc}") from None
    options = data.get("options") or {}
    if not isinstance(options, dict):
        raise RuleError(f"{source}: 'options' must be a mapping")
    known = kind_options(check)
    merged = dict(known)
    for key, value in options.items():
        if key not in known:
            raise RuleError(
                f"{source}: check kind {check!r} has no option {key!r} "
                f"(options: {', '.join(sorted(known)) or 'none'})"
            )
        try:
            merged[key] = _coerce(rule_id, key, value, known[key])
        except RuleError as exc:
            raise RuleError(f"{source}: {exc}") from None
    examples = []
    for i, ex in enumerate(data.get("examples") or []):
        if not isinstance(ex, dict) or not ({"bad", "good"} & set(ex)):
            raise RuleError(f"{source}: example {i + 1} needs 'bad' and/or 'good' text")
        extra = set(ex) - {"lang", "bad", "good", "format"}
        if extra:
            raise RuleError(f"{source}: example {i + 1} has unknown key {sorted(extra)[0]!r}")
        examples.append(
            Example(
                str(ex.get("lang", "en")),
                ex.get("bad"),
                ex.get("good"),
                str(ex.get("format", "txt")),
            )
        )
    languages = data.get("languages") or ()
    if isinstance(languages, str):
        languages = (languages,)
    return Rule(
        id=rule_id,
        check=check,
        severity=severity,
        summary=str(data["summary"]).strip(),
        rationale=str(data.get("rationale") or "").strip(),
        options=merged,
        examples=tuple(examples),
        languages=tuple(str(x) for x in languages),
        tags=tuple(str(x) for x in data.get("tags") or ()),
        source=source,
    )


def load_rule_file(path: Path) -> Rule:
    try:
        with path.open(encoding="utf-8") as fh:
            data = safe_load(fh)
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read rule file: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise RuleError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    rule = parse_rule(data, str(path))
    if rule.id != path.stem:
        raise RuleError(f"{path}: rule id {rule.id!r} must match the file name {path.stem!r}")
    return rule


def load_rules(folders: Iterable[Path]) -> dict[str, Rule]:
    """Every rule of every folder, by id; a later folder's rule replaces an earlier one."""
    rules: dict[str, Rule] = {}
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            raise RuleError(f"{folder}: rule folder does not exist")
        for path in sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml")):
            rule = load_rule_file(path)
            rules[rule.id] = rule
    return dict(sorted(rules.items()))
