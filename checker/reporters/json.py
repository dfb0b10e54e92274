"""``--format json``: the stable, documented machine-readable report."""

from __future__ import annotations

import json
from json.encoder import encode_basestring

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
    """The report as ``json.dumps(..., indent=2)`` writes it.

    The findings (thousands of flat objects) are written here line by line: the indenting
    encoder of the json module is pure Python and took a tenth of an unchanged re-run.
    """
    data = as_dict(report)
    findings = data["findings"]
    data["findings"] = []
    head, _, tail = json.dumps(data, ensure_ascii=False, indent=2).partition('"findings": []')
    if not findings:
        return f'{head}"findings": []{tail}\n'
    items = ",\n".join(_flat(f) for f in findings)
    return f'{head}"findings": [\n{items}\n  ]{tail}\n'


def _flat(finding: dict) -> str:
    """One finding (a flat object of strings, numbers and nulls) at the findings' depth."""
    if not all(v is None or isinstance(v, (str, int, float)) for v in finding.values()):
        text = json.dumps(finding, ensure_ascii=False, indent=2)
        return "    " + text.replace("\n", "\n    ")
    fields = ",\n".join(f"      {_dump(k)}: {_dump(v)}" for k, v in finding.items())
    return "    {\n" + fields + "\n    }" if fields else "    {}"


def _dump(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False)`` for one scalar, without building an encoder."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    return json.dumps(value, ensure_ascii=False)
