"""Issue 10, item 8: stopping and starving.

`monitor run` as a real process with a backlog of alerts for a slow loopback receiver: SIGTERM
finishes the message in flight and leaves the rest queued (it exits within seconds, with no
CancelledError traceback), and a restart sends the rest, each exactly once. Delivery runs in
bounded slices between analysis rounds, so an alert for a new item does not wait behind the
whole backlog.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
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
from tests.support.servers import LoopbackServer, Request, Response
from tests.support.waiting import wait_for

BACKLOG = 60


class SlowReceiver:
    def __init__(self, server: LoopbackServer, delay: float) -> None:
        self.delay = delay
        self.ids: list[str] = []
        self.entities: list[list[str]] = []
        self.lock = threading.Lock()
        server.route("/hook", self.handle)

    def handle(self, request: Request) -> Response:
        doc = Webhook(SECRET).verify(request.body, request.headers)
        time.sleep(self.delay)
        with self.lock:
            self.ids.append(request.headers["webhook-id"])
            self.entities.append([c["entity"]["key"] for c in doc["changes"]])
        return Response(200, b"ok")


def statuses(engine) -> Counter[str]:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return Counter(m.status for m in session.exec(select(OutboxMessage)).all())


def test_sigterm_finishes_the_message_in_flight_and_leaves_the_rest_queued(
    tmp_path: Path, http_server: LoopbackServer
) -> None:
    receiver = SlowReceiver(http_server, 0.1)
    http_server.route("/feed.xml", body=rss([]), headers={"Content-Type": "application/rss+xml"})
    config = write_config(
        tmp_path,
        webhook_alert("hook", http_server.url("/hook")),
        extra=feed_source(http_server.url("/feed.xml"), every="1h") + "[daemon]\nparse_processes = 0\n",
    )
    engine = database(config)
    now = datetime.now(UTC)
    ids = [queue(engine, config, [sample_change("naftan", "Naftan")], now=now)[0] for _ in range(BACKLOG)]
    env = {**os.environ, "TEST_WEBHOOK_SECRET": SECRET}
    log_path = tmp_path / "daemon.log"
    with log_path.open("w") as log:
        daemon = subprocess.Popen(monitor_command(config, "run"), env=env, cwd=tmp_path, stdout=log, stderr=log)
        try:
            assert wait_for(lambda: len(receiver.ids) >= 5, 60), log_path.read_text()
            stopped_at = time.monotonic()
            daemon.send_signal(signal.SIGTERM)
            assert daemon.wait(30) == 0
            took = time.monotonic() - stopped_at
        finally:
            if daemon.poll() is None:
                daemon.kill()
                daemon.wait()
    text = log_path.read_text()
    assert "Traceback" not in text and "CancelledError" not in text, text
    assert took < 5, f"took {took:.1f}s to stop"
    counts = statuses(engine)
    assert counts["sending"] == 0  # the message in flight was finished
    assert counts["delivered"] == len(set(receiver.ids)) < BACKLOG / 2
    assert counts["pending"] == BACKLOG - counts["delivered"]
    # a restart sends the rest; every alert arrives exactly once
    with log_path.open("a") as log:
        daemon = subprocess.Popen(monitor_command(config, "run"), env=env, cwd=tmp_path, stdout=log, stderr=log)
        try:
            assert wait_for(lambda: statuses(engine)["delivered"] == BACKLOG, 60), log_path.read_text()
            daemon.send_signal(signal.SIGTERM)
            assert daemon.wait(30) == 0
        finally:
            if daemon.poll() is None:
                daemon.kill()
                daemon.wait()
    engine.dispose()
    assert sorted(Counter(receiver.ids)) == sorted(ids) and set(Counter(receiver.ids).values()) == {1}


def test_a_new_alert_does_not_wait_behind_the_whole_backlog(tmp_path: Path, http_server: LoopbackServer) -> None:
    receiver = SlowReceiver(http_server, 0.1)
    feed = {"body": rss([])}
    http_server.route("/feed.xml", lambda _r: Response(200, feed["body"], {"Content-Type": "application/rss+xml"}))
    config = write_config(
        tmp_path,
        webhook_alert("hook", http_server.url("/hook")),
        extra=feed_source(http_server.url("/feed.xml"), every="1s") + "[daemon]\nparse_processes = 0\n",
    )
    engine = database(config)
    now = datetime.now(UTC)
    for _ in range(BACKLOG):
        queue(engine, config, [replace(sample_change("naftan", "Naftan"))], now=now)
    env = {**os.environ, "TEST_WEBHOOK_SECRET": SECRET}
    log_path = tmp_path / "daemon.log"
    with log_path.open("w") as log:
        daemon = subprocess.Popen(monitor_command(config, "run"), env=env, cwd=tmp_path, stdout=log, stderr=log)
        try:
            assert wait_for(lambda: len(receiver.ids) >= 3, 60), log_path.read_text()
            feed["body"] = rss(
                [
                    (
                        "new-1",
                        "US Treasury adds Belavia to its sanctions list",
                        "http://127.0.0.1/news/new-1",
                        now - timedelta(hours=1),
                    )
                ]
            )
            assert wait_for(lambda: any("belavia" in e for e in receiver.entities), 60), log_path.read_text()
            sent_before = next(i for i, e in enumerate(receiver.entities) if "belavia" in e)
            daemon.send_signal(signal.SIGTERM)
            assert daemon.wait(30) == 0
        finally:
            if daemon.poll() is None:
                daemon.kill()
                daemon.wait()
    engine.dispose()
    # the new alert went out within a slice or two, long before the 60-message backlog drained
    assert sent_before < BACKLOG / 2, f"the new alert was sent after {sent_before} backlog messages"
