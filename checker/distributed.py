"""Check a whole archive on a Dask cluster (``pip install 'copydesk[dask]'``).

Documents are checked where the workers are (:func:`checker.engine.check_document`, the
per-document step); results come back as plain data and are merged here, where the corpus
rules run (:func:`checker.engine.merge_results`, the reduce step). The report is the one the
CLI gives for the same files. Workers must see the files at the same paths.

    from dask.distributed import Client
    from checker.distributed import check_with_dask

    with Client(n_workers=4) as client:
        report = check_with_dask(["archive/"], client)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from checker.engine import Report, check_document, merge_results
from checker.sources import discover


def check_with_dask(paths: Iterable[str], client: Any, **options: Any) -> Report:
    """Check files and folders on ``client`` (a ``dask.distributed.Client``).

    ``options`` are those of :func:`checker.engine.merge_results` (``select``, ``ignore``,
    ``lang``, ``config``, ``keep_documents``, ``baseline``, ``rule_dirs``).
    """
    errors: list[str] = []
    files = [source.display for source in discover(list(paths), errors)]
    if "rule_dirs" in options:  # workers may start elsewhere: give them absolute folders
        options["rule_dirs"] = [str(Path(d).resolve()) for d in options["rule_dirs"]]
    per_document = {k: v for k, v in options.items() if k != "baseline"}
    futures = client.map(check_document, files, pure=False, **per_document)
    results = client.gather(futures)
    return merge_results(results, errors=errors, **options)
