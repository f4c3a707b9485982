"""The transactional outbox, queueing side: which channel takes which change, and the outbox
rows written in the caller's transaction (the one that records the event and status), so an
alert exists exactly when the change behind it exists. `monitor.delivery` sends them.

May import: `monitor.storage`, `monitor.config`, `monitor.vocabulary`, `monitor.events.changes`.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from monitor.config import AlertConfig, Config
from monitor.events.changes import Change, dump_changes, load_changes
from monitor.events.record import as_utc
from monitor.storage.models import OutboxMessage
from monitor.vocabulary import CERTAINTY_RANK

__all__ = ["accepts", "enqueue_change", "enqueue_changes"]

log = logging.getLogger(__name__)


def accepts(channel: AlertConfig, change: Change) -> bool:
    """Whether `channel`'s filters (entities, jurisdictions, actions, min_certainty) take `change`.

    List changes from a [[watch]] carry no entity key: a channel limited to named entities
    does not take them.
    """
    if channel.entities and change.entity_key not in channel.entities:
        return False
    if channel.jurisdictions and change.jurisdiction not in channel.jurisdictions:
        return False
    if channel.actions and change.action not in channel.actions:
        return False
    return CERTAINTY_RANK[change.certainty] >= CERTAINTY_RANK[channel.min_certainty]


def enqueue_changes(
    session: Session, changes: Sequence[Change], channels: Sequence[AlertConfig], *, now: datetime
) -> list[OutboxMessage]:
    """Queue `changes` for every enabled channel whose filters take them (no commit).

    One message per channel and call; a digest channel adds them to its open digest instead,
    which is sent once its oldest change is `digest` old.
    """
    now = as_utc(now)
    queued = []
    for channel in channels:
        taken = [c for c in changes if accepts(channel, c)]
        if not channel.enabled or not taken:
            continue
        if channel.digest > 0:
            digest = session.exec(
                select(OutboxMessage).where(OutboxMessage.channel == channel.name, OutboxMessage.status == "open")
            ).first()
            if digest is not None:
                merged = dump_changes(load_changes(digest.changes) + taken)
                result = session.execute(
                    update(OutboxMessage)
                    .where(col(OutboxMessage.id) == digest.id, col(OutboxMessage.status) == "open")
                    .values(changes=merged)
                    .execution_options(synchronize_session=False)
                )
                if result.rowcount == 1:  # type: ignore[attr-defined]
                    session.expire(digest)
                    queued.append(digest)
                    continue
        message = OutboxMessage(
            id=str(uuid.uuid4()),
            channel=channel.name,
            kind=channel.kind,
            status="open" if channel.digest > 0 else "pending",
            changes=dump_changes(taken),
            created_at=now,
            due_at=now + timedelta(seconds=channel.digest),
        )
        session.add(message)
        queued.append(message)
        log.info("queued message=%s channel=%s changes=%d", message.id, channel.name, len(taken))
    return queued


def enqueue_change(session: Session, change: Change, config: Config, now: datetime) -> list[OutboxMessage]:
    """Queue one change (e.g. a list addition matched by a [[watch]]) for matching channels."""
    return enqueue_changes(session, [change], config.alerts, now=now)
