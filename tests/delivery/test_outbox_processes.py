"""Two real `monitor run --once` processes on one database deliver every alert exactly once.

Issue 10, item 1: the delivery step used a `now` taken before analysis, so a process whose
analysis ran long wrote a `claimed_at` in the past, and the other process took the lease for
expired and sent the message again. Here process A's analysis is held (tests/support/slow_monitor.py)
for longer than the lease while process B starts and delivers; then A delivers too. A real
loopback receiver verifies each signature and counts webhook-ids.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session, select
from standardwebhooks.webhooks import Webhook

from monitor.storage.models import OutboxMessage
from tests.support.alerting import (
    SECRET,
    database,
    feed_source,
    monitor_command,
    queue,
    rss,
    sample_change,
    webhook_alert,
    write_config,
)
from tests.support.paths import ROOT
from tests.support.servers import LoopbackServer, Request, Response
from tests.support.waiting import wait_for

ALERTS = 40
SLOW = ROOT / "tests" / "support" / "slow_monitor.py"


def test_two_processes_and_a_slow_analysis_send_every_alert_exactly_once(
    tmp_path: Path, http_server: LoopbackServer, database_url: str
) -> None:
    received: list[str] = []
    lock = threading.Lock()

    def receiver(request: Request) -> Response:
        Webhook(SECRET).verify(request.body, request.headers)
        with lock:
            received.append(request.headers["webhook-id"])
        time.sleep(0.1)  # each POST takes a moment: the two processes overlap
        return Response(200, b"ok")

    http_server.route("/hook", receiver)
    http_server.route("/feed.xml", body=rss([]), headers={"Content-Type": "application/rss+xml"})
    # lease = 3 x 0.5 s + 5 s = 6.5 s; process A's analysis is held for 7.5 s
    config = write_config(
        tmp_path,
        webhook_alert("hook", http_server.url("/hook"), timeout='"500ms"'),
        extra=feed_source(http_server.url("/feed.xml"), every="1h") + "[daemon]\nparse_processes = 0\n",
        database_url=database_url,
    )
    engine = database(config)
    now = datetime.now(UTC)
    ids = [queue(engine, config, [sample_change()], now=now)[0] for _ in range(ALERTS)]
    started, release = tmp_path / "a-started", tmp_path / "release"
    env = {**os.environ, "TEST_WEBHOOK_SECRET": SECRET}
    slow_env = {**env, "SLOW_ANALYSIS_STARTED": str(started), "SLOW_ANALYSIS_UNTIL": str(release)}
    logs = {name: (tmp_path / f"{name}.log").open("w+") for name in "ab"}
    a = subprocess.Popen(
        [sys.executable, str(SLOW), "--config", str(config.path), "run", "--once"],
        env=slow_env,
        cwd=tmp_path,
        stdout=logs["a"],
        stderr=logs["a"],
    )
    b = None
    try:
        assert wait_for(started.exists, 60), (tmp_path / "a.log").read_text()
        time.sleep(7.5)  # A's analysis has now run longer than the lease
        b = subprocess.Popen(
            monitor_command(config, "run", "--once"), env=env, cwd=tmp_path, stdout=logs["b"], stderr=logs["b"]
        )
        assert wait_for(lambda: len(received) >= 3, 60), (tmp_path / "b.log").read_text()
        release.write_text("go")  # A delivers while B is still delivering
        assert a.wait(120) == 0, (tmp_path / "a.log").read_text()
        assert b.wait(120) == 0, (tmp_path / "b.log").read_text()
    finally:
        for proc in (a, b):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
        for f in logs.values():
            f.close()
    log_a, log_b = ((tmp_path / f"{n}.log").read_text() for n in "ab")
    counts = Counter(received)
    doubled = {i: n for i, n in counts.items() if n != 1}
    assert not doubled, f"{len(doubled)} alerts sent more than once\nA:\n{log_a}\nB:\n{log_b}"
    assert sorted(counts) == sorted(ids)
    with Session(engine) as session:
        rows = session.exec(select(OutboxMessage)).all()
    engine.dispose()
    assert all(r.status == "delivered" and r.attempts == 1 for r in rows)
    # the two processes really overlapped: each delivered a share
    assert "delivered message=" in log_a and "delivered message=" in log_b, f"A:\n{log_a}\nB:\n{log_b}"
