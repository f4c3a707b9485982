"""Read-only reports behind `monitor status`, `diff`, `events` and `alerts`.

Each `*_report` opens the database, returns JSON-ready dicts (what `--json` prints) and has a
`format_*` companion that turns them into the text table.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.config import Config, parse_duration
from monitor.delivery.render import headline, subject, text_body
from monitor.events.changes import Change, load_changes
from monitor.events.record import as_utc, confirmation_text, entity_names, make_change
from monitor.events.status import confirmation_state, state_after
from monitor.reports.database import reading
from monitor.reports.table import format_table
from monitor.storage.db import open_database
from monitor.storage.models import EntityStatus, Event, Evidence, OutboxMessage, StatusChange

__all__ = [
    "alerts_report",
    "change_log",
    "diff_report",
    "events_report",
    "format_alerts",
    "format_diff",
    "format_events",
    "format_status",
    "parse_since",
    "status_report",
]


def parse_since(text: str, now: datetime) -> datetime:
    """`--since`: a duration back from now ("7d", "12h") or a date ("2025-11-01", UTC midnight).

    Raises:
        ValueError: neither a duration nor a date.
    """
    try:
        return as_utc(now) - timedelta(seconds=parse_duration(text))
    except ValueError:
        try:
            return datetime.combine(date.fromisoformat(text), time(), tzinfo=UTC)
        except ValueError:
            raise ValueError(f"expected a duration like 7d or a date like 2025-11-01, got {text!r}") from None


def _event_row(session: Session, event: Event, *, today: date, unconfirmed_after: timedelta) -> dict[str, Any]:
    first = session.exec(
        select(Evidence).where(Evidence.event_id == event.id).order_by(col(Evidence.published), col(Evidence.id))
    ).first()
    return {
        "id": event.id,
        "date": event.reported.isoformat(),
        "entity": event.entity,
        "action": event.action,
        "jurisdiction": event.jurisdiction,
        "certainty": event.certainty,
        "scope": event.scope,
        "effective_date": event.effective_date.isoformat() if event.effective_date else None,
        "sources": event.source_count,
        "confirmed_by": event.confirmed_by,
        "list": confirmation_state(
            event.certainty, event.confirmed_by, event.reported, today=today, unconfirmed_after=unconfirmed_after
        ),
        "title": first.title if first else "",
        "link": first.url if first else None,
    }


def status_report(config: Config, entity: str | None, *, now: datetime, engine: Engine | None = None) -> dict[str, Any]:
    """Current status per entity and jurisdiction; with `entity`, also its timeline of events."""
    with reading(config, engine) as db, Session(db) as session:
        query = select(EntityStatus).order_by(col(EntityStatus.entity), col(EntityStatus.jurisdiction))
        if entity is not None:
            query = query.where(EntityStatus.entity == entity)
        status = [
            {
                "entity": s.entity,
                "jurisdiction": s.jurisdiction,
                "state": s.state,
                "since": s.since.isoformat() if s.since else None,
                "certainty": s.certainty,
                "event": s.event_id,
            }
            for s in session.exec(query)
        ]
        report: dict[str, Any] = {"status": status}
        if entity is not None:
            events = session.exec(
                select(Event).where(Event.entity == entity).order_by(col(Event.reported), col(Event.id))
            ).all()
            window = timedelta(seconds=config.daemon.unconfirmed_after)
            report["timeline"] = [
                _event_row(session, e, today=as_utc(now).date(), unconfirmed_after=window) for e in events
            ]
        return report


def format_status(report: dict[str, Any]) -> str:
    rows = [["ENTITY", "JURISDICTION", "STATE", "SINCE", "CERTAINTY", "EVENT"]]
    rows += [
        [
            s["entity"],
            s["jurisdiction"],
            s["state"],
            s["since"] or "-",
            s["certainty"] or "-",
            f"#{s['event']}" if s["event"] else "-",
        ]
        for s in report["status"]
    ]
    out = format_table(rows) if report["status"] else "no status recorded yet"
    if "timeline" in report:
        out += "\n\nTimeline:\n" + (format_events(report["timeline"]) if report["timeline"] else "no events")
    return out


def events_report(
    config: Config, *, since: datetime | None, entity: str | None, now: datetime, engine: Engine | None = None
) -> list[dict[str, Any]]:
    """Events first learned since `since` (all when None), optionally of one entity, oldest first."""
    with reading(config, engine) as db, Session(db) as session:
        query = select(Event).order_by(col(Event.reported), col(Event.id))
        if since is not None:
            query = query.where(col(Event.last_seen) >= since)
        if entity is not None:
            query = query.where(Event.entity == entity)
        window = timedelta(seconds=config.daemon.unconfirmed_after)
        return [_event_row(session, e, today=as_utc(now).date(), unconfirmed_after=window) for e in session.exec(query)]


def format_events(events: list[dict[str, Any]]) -> str:
    if not events:
        return "no events"
    rows = [["#", "DATE", "ENTITY", "ACTION", "JUR", "CERTAINTY", "SRC", "LIST", "TITLE"]]
    rows += [
        [
            str(e["id"]),
            e["date"],
            e["entity"],
            e["action"],
            e["jurisdiction"] or "?",
            e["certainty"],
            str(e["sources"]),
            e["list"],
            e["title"][:60],
        ]
        for e in events
    ]
    return format_table(rows)


def diff_report(config: Config, *, since: datetime, engine: Engine | None = None) -> list[dict[str, Any]]:
    """Status changes recorded since `since`, then new signals and list confirmations, as change documents."""
    with reading(config, engine) as db, Session(db) as session:
        return [change.to_json() for _, _, change in _dated_changes(session, config, since)]


def change_log(
    config: Config, *, since: datetime, limit: int = 100, engine: Engine | None = None
) -> list[dict[str, Any]]:
    """What `diff_report` finds, newest first, each with a stable id, its time, a headline and the
    alert text (the web page and the Atom feed of changes)."""
    with reading(config, engine) as db, Session(db) as session:
        dated = sorted(_dated_changes(session, config, since), key=lambda d: (as_utc(d[0]), d[1]), reverse=True)
        return [
            {
                "id": ident,
                "at": as_utc(at).isoformat(),
                "headline": headline(change),
                "text": text_body([change]).rstrip(),
                "change": change.to_json(),
            }
            for at, ident, change in dated[:limit]
        ]


def _dated_changes(session: Session, config: Config, since: datetime) -> list[tuple[datetime, str, Change]]:
    """(when recorded, stable id, change): status changes, then new signals and list confirmations."""
    names = entity_names(config)
    changes: list[tuple[datetime, str, Change]] = []
    for sc in session.exec(
        select(StatusChange)
        .where(col(StatusChange.recorded_at) >= since)
        .order_by(col(StatusChange.recorded_at), col(StatusChange.id))
    ):
        event = session.get(Event, sc.event_id) if sc.event_id else None
        if event is not None:
            changes.append(
                (
                    sc.recorded_at,
                    f"status-{sc.id}",
                    make_change(
                        session,
                        "status",
                        event,
                        entity_name=names.get(sc.entity, sc.entity),
                        before=sc.before,
                        after=sc.after,
                        confirmed_by=confirmation_text(session, config, event),
                    ),
                )
            )
    changed = {c.event_id for _, _, c in changes}
    for event in session.exec(select(Event).where(col(Event.first_seen) >= since).order_by(col(Event.id))):
        if event.id in changed or (event.certainty == "confirmed" and event.jurisdiction is not None):
            continue
        row = session.get(EntityStatus, (event.entity, event.jurisdiction or ""))
        state = row.state if row else "unknown"
        kind = "confirmation" if event.certainty == "official" else "signal"
        changes.append(
            (
                event.first_seen,
                f"{kind}-{event.id}",
                make_change(
                    session,
                    kind,
                    event,
                    entity_name=names.get(event.entity, event.entity),
                    before=state,
                    after=state if kind == "confirmation" else state_after(event.action, event.scope),
                    confirmed_by=confirmation_text(session, config, event),
                ),
            )
        )
    return changes


def format_diff(changes: list[dict[str, Any]]) -> str:
    return text_body([Change.from_json(c) for c in changes]).rstrip() if changes else "no changes"


def alerts_report(config: Config, *, failed: bool) -> list[dict[str, Any]]:
    """Outbox messages, newest first (only those failed for good with `failed`)."""
    with Session(open_database(config.database.url)) as session:
        query = select(OutboxMessage).order_by(col(OutboxMessage.created_at).desc())
        if failed:
            query = query.where(OutboxMessage.status == "failed")
        return [
            {
                "id": m.id,
                "channel": m.channel,
                "kind": m.kind,
                "status": m.status,
                "created_at": m.created_at.isoformat(),
                "attempts": m.attempts,
                "next_attempt": m.due_at.isoformat() if m.status in ("open", "pending") else None,
                "delivered_at": m.delivered_at.isoformat() if m.delivered_at else None,
                "last_error": m.last_error,
                "subject": subject(load_changes(m.changes)),
                "changes": [headline(c) for c in load_changes(m.changes)],
            }
            for m in session.exec(query)
        ]


def format_alerts(alerts: list[dict[str, Any]]) -> str:
    if not alerts:
        return "no alerts"
    rows = [["ID", "CHANNEL", "STATUS", "CREATED", "TRIES", "SUBJECT / LAST ERROR"]]
    for a in alerts:
        rows.append([a["id"][:8], a["channel"], a["status"], a["created_at"][:19], str(a["attempts"]), a["subject"]])
        if a["last_error"]:
            rows.append(["", "", "", "", "", f"error: {a['last_error']}"])
    return format_table(rows)
