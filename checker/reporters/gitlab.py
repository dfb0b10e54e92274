"""``--format gitlab``: a GitLab Code Quality report (``artifacts:reports:codequality``).

A JSON array of issues with ``description``, ``check_name``, ``fingerprint``, ``severity`` and
``location.path`` / ``location.lines.begin``. Fingerprints hash rule, path, the text the finding
points at and an occurrence index: unique per finding and unchanged when lines move, so merge
requests show only the problems they add or fix. Paths are relative to the repository root.
"""

from __future__ import annotations

import json

from checker.baseline import finding_keys
from checker.engine import Report
from checker.finding import Severity
from checker.reporters.paths import repo_path, repo_root

#: GitLab's scale is info, minor, major, critical, blocker; copydesk findings are about text,
#: never security or build breakers, so an error is ``major``.
SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def as_list(report: Report) -> list[dict]:
    root = repo_root()
    keys = finding_keys(report.findings, lambda p: repo_path(p, root))
    issues = []
    for f, key in zip(report.findings, keys, strict=True):
        issues.append(
            {
                "type": "issue",
                "engine_name": "copydesk",
                "check_name": f.rule,
                "description": f"[{f.rule}] {f.message}",
                "categories": ["Style"],
                "fingerprint": key.fingerprint(),
                "severity": SEVERITY[f.severity],
                "location": {
                    "path": key.path,
                    "lines": {"begin": f.line, "end": max(f.end_line, f.line)},
                },
            }
        )
    return issues


def render(report: Report, **_options) -> str:
    return json.dumps(as_list(report), ensure_ascii=False, indent=2) + "\n"
