"""Acceptance: a loopback feed reports that the US Treasury removed Belavia from its sanctions list;
`monitor run --once` with an email and a webhook channel; the SMTP server gets a mail and the
receiver a correctly signed webhook, both showing Belavia, US, before -> lifted, and the link."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from tests.support.alerting import (
    SECRET,
    WebhookReceiver,
    email_alert,
    feed_source,
    monitor_command,
    rss,
    smtp_server,
    webhook_alert,
    write_config,
)
from tests.support.servers import LoopbackServer

LINK = "http://127.0.0.1/news/belavia-delisted"
TITLE = "US Treasury removes Belavia from its sanctions list"


def test_run_once_sends_the_lift_by_email_and_signed_webhook(
    tmp_path: Path, http_server: LoopbackServer, database_url: str
) -> None:
    published = datetime.now(UTC).replace(microsecond=0)
    http_server.route(
        "/feed.xml", body=rss([("belavia-1", TITLE, LINK, published)]), headers={"Content-Type": "application/rss+xml"}
    )
    receiver = WebhookReceiver(http_server)
    with smtp_server() as (sink, port):
        config = write_config(
            tmp_path,
            email_alert("desk-mail", port) + webhook_alert("ops-webhook", receiver.url),
            extra=feed_source(http_server.url("/feed.xml")),
            database_url=database_url,
        )
        env = {**os.environ, "TEST_WEBHOOK_SECRET": SECRET}
        done = subprocess.run(
            monitor_command(config, "run", "--once"), env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
    assert receiver.rejected == []
    [(webhook_id, doc)] = receiver.accepted
    [change] = doc["changes"]
    assert change["entity"] == {"key": "belavia", "name": "Belavia"}
    assert (change["jurisdiction"], change["after"], change["action"]) == ("US", "lifted", "lift")
    assert change["before"] != "lifted"
    assert LINK in [e["link"] for e in change["evidence"]]
    [mail] = sink.mails
    assert mail["Subject"] == "Belavia: US sanctions lifted"
    assert mail["Message-ID"] != f"<{webhook_id}@sanctions-monitor>"  # one alert per channel
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert f"Status: {change['before']} -> lifted" in text and LINK in text
    html = mail.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert f'href="{LINK}"' in html
