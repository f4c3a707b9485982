"""The daemon as a subprocess, SIGKILLed while it delivers and restarted: every alert arrives,
none is lost, and a receiver deduping on webhook-id sees each exactly once (at most the one
message in flight at the kill is re-sent, with the same webhook-id)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import Session, select
from standardwebhooks.webhooks import Webhook

from monitor.storage.models import OutboxMessage
from tests.support.alerting import SECRET, database, feed_source, monitor_command, rss, webhook_alert, write_config
from tests.support.servers import LoopbackServer, Request, Response
from tests.support.waiting import wait_for

ALERTS = 6


def items() -> list[tuple[str, str, str, datetime]]:
    """Alternating US designations and removals of Belavia, months apart: each one changes status."""
    start = datetime(2021, 1, 4, 12, tzinfo=UTC)
    out = []
    for i in range(ALERTS):
        verb = "adds Belavia to" if i % 2 == 0 else "removes Belavia from"
        out.append(
            (
                f"crash-{i}",
                f"US Treasury {verb} its sanctions list",
                f"http://127.0.0.1/news/{i}",
                start + timedelta(days=60 * i),
            )
        )
    return out


def test_sigkill_during_delivery_loses_nothing_and_doubles_nothing(
    tmp_path: Path, http_server: LoopbackServer, database_url: str
) -> None:
    received: list[str] = []

    def slow_receiver(request: Request) -> Response:
        Webhook(SECRET).verify(request.body, request.headers)
        received.append(request.headers["webhook-id"])
        time.sleep(0.4)  # the sender is waiting for this answer when it is killed
        return Response(200, b"ok")

    http_server.route("/feed.xml", body=rss(items()), headers={"Content-Type": "application/rss+xml"})
    http_server.route("/hook", slow_receiver)
    config = write_config(
        tmp_path,
        webhook_alert("hook", http_server.url("/hook"), timeout='"1s"'),
        extra=feed_source(http_server.url("/feed.xml"), every="1h") + '[daemon]\ndeliver_every = "1s"\n',
        database_url=database_url,
    )
    env = {**os.environ, "TEST_WEBHOOK_SECRET": SECRET}
    log = (tmp_path / "daemon.log").open("w")
    first = subprocess.Popen(monitor_command(config, "run"), env=env, cwd=tmp_path, stdout=log, stderr=log)
    try:
        assert wait_for(lambda: len(received) >= 2, 60), (tmp_path / "daemon.log").read_text()
        first.send_signal(signal.SIGKILL)  # the second POST is in flight: not yet marked delivered
        first.wait(10)
        in_flight = received[-1]
        second = subprocess.Popen(monitor_command(config, "run"), env=env, cwd=tmp_path, stdout=log, stderr=log)
        try:
            engine = database(config)

            def all_delivered() -> bool:
                with Session(engine) as session:
                    rows = session.exec(select(OutboxMessage)).all()
                return len(rows) == ALERTS and all(r.status == "delivered" for r in rows)

            assert wait_for(all_delivered, 60), (tmp_path / "daemon.log").read_text()
        finally:
            second.send_signal(signal.SIGTERM)
            assert second.wait(30) == 0
    finally:
        if first.poll() is None:
            first.kill()
        log.close()
    with Session(engine) as session:
        ids = {m.id for m in session.exec(select(OutboxMessage))}
    counts = Counter(received)
    assert set(counts) == ids and len(ids) == ALERTS  # every alert delivered
    # the POST in flight at the kill was never marked delivered, so it was re-sent once, with
    # the same webhook-id; every other alert was sent exactly once
    assert counts[in_flight] == 2
    assert all(n == 1 for i, n in counts.items() if i != in_flight)
