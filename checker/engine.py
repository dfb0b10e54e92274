"""The runner: files → documents → rules → findings.

For each file the nearest configuration decides which rules run and how. Document rules run
per file; corpus rules collect a small index entry per file and report once every file was
seen, so no document is held in memory longer than its own check.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from checker import langdata, suppressions
from checker.baseline import Baseline, BaselineError
from checker.cache import Cache, code_fingerprint, digest
from checker.checks import is_corpus_kind, kind_module, kind_options
from checker.config import Config, ConfigError, find_config, load_config_file
from checker.document import Document, Problem
from checker.finding import Finding, Severity
from checker.globs import matches
from checker.pairs import find_pair, read_pair_source
from checker.process import tune_gc
from checker.readers import read_document
from checker.resources import shipped_rules_dir
from checker.rules import Rule, RuleError, load_rules
from checker.sources import (
    Source,
    decode,
    discover,
    forget_folders,
    is_excluded,
    read_source,
    relative_path,
)
from checker.text.langid import detect_document_language
from checker.text.patterns import PatternError
from checker.text.saferegex import PatternTimeout

#: Builtin rule: a translation names a source file that is not there.
PAIR_SOURCE_MISSING = "pair-source-missing"


class UsageError(ValueError):
    """A wrong option, unknown rule id or bad configuration: exit code 2."""


class SourceText(NamedTuple):
    """An article's text as checked, kept for reports that show it (``--format html``)."""

    text: str
    lang: str
    format: str


@dataclass
class FileResult:
    """Everything one file contributes to a run: the unit of parallel work and of the cache."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    #: (rule id, index entry) for the corpus rules, reduced once every file was seen.
    corpus: list[tuple[str, Any]] = field(default_factory=list)
    suppressions: suppressions.Suppressions | None = None
    document: SourceText | None = None
    #: True when the result came from the cache (not stored in it).
    cached: bool = False
    #: A rule that failed on this file (a user pattern that timed out): exit code 2.
    errors: list[str] = field(default_factory=list)


@dataclass
class Report:
    """The outcome of a run."""

    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    #: Problems that are not findings on a file (a path that does not exist): exit code 2.
    errors: list[str] = field(default_factory=list)
    #: Every rule that ran, by id (reporters describe them).
    rules: dict[str, Rule] = field(default_factory=dict)
    #: Every file checked, as reported (a clean file has no finding to name it).
    paths: list[str] = field(default_factory=list)
    #: Remarks for the user that are not problems (e.g. a baseline entry that was fixed).
    notes: list[str] = field(default_factory=list)
    #: How many files' results came from the cache.
    cached_files: int = 0
    #: Source text of every checked article by report path; filled only on request
    #: (``keep_documents``), since most reporters need positions, not text.
    documents: dict[str, SourceText] = field(default_factory=dict)

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
    #: Rule folders named on the command line (``--rule-dir``), absolute: they may lie outside
    #: the repository, unlike a configuration's ``rule-dirs``.
    rule_dirs: tuple[str, ...] = ()


def rule_folders(config: Config, options: Options) -> list[Path]:
    """User rule folders in force: the configuration's, then the command line's."""
    return [*config.rule_folders(), *(Path(d) for d in options.rule_dirs)]


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
    folders = [shipped_rules_dir(), *rule_folders(config, options)]
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
            overrides = {
                **config.rule_settings(kind_options(rule.check)),
                **(config.rules.get(rule_id) or {}),
            }
            rule = rule.with_overrides(Severity.parse(sev) if sev else None, overrides)
        except RuleError as exc:
            raise UsageError(f"{where}: {exc}") from None
        enabled.append(rule)
    return RuleSet(config, known, enabled)


class Engine:
    """Checks documents against their configuration's rules and collects findings."""

    def __init__(
        self,
        options: Options | None = None,
        keep_documents: bool = False,
        baseline: Baseline | None = None,
        cache: Cache | None = None,
    ) -> None:
        self.options = options or Options()
        self.cache = cache
        #: Files (resolved path) the current file's result depends on, for the cache.
        self._deps: list[str] = []
        self.keep_documents = keep_documents
        self.report = Report()
        self.baseline = baseline
        self._corpus: dict[str, tuple[Rule, list]] = {}
        #: Inline suppressions by path, kept until corpus findings are in.
        self._suppressions: dict[str, suppressions.Suppressions] = {}
        self._explicit_config: Config | None = None
        #: Configuration by folder (as given), found once per run.
        self._configs: dict[Path, Config] = {}
        #: Parsed sources of translations by resolved path (a few, most recent last).
        self._pair_sources: dict[Path, Document] = {}
        #: Rules stopped in this process (a pattern timed out), by id: not run again.
        self._broken: dict[str, str] = {}
        #: Rule sets whose rules the report already lists (by id; rule sets live in _RULESETS).
        self._registered: set[int] = set()
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
        folder = path.parent
        config = self._configs.get(folder)  # files of one folder share it: look it up once
        if config is None:
            try:
                config = self._configs[folder] = find_config(folder.resolve())
            except ConfigError as exc:
                raise UsageError(str(exc)) from None
        return config

    def ruleset(self, config: Config) -> RuleSet:
        langdata.set_extra_dirs(rule_folders(config, self.options))
        ruleset = _rules_for(config, self.options)
        if id(ruleset) not in self._registered:  # rule sets live for the process
            self._registered.add(id(ruleset))
            for rule in ruleset.enabled:
                self.report.rules.setdefault(rule.id, rule)
        return ruleset

    # -- running ---------------------------------------------------------------------------
    def check_sources(
        self, sources: Iterable[Source], stdin_text: str | bytes | None = None
    ) -> None:
        """Check files one after the other in this process."""
        for source in sources:
            result = self.check_source(source, stdin_text)
            if result is not None:
                self.add(result)

    def check_parallel(
        self, sources: list[Source], jobs: int, cache_dir: str | Path | None
    ) -> None:
        """Check files in ``jobs`` worker processes; results merge in the order given."""
        # Files the configuration excludes never reach a worker; rules are registered here so
        # the report describes them and corpus entries find their rule.
        # With the cache on, an unchanged file's result is read from it here: workers are
        # started only for the files that have to be analysed (none, in an unchanged
        # repository).
        todo = []
        done: dict[int, FileResult | None] = {}
        for source in sources:
            if self.cache is not None:
                found = self.check_source(source, only_cached=True)
                if found is None:
                    continue  # excluded
                if found is not NOT_CACHED:
                    done[len(todo)] = found
                todo.append(source)
            elif self.included(source) is not None:  # also registers the rules
                todo.append(source)
        rest = [source for i, source in enumerate(todo) if i not in done]
        if len(rest) < MIN_PARALLEL_FILES:
            done.update(
                (i, self.check_source(source)) for i, source in enumerate(todo) if i not in done
            )
            rest = []
        checked = iter(self._pool(rest, jobs, cache_dir) if rest else ())
        for i in range(len(todo)):
            result = done[i] if i in done else next(checked)
            if result is not None:
                self.add(result)

    def _pool(
        self, todo: list[Source], jobs: int, cache_dir: str | Path | None
    ) -> Iterator[FileResult | None]:
        """Results of ``todo`` checked in ``jobs`` worker processes, in order.

        Each worker takes its own contiguous share of the files, chunk after chunk from its
        front; one that runs out takes chunks from the back of the largest share left. A
        worker so reads neighbouring files (one folder, mostly one language: fewer word
        lists and patterns to load, more repeated text in its caches), and no worker idles
        while another has work.
        """
        import multiprocessing
        from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        size = max(1, min(16, len(todo) // (jobs * 32)))
        chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
        shares = [[k * len(chunks) // jobs, (k + 1) * len(chunks) // jobs] for k in range(jobs)]

        def take(worker: int) -> int | None:
            share = shares[worker]
            if share[0] < share[1]:
                share[0] += 1
                return share[0] - 1
            other = max(shares, key=lambda s: s[1] - s[0])
            if other[0] < other[1]:
                other[1] -= 1
                return other[1]
            return None

        args = (self.options, self.keep_documents, str(cache_dir) if cache_dir else None)
        workers = [
            ProcessPoolExecutor(1, mp_context=context, initializer=_start_worker, initargs=args)
            for _ in range(jobs)
        ]
        running: dict[Future, tuple[int, int]] = {}
        finished: dict[int, list[FileResult | None]] = {}

        def give(worker: int) -> None:
            index = take(worker)
            if index is not None:
                future = workers[worker].submit(_check_chunk, chunks[index])
                running[future] = (worker, index)

        try:
            for worker in range(jobs):
                for _ in range(2):  # the next chunk waits in the worker's queue
                    give(worker)
            following = 0
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    worker, index = running.pop(future)
                    finished[index] = future.result()
                    give(worker)
                while following in finished:
                    yield from finished.pop(following)
                    following += 1
        finally:
            for pool in workers:
                pool.shutdown(wait=True, cancel_futures=True)

    def included(self, source: Source) -> Config | None:
        """The configuration of a file, or ``None`` when the configuration excludes it.

        A wrong configuration (an unknown key, an unknown rule id) is also ``None``: it is
        reported once as an error (exit code 2) and the files it governs are not checked, but
        the files under other configurations still are.
        """
        try:
            # Stdin uses the folder of --stdin-filename for its configuration.
            config = self.config_for(source.path or Path(source.display))
            if is_excluded(source, config.root, config.include, config.exclude):
                return None
            self.ruleset(config)
        except UsageError as exc:
            message = f"{exc} (the files it governs were not checked)"
            if message not in self.report.errors:
                self.report.errors.append(message)
            return None
        return config

    def check_source(
        self, source: Source, stdin_text: str | bytes | None = None, only_cached: bool = False
    ) -> FileResult | None:
        """Read, parse and check one file (``None`` when the configuration excludes it).

        A pure function of the file, its configuration and the engine's options, so it can
        run in a worker process and its result can be cached. ``only_cached``: stop before the
        analysis and return :data:`NOT_CACHED` if the file has to be analysed.
        """
        config = self.included(source)
        if config is None:
            return None
        ruleset = self.ruleset(config)
        if source.path is None:
            data = stdin_text if isinstance(stdin_text, bytes) else (stdin_text or "").encode()
            text, problem = decode(data, config.max_file_size)
        else:
            text, problem = read_source(source, config.max_file_size)
        # stdin: where --stdin-filename says it is
        rel = relative_path(source.path or Path(source.display), config.root)
        rules = ruleset.for_path(rel)
        result = FileResult(source.display)
        if text is None:
            doc = Document(source.display, "", "text")
            self._problems(doc, [problem] if problem else [], rules, result.findings)
            return result
        key = None
        if self.cache is not None:
            # A file read as Windows-1252 (file-encoding) must not share an entry with the same
            # text saved as UTF-8: the problem's message is part of the key.
            keyed = text if problem is None else f"{problem.message}\0{text}"
            key = _cache_key(keyed, source.display, rel, config, self.options, self.keep_documents)
            cached = self.cache.get(key)
            if isinstance(cached, FileResult):
                cached.cached = True
                return cached
        if only_cached:
            return NOT_CACHED
        self._deps = []
        doc = read_document(source.display, text)
        if problem is not None:  # decoded with a warning (file-encoding): still checked
            doc.problems.insert(0, problem)
        self.prepare(doc, config)
        self.attach_source(doc, source, config, rules)
        if self.keep_documents:
            result.document = SourceText(doc.source, doc.lang, doc.format)
        self._problems(doc, doc.problems, rules, result.findings)
        self.run_rules(doc, rules, result)
        result.suppressions, problems = suppressions.scan(doc, ruleset.known)
        self._problems(doc, problems, rules, result.findings)
        # Once a rule was stopped, results lack it: they must not be cached as complete.
        if self.cache is not None and key is not None and not self._broken:
            deps = [(dep, _file_digest(dep)) for dep in self._deps]
            self.cache.put(key, result, deps)
        return result

    def add(self, result: FileResult) -> None:
        """Merge one file's result into the report (in the order files were given)."""
        self.report.files += 1
        self.report.cached_files += result.cached
        self.report.paths.append(result.path)
        self.report.findings.extend(result.findings)
        for rule_id, entry in result.corpus:
            rule = self.report.rules.get(rule_id)
            if rule is not None:
                self._corpus.setdefault(rule_id, (rule, []))[1].append(entry)
        if result.suppressions is not None:
            self._suppressions[result.path] = result.suppressions
        for message in result.errors:
            if message not in self.report.errors:
                self.report.errors.append(message)
        if self.keep_documents and result.document is not None:
            self.report.documents[result.path] = result.document

    def prepare(self, doc: Document, config: Config) -> None:
        """Settle the article's language and the languages to tell it apart from."""
        lang = doc.meta.lang or self.options.lang or config.lang
        if not lang:
            lang = doc.cached(
                "detected_lang", lambda: detect_document_language(doc.text, tuple(config.languages))
            )
        doc.lang = lang
        doc.candidate_langs = tuple(sorted(set(config.languages) | ({lang} if lang else set())))

    def attach_source(
        self, doc: Document, source: Source, config: Config, rules: list[Rule]
    ) -> None:
        """Give a translation its source article (see checker.pairs), parsed once per run, so
        the pair rules are ordinary per-document checks. A declared source that is missing is
        reported once, as ``pair-source-missing``."""
        if not any(r.check.startswith("pair_") or r.id == PAIR_SOURCE_MISSING for r in rules):
            return
        path = source.path or Path(source.display)
        pair = find_pair(doc, path, source.display, config)
        if pair is None or pair.path == path.resolve():
            return
        self._deps.append(str(pair.path))
        original = self._pair_sources.get(pair.path)
        if original is None:
            original, why = read_pair_source(pair, config)
            if original is None:
                doc.problems.append(Problem(PAIR_SOURCE_MISSING, why, *pair.span))
                return
            self._pair_sources[pair.path] = original
            if len(self._pair_sources) > 64:  # keep memory flat on big repositories
                self._pair_sources.pop(next(iter(self._pair_sources)))
        doc.pair_source = original
        doc.pair_source_path = pair.display

    def _problems(
        self, doc: Document, problems: list[Problem], rules: list[Rule], out: list[Finding]
    ) -> None:
        enabled = {r.id: r for r in rules}
        for problem in problems:
            rule = enabled.get(problem.rule)
            if rule is not None:
                out.append(rule.finding(doc, problem.start, problem.end, problem.message))

    def run_rules(self, doc: Document, rules: list[Rule], result: FileResult) -> None:
        for rule in rules:
            if rule.check == "builtin" or (rule.languages and doc.lang not in rule.languages):
                continue
            if rule.id in self._broken:
                continue
            if rule.check.startswith("pair_") and doc.pair_source is None:
                continue  # pair checks compare a translation with its source: none here
            module = kind_module(rule.check)
            try:
                if is_corpus_kind(rule.check):
                    entry = module.index(doc, rule)
                    if entry is not None:
                        result.corpus.append((rule.id, entry))
                    continue
                found = list(module.check(doc, rule))  # all of a rule's findings, or none
                result.findings.extend(found)
            except (PatternTimeout, PatternError, RuleError) as exc:
                # A user pattern that is invalid or runs away: name the rule, drop it for the
                # rest of the run, and go on with the other rules and files.
                self._broken[rule.id] = str(exc)
                result.errors.append(
                    f"rule {rule.id!r} stopped on {doc.path}: {exc}. It was not run on this "
                    "file or the files after it"
                )

    def finish(self) -> Report:
        for rule, entries in self._corpus.values():
            self.report.findings.extend(kind_module(rule.check).reduce(entries, rule))
        self._corpus.clear()
        # Suppressed findings (inline comments, then the baseline) are dropped before reporting.
        findings = suppressions.apply(self.report.findings, self._suppressions)
        if self.baseline is not None:
            findings = self.baseline.filter(findings, self.report.notes)
        self.report.findings = sorted(findings, key=Finding.sort_key)
        return self.report


def check_paths(
    paths: list[str],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    lang: str | None = None,
    config: str | None = None,
    stdin_text: str | bytes | None = None,
    stdin_filename: str | None = None,
    keep_documents: bool = False,
    baseline: str | None = None,
    jobs: int = 1,
    cache_dir: str | Path | None = None,
    rule_dirs: Iterable[str] = (),
) -> Report:
    """Check files and folders (``-`` reads one article from ``stdin_text``).

    ``baseline`` names a file written by ``--write-baseline``: its findings are not reported.
    ``jobs`` > 1 checks files in that many worker processes; the report is the same as with
    one. ``cache_dir`` keeps per-file results between runs (see :mod:`checker.cache`).
    ``rule_dirs`` are extra rule folders, wherever they are (``--rule-dir``).
    """
    options = _options(select, ignore, lang, config, rule_dirs)
    forget_folders()  # a long-lived caller: links may have changed since the last run
    try:
        recorded = Baseline.load(baseline) if baseline else None
    except BaselineError as exc:
        raise UsageError(str(exc)) from None
    cache = Cache(Path(cache_dir)) if cache_dir is not None else None
    engine = Engine(options, keep_documents=keep_documents, baseline=recorded, cache=cache)
    errors: list[str] = []
    sources: list[Source] = []
    for target in paths:
        if target == "-":
            name = stdin_filename or "<stdin>.txt"
            sources.append(Source(name, None))
        else:
            sources.extend(discover([target], errors))
    engine.report.errors.extend(errors)
    if jobs > 1 and len(sources) >= MIN_PARALLEL_FILES and stdin_text is None:
        engine.check_parallel(sources, jobs, cache_dir)
    else:
        engine.check_sources(sources, stdin_text)
    return engine.finish()


#: Fewer files than this are checked in-process: starting workers would cost more.
MIN_PARALLEL_FILES = 16

#: What :meth:`Engine.check_source` returns with ``only_cached`` when the file needs analysis.
NOT_CACHED: Any = object()

#: Engines kept per process by (options, keep_documents, cache folder): a worker process, a
#: Dask worker or a long-lived caller builds one once and reuses its parsed rules and data.
_engines: dict[tuple[Options, bool, str | None], Engine] = {}
_worker_args: tuple[Options, bool, str | None] | None = None


def _engine(options: Options, keep_documents: bool, cache_dir: str | None) -> Engine:
    key = (options, keep_documents, cache_dir)
    engine = _engines.get(key)
    if engine is None:
        cache = Cache(Path(cache_dir)) if cache_dir is not None else None
        engine = _engines[key] = Engine(options, keep_documents=keep_documents, cache=cache)
    return engine


def _start_worker(options: Options, keep_documents: bool, cache_dir: str | None) -> None:
    global _worker_args
    _worker_args = (options, keep_documents, cache_dir)
    tune_gc()  # inherited from the command when forked, not when spawned


def _check_chunk(sources: list[Source]) -> list[FileResult | None]:
    assert _worker_args is not None
    engine = _engine(*_worker_args)
    return [engine.check_source(source) for source in sources]


def _cache_key(
    text: str, display: str, rel: str, config: Config, options: Options, keep_documents: bool
) -> str:
    """Everything a file's result depends on, but the files it reads (those are deps)."""
    parts = [
        code_fingerprint(tuple(str(d) for d in rule_folders(config, options))),
        config.key(),
        repr(options),
        display,
        rel,
        str(keep_documents),
        digest(text.encode("utf-8", "surrogatepass")),
    ]
    return digest("\0".join(parts).encode("utf-8", "surrogatepass"))


def _file_digest(path: str) -> str:
    try:
        return digest(Path(path).read_bytes())
    except OSError:
        return "missing"


def _options(
    select: Iterable[str] | None,
    ignore: Iterable[str],
    lang: str | None,
    config: str | None,
    rule_dirs: Iterable[str],
) -> Options:
    return Options(
        tuple(select) if select is not None else None,
        tuple(ignore),
        lang,
        config,
        tuple(str(Path(d).resolve()) for d in rule_dirs),
    )


def check_document(
    path: str,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    lang: str | None = None,
    config: str | None = None,
    keep_documents: bool = False,
    rule_dirs: Iterable[str] = (),
    cache_dir: str | Path | None = None,
) -> FileResult | None:
    """The per-document step of a run: one file in, its :class:`FileResult` out.

    Results are plain data (picklable and cacheable), so any scheduler can run this step on
    any worker that sees the files; :func:`merge_results` is the reduce step. ``None`` means
    the configuration excludes the file. The CLI's worker processes run this same step.
    """
    options = _options(select, ignore, lang, config, rule_dirs)
    engine = _engine(options, keep_documents, str(cache_dir) if cache_dir else None)
    # A long-lived process may see configuration files change between calls: look again.
    engine._configs.clear()
    forget_folders()
    # A wrong configuration raises UsageError here (a run reports it and goes on instead).
    engine.ruleset(engine.config_for(Path(path)))
    return engine.check_source(Source(path, Path(path)))


def merge_results(
    results: Iterable[FileResult | None],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    lang: str | None = None,
    config: str | None = None,
    keep_documents: bool = False,
    baseline: str | None = None,
    errors: Iterable[str] = (),
    rule_dirs: Iterable[str] = (),
) -> Report:
    """The reduce step: merge per-document results in order and run the corpus rules.

    Give it the same options as :func:`check_document`; the report equals what
    :func:`check_paths` gives for the same files.
    """
    options = _options(select, ignore, lang, config, rule_dirs)
    try:
        recorded = Baseline.load(baseline) if baseline else None
    except BaselineError as exc:
        raise UsageError(str(exc)) from None
    engine = Engine(options, keep_documents=keep_documents, baseline=recorded)
    engine.report.errors.extend(errors)
    for result in results:
        if result is not None:
            engine.ruleset(engine.config_for(Path(result.path)))
            engine.add(result)
    return engine.finish()


def check_text(text: str, filename: str = "<stdin>.txt", **options) -> Report:
    """Check one article held in memory."""
    return check_paths(["-"], stdin_text=text, stdin_filename=filename, **options)
