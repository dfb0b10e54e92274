"""``--format junit``: JUnit XML for CI test-report views (GitLab, Jenkins, Azure…).

One ``<testsuite>`` per checked file and one failing ``<testcase>`` per finding; a file without
findings gets one passing test case so that it shows up as checked. Text is escaped by the XML
writer; characters XML 1.0 cannot carry (control characters) are replaced by U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from checker.engine import Report
from checker.finding import Finding

_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _failure_text(f: Finding) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}"]
    if f.excerpt:
        lines.append(f"    | {f.excerpt}")
    return "\n".join(lines)


def render(report: Report, **_options) -> str:
    by_path: dict[str, list[Finding]] = {}
    for path in report.paths:
        by_path.setdefault(path, [])
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    failures = len(report.findings)
    tests = sum(max(1, len(fs)) for fs in by_path.values()) + len(report.errors)
    root = ET.Element(
        "testsuites",
        name="copydesk",
        tests=str(tests),
        failures=str(failures),
        errors=str(len(report.errors)),
        time="0",
    )
    for path, findings in sorted(by_path.items()):
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_clean(path),
            tests=str(max(1, len(findings))),
            failures=str(len(findings)),
            errors="0",
            skipped="0",
            time="0",
        )
        if not findings:
            ET.SubElement(suite, "testcase", classname=_clean(path), name="copydesk", time="0")
        for f in findings:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=_clean(path),
                name=_clean(f"{f.rule} at {f.line}:{f.column}"),
                file=_clean(path),
                line=str(f.line),
                time="0",
            )
            failure = ET.SubElement(case, "failure", message=_clean(f.message), type=_clean(f.rule))
            failure.text = _clean(_failure_text(f))
    if report.errors:  # paths that could not be checked at all
        n = str(len(report.errors))
        suite = ET.SubElement(
            root, "testsuite", name="copydesk", tests=n, failures="0", errors=n, time="0"
        )
        for message in report.errors:
            case = ET.SubElement(suite, "testcase", classname="copydesk", name="run", time="0")
            ET.SubElement(case, "error", message=_clean(message))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
