"""The transactional outbox: alerts are queued with what caused them, then delivered and retried.

Queueing (`monitor.events.outbox`) runs inside the transaction that records the event, so an
alert exists exactly when the event and status change behind it exist. Delivery
(`deliver_due`, here) runs on its own:

1. digests whose time has come are sealed (open -> pending) in one commit;
2. each due message is claimed (pending -> sending, attempts + 1) in its own commit, by one
   conditional UPDATE stamped with the time of the claim itself (the database's clock on
   PostgreSQL), so two processes never both hold it;
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
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.config import AlertConfig, Config
from monitor.delivery.channels import send
from monitor.errors import ConfigError, DeliveryError
from monitor.events.changes import Change, EvidenceRef, dump_changes
from monitor.events.record import as_utc
from monitor.storage.models import DeliveryAttempt, OutboxMessage
from sanctions_monitor_sources.redact import redact

__all__ = ["RETRY_BASE", "RETRY_CAP", "deliver_due", "deliver_slice", "retry_delay", "retry_failed", "send_test_alert"]

log = logging.getLogger(__name__)

RETRY_BASE = timedelta(seconds=10)
RETRY_CAP = timedelta(hours=1)


def retry_delay(attempts: int) -> timedelta:
    """Wait before the next try after `attempts` failed ones: 10 s, 20 s, 40 s ... capped at 1 h."""
    doublings: int = 2 ** max(attempts - 1, 0)
    return min(RETRY_BASE * doublings, RETRY_CAP)


def _lease(channel: AlertConfig) -> timedelta:
    return timedelta(seconds=3 * channel.timeout + 5)


def deliver_due(
    engine: Engine,
    config: Config,
    *,
    now: datetime | None = None,
    limit: int | None = None,
    should_stop: Callable[[], bool] | None = None,
    first_since: datetime | None = None,
) -> int:
    """Send messages that are due; return how many were delivered.

    `now=None` (the daemon, the CLI): every claim takes the time of the claim itself, the
    database's clock on PostgreSQL and a fresh UTC clock read on SQLite, so a process whose
    analysis ran long never writes a `claimed_at` in the past that another process would take
    for an expired lease. A given `now` simulates the clock (tests): `now` + the time elapsed.

    `limit` bounds how many messages this call sends (a slice: the daemon analyzes new items
    between slices); messages created at or after `first_since` go first, so a new alert does
    not wait behind a whole backlog. `should_stop` is asked before each claim: once it says
    True, the message in flight has been finished and the rest stay queued.
    """
    return deliver_slice(engine, config, now=now, limit=limit, should_stop=should_stop, first_since=first_since)[0]


def deliver_slice(
    engine: Engine,
    config: Config,
    *,
    now: datetime | None = None,
    limit: int | None = None,
    should_stop: Callable[[], bool] | None = None,
    first_since: datetime | None = None,
) -> tuple[int, bool]:
    """`deliver_due`, returning (delivered, whether due messages were left for the next slice)."""
    channels = {c.name: c for c in config.alerts}
    clock = _Clock(engine, now)
    with Session(engine) as session:
        session.execute(
            update(OutboxMessage)
            .where(col(OutboxMessage.status) == "open", col(OutboxMessage.due_at) <= clock.now())
            .values(status="pending")
        )
        session.commit()
        due_by = clock.now()
        query = select(OutboxMessage.id, OutboxMessage.channel, OutboxMessage.created_at).where(
            col(OutboxMessage.status).in_(("pending", "sending")), col(OutboxMessage.due_at) <= due_by
        )
        due = [
            (m_id, name)
            for m_id, name, _ in sorted(
                session.exec(query.order_by(col(OutboxMessage.created_at))).all(),
                key=lambda row: first_since is not None and as_utc(row[2]) < as_utc(first_since),
            )
        ]
    delivered = 0
    sent = 0
    stalled: set[str] = set()  # channels that just failed: try again next run
    for message_id, name in due:
        if (limit is not None and sent >= limit) or (should_stop is not None and should_stop()):
            return delivered, True
        channel = channels.get(name)
        if name in stalled or (channel is not None and not channel.enabled):
            continue
        message = _claim(engine, message_id, channel, clock)
        if message is None:
            continue
        claimed = as_utc(message.claimed_at or clock.now())
        started = time.monotonic()

        def finished_at(claimed: datetime = claimed, started: float = started) -> datetime:
            # the claim's own time + what the send took
            return claimed + timedelta(seconds=time.monotonic() - started)

        sent += 1
        if channel is None:
            _finish(engine, message, finished_at(), error=f"channel {name!r} is no longer configured")
            continue
        try:
            send(message, settings=channel)
        except (DeliveryError, ConfigError) as exc:  # ConfigError: e.g. an unset secret; fixable
            retry = not isinstance(exc, DeliveryError) or exc.retry
            if (
                _finish(engine, message, finished_at(), error=str(exc), retry=retry, max_age=channel.max_age)
                == "pending"
            ):
                stalled.add(name)
        else:
            _finish(engine, message, finished_at())
            delivered += 1
    return delivered, False


class _Clock:
    """The time of a claim: simulated (`now` + elapsed) in tests, else read when claiming."""

    def __init__(self, engine: Engine, now: datetime | None) -> None:
        self.simulated = as_utc(now) if now is not None else None
        self.started = time.monotonic()
        self.database = engine.dialect.name == "postgresql" and now is None

    def now(self) -> datetime:
        if self.simulated is not None:
            return self.simulated + timedelta(seconds=time.monotonic() - self.started)
        return datetime.now(UTC)


def _claim(engine: Engine, message_id: str, channel: AlertConfig | None, clock: _Clock) -> OutboxMessage | None:
    """Take a due message for sending in its own commit; None if someone else has it.

    One conditional UPDATE: it succeeds (rowcount 1) only while the message is pending and due,
    or sending under a lease that ran out; two processes can never both win it. `claimed_at`
    is the time of this very statement (PostgreSQL: `clock_timestamp()`).
    """
    lease = _lease(channel) if channel else timedelta(0)
    if clock.database:
        moment: Any = func.clock_timestamp()
        lease_start: Any = func.clock_timestamp() - lease
    else:
        moment = clock.now()
        lease_start = moment - lease
    with Session(engine, expire_on_commit=False) as session:
        result = session.execute(
            update(OutboxMessage)
            .where(
                col(OutboxMessage.id) == message_id,
                ((col(OutboxMessage.status) == "pending") & (col(OutboxMessage.due_at) <= moment))
                | ((col(OutboxMessage.status) == "sending") & (col(OutboxMessage.claimed_at) <= lease_start)),
            )
            .values(status="sending", claimed_at=moment, attempts=OutboxMessage.attempts + 1)
            .execution_options(synchronize_session=False)
        )
        session.commit()
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return None
        return session.get(OutboxMessage, message_id)


def _finish(
    engine: Engine,
    message: OutboxMessage,
    now: datetime,
    *,
    error: str | None = None,
    retry: bool = False,
    max_age: float = 0,
) -> str:
    """Record the attempt and the message's new state in one commit, right after the send.

    It only writes (no read first), so with SQLite it waits for the write lock instead of
    failing on a snapshot another writer moved on. Returns the new status.
    """
    error = redact(error) if error is not None else None  # no URL credentials in last_error or the log
    values: dict[str, object] = {"last_error": error}
    if error is None:
        values |= {"status": "delivered", "delivered_at": now}
        log.info("delivered message=%s channel=%s attempts=%d", message.id, message.channel, message.attempts)
    elif retry and now + retry_delay(message.attempts) - _window_start(message) <= timedelta(seconds=max_age):
        values |= {"status": "pending", "due_at": now + retry_delay(message.attempts)}
        log.warning(
            "delivery failed message=%s channel=%s, retry at %s: %s",
            message.id,
            message.channel,
            values["due_at"],
            error,
        )
    else:
        if retry:
            values["last_error"] = f"gave up after {message.attempts} attempts: {error}"
        values["status"] = "failed"
        log.error(
            "delivery failed for good message=%s channel=%s: %s", message.id, message.channel, values["last_error"]
        )
    with Session(engine) as session:
        session.execute(update(OutboxMessage).where(col(OutboxMessage.id) == message.id).values(**values))
        session.add(DeliveryAttempt(message_id=message.id, at=now, ok=error is None, error=error))
        session.commit()
    return str(values["status"])


def _window_start(message: OutboxMessage) -> datetime:
    """Where `max_age` counts from: the alert's creation, or its re-queueing by an operator."""
    start = as_utc(message.created_at)
    return max(start, as_utc(message.requeued_at)) if message.requeued_at else start


def retry_failed(
    engine: Engine, *, now: datetime, channel: str | None = None, failed_since: datetime | None = None
) -> list[str]:
    """Re-queue alerts that failed for good (e.g. every mail after an SMTP 535 login refusal,
    once the password is fixed): pending, due now, with a fresh `max_age` window; the same id,
    so a receiver that saw one still dedupes. Returns their ids.

    `channel` limits it to one channel; `failed_since` to alerts whose last attempt was then or later.
    """
    now = as_utc(now)
    query = select(OutboxMessage.id).where(OutboxMessage.status == "failed")
    if channel is not None:
        query = query.where(OutboxMessage.channel == channel)
    if failed_since is not None:
        last_try = (
            select(func.max(DeliveryAttempt.at)).where(DeliveryAttempt.message_id == OutboxMessage.id).scalar_subquery()
        )
        query = query.where(last_try >= as_utc(failed_since))
    with Session(engine) as session:
        ids = list(session.exec(query.order_by(col(OutboxMessage.created_at))).all())
        for start in range(0, len(ids), 500):
            session.execute(
                update(OutboxMessage)
                .where(col(OutboxMessage.id).in_(ids[start : start + 500]), col(OutboxMessage.status) == "failed")
                .values(status="pending", due_at=now, requeued_at=now, claimed_at=None)
            )
        session.commit()
    if ids:
        log.warning("re-queued %d failed alerts%s", len(ids), f" of channel {channel}" if channel else "")
    return ids


def send_test_alert(config: Config, name: str, *, now: datetime) -> str:
    """Send a sample change through channel `name` right away (not queued); return its id.

    Raises:
        ConfigError: no such channel. DeliveryError: the channel did not accept it.
    """
    channel = config.alert(name)
    sample = Change(
        kind="status",
        entity_key="example",
        entity_name="Example Airline (test alert)",
        jurisdiction="US",
        action="lift",
        before="sanctioned",
        after="lifted",
        certainty="confirmed",
        effective_date=as_utc(now).date(),
        scope="full",
        sources=1,
        evidence=(
            EvidenceRef(
                title="Test alert from sanctions-monitor",
                source="test",
                link="https://example.org/sanctions-monitor/test",
                excerpt="This is a test of the alert channel; nothing changed.",
            ),
        ),
        test=True,
    )
    message = OutboxMessage(
        id=str(uuid.uuid4()),
        channel=name,
        kind=channel.kind,
        status="sending",
        changes=dump_changes([sample]),
        created_at=as_utc(now),
        due_at=as_utc(now),
    )
    send(message, settings=channel)
    return message.id
