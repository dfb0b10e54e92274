"""Measure copydesk's precision and recall per rule on labelled cases built from NTREX-128.

Usage (from the repository root)::

    python evaluation/evaluate.py [--corpus ../shared/corpus] [--work DIR]
        [--rules mixed-language,translated-duplicate,duplicate-block,boilerplate]
        [--formats txt,md,html] [--seed 1] [--show 20] [--json] [--findings FILE]

The script builds the cases (see ``cases.py``), writes them to a work folder outside the
repository, runs ``python -m checker check <folder> --format json --exit-zero`` once over the whole
folder, and scores the findings:

* TP: an expected ``(lines, rule)`` label matched by at least one finding of that rule whose line
  lies in the label's range;
* FN: an expected label no finding matched;
* FP: a finding of an evaluated rule that matches no expected or allowed label of its file.

It also reports the false alarms per 100 clean (unmodified) documents: every finding of an
evaluated rule on a clean document counts. ``--findings FILE`` scores an existing copydesk JSON
report instead of running copydesk (the cases are rebuilt from the same seed to get the labels).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# Run as a script, this folder is on sys.path and `cases` is evaluation/cases.py.
import cases as casebook

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
DEFAULT_RULES = (
    casebook.MIXED_LANGUAGE,
    casebook.TRANSLATED_DUPLICATE,
    casebook.DUPLICATE_BLOCK,
    casebook.BOILERPLATE,
)
CASE_FOLDER = "cases"
EXCERPT_WIDTH = 160


class EvaluationError(Exception):
    """A problem the user must fix (bad option, missing corpus, copydesk failure)."""


# ---------------------------------------------------------------------------------------------
# Findings


@dataclass(frozen=True)
class Finding:
    """The fields of one copydesk JSON finding that scoring needs."""

    path: str
    rule: str
    line: int
    severity: str = ""
    message: str = ""
    excerpt: str = ""


def parse_findings(report: dict) -> list[Finding]:
    """Extract the findings of a copydesk ``--format json`` report.

    Raises :class:`EvaluationError` if the report does not have the documented shape.
    """
    if not isinstance(report, dict) or not isinstance(report.get("findings"), list):
        raise EvaluationError("copydesk JSON output has no 'findings' list")
    findings = []
    for raw in report["findings"]:
        try:
            line = int(raw.get("line") or 0)
            findings.append(
                Finding(
                    path=str(raw["path"]),
                    rule=str(raw["rule"]),
                    line=line,
                    severity=str(raw.get("severity") or ""),
                    message=str(raw.get("message") or ""),
                    excerpt=str(raw.get("excerpt") or ""),
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise EvaluationError(f"malformed finding in copydesk output: {raw!r}") from error
    return findings


class CaseIndex:
    """Map finding paths (relative or absolute, any separator) to cases.

    A finding belongs to the case whose relative path (``<kind>/<file>``) is a suffix of the
    finding's path, compared component by component.
    """

    def __init__(self, cases: Iterable[casebook.Case]) -> None:
        self.by_path = {case.path: case for case in cases}

    def lookup(self, path: str) -> casebook.Case | None:
        parts = PurePosixPath(path.replace("\\", "/")).parts
        for start in range(len(parts)):
            case = self.by_path.get("/".join(parts[start:]))
            if case is not None:
                return case
        return None


# ---------------------------------------------------------------------------------------------
# Scoring


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if not precision or not recall:
        return None if precision is None or recall is None else 0.0
    return round(2 * precision * recall / (precision + recall), 4)


def _outcome(
    kind: str, rule: str, case: casebook.Case, line: int, finding: Finding | None, root: str
) -> dict:
    """One false positive / false negative, with what a developer needs to look at it."""
    text = case.line(line).strip()
    if len(text) > EXCERPT_WIDTH:
        text = text[: EXCERPT_WIDTH - 1] + "…"
    return {
        "type": kind,
        "rule": rule,
        "kind": case.kind,
        "variant": case.variant,
        "path": f"{root}/{case.path}" if root else case.path,
        "line": line,
        "lang": case.lang,
        "message": finding.message if finding else "",
        "excerpt": (finding.excerpt if finding and finding.excerpt else text),
        "line_text": text,
        "note": case.note,
    }


def _round_robin(items: list[dict], limit: int) -> list[dict]:
    """First ``limit`` items, alternating between case kinds so every kind gets examples."""
    queues: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        queues[item["kind"]].append(item)
    chosen: list[dict] = []
    depth = 0
    while len(chosen) < limit and any(len(q) > depth for q in queues.values()):
        for queue in queues.values():
            if depth < len(queue) and len(chosen) < limit:
                chosen.append(queue[depth])
        depth += 1
    return chosen


def score(
    cases: Sequence[casebook.Case],
    findings: Iterable[Finding],
    rules: Sequence[str],
    *,
    show: int = 10,
    root: str = "",
) -> dict:
    """Score ``findings`` against the labels of ``cases`` for ``rules``; return the metrics.

    ``show`` limits the listed false positives / negatives per rule; ``root`` is prefixed to case
    paths in those listings (the folder the cases were written to, if any).
    """
    index = CaseIndex(cases)
    by_case: dict[str, list[Finding]] = defaultdict(list)
    unmatched: list[Finding] = []
    other_rules: dict[str, int] = defaultdict(int)
    for finding in findings:
        case = index.lookup(finding.path)
        if case is None:
            unmatched.append(finding)
        elif finding.rule in rules:
            by_case[case.path].append(finding)
        else:
            other_rules[finding.rule] += 1

    counts = {rule: {"tp": 0, "fp": 0, "fn": 0} for rule in rules}
    kinds: dict[str, dict] = {}
    clean = {"documents": 0, "false_alarms": 0, "documents_with_false_alarm": 0}
    clean_by_rule = {rule: 0 for rule in rules}
    false_positives: dict[str, list[dict]] = {rule: [] for rule in rules}
    false_negatives: dict[str, list[dict]] = {rule: [] for rule in rules}

    for case in cases:
        kind = kinds.setdefault(
            case.kind, {"cases": 0, "expected": 0, "tp": 0, "fn": 0, "fp": 0, "variants": {}}
        )
        variant = kind["variants"].setdefault(
            case.variant or "-", {"cases": 0, "expected": 0, "tp": 0, "fn": 0, "fp": 0}
        )
        kind["cases"] += 1
        variant["cases"] += 1
        alarms = 0
        for rule in rules:
            if rule not in case.scope:
                continue
            found = [f for f in by_case.get(case.path, ()) if f.rule == rule]
            expected = [label for label in case.expected if label.rule == rule]
            acceptable = expected + [label for label in case.allowed if label.rule == rule]
            for label in expected:
                hit = any(label.covers(f.line) for f in found)
                key = "tp" if hit else "fn"
                for bucket in (counts[rule], kind, variant):
                    bucket[key] += 1
                kind["expected"] += 1
                variant["expected"] += 1
                if not hit:
                    false_negatives[rule].append(
                        _outcome("FN", rule, case, label.start_line, None, root)
                    )
            for finding in found:
                if not any(label.covers(finding.line) for label in acceptable):
                    for bucket in (counts[rule], kind, variant):
                        bucket["fp"] += 1
                    false_positives[rule].append(
                        _outcome("FP", rule, case, finding.line, finding, root)
                    )
            if case.clean:
                alarms += len(found)
                clean_by_rule[rule] += len(found)
        if case.clean:
            clean["documents"] += 1
            clean["false_alarms"] += alarms
            clean["documents_with_false_alarm"] += bool(alarms)

    per_rule = {}
    for rule, c in counts.items():
        precision = _ratio(c["tp"], c["tp"] + c["fp"])
        recall = _ratio(c["tp"], c["tp"] + c["fn"])
        per_rule[rule] = {
            **c,
            "precision": precision,
            "recall": recall,
            "f1": _f1(precision, recall),
        }
    documents = clean["documents"]
    clean["per_100"] = round(100 * clean["false_alarms"] / documents, 2) if documents else None
    clean["per_rule_per_100"] = {
        rule: (round(100 * n / documents, 2) if documents else None)
        for rule, n in clean_by_rule.items()
    }
    return {
        "cases": len(cases),
        "rules": list(rules),
        "per_rule": per_rule,
        "clean": clean,
        "per_kind": kinds,
        "unmatched_findings": len(unmatched),
        "unmatched_examples": [f.path for f in unmatched[:5]],
        "other_rules": dict(sorted(other_rules.items())),
        "false_positives": {r: _round_robin(v, show) for r, v in false_positives.items()},
        "false_negatives": {r: _round_robin(v, show) for r, v in false_negatives.items()},
    }


# ---------------------------------------------------------------------------------------------
# Text report


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_report(metrics: dict, *, by_variant: bool = False) -> str:
    """Human-readable tables for ``metrics`` as returned by :func:`score`."""
    out: list[str] = []
    header = f"copydesk evaluation: {metrics['cases']} cases"
    extras = [f"{k} {metrics[k]}" for k in ("seed", "formats") if k in metrics]
    if metrics.get("copydesk_version"):
        extras.append(f"copydesk {metrics['copydesk_version']}")
    out.append(header + (f" ({', '.join(extras)})" if extras else ""))
    out.append("")
    width = max([len("rule"), *map(len, metrics["rules"])])
    out.append(
        f"{'rule':<{width}}  {'TP':>6} {'FP':>6} {'FN':>6}  "
        f"{'precision':>9} {'recall':>7} {'F1':>6}"
    )
    for rule, m in metrics["per_rule"].items():
        out.append(
            f"{rule:<{width}}  {m['tp']:>6} {m['fp']:>6} {m['fn']:>6}  "
            f"{_fmt(m['precision']):>9} {_fmt(m['recall']):>7} {_fmt(m['f1']):>6}"
        )
    out.append("")
    clean = metrics["clean"]
    if clean["documents"]:
        out.append(
            f"False alarms per 100 clean documents: {clean['per_100']:.2f} "
            f"({clean['false_alarms']} findings on {clean['documents']} clean documents; "
            f"{clean['documents_with_false_alarm']} documents affected)"
        )
        out.append(
            "  " + " | ".join(f"{rule} {n:.2f}" for rule, n in clean["per_rule_per_100"].items())
        )
    else:
        out.append("False alarms per 100 clean documents: n/a (no clean documents evaluated)")
    out.append("")
    kind_width = max([len("kind"), *map(len, metrics["per_kind"])]) + (14 if by_variant else 0)
    out.append(
        f"{'kind':<{kind_width}}  {'cases':>6} {'expected':>8} {'TP':>6} {'FN':>6} {'FP':>6}"
    )
    for kind, k in metrics["per_kind"].items():
        out.append(
            f"{kind:<{kind_width}}  {k['cases']:>6} {k['expected']:>8} "
            f"{k['tp']:>6} {k['fn']:>6} {k['fp']:>6}"
        )
        if by_variant:
            for name, v in k["variants"].items():
                if name == "-":
                    continue
                out.append(
                    f"{'  ' + name:<{kind_width}}  {v['cases']:>6} {v['expected']:>8} "
                    f"{v['tp']:>6} {v['fn']:>6} {v['fp']:>6}"
                )
    if metrics["unmatched_findings"]:
        out.append("")
        out.append(
            f"warning: {metrics['unmatched_findings']} findings on paths that are not cases, "
            f"e.g. {', '.join(metrics['unmatched_examples'])}"
        )
    if metrics["other_rules"]:
        out.append("")
        out.append(
            "not evaluated (other rules reported): "
            + ", ".join(f"{rule} {n}" for rule, n in metrics["other_rules"].items())
        )
    for title, key in (
        ("False positives", "false_positives"),
        ("False negatives", "false_negatives"),
    ):
        listed = {rule: items for rule, items in metrics[key].items() if items}
        if not listed:
            continue
        out.append("")
        out.append(f"{title} (first {metrics.get('show', '')} per rule, alternating case kinds):")
        for rule, items in listed.items():
            out.append(f"  [{rule}]")
            for item in items:
                variant = f"/{item['variant']}" if item["variant"] else ""
                out.append(f"    {item['path']}:{item['line']}  ({item['kind']}{variant})")
                if item["message"]:
                    out.append(f"      message: {item['message']}")
                out.append(f"      line:    {item['line_text']}")
                if item["note"]:
                    out.append(f"      case:    {item['note']}")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Running copydesk


def copydesk_command(command: str | None) -> list[str]:
    """The copydesk invocation: ``--copydesk CMD`` if given, else ``python -m checker``."""
    return shlex.split(command) if command else [sys.executable, "-m", "checker"]


def run_copydesk(
    command: Sequence[str], work: Path, target: str, timeout: float
) -> tuple[dict, str, float]:
    """Run ``<command> check <target> --format json --exit-zero`` in ``work``.

    The repository root is prepended to ``PYTHONPATH`` so ``python -m checker`` works from a
    checkout. Returns (parsed JSON, raw stdout, seconds). Raises :class:`EvaluationError` when
    copydesk fails or prints something that is not JSON.
    """
    argv = [*command, "check", target, "--format", "json", "--exit-zero"]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    env.setdefault("PYTHONIOENCODING", "utf-8")
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            argv,
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError as error:
        raise EvaluationError(f"cannot run {shlex.join(argv)}: {error}") from error
    except subprocess.TimeoutExpired as error:
        raise EvaluationError(f"copydesk did not finish within {timeout:g} s") from error
    seconds = time.perf_counter() - started
    if proc.stderr.strip():
        (work / "copydesk.stderr.txt").write_text(proc.stderr, encoding="utf-8")
    tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
    if proc.returncode != 0:
        raise EvaluationError(
            f"{shlex.join(argv)} exited with {proc.returncode} (cwd {work})\n{tail}"
        )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError as error:
        raise EvaluationError(
            f"copydesk output is not JSON ({error}); first characters: {proc.stdout[:200]!r}\n"
            f"{tail}"
        ) from error
    return report, proc.stdout, seconds


# ---------------------------------------------------------------------------------------------
# Command line


def _csv(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evaluation/evaluate.py",
        description="Precision and recall of copydesk rules on labelled NTREX-128 cases.",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        help="shared corpus folder (or the NTREX JSONL file); default: $COPYDESK_CORPUS or "
        f"{DEFAULT_CORPUS}",
    )
    parser.add_argument(
        "--work",
        type=Path,
        help="work folder for cases and outputs (kept; must be outside the repository); "
        "default: a temporary folder, removed afterwards unless --keep",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    parser.add_argument(
        "--rules",
        type=_csv,
        default=list(DEFAULT_RULES),
        help=f"comma-separated rules to score (default: {','.join(DEFAULT_RULES)})",
    )
    parser.add_argument(
        "--formats",
        type=_csv,
        default=list(casebook.FORMATS),
        help="comma-separated formats to rotate through (default: txt,md,html)",
    )
    parser.add_argument(
        "--langs",
        type=_csv,
        default=list(casebook.LANGS),
        help="comma-separated article languages (default: fr,de,en,es,it)",
    )
    parser.add_argument(
        "--kinds", type=_csv, help="case kinds to build (default: all; see --list-kinds)"
    )
    parser.add_argument("--limit", type=int, help="at most N cases per kind (sampled by seed)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--show",
        type=int,
        default=10,
        help="false positives and negatives listed per rule (default: 10)",
    )
    parser.add_argument("--by-variant", action="store_true", help="break kinds down by variant")
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    parser.add_argument(
        "--findings",
        type=Path,
        help="score this copydesk JSON report instead of running copydesk",
    )
    parser.add_argument(
        "--copydesk",
        metavar="CMD",
        help=f"copydesk command (default: {shlex.quote(sys.executable)} -m checker)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=3600,
        help="seconds allowed for the copydesk run (default: 3600)",
    )
    parser.add_argument(
        "--generate-only",
        action="store_true",
        help="only write the cases (and manifest.json) to the work folder and print counts",
    )
    parser.add_argument("--list-kinds", action="store_true", help="list case kinds and exit")
    return parser


def resolve_corpus(option: Path | None) -> Path:
    """``--corpus``, else ``$COPYDESK_CORPUS``, else ``<repo>/../shared/corpus``."""
    if option is not None:
        return option
    env = os.environ.get("COPYDESK_CORPUS")
    return Path(env) if env else DEFAULT_CORPUS


def _check_options(args: argparse.Namespace) -> None:
    bad = [f for f in args.formats if f not in casebook.FORMATS]
    if bad or not args.formats:
        raise EvaluationError(f"--formats: choose from {', '.join(casebook.FORMATS)}")
    bad = [lang for lang in args.langs if lang not in casebook.LANGS]
    if bad or not args.langs:
        raise EvaluationError(f"--langs: choose from {', '.join(casebook.LANGS)}")
    if args.kinds:
        bad = [k for k in args.kinds if k not in casebook.BUILDERS]
        if bad:
            raise EvaluationError(
                f"unknown kind(s) {', '.join(bad)}; known: {', '.join(casebook.BUILDERS)}"
            )
    if not args.rules:
        raise EvaluationError("--rules is empty")
    if args.limit is not None and args.limit < 1:
        raise EvaluationError("--limit must be at least 1")
    if args.work is not None and args.work.resolve().is_relative_to(REPO_ROOT):
        raise EvaluationError(f"--work {args.work} is inside the repository; choose another folder")


def _counts_table(cases: Sequence[casebook.Case]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for case in cases:
        counts[case.kind] += 1
    width = max([4, *map(len, counts)])
    lines = [f"{kind:<{width}}  {n:>6}" for kind, n in counts.items()]
    lines.append(f"{'total':<{width}}  {len(cases):>6}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code (0 ok, 2 error)."""
    args = build_parser().parse_args(argv)
    if args.list_kinds:
        for builder in casebook.BUILDERS.values():
            rules = ", ".join(sorted(builder.rules))
            print(f"{builder.kind:<24} {builder.description} [{rules}]")
        return 0
    temporary: Path | None = None
    keep = True
    try:
        _check_options(args)
        corpus = resolve_corpus(args.corpus)
        try:
            docs = casebook.load_ntrex(corpus)
        except FileNotFoundError as error:
            raise EvaluationError(
                f"NTREX corpus not found at {casebook.ntrex_path(corpus)}; pass --corpus or set "
                "COPYDESK_CORPUS"
            ) from error
        cases = casebook.build_cases(
            docs,
            seed=args.seed,
            kinds=args.kinds,
            formats=args.formats,
            langs=args.langs,
            limit=args.limit,
        )
        unscoped = [r for r in args.rules if not any(r in c.scope for c in cases)]
        if unscoped:
            print(
                f"warning: no case is labelled for {', '.join(unscoped)}; they score nothing",
                file=sys.stderr,
            )

        work = args.work
        keep = args.work is not None or args.keep or args.generate_only
        if work is None and (args.findings is None or args.generate_only):
            temporary = Path(tempfile.mkdtemp(prefix="copydesk-eval-"))
            work = temporary
        root = ""
        if work is not None:
            try:
                work.mkdir(parents=True, exist_ok=True)
                casebook.write_cases(cases, work / CASE_FOLDER)
                casebook.write_manifest(cases, work / "manifest.json")
            except OSError as error:
                raise EvaluationError(str(error)) from error
            if keep:
                root = str((work / CASE_FOLDER).resolve())
        if args.generate_only:
            print(_counts_table(cases))
            print(f"cases written to {work / CASE_FOLDER} (labels: {work / 'manifest.json'})")
            return 0

        if args.findings is not None:
            try:
                report = json.loads(args.findings.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as error:
                raise EvaluationError(f"cannot read {args.findings}: {error}") from error
            seconds = None
        else:
            report, raw, seconds = run_copydesk(
                copydesk_command(args.copydesk), work, CASE_FOLDER, args.timeout
            )
            (work / "findings.json").write_text(raw, encoding="utf-8")

        metrics = score(cases, parse_findings(report), args.rules, show=args.show, root=root)
        metrics = {
            "seed": args.seed,
            "formats": ",".join(args.formats),
            "show": args.show,
            "copydesk_version": (report.get("tool") or {}).get("version"),
            "copydesk_seconds": round(seconds, 2) if seconds is not None else None,
            "work": str(work.resolve()) if work is not None and keep else None,
            **metrics,
        }
        if work is not None:
            (work / "metrics.json").write_text(
                json.dumps(metrics, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
        if args.json:
            print(json.dumps(metrics, ensure_ascii=False, indent=1))
        else:
            print(format_report(metrics, by_variant=args.by_variant))
            if seconds is not None:
                print(f"\ncopydesk ran {seconds:.1f} s over {len(cases)} files")
            if metrics["work"]:
                print(f"work folder: {metrics['work']}")
        return 0
    except EvaluationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        if temporary is not None and not keep:
            shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
