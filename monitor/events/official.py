"""Official list events: an addition to or removal from an official list, recorded as an event
with the same status and outbox path as news, inside the caller's transaction.

May import: `monitor.storage`, `monitor.config`, the other `monitor.events` modules.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session

from monitor.config import Config
from monitor.events.outbox import enqueue_changes
from monitor.events.record import (
    EvidenceInput,
    as_utc,
    entity_names,
    link_confirmations,
    make_change,
    official_text,
    record_event,
    status_changes,
)
from monitor.events.status import state_after
from monitor.storage.models import Event

__all__ = ["record_official_event"]


def record_official_event(
    session: Session,
    *,
    entity: str,
    action: str,
    jurisdiction: str,
    effective_date: date,
    source: str,
    title: str,
    url: str | None,
    excerpt: str,
    now: datetime,
    config: Config,
    ref: str | None = None,
    scope: str | None = "full",
    baseline: bool = False,
) -> Event:
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
    evidence = EvidenceInput(
        source=source,
        ref=ref or effective_date.isoformat(),
        title=title,
        url=url,
        excerpt=excerpt,
        published=datetime.combine(effective_date, time(), tzinfo=UTC),
    )
    event, created = record_event(
        session,
        entity=entity,
        action=action,
        jurisdiction=jurisdiction,
        certainty="official",
        scope=scope,
        effective_date=effective_date,
        reported=effective_date,
        evidence=evidence,
        now=now,
    )
    link_confirmations(session, event, timedelta(seconds=config.daemon.unconfirmed_after))
    changes = status_changes(session, config, entity, jurisdiction, names, now)
    if baseline:
        return event
    if created and not changes:
        state = state_after(action, scope)
        changes.append(
            make_change(
                session,
                "confirmation",
                event,
                entity_name=names.get(entity, entity),
                before=state,
                after=state,
                confirmed_by=official_text(session, config, event),
            )
        )
    enqueue_changes(session, changes, config.alerts, now=now)
    return event
