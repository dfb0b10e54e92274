"""The runner: files → documents → rules → findings.

For each file the nearest configuration decides which rules run and how. Document rules run
per file; corpus rules collect a small index entry per file and report once every file was
seen, so no document is held in memory longer than its own check.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from checker import langdata
from checker.checks import is_corpus_kind, kind_module
from checker.config import Config, ConfigError, find_config, load_config_file
from checker.document import Document, Problem
from checker.finding import Finding, Severity
from checker.globs import matches
from checker.readers import read_document
from checker.resources import shipped_rules_dir
from checker.rules import Rule, RuleError, load_rules
from checker.sources import Source, decode, discover, is_excluded, read_source
from checker.text.langid import detect_document_language


class UsageError(ValueError):
    """A wrong option, unknown rule id or bad configuration: exit code 2."""


@dataclass
class Report:
    """The outcome of a run."""

    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    #: Problems that are not findings on a file (a path that does not exist): exit code 2.
    errors: list[str] = field(default_factory=list)
    #: Every rule that ran, by id (reporters describe them).
    rules: dict[str, Rule] = field(default_factory=dict)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def exit_code(self, fail_on: Severity = Severity.ERROR) -> int:
        """0: nothing at or above ``fail_on``; 1: findings; 2: a path could not be checked."""
        if self.errors:
            return 2
        return 1 if any(f.severity >= fail_on for f in self.findings) else 0


@dataclass(frozen=True)
class Options:
    """Command-line choices that override the configuration files."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    lang: str | None = None
    config: str | None = None


@dataclass
class RuleSet:
    """The rules of one configuration: all known, and those enabled with overrides applied."""

    config: Config
    known: dict[str, Rule]
    enabled: list[Rule]

    def for_path(self, rel_path: str) -> list[Rule]:
        ignored: set[str] = set()
        for glob, ids in self.config.per_file_ignores.items():
            if matches(rel_path, [glob]):
                ignored.update(ids)
        return [r for r in self.enabled if r.id not in ignored]


def _check_ids(ids: Iterable[str], known: dict[str, Rule], where: str) -> None:
    for rule_id in ids:
        if rule_id.lower() != "all" and rule_id not in known:
            raise UsageError(
                f"{where}: unknown rule id {rule_id!r} (run `copydesk rules` to list them)"
            )


_RULESETS: dict[tuple[str, Options], RuleSet] = {}


def _rules_for(config: Config, options: Options) -> RuleSet:
    """The rule set of a configuration, built once per run and configuration."""
    key = (config.key(), options)
    if key not in _RULESETS:
        _RULESETS[key] = _build_ruleset(config, options)
    return _RULESETS[key]


def _build_ruleset(config: Config, options: Options) -> RuleSet:
    folders = [shipped_rules_dir(), *config.rule_folders()]
    try:
        known = load_rules(folders)
    except RuleError as exc:
        raise UsageError(str(exc)) from None
    where = str(config.path or "configuration")
    select = list(options.select) if options.select is not None else config.select
    ignore = [*config.ignore, *options.ignore]
    _check_ids(config.select or [], known, where)
    _check_ids(config.extend_select, known, where)
    _check_ids(config.ignore, known, where)
    _check_ids(config.severity, known, f"{where}: severity")
    _check_ids(config.rules, known, f"{where}: rules")
    for ids in config.per_file_ignores.values():
        _check_ids(ids, known, f"{where}: per-file-ignores")
    _check_ids(options.select or (), known, "--select")
    _check_ids(options.ignore, known, "--ignore")
    if select is None or any(s.lower() == "all" for s in select):
        chosen = set(known)
    else:
        chosen = set(select) | set(config.extend_select)
    chosen -= set(ignore)
    enabled = []
    for rule_id in sorted(chosen):
        rule = known[rule_id]
        sev = config.severity.get(rule_id)
        try:
            rule = rule.with_overrides(
                Severity.parse(sev) if sev else None, config.rules.get(rule_id)
            )
        except RuleError as exc:
            raise UsageError(f"{where}: {exc}") from None
        enabled.append(rule)
    return RuleSet(config, known, enabled)


class Engine:
    """Checks documents against their configuration's rules and collects findings."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self.report = Report()
        self._corpus: dict[str, tuple[Rule, list]] = {}
        self._explicit_config: Config | None = None
        if self.options.config:
            path = Path(self.options.config)
            if not path.is_file():
                raise UsageError(f"{path}: configuration file not found")
            try:
                cfg = load_config_file(path)
            except ConfigError as exc:
                raise UsageError(str(exc)) from None
            if cfg is None:
                raise UsageError(f"{path}: no [tool.copydesk] table")
            self._explicit_config = cfg

    # -- configuration -------------------------------------------------------------------
    def config_for(self, path: Path) -> Config:
        if self._explicit_config is not None:
            return self._explicit_config
        try:
            return find_config(path.parent.resolve())
        except ConfigError as exc:
            raise UsageError(str(exc)) from None

    def ruleset(self, config: Config) -> RuleSet:
        langdata.set_extra_dirs(config.rule_folders())
        ruleset = _rules_for(config, self.options)
        for rule in ruleset.enabled:
            self.report.rules.setdefault(rule.id, rule)
        return ruleset

    # -- running ---------------------------------------------------------------------------
    def check_sources(
        self, sources: Iterable[Source], stdin_text: str | bytes | None = None
    ) -> None:
        for source in sources:
            # Stdin uses the folder of --stdin-filename for its configuration.
            config = self.config_for(source.path or Path(source.display))
            if is_excluded(source, config.root, config.include, config.exclude):
                continue
            ruleset = self.ruleset(config)
            if source.path is None:
                data = stdin_text if isinstance(stdin_text, bytes) else (stdin_text or "").encode()
                text, problem = decode(data, config.max_file_size)
            else:
                text, problem = read_source(source, config.max_file_size)
            self.report.files += 1
            rel = _relative(source, config.root)
            rules = ruleset.for_path(rel)
            if text is None:
                doc = Document(source.display, "", "text")
                self._problems(doc, [problem] if problem else [], ruleset)
                continue
            doc = read_document(source.display, text)
            self.prepare(doc, config)
            self._problems(doc, doc.problems, ruleset)
            self.run_rules(doc, rules)

    def prepare(self, doc: Document, config: Config) -> None:
        """Settle the article's language and the languages to tell it apart from."""
        lang = doc.meta.lang or self.options.lang or config.lang
        if not lang:
            lang = doc.cached(
                "detected_lang", lambda: detect_document_language(doc.text, tuple(config.languages))
            )
        doc.lang = lang
        doc.candidate_langs = tuple(sorted(set(config.languages) | ({lang} if lang else set())))

    def _problems(self, doc: Document, problems: list[Problem], ruleset: RuleSet) -> None:
        enabled = {r.id: r for r in ruleset.enabled}
        for problem in problems:
            rule = enabled.get(problem.rule)
            if rule is not None:
                self.report.findings.append(
                    rule.finding(doc, problem.start, problem.end, problem.message)
                )

    def run_rules(self, doc: Document, rules: list[Rule]) -> None:
        for rule in rules:
            if rule.check == "builtin" or (rule.languages and doc.lang not in rule.languages):
                continue
            module = kind_module(rule.check)
            if is_corpus_kind(rule.check):
                entry = module.index(doc, rule)
                if entry is not None:
                    self._corpus.setdefault(rule.id, (rule, []))[1].append(entry)
                continue
            self.report.findings.extend(module.check(doc, rule))

    def finish(self) -> Report:
        for rule, entries in self._corpus.values():
            self.report.findings.extend(kind_module(rule.check).reduce(entries, rule))
        self._corpus.clear()
        self.report.findings.sort(key=Finding.sort_key)
        return self.report


def _relative(source: Source, root: Path) -> str:
    if source.path is None:
        return PurePath(source.display).as_posix()
    try:
        return source.path.resolve().relative_to(root).as_posix()
    except ValueError:
        return source.path.as_posix()


def check_paths(
    paths: list[str],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    lang: str | None = None,
    config: str | None = None,
    stdin_text: str | bytes | None = None,
    stdin_filename: str | None = None,
) -> Report:
    """Check files and folders (``-`` reads one article from ``stdin_text``)."""
    options = Options(tuple(select) if select is not None else None, tuple(ignore), lang, config)
    engine = Engine(options)
    errors: list[str] = []
    sources: list[Source] = []
    for target in paths:
        if target == "-":
            name = stdin_filename or "<stdin>.txt"
            sources.append(Source(name, None))
        else:
            sources.extend(discover([target], errors))
    engine.report.errors.extend(errors)
    engine.check_sources(sources, stdin_text)
    return engine.finish()


def check_text(text: str, filename: str = "<stdin>.txt", **options) -> Report:
    """Check one article held in memory."""
    return check_paths(["-"], stdin_text=text, stdin_filename=filename, **options)
