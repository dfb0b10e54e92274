"""copydesk: a content-quality and translation-consistency checker for articles.

The public API is small and stable:

* :func:`check_paths` checks files and folders the way the CLI does;
* :func:`check_text` checks one article held in memory (a CMS hook, a notebook);
* :func:`check_document` and :func:`merge_results` are the per-document step and the reduce
  step of a run, for schedulers of your own (:mod:`checker.distributed` runs them on Dask).

Both return a :class:`checker.engine.Report`. Heavy modules are imported lazily so that
``copydesk --version`` and a one-file pre-commit run stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from checker.engine import Report


def check_paths(paths: list[str], **options: Any) -> Report:
    """Check files and folders; see :func:`checker.engine.check_paths` for the options."""
    from checker.engine import check_paths as _check_paths

    return _check_paths(paths, **options)


def check_text(text: str, filename: str = "<stdin>.txt", **options: Any) -> Report:
    """Check one article given as text; ``filename`` picks the reader and the config."""
    from checker.engine import check_text as _check_text

    return _check_text(text, filename, **options)


def check_document(path: str, **options: Any) -> Any:
    """The per-document step; see :func:`checker.engine.check_document`."""
    from checker.engine import check_document as _check_document

    return _check_document(path, **options)


def merge_results(results: Any, **options: Any) -> Report:
    """The reduce step; see :func:`checker.engine.merge_results`."""
    from checker.engine import merge_results as _merge_results

    return _merge_results(results, **options)


__all__ = ["__version__", "check_document", "check_paths", "check_text", "merge_results"]
