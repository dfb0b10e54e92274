"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; every rule that ran is described in ``tool.driver.rules`` (summary, rationale and an
example as help). Paths are relative to the repository root under ``%SRCROOT%``. Columns count
Unicode code points, as everywhere in copydesk (``columnKind: unicodeCodePoints``).
``partialFingerprints.primaryLocationLineHash`` hashes rule, path and the text the finding points
at, plus an occurrence index, so an alert survives lines being added above it.

``helpUri`` needs an absolute URL of the rule reference (``docs/rules.md`` of the copydesk
repository, or a copy): set ``COPYDESK_DOCS_URL`` to it; rule ids become its ``#anchors``.
"""

from __future__ import annotations

import json
import os

from checker import __version__
from checker.baseline import Key, finding_keys
from checker.engine import Report
from checker.finding import Finding, Location, Severity
from checker.reporters.paths import file_uri, repo_path, repo_root, uri_reference
from checker.rules import Rule

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SRCROOT = "%SRCROOT%"
DOCS_ENV = "COPYDESK_DOCS_URL"


def _artifact(path: str) -> dict:
    if path.startswith("/") or ":" in path.split("/", 1)[0]:
        return {"uri": uri_reference(path)}
    return {"uri": uri_reference(path), "uriBaseId": SRCROOT}


def _physical(path: str, line: int, col: int, end_line: int, end_col: int, text: str) -> dict:
    end_line = max(end_line, line)
    if end_line == line:
        end_col = max(end_col, col)
    region: dict = {
        "startLine": max(1, line),
        "startColumn": max(1, col),
        "endLine": max(1, end_line),
        "endColumn": max(1, end_col),
    }
    if text:
        region["snippet"] = {"text": text}
    return {"artifactLocation": _artifact(path), "region": region}


def _docs_url(rule_id: str) -> str | None:
    base = os.environ.get(DOCS_ENV, "").strip()
    if not base:
        return None
    return f"{base.split('#', 1)[0]}#{rule_id}"


def _help_markdown(rule: Rule, url: str | None) -> str:
    parts = [f"**{rule.id}** ({rule.severity}): {rule.summary}"]
    if rule.rationale:
        parts.append(rule.rationale)
    example = next((e for e in rule.examples if e.bad and e.good), None)
    if example:
        fence = "```"
        parts.append(f"Flagged ({example.lang}):\n\n{fence}text\n{example.bad.strip()}\n{fence}")
        parts.append(f"Fine:\n\n{fence}text\n{example.good.strip()}\n{fence}")
    parts.append(
        f"[Rule reference]({url})" if url else f"Run `copydesk explain {rule.id}` for details."
    )
    return "\n\n".join(parts)


def _descriptor(rule_id: str, rule: Rule | None) -> dict:
    if rule is None:  # a finding of a rule the report does not describe
        return {"id": rule_id, "shortDescription": {"text": rule_id}}
    url = _docs_url(rule.id)
    out: dict = {
        "id": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale or rule.summary},
        "help": {
            "text": f"{rule.summary}\n\n{rule.rationale}".strip(),
            "markdown": _help_markdown(rule, url),
        },
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": ["copydesk", rule.check, *rule.tags]},
    }
    if url:
        out["helpUri"] = url
    return out


def _related(loc: Location, index: int, root) -> dict:
    return {
        "id": index,
        "physicalLocation": _physical(
            repo_path(loc.path, root),
            loc.line,
            loc.column,
            loc.end_line,
            loc.end_column,
            loc.excerpt,
        ),
        "message": {"text": loc.excerpt or f"line {loc.line}"},
    }


def _result(f: Finding, index: int, line_hash: str, root) -> dict:
    path = repo_path(f.path, root)
    result: dict = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": _physical(
                    path, f.line, f.column, f.end_line, f.end_column, f.excerpt
                )
            }
        ],
        "partialFingerprints": {"primaryLocationLineHash": line_hash},
    }
    if f.related:
        result["relatedLocations"] = [_related(loc, i, root) for i, loc in enumerate(f.related, 1)]
    return result


def line_hash(key: Key) -> str:
    """GitHub's ``hash:occurrence`` shape: rule, path and text hashed, then the occurrence."""
    return f"{key._replace(occurrence=0).fingerprint()[:16]}:{key.occurrence + 1}"


def as_dict(report: Report) -> dict:
    """The SARIF log as a JSON-ready dict."""
    root = repo_root()
    ids = sorted(set(report.rules) | {f.rule for f in report.findings})
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    keys = finding_keys(report.findings, lambda p: repo_path(p, root))
    results = [
        _result(f, index[f.rule], line_hash(key), root)
        for f, key in zip(report.findings, keys, strict=True)
    ]
    invocation: dict = {"executionSuccessful": not report.errors}
    if report.errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": message}} for message in report.errors
        ]
    run = {
        "tool": {
            "driver": {
                "name": "copydesk",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_descriptor(i, report.rules.get(i)) for i in ids],
            }
        },
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": file_uri(root)}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report, **_options) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
