"""``--format text``: lint-style lines for people at a terminal.

``path:line:col: severity [rule] message``, the source line with the span underlined, and a
summary. Colour only when writing to a terminal and ``NO_COLOR`` is not set.
"""

from __future__ import annotations

from checker.engine import Report
from checker.finding import Severity

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(report: Report, colour: bool = False, **_options) -> str:
    lines: list[str] = []
    for f in report.findings:
        where = _paint(f"{f.path}:{f.line}:{f.column}:", "1", colour)
        sev = _paint(str(f.severity), _COLOURS[f.severity], colour)
        lines.append(f"{where} {sev} [{f.rule}] {f.message}")
        if f.excerpt:
            width = max(1, (f.end_column - f.column) if f.end_line == f.line else len(f.excerpt))
            excerpt = f.excerpt if len(f.excerpt) <= 100 else f.excerpt[:99] + "…"
            lines.append(f"    | {excerpt}")
            lines.append(
                "    | " + _paint("^" * min(width, len(excerpt)), _COLOURS[f.severity], colour)
            )
    errors, warnings, infos = (
        report.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    total = len(report.findings)
    files = _plural(report.files, "file")
    if total:
        lines.append(
            f"Found {_plural(total, 'problem')} ({_plural(errors, 'error')}, "
            f"{_plural(warnings, 'warning')}, {_plural(infos, 'info')}) in {files}."
        )
    else:
        lines.append(f"No problems found in {files}.")
    return "\n".join(lines) + "\n"
