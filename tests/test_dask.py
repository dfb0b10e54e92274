"""The Dask path: a real local cluster with two worker processes gives the CLI's report."""

from __future__ import annotations

import os

import pytest
from conftest import SAMPLES

from checker import check_paths
from checker.reporters import render

if not os.environ.get("CI"):
    pytest.importorskip("dask.distributed")


def test_dask_cluster_matches_the_cli() -> None:
    from dask.distributed import Client, LocalCluster

    from checker.distributed import check_with_dask

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        report = check_with_dask([str(SAMPLES)], client)
    assert render("json", report) == render("json", check_paths([str(SAMPLES)]))
    assert report.files >= 15 and report.findings
