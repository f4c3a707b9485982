"""The transactional outbox: alerts are queued with what caused them, then delivered and retried.

Queueing (`monitor.events.outbox`) runs inside the transaction that records the event, so an
alert exists exactly when the event and status change behind it exist. Delivery
(`deliver_due`, here) runs on its own:

1. digests whose time has come are sealed (open -> pending) in one commit;
2. each due message is claimed (pending -> sending, attempts + 1) in its own commit;
3. it is sent; the outcome is committed at once: delivered, pending again with exponential
   backoff (429, 5xx, network errors; until `max_age`), or failed for good (other 4xx).

A SIGKILL between 3's send and its commit leaves the message "sending"; once its lease
(3 × the channel timeout + 5 s) runs out it is sent again with the same id, so a receiver that
dedupes on webhook-id / Message-ID sees it once. Nothing committed is ever lost.
"""

from __future__ import annotations

import logging
import time
import uuid
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.delivery.channels import send
from monitor.events.changes import Change, EvidenceRef, dump_changes
from monitor.config import AlertConfig, Config
from monitor.errors import ConfigError, DeliveryError
from monitor.events.record import as_utc
from monitor.storage.models import DeliveryAttempt, OutboxMessage

__all__ = ["RETRY_BASE", "RETRY_CAP", "deliver_due", "retry_delay", "send_test_alert"]

log = logging.getLogger(__name__)

RETRY_BASE = timedelta(seconds=10)
RETRY_CAP = timedelta(hours=1)


def retry_delay(attempts: int) -> timedelta:
    """Wait before the next try after `attempts` failed ones: 10 s, 20 s, 40 s ... capped at 1 h."""
    doublings: int = 2 ** max(attempts - 1, 0)
    return min(RETRY_BASE * doublings, RETRY_CAP)


def _lease(channel: AlertConfig) -> timedelta:
    return timedelta(seconds=3 * channel.timeout + 5)


def deliver_due(engine: Engine, config: Config, *, now: datetime) -> int:
    """Send every message that is due; return how many were delivered."""
    now = as_utc(now)
    channels = {c.name: c for c in config.alerts}
    with Session(engine) as session:
        session.execute(update(OutboxMessage).where(
            col(OutboxMessage.status) == "open", col(OutboxMessage.due_at) <= now).values(status="pending"))
        session.commit()
        candidates = session.exec(select(OutboxMessage).where(
            col(OutboxMessage.status).in_(("pending", "sending")), col(OutboxMessage.due_at) <= now)
            .order_by(col(OutboxMessage.created_at))).all()
        due = [(m.id, m.channel) for m in candidates]
    delivered = 0
    stalled: set[str] = set()               # channels that just failed: try again next run
    started = time.monotonic()
    for message_id, name in due:
        channel = channels.get(name)
        if name in stalled or (channel is not None and not channel.enabled):
            continue
        clock = now + timedelta(seconds=time.monotonic() - started)   # sends take real time
        message = _claim(engine, message_id, channel, clock)
        if message is None:
            continue
        if channel is None:
            _finish(engine, message, clock, error=f"channel {name!r} is no longer configured")
            continue
        try:
            send(message, settings=channel)
        except (DeliveryError, ConfigError) as exc:   # ConfigError: e.g. an unset secret; fixable
            retry = not isinstance(exc, DeliveryError) or exc.retry
            if _finish(engine, message, clock, error=str(exc), retry=retry, max_age=channel.max_age) == "pending":
                stalled.add(name)
        else:
            _finish(engine, message, clock)
            delivered += 1
    return delivered


def _claim(engine: Engine, message_id: str, channel: AlertConfig | None, now: datetime) -> OutboxMessage | None:
    """Take a due message for sending in its own commit; None if someone else has it."""
    lease_start = now - (_lease(channel) if channel else timedelta(0))
    with Session(engine, expire_on_commit=False) as session:
        result = session.execute(update(OutboxMessage).where(
            col(OutboxMessage.id) == message_id,
            ((col(OutboxMessage.status) == "pending") & (col(OutboxMessage.due_at) <= now))
            | ((col(OutboxMessage.status) == "sending") & (col(OutboxMessage.claimed_at) <= lease_start)))
            .values(status="sending", claimed_at=now, attempts=OutboxMessage.attempts + 1))
        session.commit()
        if result.rowcount != 1:             # type: ignore[attr-defined]
            return None
        return session.get(OutboxMessage, message_id)


def _finish(engine: Engine, message: OutboxMessage, now: datetime, *, error: str | None = None,
            retry: bool = False, max_age: float = 0) -> str:
    """Record the attempt and the message's new state in one commit, right after the send.

    It only writes (no read first), so with SQLite it waits for the write lock instead of
    failing on a snapshot another writer moved on. Returns the new status.
    """
    values: dict[str, object] = {"last_error": error}
    if error is None:
        values |= {"status": "delivered", "delivered_at": now}
        log.info("delivered message=%s channel=%s attempts=%d", message.id, message.channel, message.attempts)
    elif retry and now + retry_delay(message.attempts) - message.created_at <= timedelta(seconds=max_age):
        values |= {"status": "pending", "due_at": now + retry_delay(message.attempts)}
        log.warning("delivery failed message=%s channel=%s, retry at %s: %s",
                    message.id, message.channel, values["due_at"], error)
    else:
        if retry:
            values["last_error"] = f"gave up after {message.attempts} attempts: {error}"
        values["status"] = "failed"
        log.error("delivery failed for good message=%s channel=%s: %s", message.id, message.channel,
                  values["last_error"])
    with Session(engine) as session:
        session.execute(update(OutboxMessage).where(col(OutboxMessage.id) == message.id).values(**values))
        session.add(DeliveryAttempt(message_id=message.id, at=now, ok=error is None, error=error))
        session.commit()
    return str(values["status"])


def send_test_alert(config: Config, name: str, *, now: datetime) -> str:
    """Send a sample change through channel `name` right away (not queued); return its id.

    Raises:
        ConfigError: no such channel. DeliveryError: the channel did not accept it.
    """
    channel = config.alert(name)
    sample = Change(kind="status", entity_key="example", entity_name="Example Airline (test alert)",
                    jurisdiction="US", action="lift", before="sanctioned", after="lifted", certainty="confirmed",
                    effective_date=as_utc(now).date(), scope="full", sources=1,
                    evidence=(EvidenceRef(title="Test alert from sanctions-monitor", source="test",
                                          link="https://example.org/sanctions-monitor/test",
                                          excerpt="This is a test of the alert channel; nothing changed."),),
                    test=True)
    message = OutboxMessage(id=str(uuid.uuid4()), channel=name, kind=channel.kind, status="sending",
                            changes=dump_changes([sample]), created_at=as_utc(now), due_at=as_utc(now))
    send(message, settings=channel)
    return message.id
