"""Check kinds: the Python that rules (YAML in ``rules/``) run.

Each kind is one small module with:

* ``OPTIONS``: option names and their defaults (a rule may set only these; types are checked);
* ``check(doc, rule)``: yields the findings of one rule on one document; or, for a kind that
  looks across the repository, ``index(doc, rule)`` returning a small picklable entry per
  document and ``reduce(entries, rule)`` yielding findings once all documents were seen.

Modules are imported only when a rule of their kind runs: what loading rules needs to know of a
kind (its options, whether it validates them, whether it is a corpus kind) is kept in the data
cache (:mod:`checker.datacache`), keyed by copydesk's code files, so ``copydesk rules`` and the
parent of a ``--jobs`` run do not import rapidfuzz, babel, textstat and the rest.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
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


def _describe() -> dict[str, dict[str, Any]] | None:
    """What rule loading needs of every kind (imports them all: run on a cache miss only)."""
    out = {}
    for name in KINDS:
        try:
            module = kind_module(name)
        except ImportError:
            return None  # reported where the kind is used, as without the cache
        out[name] = {
            "options": dict(getattr(module, "OPTIONS", {})),
            "validate": callable(getattr(module, "validate", None)),
            "corpus": hasattr(module, "reduce"),
        }
    return out


@cache
def _metadata() -> dict[str, dict[str, Any]]:
    from checker import datacache

    # OPTIONS may use constants of other modules: any code file of copydesk makes a new entry.
    root = Path(__file__).resolve().parent.parent
    files = sorted(p for d in (root, root / "checks", root / "text") for p in d.glob("*.py"))
    extra = json.dumps(KINDS, sort_keys=True)
    found = datacache.derived("kinds", files, _describe, extra=extra)
    return found if isinstance(found, dict) else {}


def _known(name: str) -> dict[str, Any] | None:
    info = _metadata().get(name) if name in KINDS else None
    return info if isinstance(info, dict) and isinstance(info.get("options"), dict) else None


def kind_options(name: str) -> dict[str, Any]:
    """Option names and defaults of a check kind."""
    info = _known(name)
    if info is not None:
        return dict(info["options"])
    return dict(getattr(kind_module(name), "OPTIONS", {}))


def kind_validator(name: str) -> Callable[[dict[str, Any], str], None] | None:
    """The kind's ``validate(options, where)``, if it has one."""
    info = _known(name)
    if info is not None and not info.get("validate"):
        return None
    return getattr(kind_module(name), "validate", None)


def is_corpus_kind(name: str) -> bool:
    """Whether the kind looks across documents (``index`` + ``reduce``)."""
    info = _known(name)
    if info is not None:
        return bool(info.get("corpus"))
    return hasattr(kind_module(name), "reduce")
