"""Issue 10, item 9 (part): `monitor alerts retry` re-queues alerts that failed for good.

A real SMTP server (aiosmtpd) answers 535 ("authentication credentials invalid", as a relay
does when its account is locked) to every message: each queued mail fails for good. Once the
account is fixed, `monitor alerts retry` puts them back, and the next delivery sends each once,
with its original Message-ID.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner
from sqlmodel import Session, select

from monitor.cli import cli
from monitor.delivery.outbox import deliver_due, retry_failed
from monitor.storage.models import OutboxMessage
from tests.support.alerting import (
    NOW,
    MailSink,
    WebhookReceiver,
    database,
    email_alert,
    free_port,
    queue,
    sample_change,
    webhook_alert,
    write_config,
)
from tests.support.servers import LoopbackServer


class RefusingSink(MailSink):
    """Answers 535 to every message while `refuse` is set."""

    refuse = False

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return "535 5.7.8 Authentication credentials invalid"
        return await super().handle_DATA(server, session, envelope)


@contextlib.contextmanager
def smtp_server() -> Iterator[tuple[RefusingSink, int]]:
    sink = RefusingSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield sink, controller.port
    finally:
        controller.stop()


def statuses(engine) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return {m.id: m.status for m in session.exec(select(OutboxMessage)).all()}


def test_smtp_535_failures_are_requeued_by_alerts_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, http_server: LoopbackServer
) -> None:
    from tests.support.alerting import SECRET

    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    hook = WebhookReceiver(http_server, status=404)  # another channel failing for good
    with smtp_server() as (sink, port):
        sink.refuse = True
        config = write_config(tmp_path, email_alert("mail", port) + webhook_alert("hook", hook.url))
        engine = database(config)
        for _ in range(3):
            queue(engine, config, [sample_change()])
        deliver_due(engine, config, now=NOW)
        assert set(statuses(engine).values()) == {"failed"}  # 535: no retry; 404: no retry
        with Session(engine) as session:
            row = session.exec(select(OutboxMessage).where(OutboxMessage.channel == "mail")).first()
            assert row is not None and "535" in (row.last_error or "")
        sink.refuse = False  # fixed
        result = CliRunner().invoke(
            cli, ["--config", str(config.path), "alerts", "retry", "--channel", "mail", "--failed-since", "2025-11-01"]
        )
        assert result.exit_code == 0, result.output
        assert "re-queued 3 failed alerts" in result.output
        by_channel = {}
        with Session(engine) as session:
            for m in session.exec(select(OutboxMessage)).all():
                by_channel.setdefault(m.channel, set()).add(m.status)
        assert by_channel == {"mail": {"pending"}, "hook": {"failed"}}  # only the channel asked for
        # now (the real clock), a year after the alerts were made and long past max_age: a fresh window
        assert deliver_due(engine, config) == 3
        assert deliver_due(engine, config) == 0
    mail_ids = {m for m, s in statuses(engine).items() if s == "delivered"}
    assert len(mail_ids) == 3
    assert sorted(m["Message-ID"] for m in sink.mails) == sorted(f"<{i}@sanctions-monitor>" for i in mail_ids)
    engine.dispose()


def test_failed_since_and_unknown_channel(
    tmp_path: Path, http_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.support.alerting import SECRET

    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)
    hook = WebhookReceiver(http_server, status=410)
    config = write_config(tmp_path, webhook_alert("hook", hook.url))
    engine = database(config)
    queue(engine, config, [sample_change()])
    deliver_due(engine, config, now=NOW)
    assert retry_failed(engine, now=NOW, failed_since=NOW + timedelta(hours=1)) == []  # failed before that
    assert len(retry_failed(engine, now=NOW, failed_since=NOW - timedelta(hours=1))) == 1
    result = CliRunner().invoke(cli, ["--config", str(config.path), "alerts", "retry", "--channel", "nope"])
    assert result.exit_code != 0 and "no [[alert]] named 'nope'" in result.output
    engine.dispose()
