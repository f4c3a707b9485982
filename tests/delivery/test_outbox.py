"""monitor/delivery/outbox.py: delivery, retries with backoff, failures for good, digests, leases."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from monitor.delivery.outbox import deliver_due, retry_delay
from monitor.storage.models import DeliveryAttempt, OutboxMessage
from tests.support.alerting import NOW, WebhookReceiver, database, queue, sample_change, webhook_alert, write_config
from tests.support.servers import LoopbackServer


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.alerting import SECRET

    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)


def message(engine, message_id: str) -> OutboxMessage:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        row = session.get(OutboxMessage, message_id)
        assert row is not None
        return row


def attempts(engine, message_id: str) -> list[DeliveryAttempt]:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return list(session.exec(select(DeliveryAttempt).where(DeliveryAttempt.message_id == message_id)))


def test_retry_delay_doubles_and_is_capped() -> None:
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [10, 20, 40, 80]
    assert retry_delay(30) == timedelta(hours=1)


def test_delivered_once_and_signed(tmp_path: Path, http_server: LoopbackServer, database_url: str) -> None:
    receiver = WebhookReceiver(http_server)
    config = write_config(tmp_path, webhook_alert("hook", receiver.url), database_url=database_url)
    engine = database(config)
    [mid] = queue(engine, config, [sample_change()])
    assert deliver_due(engine, config, now=NOW) == 1
    assert deliver_due(engine, config, now=NOW + timedelta(hours=1)) == 0
    assert [wid for wid, _ in receiver.accepted] == [mid]
    doc = receiver.accepted[0][1]
    assert (doc["type"], doc["version"], doc["id"]) == ("sanctions.diff", 1, mid)
    assert message(engine, mid).status == "delivered"
    assert [a.ok for a in attempts(engine, mid)] == [True]


def test_receiver_down_then_up_is_delivered_exactly_once(
    tmp_path: Path, http_server: LoopbackServer, database_url: str
) -> None:
    receiver = WebhookReceiver(http_server, status=503)
    config = write_config(tmp_path, webhook_alert("hook", receiver.url), database_url=database_url)
    engine = database(config)
    [mid] = queue(engine, config, [sample_change()])
    assert deliver_due(engine, config, now=NOW) == 0
    row = message(engine, mid)
    assert (row.status, row.attempts) == ("pending", 1)
    assert NOW + timedelta(seconds=10) <= row.due_at < NOW + timedelta(seconds=11)  # first backoff: 10 s
    assert "503" in (row.last_error or "")
    assert deliver_due(engine, config, now=NOW + timedelta(seconds=5)) == 0  # not due yet
    receiver.status = 200
    assert deliver_due(engine, config, now=NOW + timedelta(seconds=11)) == 1
    assert deliver_due(engine, config, now=NOW + timedelta(minutes=5)) == 0
    assert [wid for wid, _ in receiver.accepted] == [mid]
    assert [a.ok for a in attempts(engine, mid)] == [False, True]


def test_network_error_is_retried(tmp_path: Path, http_server: LoopbackServer, database_url: str) -> None:
    config = write_config(tmp_path, webhook_alert("hook", "http://127.0.0.1:9/closed"), database_url=database_url)
    engine = database(config)
    [mid] = queue(engine, config, [sample_change()])
    assert deliver_due(engine, config, now=NOW) == 0
    row = message(engine, mid)
    assert row.status == "pending" and "ConnectError" in (row.last_error or "")


@pytest.mark.parametrize("status", [400, 404, 410])
def test_client_error_fails_for_good(
    tmp_path: Path, http_server: LoopbackServer, status: int, database_url: str
) -> None:
    receiver = WebhookReceiver(http_server, status=status)
    config = write_config(tmp_path, webhook_alert("hook", receiver.url), database_url=database_url)
    engine = database(config)
    [mid] = queue(engine, config, [sample_change()])
    assert deliver_due(engine, config, now=NOW) == 0
    assert deliver_due(engine, config, now=NOW + timedelta(hours=2)) == 0
    row = message(engine, mid)
    assert row.status == "failed" and str(status) in (row.last_error or "")
    assert len(attempts(engine, mid)) == 1


def test_429_is_retried(tmp_path: Path, http_server: LoopbackServer, database_url: str) -> None:
    receiver = WebhookReceiver(http_server, status=429)
    config = write_config(tmp_path, webhook_alert("hook", receiver.url), database_url=database_url)
    engine = database(config)
    [mid] = queue(engine, config, [sample_change()])
    deliver_due(engine, config, now=NOW)
    assert message(engine, mid).status == "pending"


def test_redirect_is_not_followed_and_fails(tmp_path: Path, http_server: LoopbackServer, database_url: str) -> None:
    receiver = WebhookReceiver(http_server, path="/real")
    http_server.route("/moved", status=301, headers={"Location": receiver.url})
    config = write_config(tmp_path, webhook_alert("hook", http_server.url("/moved")), database_url=database_url)
    engine = database(config)
    [mid] = queue(engine, config, [sample_change()])
    deliver_due(engine, config, now=NOW)
    assert message(engine, mid).status == "failed"
    assert receiver.accepted == [] and http_server.hits("/real") == []


def test_gives_up_after_max_age(tmp_path: Path, http_server: LoopbackServer, database_url: str) -> None:
    receiver = WebhookReceiver(http_server, status=500)
    config = write_config(tmp_path, webhook_alert("hook", receiver.url, max_age='"1m"'), database_url=database_url)
    engine = database(config)
    [mid] = queue(engine, config, [sample_change()])
    now = NOW
    for _ in range(10):
        deliver_due(engine, config, now=now)
        now = message(engine, mid).due_at
        if message(engine, mid).status == "failed":
            break
    row = message(engine, mid)
    assert row.status == "failed" and (row.last_error or "").startswith("gave up after")
    assert max(a.at for a in attempts(engine, mid)) - NOW <= timedelta(minutes=1)


def test_digest_batches_changes_until_the_oldest_is_due(
    tmp_path: Path, http_server: LoopbackServer, database_url: str
) -> None:
    receiver = WebhookReceiver(http_server)
    config = write_config(tmp_path, webhook_alert("daily", receiver.url, digest='"1h"'), database_url=database_url)
    engine = database(config)
    [first] = queue(engine, config, [sample_change()])
    [second] = queue(
        engine, config, [sample_change("belaruskali", "Belaruskali", "EU")], now=NOW + timedelta(minutes=30)
    )
    assert first == second
    assert deliver_due(engine, config, now=NOW + timedelta(minutes=59)) == 0
    assert deliver_due(engine, config, now=NOW + timedelta(minutes=61)) == 1
    [(_, doc)] = receiver.accepted
    assert [c["entity"]["key"] for c in doc["changes"]] == ["belavia", "belaruskali"]
    [third] = queue(engine, config, [sample_change()], now=NOW + timedelta(minutes=62))
    assert third != first


def test_message_stuck_in_sending_after_a_crash_is_resent_with_the_same_id(
    tmp_path: Path, http_server: LoopbackServer, database_url: str
) -> None:
    receiver = WebhookReceiver(http_server)
    config = write_config(tmp_path, webhook_alert("hook", receiver.url, timeout='"2s"'), database_url=database_url)
    engine = database(config)
    [mid] = queue(engine, config, [sample_change()])
    with Session(engine) as session:  # as if killed between the claim and the send's commit
        row = session.get(OutboxMessage, mid)
        assert row is not None
        row.status, row.claimed_at, row.attempts = "sending", NOW, 1
        session.add(row)
        session.commit()
    assert deliver_due(engine, config, now=NOW + timedelta(seconds=5)) == 0  # lease 11 s not over
    assert deliver_due(engine, config, now=NOW + timedelta(seconds=12)) == 1
    assert [wid for wid, _ in receiver.accepted] == [mid]


def test_concurrent_delivery_runs_send_each_message_once(
    tmp_path: Path, http_server: LoopbackServer, database_url: str
) -> None:
    receiver = WebhookReceiver(http_server, path="/inner")
    slow_path = "/slow"

    def slow(request):  # type: ignore[no-untyped-def]
        time.sleep(0.05)
        return receiver._handle(request)

    http_server.route(slow_path, slow)
    config = write_config(tmp_path, webhook_alert("hook", http_server.url(slow_path)), database_url=database_url)
    engine = database(config)
    ids = [queue(engine, config, [sample_change()])[0] for _ in range(6)]
    threads = [threading.Thread(target=deliver_due, args=(engine, config), kwargs={"now": NOW}) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wid for wid, _ in receiver.accepted) == sorted(ids)


def test_disabled_channel_keeps_its_messages(tmp_path: Path, http_server: LoopbackServer, database_url: str) -> None:
    receiver = WebhookReceiver(http_server)
    config = write_config(tmp_path, webhook_alert("hook", receiver.url), database_url=database_url)
    engine = database(config)
    [mid] = queue(engine, config, [sample_change()])
    disabled = write_config(tmp_path, webhook_alert("hook", receiver.url, enabled="false"), database_url=database_url)
    assert deliver_due(engine, disabled, now=NOW) == 0
    assert message(engine, mid).status == "pending"
    assert deliver_due(engine, config, now=NOW) == 1


def test_removed_channel_fails_its_messages_visibly(
    tmp_path: Path, http_server: LoopbackServer, database_url: str
) -> None:
    receiver = WebhookReceiver(http_server)
    config = write_config(tmp_path, webhook_alert("hook", receiver.url), database_url=database_url)
    engine = database(config)
    [mid] = queue(engine, config, [sample_change()])
    deliver_due(
        engine, write_config(tmp_path, webhook_alert("other", receiver.url), database_url=database_url), now=NOW
    )
    row = message(engine, mid)
    assert row.status == "failed" and "no longer configured" in (row.last_error or "")


def test_missing_secret_is_retried_not_lost(
    tmp_path: Path, http_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    receiver = WebhookReceiver(http_server)
    config = write_config(tmp_path, webhook_alert("hook", receiver.url), database_url=database_url)
    engine = database(config)
    [mid] = queue(engine, config, [sample_change()])
    monkeypatch.delenv("TEST_WEBHOOK_SECRET")
    deliver_due(engine, config, now=NOW)
    row = message(engine, mid)
    assert row.status == "pending" and "TEST_WEBHOOK_SECRET" in (row.last_error or "")
    assert http_server.requests == []


def test_a_failing_channel_is_left_for_the_next_run_after_one_try(
    tmp_path: Path, http_server: LoopbackServer, database_url: str
) -> None:
    receiver = WebhookReceiver(http_server, status=503)
    config = write_config(tmp_path, webhook_alert("hook", receiver.url), database_url=database_url)
    engine = database(config)
    ids = [queue(engine, config, [sample_change()])[0] for _ in range(3)]
    deliver_due(engine, config, now=NOW)
    assert sorted(message(engine, i).attempts for i in ids) == [0, 0, 1]
    receiver.status = 200
    assert deliver_due(engine, config, now=NOW + timedelta(seconds=11)) == 3
    assert sorted(wid for wid, _ in receiver.accepted) == sorted(ids)


def test_watch_list_changes_go_to_channels_not_limited_to_named_entities(tmp_path: Path, database_url: str) -> None:
    from dataclasses import replace

    from monitor.events.outbox import enqueue_change

    config = write_config(
        tmp_path,
        webhook_alert("all", "http://127.0.0.1:9/a")
        + webhook_alert("named", "http://127.0.0.1:9/b", entities='["belavia"]')
        + webhook_alert("lists-only", "http://127.0.0.1:9/c", min_certainty='"official"'),
        database_url=database_url,
    )
    engine = database(config)
    change = replace(
        sample_change(),
        kind="list",
        entity_key=None,
        entity_name="OAO EXAMPLE PLANT",
        certainty="official",
        watch="belarus-programme",
        programme="BELARUS-EO14038",
    )
    with Session(engine) as session:
        queued = enqueue_change(session, change, config, NOW)
        session.commit()
        assert sorted(m.channel for m in queued) == ["all", "lists-only"]
