"""``--format json``: the stable, documented machine-readable report."""

from __future__ import annotations

import json

from checker import __version__
from checker.engine import Report
from checker.finding import Severity


def as_dict(report: Report) -> dict:
    return {
        "tool": {"name": "copydesk", "version": __version__},
        "findings": [f.to_dict() for f in report.findings],
        "summary": {
            "files": report.files,
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "infos": report.count(Severity.INFO),
        },
    }


def render(report: Report, **_options) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
