"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message``; infos are
``::notice``. As the runner requires, ``%``, CR and LF are escaped in the message and in
properties, and ``:`` and ``,`` in properties too. Paths are relative to the repository root.
"""

from __future__ import annotations

from checker.engine import Report
from checker.finding import Severity
from checker.reporters.paths import repo_path, repo_root

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, **_options) -> str:
    root = repo_root()
    lines = []
    for f in report.findings:
        path = repo_path(f.path, root)
        props = {
            "file": path,
            "line": f.line,
            "col": f.column,
            "endLine": max(f.end_line, f.line),
            "endColumn": f.end_column,
            "title": f"copydesk ({f.rule})",
        }
        head = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
        message = f"{path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}"
        lines.append(f"::{COMMAND[f.severity]} {head}::{escape_data(message)}\n")
    return "".join(lines)
