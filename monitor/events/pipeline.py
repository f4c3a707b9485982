"""item → mention → event → status change → outbox, one transaction per item.

The daemon calls `analyze_pending_items` after each poll: every stored item whose
`analyzed_hash` differs from its `content_hash` is analyzed, and its mentions, events, status
changes and outbox rows are written in one transaction with the item marked analyzed. A crash
at any point leaves the item either fully recorded or still pending, never half.

Official list events take the same path through `monitor.events.official`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, or_, select

from monitor.classification.findings import Analysis, ItemText
from monitor.config import Config
from monitor.errors import DatabaseUnavailable
from monitor.events.changes import Change
from monitor.events.outbox import enqueue_changes
from monitor.events.record import (
    EvidenceInput,
    as_utc,
    entity_names,
    late_transitions,
    link_confirmations,
    make_change,
    record_event,
    signal_change,
    status_changes,
)
from monitor.storage.db import database_unavailable, describe, serializable
from monitor.storage.models import Item, Mention

if TYPE_CHECKING:
    from monitor.classification.analyzer import Analyzer

__all__ = ["analyze_pending_items", "record_analysis"]

log = logging.getLogger(__name__)


def analyze_pending_items(
    engine: Engine, analyzer: Analyzer, *, now: datetime, config: Config, should_stop: Callable[[], bool] | None = None
) -> int:
    """Analyze every item not yet analyzed in its current version; return how many.

    Each item is one transaction. An item whose transaction fails (a write conflict with a
    concurrent writer, an analyzer bug) is rolled back, logged, and stays pending for the next
    run; the other items go on.
    """
    now = as_utc(now)
    with Session(engine) as session:
        pending = session.exec(
            select(Item.id)
            .where(or_(col(Item.analyzed_hash).is_(None), Item.analyzed_hash != Item.content_hash))
            .order_by(col(Item.id))
        ).all()
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
            if database_unavailable(exc):  # every other item would fail the same way: stop the round
                raise DatabaseUnavailable(
                    f"{describe(exc)}; {len(pending) - index} items stay pending, {done} analyzed this round"
                ) from exc
            log.exception("analysis failed item=%s; it stays pending", item_id)
    return done


def record_analysis(session: Session, item: Item, analysis: Analysis, *, config: Config, now: datetime) -> list[Change]:
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
        evidence = EvidenceInput(
            source=item.source,
            ref=item.guid,
            title=item.title,
            url=item.url,
            excerpt=f.evidence,
            published=item.published,
            item_id=item.id,
        )
        event, created = record_event(
            session,
            entity=f.entity,
            action=f.action,
            jurisdiction=f.jurisdiction,
            certainty=f.certainty,
            scope=f.scope,
            effective_date=f.effective_date,
            reported=f.effective_date or fallback,
            evidence=evidence,
            now=now,
        )
        link_confirmations(session, event, window)
        if f.certainty == "confirmed" and f.jurisdiction is not None:
            touched.setdefault((f.entity, f.jurisdiction), set()).update({event.id or 0} if created else set())
        elif created:
            changes.append(signal_change(session, event, names))
    seen = item.updated_at or item.first_seen
    for (entity, jurisdiction), created_ids in touched.items():
        for event, before, after in late_transitions(
            session, entity, jurisdiction, created_ids, seen=seen, now=now, item_id=item.id
        ):
            changes.append(
                make_change(
                    session,
                    "status",
                    event,
                    entity_name=names.get(entity, entity),
                    before=before,
                    after=after,
                    late=True,
                )
            )
        changes += status_changes(session, config, entity, jurisdiction, names, now)
    enqueue_changes(session, changes, config.alerts, now=now)
    return changes
