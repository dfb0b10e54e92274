"""Check kinds: the Python that rules (YAML in ``rules/``) run.

Each kind is one small module with:

* ``OPTIONS``: option names and their defaults (a rule may set only these; types are checked);
* ``check(doc, rule)``: yields the findings of one rule on one document; or, for a kind that
  looks across the repository, ``index(doc, rule)`` returning a small picklable entry per
  document and ``reduce(entries, rule)`` yielding findings once all documents were seen.

Modules are imported only when a rule of their kind runs.
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType
from typing import Any

#: Check kind name → module. Adding a kind is adding a module and a line here.
KINDS: dict[str, str] = {
    "builtin": "checker.checks.builtin",
    "language": "checker.checks.language",
    "translation": "checker.checks.translation",
    "duplicate": "checker.checks.duplicate",
    "phrases": "checker.checks.phrases",
    "claims": "checker.checks.claims",
    "quotes": "checker.checks.quotes",
    "vague": "checker.checks.vague",
    "sources": "checker.checks.sources",
    "dates": "checker.checks.dates",
    "names": "checker.checks.names",
    "corpus_names": "checker.checks.corpus_names",
    "aliases": "checker.checks.aliases",
    "headline": "checker.checks.headline",
    "metric": "checker.checks.metric",
    "sentence_length": "checker.checks.sentence_length",
    "typography": "checker.checks.typography",
    "pair_numbers": "checker.checks.pair_numbers",
    "pair_names": "checker.checks.pair_names",
    "pair_blocks": "checker.checks.pair_blocks",
    "pair_untranslated": "checker.checks.pair_untranslated",
    "pair_links": "checker.checks.pair_links",
}


@cache
def kind_module(name: str) -> ModuleType:
    """The module implementing a check kind."""
    return importlib.import_module(KINDS[name])


def kind_options(name: str) -> dict[str, Any]:
    """Option names and defaults of a check kind."""
    return dict(getattr(kind_module(name), "OPTIONS", {}))


def is_corpus_kind(name: str) -> bool:
    """Whether the kind looks across documents (``index`` + ``reduce``)."""
    return hasattr(kind_module(name), "reduce")
