"""The ``copydesk`` command line (typer).

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings; 2 usage, configuration or internal
error. :func:`main` wraps the typer app so that no traceback ever reaches the user
(``COPYDESK_DEBUG=1`` shows one for bug reports).
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from checker import __version__
from checker.process import tune_gc

app = typer.Typer(
    name="copydesk",
    help="Check articles for translation leftovers, duplicates, sourcing and style problems.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    gitlab = "gitlab"
    junit = "junit"
    html = "html"


class Level(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def _split_ids(values: list[str] | None) -> list[str]:
    return [part.strip() for v in values or [] for part in v.split(",") if part.strip()]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"copydesk {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = None,
) -> None:
    """copydesk: a lint for multilingual articles."""


def _write(text: str, output: Path | None, utf8: bool = True) -> None:
    """Print the report, or write it to ``output`` atomically.

    Machine formats are UTF-8 bytes whatever the locale (an ASCII locale must not turn a
    report into a crash, nor make it differ between machines); the text format follows the
    terminal's encoding. A file is written beside ``output``, synced, then renamed over it: an
    interrupted run (Ctrl-C, a full disk) leaves the previous report, never half of a new one.
    """
    if output is None:
        buffer = getattr(sys.stdout, "buffer", None)
        if utf8 and buffer is not None:
            sys.stdout.flush()
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        else:
            encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
            sys.stdout.write(text.encode(encoding, "backslashreplace").decode(encoding))
            sys.stdout.flush()
        return
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"{output}: cannot write report: {exc.strerror or exc}") from None
    except BaseException:  # Ctrl-C mid-write: no temporary file left behind
        tmp.unlink(missing_ok=True)
        raise


def _refuse_input_as_output(output: Path | None, paths: list[str], stdin_name: str | None) -> None:
    """``-o article.md`` with article.md checked would replace an article by a report."""
    if output is None:
        return
    from checker.sources import resolved

    target = resolved(output)
    named = [stdin_name if p == "-" else p for p in paths]
    for name in filter(None, named):
        if resolved(Path(name)) == target:
            raise UsageError(f"{output}: --output names a file being checked; choose another")


def _cache_dir(option: Path | None) -> Path:
    from checker.cache import DEFAULT_DIR

    return option or Path(os.environ.get("COPYDESK_CACHE_DIR") or DEFAULT_DIR)


class UsageError(Exception):
    """Reported as ``copydesk: error: …`` with exit code 2."""


@app.command()
def check(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders to check; '-' reads one article from standard input."
        ),
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    select: Annotated[
        list[str] | None,
        typer.Option(
            help="Only these rule ids (comma-separated or repeated); 'all' for every rule."
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(help="Skip these rule ids (comma-separated or repeated)."),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(help="Language of articles that do not declare one (e.g. fr); else detected."),
    ] = None,
    fail_on: Annotated[
        Level, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")
    ] = Level.error,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the report to this file instead of standard output."
        ),
    ] = None,
    stdin_filename: Annotated[
        str | None,
        typer.Option(
            "--stdin-filename", help="Name to use for '-' (format, config and report path)."
        ),
    ] = None,
    config: Annotated[
        str | None,
        typer.Option("--config", help="Use this configuration file instead of discovering one."),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="Do not report the findings recorded in this file."),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            "--write-baseline",
            help="Record every current finding in this file (they are not reported from then on).",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: the number of CPUs)."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the result cache.")
    ] = False,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            help="Where to keep per-file results between runs "
            "(default: $COPYDESK_CACHE_DIR or .copydesk_cache).",
        ),
    ] = None,
    rule_dir: Annotated[
        list[Path] | None,
        typer.Option(
            "--rule-dir",
            help="Also load rules from this folder (repeatable); unlike the configuration's "
            "rule-dirs, it may be outside the repository.",
        ),
    ] = None,
) -> None:
    """Check articles and report findings."""
    from checker.engine import UsageError as EngineUsageError
    from checker.engine import check_paths
    from checker.finding import Severity
    from checker.reporters import render

    _refuse_input_as_output(output, paths, stdin_filename)
    stdin_data = None
    if "-" in paths:
        stdin_data = sys.stdin.buffer.read()
    select_ids = _split_ids(select) if select else None
    try:
        report = check_paths(
            paths,
            select=select_ids,
            ignore=_split_ids(ignore),
            lang=lang.lower() if lang else None,
            config=config,
            stdin_text=stdin_data,
            stdin_filename=stdin_filename,
            # Writing a baseline records every current finding, whatever an older one hid.
            baseline=str(baseline) if baseline and not write_baseline else None,
            keep_documents=fmt == Format.html,
            jobs=jobs or os.cpu_count() or 1,
            cache_dir=None if no_cache else _cache_dir(cache_dir),
            rule_dirs=[str(d) for d in rule_dir or ()],
        )
    except EngineUsageError as exc:
        raise UsageError(str(exc)) from None
    if write_baseline:
        _write_baseline(write_baseline, report)
    colour = (
        output is None
        and fmt == Format.text
        and sys.stdout.isatty()
        and not os.environ.get("NO_COLOR")
    )
    _write(render(fmt.value, report, colour=colour), output, utf8=fmt != Format.text)
    for message in report.errors:
        typer.echo(f"copydesk: error: {message}", err=True)
    for message in report.notes:
        typer.echo(f"copydesk: note: {message}", err=True)
    code = report.exit_code(Severity.parse(fail_on.value))
    if exit_zero and code == 1:
        code = 0
    raise typer.Exit(code)


def _write_baseline(path: Path, report) -> None:
    """Record the findings in ``path``; they are then hidden, as with ``--baseline``."""
    from checker.baseline import BaselineError
    from checker.baseline import write_baseline as write

    try:
        count = write(path, report.findings)
    except BaselineError as exc:
        raise UsageError(str(exc)) from None
    report.findings = []
    report.notes.append(f"recorded {count} finding{'' if count == 1 else 's'} in {path}")


_RULE_DIR_HELP = "Also load rules from this folder (repeatable), as `check --rule-dir`."


def _engine(rule_dir: list[Path] | None):
    from checker.engine import Engine, Options

    return Engine(Options(rule_dirs=tuple(str(d.resolve()) for d in rule_dir or ())))


@app.command("rules")
def list_rules(
    rule_dir: Annotated[list[Path] | None, typer.Option("--rule-dir", help=_RULE_DIR_HELP)] = None,
) -> None:
    """List every rule with its id, default severity and summary."""
    engine = _engine(rule_dir)
    ruleset = engine.ruleset(engine.config_for(Path.cwd() / "x"))
    width = max(len(r) for r in ruleset.known)
    for rule in ruleset.known.values():
        if rule.check == "builtin" and rule.id not in {r.id for r in ruleset.enabled}:
            continue
        typer.echo(f"{rule.id:<{width}}  {rule.severity!s:<7}  {rule.summary}")


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(help="A rule id, e.g. mixed-language.")],
    rule_dir: Annotated[list[Path] | None, typer.Option("--rule-dir", help=_RULE_DIR_HELP)] = None,
) -> None:
    """Explain a rule: what it flags, why, its options and examples."""
    from checker.docs import explain_rule

    engine = _engine(rule_dir)
    known = engine.ruleset(engine.config_for(Path.cwd() / "x")).known
    if rule_id not in known:
        raise UsageError(f"unknown rule id {rule_id!r} (run `copydesk rules` to list them)")
    typer.echo(explain_rule(known[rule_id]))


def _click_classes(name: str) -> tuple[type, ...]:
    """Class ``name`` of every click that typer may run on: click itself (typer before 0.2x)
    and the copy typer 0.2x ships as ``typer._click``; a bad option value raised by one must
    not reach the user as an internal error."""
    import importlib

    found: list[type] = []
    for module in ("click.exceptions", "typer._click.exceptions", "typer.exceptions"):
        try:
            cls = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if isinstance(cls, type) and cls not in found:
            found.append(cls)
    return tuple(found)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and turn every failure into a message and exit code 2."""
    tune_gc()
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="copydesk", standalone_mode=False)
        if code == 130:  # click (8.2+) turns Ctrl-C into exit code 130, silently
            typer.echo("copydesk: interrupted", err=True)
    except _click_classes("Exit") as exc:
        code = exc.exit_code
    except _click_classes("ClickException") as exc:
        exc.show()
        code = 2
    except _click_classes("Abort"):
        typer.echo("copydesk: aborted", err=True)
        code = 2
    except UsageError as exc:
        typer.echo(f"copydesk: error: {exc}", err=True)
        code = 2
    except KeyboardInterrupt:
        typer.echo("copydesk: interrupted", err=True)
        code = 130
    except BrokenPipeError:
        code = 1
    except Exception as exc:
        if os.environ.get("COPYDESK_DEBUG"):
            raise
        from checker.engine import UsageError as EngineUsageError

        if isinstance(exc, EngineUsageError):
            typer.echo(f"copydesk: error: {exc}", err=True)
        else:
            typer.echo(
                f"copydesk: internal error: {type(exc).__name__}: {exc}\n"
                "Please report it with the file that caused it "
                "(set COPYDESK_DEBUG=1 for details).",
                err=True,
            )
        code = 2
    sys.exit(code if isinstance(code, int) else 0)
