"""Findings and severities: what every check produces and every reporter consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """How serious a finding is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Read a severity name as written in YAML, config or on the command line."""
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {value!r} (expected error, warning or info)"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Location:
    """A place in a file, 1-based lines and columns (columns count code points)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str = ""


@dataclass(frozen=True)
class Finding:
    """One problem at one place of one file."""

    path: str
    rule: str
    severity: Severity
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    excerpt: str
    lang: str = ""
    related: tuple[Location, ...] = field(default=())

    def sort_key(self) -> tuple:
        """Findings are reported by file, position, then rule id: stable whatever the run order."""
        return (
            self.path,
            self.line,
            self.column,
            self.rule,
            self.end_line,
            self.end_column,
            self.message,
        )

    def to_dict(self) -> dict:
        """The public JSON shape of a finding (see the README)."""
        return {
            "path": self.path,
            "rule": self.rule,
            "severity": str(self.severity),
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "excerpt": self.excerpt,
        }
