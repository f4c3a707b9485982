"""`monitor` with a slow analysis step, for tests that run real processes (not a test module).

`python tests/support/slow_monitor.py --config C run --once` is `monitor --config C run --once`, except
that each analysis round first waits: until the file named by SLOW_ANALYSIS_UNTIL exists (the
test releases it), and at least SLOW_ANALYSIS_SECONDS. It writes SLOW_ANALYSIS_STARTED when it
begins waiting. The database, the HTTP client and the alert channels are the real ones.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import monitor.daemon
import monitor.events.pipeline
from monitor.cli import cli

_original = monitor.events.pipeline.analyze_pending_items


def slow_analyze_pending_items(*args, **kwargs):  # type: ignore[no-untyped-def]
    started = time.monotonic()
    marker = os.environ.get("SLOW_ANALYSIS_STARTED")
    if marker:
        Path(marker).write_text(str(os.getpid()))
    until = os.environ.get("SLOW_ANALYSIS_UNTIL")
    least = float(os.environ.get("SLOW_ANALYSIS_SECONDS", "0"))
    while time.monotonic() - started < 120:
        if time.monotonic() - started >= least and (not until or Path(until).exists()):
            break
        time.sleep(0.05)
    return _original(*args, **kwargs)


monitor.daemon.analyze_pending_items = slow_analyze_pending_items  # type: ignore[assignment]

if __name__ == "__main__":
    cli()
