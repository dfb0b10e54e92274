"""A hang guard for the in-process hostile tests: a regression that blocks (opening a named
pipe, reading /dev/zero) fails the test after a generous delay instead of freezing the suite."""

from __future__ import annotations

import signal
import threading

import pytest

HANG_GUARD_SECONDS = 120


@pytest.fixture(autouse=True)
def hang_guard():
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _hung(signum, frame):
        raise TimeoutError(f"still running after {HANG_GUARD_SECONDS} s: copydesk hangs")

    previous = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(HANG_GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
