"""Reporters render a :class:`~checker.engine.Report` in one output format each."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from checker.engine import Report

#: ``--format`` name → module with ``render(report, **options) -> str``.
FORMATS: dict[str, str] = {
    "text": "checker.reporters.text",
    "json": "checker.reporters.json",
    "sarif": "checker.reporters.sarif",
    "github": "checker.reporters.github",
    "gitlab": "checker.reporters.gitlab",
    "junit": "checker.reporters.junit",
    "html": "checker.reporters.html",
}


def render(fmt: str, report: Report, **options) -> str:
    """The report as text in format ``fmt``."""
    module = importlib.import_module(FORMATS[fmt])
    return module.render(report, **options)
