"""Record events with their evidence, keep status current and turn what changed into `Change`s.

All functions work inside the caller's session and never commit: the pipeline (news) and the
official-list code call them in the same transaction that writes the alert outbox,
so an event, its status change and its alerts are stored together or not at all.

Merging: reports of the same entity, action, jurisdiction and certainty class (speculative,
confirmed news, official) whose dates lie within `MERGE_WINDOW` of each other are one `Event`
with one `Evidence` row per report; re-analysing an edited item updates its evidence row.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from monitor.config import Config
from monitor.events.changes import Change, EvidenceRef
from monitor.events.status import EventFacts, Status, compute_status, order_key, state_after, transitions
from monitor.storage.models import EntityStatus, Event, Evidence, StatusChange
from monitor.vocabulary import LIST_KINDS

__all__ = [
    "EVIDENCE_IN_ALERT",
    "MERGE_WINDOW",
    "EvidenceInput",
    "as_utc",
    "confirmation_text",
    "entity_names",
    "late_transitions",
    "link_confirmations",
    "make_change",
    "official_text",
    "record_event",
    "signal_change",
    "status_changes",
    "update_status",
]

log = logging.getLogger(__name__)

MERGE_WINDOW = timedelta(days=7)
EVIDENCE_IN_ALERT = 5  # evidence rows shown per change, newest first


def as_utc(moment: datetime) -> datetime:
    """Aware UTC, as the database keeps datetimes; a naive value is taken to be UTC already."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, kw_only=True)
class EvidenceInput:
    """One report to attach to an event: built by the pipeline (items) or the list code."""

    source: str  # source name from the config
    ref: str  # item guid or list entry id: stable across re-runs
    title: str
    url: str | None
    excerpt: str
    published: datetime | None
    item_id: int | None = None


def _jurisdiction_is(jurisdiction: str | None) -> ColumnElement[bool]:
    column = col(Event.jurisdiction)
    return column.is_(None) if jurisdiction is None else column == jurisdiction


def record_event(
    session: Session,
    *,
    entity: str,
    action: str,
    jurisdiction: str | None,
    certainty: str,
    scope: str | None,
    effective_date: date | None,
    reported: date,
    evidence: EvidenceInput,
    now: datetime,
    window: timedelta = MERGE_WINDOW,
) -> tuple[Event, bool]:
    """Merge one report into its event (or create the event) and upsert its evidence.

    Returns:
        The event and whether it was created by this call.
    """
    same = (
        Event.entity == entity,
        Event.action == action,
        _jurisdiction_is(jurisdiction),
        Event.certainty == certainty,
    )
    event = session.exec(
        select(Event).join(Evidence).where(*same, Evidence.source == evidence.source, Evidence.ref == evidence.ref)
    ).first()
    if event is None:
        candidates = session.exec(
            select(Event).where(
                *same, col(Event.reported) >= reported - window, col(Event.reported) <= reported + window
            )
        ).all()
        event = min(candidates, key=lambda e: (abs(e.reported - reported), e.id), default=None)
    created = event is None
    if event is None:
        event = Event(
            entity=entity,
            action=action,
            jurisdiction=jurisdiction,
            certainty=certainty,
            scope=scope,
            effective_date=effective_date,
            reported=reported,
            first_seen=now,
            last_seen=now,
        )
        session.add(event)
        session.flush()
    else:
        event.last_seen = now
        if event.effective_date is None and effective_date is not None:
            event.effective_date = event.reported = effective_date
        elif event.effective_date is None and reported < event.reported:
            event.reported = reported  # the first report's date, whichever was analyzed first
        if event.scope is None:
            event.scope = scope
    _upsert_evidence(session, event, evidence, now)
    return event, created


def _upsert_evidence(session: Session, event: Event, ev: EvidenceInput, now: datetime) -> None:
    row = session.exec(
        select(Evidence).where(Evidence.event_id == event.id, Evidence.source == ev.source, Evidence.ref == ev.ref)
    ).first()
    if row is None:
        assert event.id is not None
        row = Evidence(event_id=event.id, source=ev.source, ref=ev.ref, seen=now)
    row.item_id, row.url, row.title, row.excerpt, row.published = (
        ev.item_id,
        ev.url,
        ev.title,
        ev.excerpt,
        ev.published,
    )
    session.add(row)
    session.flush()
    event.source_count = session.exec(
        select(func.count(func.distinct(Evidence.source))).where(Evidence.event_id == event.id)
    ).one()
    session.add(event)


def link_confirmations(session: Session, event: Event, window: timedelta) -> list[Event]:
    """Link news events and the official event that confirms them (either may come first).

    Returns:
        The news events newly linked to an official event.
    """
    same = (
        Event.entity == event.entity,
        Event.action == event.action,
        _jurisdiction_is(event.jurisdiction),
        col(Event.reported) >= event.reported - window,
        col(Event.reported) <= event.reported + window,
    )
    if event.certainty != "official":
        official = session.exec(
            select(Event).where(*same, Event.certainty == "official").order_by(col(Event.reported))
        ).first()
        if official is not None and event.confirmed_by is None:
            event.confirmed_by = official.id
            session.add(event)
            return [event]
        return []
    news = session.exec(
        select(Event).where(*same, Event.certainty != "official", col(Event.confirmed_by).is_(None))
    ).all()
    for e in news:
        e.confirmed_by = event.id
        session.add(e)
    return list(news)


def update_status(session: Session, entity: str, jurisdiction: str, *, now: datetime) -> tuple[Status, Status]:
    """Recompute the status of one entity in one jurisdiction; record a change if any.

    Returns:
        The status before and after.
    """
    row = session.get(EntityStatus, (entity, jurisdiction))
    before = Status() if row is None else Status(row.state, row.since, row.event_id, row.certainty)
    events = session.exec(select(Event).where(Event.entity == entity, Event.jurisdiction == jurisdiction)).all()
    after = compute_status(
        EventFacts(e.id or 0, e.action, e.certainty, e.scope, e.reported, e.first_seen) for e in events
    )
    if after == before:
        return before, after
    if row is None:
        row = EntityStatus(entity=entity, jurisdiction=jurisdiction, state=after.state, updated_at=now)
    row.state, row.since, row.event_id, row.certainty, row.updated_at = (
        after.state,
        after.since,
        after.event_id,
        after.certainty,
        now,
    )
    session.add(row)
    if after.state != before.state:
        session.add(
            StatusChange(
                entity=entity,
                jurisdiction=jurisdiction,
                before=before.state,
                after=after.state,
                since=after.since,
                event_id=after.event_id,
                recorded_at=now,
            )
        )
        log.info("status entity=%s jurisdiction=%s %s -> %s", entity, jurisdiction, before.state, after.state)
    return before, after


def late_transitions(
    session: Session,
    entity: str,
    jurisdiction: str,
    new_ids: set[int],
    *,
    seen: datetime,
    now: datetime,
    item_id: int | None = None,
) -> list[tuple[Event, str, str]]:
    """Record the transitions that events learned late add to the history; return them.

    An item retried after a fault (a read-only or full database) can be overtaken by items seen
    after it: their events, dated later, were recorded first. Processed in order, the late
    item would have changed the status and the newer ones changed it back; computed only from
    the latest event, both transitions would be lost. So when a new event (`new_ids`) is dated
    before a decisive event that was recorded after the report was seen (`seen`: the item's
    first sight or last edit), the transitions it adds, in event-date order, are recorded as
    status changes and returned to be alerted as late. The current state is not touched here.
    News first learned after the newer events (an old article found today) is not late: it
    changes nothing, as before; nor is an item overtaken by an official (list) event only.
    """
    rows = session.exec(select(Event).where(Event.entity == entity, Event.jurisdiction == jurisdiction)).all()
    facts = {
        e.id or 0: EventFacts(e.id or 0, e.action, e.certainty, e.scope, e.reported, as_utc(e.first_seen)) for e in rows
    }
    new = [facts[i] for i in new_ids if i in facts and facts[i].certainty != "speculative"]
    if not new:
        return []
    first = min(new, key=order_key)
    items: dict[int, int] = {}  # event -> its newest item (news), by evidence
    for event_id, evidence_item in session.exec(
        select(Evidence.event_id, func.max(Evidence.item_id))
        .where(col(Evidence.event_id).in_(list(facts)))
        .group_by(col(Evidence.event_id))
    ).all():
        if evidence_item is not None:
            items[event_id] = evidence_item

    def newer(f: EventFacts) -> bool:  # recorded from a news item stored after this one
        return item_id is not None and items.get(f.id, 0) > item_id and f.first_seen > as_utc(seen)

    overtaken = any(
        order_key(f) > order_key(first) and f.id not in new_ids and newer(f)
        for f in facts.values()
        if f.certainty != "speculative"
    )
    if not overtaken:
        return []
    known = {(f.id, b, a) for f, b, a in transitions(f for f in facts.values() if f.id not in new_ids)}
    added = [(f, b, a) for f, b, a in transitions(facts.values()) if (f.id, b, a) not in known]
    last = transitions(facts.values())[-1:]
    current = session.get(EntityStatus, (entity, jurisdiction))
    if added and last and added[-1] == last[-1] and (current is None or current.state != last[-1][2]):
        added = added[:-1]  # the change to the current state: update_status records it
    by_id = {e.id: e for e in rows}
    out = []
    for f, before, after in added:
        session.add(
            StatusChange(
                entity=entity,
                jurisdiction=jurisdiction,
                before=before,
                after=after,
                since=f.reported,
                event_id=f.id,
                recorded_at=now,
            )
        )
        log.warning(
            "late status change entity=%s jurisdiction=%s %s -> %s on %s (recorded after newer events)",
            entity,
            jurisdiction,
            before,
            after,
            f.reported,
        )
        out.append((by_id[f.id], before, after))
    return out


def _evidence_refs(session: Session, event_ids: Sequence[int]) -> tuple[EvidenceRef, ...]:
    rows = session.exec(
        select(Evidence)
        .where(col(Evidence.event_id).in_(event_ids))
        .order_by(col(Evidence.published).desc(), col(Evidence.id).desc())
        .limit(EVIDENCE_IN_ALERT)
    ).all()
    return tuple(
        EvidenceRef(
            title=r.title,
            source=r.source,
            link=r.url,
            excerpt=r.excerpt,
            published=r.published.isoformat() if r.published else None,
        )
        for r in rows
    )


def make_change(
    session: Session,
    kind: str,
    event: Event,
    *,
    entity_name: str,
    before: str,
    after: str,
    confirmed_by: str | None = None,
    late: bool = False,
) -> Change:
    """Build the change document for `event` (evidence: its own and any news it confirms)."""
    ids = [event.id or 0]
    if event.certainty == "official":
        ids += [e.id or 0 for e in session.exec(select(Event).where(Event.confirmed_by == event.id)).all()]
    return Change(
        kind=kind,
        entity_key=event.entity,
        entity_name=entity_name,
        jurisdiction=event.jurisdiction,
        action=event.action,
        before=before,
        after=after,
        certainty=event.certainty,
        effective_date=event.effective_date,
        reported=event.reported,
        scope=event.scope,
        event_id=event.id,
        sources=event.source_count,
        confirmed_by=confirmed_by,
        evidence=_evidence_refs(session, ids),
        late=late,
    )


def status_changes(
    session: Session, config: Config, entity: str, jurisdiction: str, names: Mapping[str, str], now: datetime
) -> list[Change]:
    before, after = update_status(session, entity, jurisdiction, now=now)
    if before.state == after.state or after.event_id is None:
        return []
    event = session.get(Event, after.event_id)
    assert event is not None
    return [
        make_change(
            session,
            "status",
            event,
            entity_name=names.get(entity, entity),
            before=before.state,
            after=after.state,
            confirmed_by=confirmation_text(session, config, event),
        )
    ]


def signal_change(session: Session, event: Event, names: Mapping[str, str]) -> Change:
    """A report that does not change status: speculative, or of unknown jurisdiction."""
    current = "unknown"
    if event.jurisdiction is not None:
        row = session.get(EntityStatus, (event.entity, event.jurisdiction))
        current = row.state if row else "unknown"
    return make_change(
        session,
        "signal",
        event,
        entity_name=names.get(event.entity, event.entity),
        before=current,
        after=state_after(event.action, event.scope),
    )


def official_text(session: Session, config: Config, official: Event) -> str:
    """ "the OFAC SDN publication of 2025-11-04"."""
    source = session.exec(select(Evidence.source).where(Evidence.event_id == official.id)).first() or "list"
    kind = next((s.kind for s in config.sources if s.name == source), source)
    label = LIST_KINDS[kind].label if kind in LIST_KINDS else source
    return f"the {label} publication of {official.reported.isoformat()}"


def confirmation_text(session: Session, config: Config, event: Event) -> str | None:
    """ "the OFAC SDN publication of 2025-11-04" for an official event or news a list confirmed;
    None for news no list has confirmed (yet) and for talk."""
    if event.certainty == "official":
        return official_text(session, config, event)
    official = session.get(Event, event.confirmed_by) if event.confirmed_by else None
    return official_text(session, config, official) if official else None


def entity_names(config: Config) -> Mapping[str, str]:
    """Display names of the watchlist entities by key (re-read when a watchlist file changes)."""
    files = tuple(config.watchlist.files)
    return _names_cached(files, tuple(_mtime(p) for p in files))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@functools.lru_cache(maxsize=4)
def _names_cached(files: tuple[Path, ...], _mtimes: tuple[float, ...]) -> Mapping[str, str]:
    from monitor.matching.watchlist import load_watchlist

    return {e.key: e.name for e in load_watchlist(files)}
