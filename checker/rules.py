"""Rules: YAML files that name a check kind, its options, severity and examples.

A rule is data (``rules/<id>.yml``); the code that runs it is a check kind in
``checker/checks/``. Users write their own rules the same way in a folder named in their
config. Files are read with a safe loader and validated here so a typo gives a clear message,
not a traceback.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker import yamlio
from checker.finding import Finding, Location, Severity

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
            from checker.checks import kind_options, kind_validator

            known = kind_options(self.check)
            for key, value in options.items():
                if key not in known:
                    raise RuleError(
                        f"rule {self.id!r} has no option {key!r} "
                        f"(options: {', '.join(sorted(known)) or 'none'})"
                    )
                new_options[key] = _coerce(self.id, key, value, known[key])
            validate = kind_validator(self.check)
            if validate is not None:
                validate(new_options, f"rule {self.id!r}")
        return replace(self, severity=severity or self.severity, options=new_options)

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        message: str,
        severity: Severity | None = None,
        related: Sequence[tuple[int, int] | tuple[Document, int, int]] = (),
    ) -> Finding:
        """A finding of this rule on source offsets ``[start, end)`` of ``doc``.

        ``related`` spans are in ``doc`` too, unless given as ``(other_doc, a, b)`` (the source
        of a translation, say)."""
        line, column = doc.position(start)
        end_line, end_column = doc.position(max(start, end))
        rel = tuple(_location(doc, span) for span in related)
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


def _location(doc: Document, span: tuple) -> Location:
    other, a, b = span if len(span) == 3 else (doc, *span)
    return Location(other.path, *other.position(a), *other.position(max(a, b)), other.excerpt(a, b))


def _coerce(rule_id: str, key: str, value: Any, default: Any) -> Any:
    """Check that an option override has the type of its default."""
    if isinstance(default, (list, tuple)) and isinstance(value, (list, tuple)):
        # A list of words stays a list of words (a nested YAML alias is no word list).
        if default and all(isinstance(x, str) for x in default):
            bad = next((x for x in value if not isinstance(x, str)), None)
            if bad is not None:
                raise RuleError(
                    f"option {key!r} of rule {rule_id!r} must be a list of texts, "
                    f"not contain {type(bad).__name__} ({_short(bad)})"
                )
        return list(value)
    if default is None or isinstance(value, type(default)):
        return value
    if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    raise RuleError(
        f"option {key!r} of rule {rule_id!r} must be {type(default).__name__}, "
        f"not {type(value).__name__} ({value!r})"
    )


def _short(value: Any) -> str:
    """``repr`` of a value cut short: a YAML alias bomb must not be printed in full."""
    text = reprlib.repr(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _texts(data: dict, key: str, source: str) -> tuple[str, ...]:
    """A key that holds a text or a list of texts (languages, tags)."""
    value = data.get(key)
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(x, (str, int)) for x in value):
        raise RuleError(f"{source}: {key!r} must be a text or a list of texts, not {_short(value)}")
    return tuple(str(x) for x in value)


def _text(data: dict, key: str, source: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise RuleError(f"{source}: {key!r} must be a text, not {_short(value)}")
    return str(value).strip()


def _examples(data: dict, source: str) -> tuple[Example, ...]:
    raw = data.get("examples") or []
    if not isinstance(raw, list):
        raise RuleError(
            f"{source}: 'examples' must be a list of mappings with lang, bad, good, format"
        )
    examples = []
    for i, ex in enumerate(raw):
        if not isinstance(ex, dict) or not ({"bad", "good"} & set(ex)):
            raise RuleError(f"{source}: example {i + 1} needs 'bad' and/or 'good' text")
        extra = set(ex) - {"lang", "bad", "good", "format"}
        if extra:
            raise RuleError(f"{source}: example {i + 1} has unknown key {sorted(extra)[0]!r}")
        for key in ("lang", "bad", "good", "format"):
            if ex.get(key) is not None and not isinstance(ex[key], str):
                raise RuleError(
                    f"{source}: example {i + 1}: {key!r} must be a text, not {_short(ex[key])}"
                )
        examples.append(
            Example(
                str(ex.get("lang", "en")),
                ex.get("bad"),
                ex.get("good"),
                str(ex.get("format", "txt")),
            )
        )
    return tuple(examples)


def parse_rule(data: Any, source: str) -> Rule:
    """Validate one rule mapping read from ``source``."""
    from checker.checks import KINDS, kind_options, kind_validator

    if not isinstance(data, dict):
        raise RuleError(f"{source}: a rule file must be a mapping (id, check, severity, …)")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise RuleError(f"{source}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    for key in _REQUIRED:
        if not data.get(key):
            raise RuleError(f"{source}: missing required key {key!r}")
    rule_id = _text(data, "id", source)
    if not RULE_ID.match(rule_id):
        raise RuleError(f"{source}: rule id {rule_id!r} must be lower-case words joined by '-'")
    check = _text(data, "check", source)
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
    # A kind may check its options further (phrases: every pattern compiles).
    validate = kind_validator(check)
    if validate is not None:
        validate(merged, source)
    return Rule(
        id=rule_id,
        check=check,
        severity=severity,
        summary=_text(data, "summary", source),
        rationale=_text(data, "rationale", source),
        options=merged,
        examples=_examples(data, source),
        languages=_texts(data, "languages", source),
        tags=_texts(data, "tags", source),
        source=source,
    )


def _read_rule_yaml(path: Path) -> Any:
    """The parsed YAML of a rule file; a file that cannot be read or parsed is a RuleError."""
    try:
        with path.open(encoding="utf-8") as fh:
            return yamlio.safe_load(fh)
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read rule file: {exc}") from None
    except yamlio.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise RuleError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None


def _rule_from_data(data: Any, path: Path) -> Rule:
    rule = parse_rule(data, str(path))
    if rule.id != path.stem:
        raise RuleError(f"{path}: rule id {rule.id!r} must match the file name {path.stem!r}")
    return rule


def load_rule_file(path: Path) -> Rule:
    return _rule_from_data(_read_rule_yaml(path), path)


def load_rules(folders: Iterable[Path]) -> dict[str, Rule]:
    """Every rule of every folder, by id; a later folder's rule replaces an earlier one.

    A folder's files are parsed as one entry of the data cache (see :mod:`checker.datacache`):
    an unchanged rule pack is one small JSON read, then validated as always.
    """
    rules: dict[str, Rule] = {}
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            raise RuleError(f"{folder}: rule folder does not exist")
        paths = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
        try:
            parsed = yamlio.load_files(paths, _read_rule_yaml)
        except RuleError:  # report the first bad file in order, as one by one would
            parsed = None
        for i, path in enumerate(paths):
            rule = load_rule_file(path) if parsed is None else _rule_from_data(parsed[i], path)
            rules[rule.id] = rule
    return dict(sorted(rules.items()))
