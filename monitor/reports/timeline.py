"""An entity's history for the web page's timeline: status per jurisdiction as bands over time,
its news events and list confirmations as marks. JSON-ready; the picture is drawn by monitor.web.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.config import Config
from monitor.events.record import as_utc, entity_names
from monitor.reports.database import reading
from monitor.storage.models import EntityStatus, Event, Evidence, StatusChange

__all__ = ["entity_keys", "entity_timeline"]

NO_JURISDICTION = "?"


def entity_keys(config: Config, *, engine: Engine | None = None) -> list[tuple[str, str]]:
    """(key, display name) of every entity with a status or an event, by name."""
    names = entity_names(config)
    with reading(config, engine) as db, Session(db) as session:
        keys = set(session.exec(select(EntityStatus.entity)).all()) | set(session.exec(select(Event.entity)).all())
    return sorted(((k, names.get(k, k)) for k in keys), key=lambda kn: (kn[1].casefold(), kn[0]))


def entity_timeline(config: Config, entity: str, *, now: datetime, engine: Engine | None = None) -> dict[str, Any]:
    """The status bands and event marks of `entity`, from its first event or change to today.

    Each row is one jurisdiction: `bands` of `{state, start, end}` (ISO dates, end exclusive)
    that cover the whole span; the state before the first recorded change is that change's
    `before`. `marks` are events: `kind` "news" (speculative or confirmed) or "list" (official).
    """
    today = as_utc(now).date()
    with reading(config, engine) as db, Session(db) as session:
        changes = session.exec(
            select(StatusChange)
            .where(StatusChange.entity == entity)
            .order_by(col(StatusChange.recorded_at), col(StatusChange.id))
        ).all()
        current = {s.jurisdiction: s for s in session.exec(select(EntityStatus).where(EntityStatus.entity == entity))}
        events = session.exec(
            select(Event).where(Event.entity == entity).order_by(col(Event.reported), col(Event.id))
        ).all()
        titles = {}
        for event in events:
            first = session.exec(
                select(Evidence)
                .where(Evidence.event_id == event.id)
                .order_by(col(Evidence.published), col(Evidence.id))
            ).first()
            titles[event.id] = (first.title, first.url) if first else ("", None)
    marks = [
        {
            "event": e.id,
            "jurisdiction": e.jurisdiction or NO_JURISDICTION,
            "date": e.reported.isoformat(),
            "kind": "list" if e.certainty == "official" else "news",
            "action": e.action,
            "certainty": e.certainty,
            "sources": e.source_count,
            "confirmed_by": e.confirmed_by,
            "title": titles[e.id][0],
            "link": titles[e.id][1],
        }
        for e in events
    ]
    dates = [_day(c) for c in changes] + [e.reported for e in events]
    dates += [s.since for s in current.values() if s.since]
    start = min([*dates, today]) - timedelta(days=7)
    end = max([*dates, today]) + timedelta(days=1)
    found: set[str] = set(current) | {c.jurisdiction for c in changes} | {str(m["jurisdiction"]) for m in marks}
    jurisdictions = sorted(found - {NO_JURISDICTION, ""})
    rows: list[dict[str, Any]] = []
    for jurisdiction in jurisdictions:
        own = [c for c in changes if c.jurisdiction == jurisdiction]
        state = own[0].before if own else (current[jurisdiction].state if jurisdiction in current else "unknown")
        bands: list[dict[str, Any]] = []
        at = start
        for c in own:
            moment = max(_day(c), at)
            if moment > at:
                bands.append({"state": state, "start": at.isoformat(), "end": moment.isoformat()})
            at, state = moment, c.after
        if jurisdiction in current:
            state = current[jurisdiction].state
        bands.append({"state": state, "start": at.isoformat(), "end": end.isoformat()})
        rows.append({"jurisdiction": jurisdiction, "state": state, "bands": bands})
    if any(m["jurisdiction"] == NO_JURISDICTION for m in marks):
        rows.append({"jurisdiction": NO_JURISDICTION, "state": None, "bands": []})
    return {
        "entity": entity,
        "name": entity_names(config).get(entity, entity),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "rows": rows,
        "marks": marks,
    }


def _day(change: StatusChange) -> date:
    """When a change took effect: its effective date, else the day it was recorded."""
    return change.since or as_utc(change.recorded_at).date()
