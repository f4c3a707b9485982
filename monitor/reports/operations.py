"""What the operations views read at scrape time: each source's health, stored items, events by
action, alerts by channel and status, the outbox backlog and its oldest pending alert, and the
latency of the alerts delivered in the last day (item first seen → delivered).

JSON-ready; `monitor.web` turns it into Prometheus metrics and the `/healthz` verdict.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.config import Config
from monitor.events.changes import load_changes
from monitor.events.record import as_utc
from monitor.reports.database import reading
from monitor.storage.items import source_rows
from monitor.storage.models import Event, Evidence, Item, OutboxMessage

__all__ = ["LATENCY_WINDOW", "operations_report"]

WAITING = ("pending", "sending")
LATENCY_WINDOW = timedelta(days=1)


def operations_report(config: Config, *, now: datetime, engine: Engine | None = None) -> dict[str, Any]:
    """Counts and ages from the database, as of `now` (ages in seconds, None when never).

    The age of a pending alert counts from when it became due: its creation, or for a digest
    channel the end of its collection window.
    """
    now = as_utc(now)
    digest = {a.name: a.digest for a in config.alerts}
    with reading(config, engine) as db:
        rows = source_rows(db, [s.name for s in config.sources])
        with Session(db) as session:
            events = session.exec(
                select(Event.action, Event.certainty, func.count()).group_by(col(Event.action), col(Event.certainty))
            ).all()
            alerts = session.exec(
                select(OutboxMessage.channel, OutboxMessage.status, func.count()).group_by(
                    col(OutboxMessage.channel), col(OutboxMessage.status)
                )
            ).all()
            waiting = session.exec(
                select(OutboxMessage.channel, func.min(OutboxMessage.created_at))
                .where(col(OutboxMessage.status).in_(WAITING))
                .group_by(col(OutboxMessage.channel))
            ).all()
            latencies = _latencies(session, now)
    sources = []
    for s in config.sources:
        state, items = rows[s.name]
        success = as_utc(state.last_success) if state and state.last_success else None
        sources.append(
            {
                "name": s.name,
                "kind": s.kind,
                "enabled": s.enabled,
                "every": float(s.every),
                "items": items,
                "failures": state.consecutive_failures if state else 0,
                "last_error": state.last_error if state else None,
                "last_success": success.isoformat() if success else None,
                "seconds_since_success": (now - success).total_seconds() if success else None,
            }
        )
    ages = [(now - as_utc(created)).total_seconds() - digest.get(channel, 0) for channel, created in waiting if created]
    backlog = sum(n for _, status, n in alerts if status in WAITING)
    return {
        "sources": sources,
        "events": [{"action": a, "certainty": c, "count": n} for a, c, n in events],
        "alerts": [{"channel": ch, "status": st, "count": n} for ch, st, n in alerts],
        "outbox": {"backlog": backlog, "oldest_pending_age": max(0.0, *ages) if ages else None},
        "latency": latencies,
    }


def _latencies(session: Session, now: datetime) -> list[float]:
    """Seconds from the first sight of an alert's earliest item (or, for a list event, of the
    event) to its delivery, for each alert delivered within LATENCY_WINDOW, sorted."""
    delivered = session.exec(
        select(OutboxMessage.changes, OutboxMessage.delivered_at).where(
            OutboxMessage.status == "delivered", col(OutboxMessage.delivered_at) >= now - LATENCY_WINDOW
        )
    ).all()
    events = {m: [c.event_id for c in load_changes(text) if c.event_id] for m, (text, _) in enumerate(delivered)}
    ids = {i for v in events.values() for i in v}
    if not ids:
        return []
    seen = dict(session.exec(select(Event.id, Event.first_seen).where(col(Event.id).in_(ids))).all())
    items = session.exec(
        select(Evidence.event_id, func.min(Item.first_seen))
        .join(Item, col(Item.id) == col(Evidence.item_id))
        .where(col(Evidence.event_id).in_(ids))
        .group_by(col(Evidence.event_id))
    ).all()
    seen.update({event: first for event, first in items if first is not None})
    out = []
    for m, (_, at) in enumerate(delivered):
        firsts = [as_utc(seen[i]) for i in events[m] if seen.get(i)]
        if at is not None and firsts:
            out.append(max(0.0, (as_utc(at) - min(firsts)).total_seconds()))
    return sorted(out)
