"""item → mention → event → status change → outbox, one transaction per item.

The daemon calls `analyze_pending_items` after each poll: every stored item whose
`analyzed_hash` differs from its `content_hash` is analyzed, and its mentions, events, status
changes and outbox rows are written in one transaction with the item marked analyzed. A crash
at any point leaves the item either fully recorded or still pending, never half.

Official list events (issue 5) enter through `record_official_event`, which takes the same
path inside the caller's transaction.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, or_, select

from monitor.alerts import Change
from monitor.analysis import Analysis, ItemText
from monitor.config import Config
from monitor.db import database_unavailable, describe, serializable
from monitor.errors import DatabaseUnavailable
from monitor.events import (EvidenceInput, late_transitions, link_confirmations, make_change, as_utc,
                            record_event, update_status)
from monitor.models import EntityStatus, Event, Evidence, Item, Mention
from monitor.outbox import enqueue_changes
from monitor.status import state_after

if TYPE_CHECKING:
    from monitor.analyze import Analyzer

__all__ = ["LIST_LABELS", "analyze_pending_items", "entity_names", "record_analysis", "record_official_event"]

log = logging.getLogger(__name__)

# How an alert names a list publication: "confirmed by the OFAC SDN publication of 2025-11-04".
LIST_LABELS = {"ofac-sdn": "OFAC SDN", "eu-fsf": "EU Financial Sanctions Files",
               "uk-sanctions": "UK Sanctions List", "un-sc": "UN Security Council Consolidated List"}


def analyze_pending_items(engine: Engine, analyzer: Analyzer, *, now: datetime, config: Config,
                          should_stop: Callable[[], bool] | None = None) -> int:
    """Analyze every item not yet analyzed in its current version; return how many.

    Each item is one transaction. An item whose transaction fails (a write conflict with a
    concurrent writer, an analyzer bug) is rolled back, logged, and stays pending for the next
    run; the other items go on.
    """
    now = as_utc(now)
    with Session(engine) as session:
        pending = session.exec(select(Item.id).where(or_(
            col(Item.analyzed_hash).is_(None), Item.analyzed_hash != Item.content_hash))
            .order_by(col(Item.id))).all()
    done = 0
    writer = serializable(engine)
    for index, item_id in enumerate(pending):
        if should_stop is not None and should_stop():
            break
        try:
            with Session(writer) as session:
                item = session.get(Item, item_id)
                if item is None or item.analyzed_hash == item.content_hash:
                    continue
                analyzed = item.content_hash
                published = item.published.date() if item.published else None
                analysis = analyzer.analyze(ItemText(item.title, item.summary, item.lang, published))
                record_analysis(session, item, analysis, config=config, now=now)
                item.analyzed_hash = analyzed
                session.add(item)
                session.commit()
                done += 1
        except Exception as exc:  # one bad item (or a write conflict) must not hold up the rest
            if database_unavailable(exc):   # every other item would fail the same way: stop the round
                raise DatabaseUnavailable(f"{describe(exc)}; {len(pending) - index} items stay pending, "
                                          f"{done} analyzed this round") from exc
            log.exception("analysis failed item=%s; it stays pending", item_id)
    return done


def record_analysis(session: Session, item: Item, analysis: Analysis, *, config: Config,
                    now: datetime) -> list[Change]:
    """Store one item's mentions and events, update status and enqueue the alerts (no commit)."""
    for key in dict.fromkeys(analysis.mentions):
        if session.exec(select(Mention).where(Mention.item_id == item.id, Mention.entity == key)).first() is None:
            session.add(Mention(item_id=item.id or 0, entity=key))
    names = entity_names(config)
    window = timedelta(seconds=config.daemon.unconfirmed_after)
    fallback = (item.published or item.first_seen).date()
    changes: list[Change] = []
    touched: dict[tuple[str, str], set[int]] = {}  # (entity, jurisdiction), in order: the events it created
    for f in analysis.events:
        evidence = EvidenceInput(source=item.source, ref=item.guid, title=item.title, url=item.url,
                                 excerpt=f.evidence, published=item.published, item_id=item.id)
        event, created = record_event(session, entity=f.entity, action=f.action, jurisdiction=f.jurisdiction,
                                      certainty=f.certainty, scope=f.scope, effective_date=f.effective_date,
                                      reported=f.effective_date or fallback, evidence=evidence, now=now)
        link_confirmations(session, event, window)
        if f.certainty == "confirmed" and f.jurisdiction is not None:
            touched.setdefault((f.entity, f.jurisdiction), set()).update({event.id or 0} if created else set())
        elif created:
            changes.append(_signal(session, event, names))
    seen = item.updated_at or item.first_seen
    for (entity, jurisdiction), created_ids in touched.items():
        for event, before, after in late_transitions(session, entity, jurisdiction, created_ids, seen=seen, now=now,
                                                       item_id=item.id):
            changes.append(make_change(session, "status", event, entity_name=names.get(entity, entity),
                                       before=before, after=after, late=True))
        changes += _status_changes(session, config, entity, jurisdiction, names, now)
    enqueue_changes(session, changes, config.alerts, now=now)
    return changes


def record_official_event(session: Session, *, entity: str, action: str, jurisdiction: str,
                          effective_date: date, source: str, title: str, url: str | None,
                          excerpt: str, now: datetime, config: Config, ref: str | None = None,
                          scope: str | None = "full", baseline: bool = False) -> Event:
    """Record an addition to or removal from an official list as an event (no commit).

    It sets status (outranking news of the same day), links the news events it confirms and
    enqueues the alerts, in the caller's transaction.

    Args:
        entity: the watchlist key.
        action: "impose" (added to the list) or "lift" (removed from it).
        jurisdiction: the list's (ofac-sdn -> US, eu-fsf -> EU, uk-sanctions -> UK, un-sc -> UN).
        effective_date: the publication date.
        source: the [[source]] name of the list; its kind names the list in alerts.
        ref: a stable id of this report (default: the publication date), so a re-run does not
            duplicate evidence.
        baseline: the entry was already on the first snapshot of the list: set status and link
            news as above, but enqueue nothing (being listed when the monitor starts is no change).

    Returns:
        The official event (new, or the one this report merged into).
    """
    now = as_utc(now)
    names = entity_names(config)
    evidence = EvidenceInput(source=source, ref=ref or effective_date.isoformat(), title=title, url=url,
                             excerpt=excerpt, published=datetime.combine(effective_date, time(), tzinfo=timezone.utc))
    event, created = record_event(session, entity=entity, action=action, jurisdiction=jurisdiction,
                                  certainty="official", scope=scope, effective_date=effective_date,
                                  reported=effective_date, evidence=evidence, now=now)
    link_confirmations(session, event, timedelta(seconds=config.daemon.unconfirmed_after))
    changes = _status_changes(session, config, entity, jurisdiction, names, now)
    if baseline:
        return event
    if created and not changes:
        state = state_after(action, scope)
        changes.append(make_change(session, "confirmation", event, entity_name=names.get(entity, entity),
                                   before=state, after=state, confirmed_by=_official_text(session, config, event)))
    enqueue_changes(session, changes, config.alerts, now=now)
    return event


def _status_changes(session: Session, config: Config, entity: str, jurisdiction: str,
                    names: Mapping[str, str], now: datetime) -> list[Change]:
    before, after = update_status(session, entity, jurisdiction, now=now)
    if before.state == after.state or after.event_id is None:
        return []
    event = session.get(Event, after.event_id)
    assert event is not None
    official = session.get(Event, event.confirmed_by) if event.confirmed_by else None
    confirmed_by = _official_text(session, config, official) if official else None
    return [make_change(session, "status", event, entity_name=names.get(entity, entity),
                        before=before.state, after=after.state, confirmed_by=confirmed_by)]


def _signal(session: Session, event: Event, names: Mapping[str, str]) -> Change:
    """A report that does not change status: speculative, or of unknown jurisdiction."""
    current = "unknown"
    if event.jurisdiction is not None:
        row = session.get(EntityStatus, (event.entity, event.jurisdiction))
        current = row.state if row else "unknown"
    return make_change(session, "signal", event, entity_name=names.get(event.entity, event.entity),
                       before=current, after=state_after(event.action, event.scope))


def _official_text(session: Session, config: Config, official: Event) -> str:
    """"the OFAC SDN publication of 2025-11-04"."""
    source = session.exec(select(Evidence.source).where(Evidence.event_id == official.id)).first() or "list"
    kind = next((s.kind for s in config.sources if s.name == source), source)
    return f"the {LIST_LABELS.get(kind, source)} publication of {official.reported.isoformat()}"


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
    from monitor.watchlist import load_watchlist

    return {e.key: e.name for e in load_watchlist(files)}
