"""Problems found while reading a file (unreadable, binary, bad front matter).

These rules have no check function: readers and the engine report them, so that a bad file is
a finding on that file and never stops the run. The kind exists so they can be listed,
explained, selected and ignored like any other rule.
"""

from __future__ import annotations

OPTIONS: dict = {}
